package jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void drawsOneSquarePerPixelAndACaptionPerImage() {
        ImageGrid grid = ImageGrid.of(2, 3).add(new double[] {0, 0.5, 1, 1, 0.5, 0}, "first")
                .add(new double[6], "second");
        String svg = grid.toSvg();
        assertEquals(2, grid.size());
        assertEquals(12, count(svg, "fill=\"rgb("), "2 images of 2×3 pixels");
        assertTrue(svg.contains(">first</text>") && svg.contains(">second</text>"), svg);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    }

    @Test
    void describesItselfStablyAsText() {
        ImageGrid grid = ImageGrid.of(8, 8).title("mistakes").add(new double[64], "a");
        assertEquals("ImageGrid: 1 image of 8×8 pixels, \"mistakes\"", grid.toString());
        assertEquals("ImageGrid: 0 images of 2×3 pixels", ImageGrid.of(2, 3).toString());
    }

    @Test
    void lowIsWhiteHighIsBlackAndOutsideIsClamped() {
        ImageGrid grid = ImageGrid.of(1, 1);
        assertEquals(255, grid.grey(0));
        assertEquals(0, grid.grey(1));
        assertEquals(128, grid.grey(0.5));
        assertEquals(0, grid.grey(7));
        assertEquals(255, grid.grey(-3));
        grid.range(-1, 1);
        assertEquals(128, grid.grey(0));
    }

    @Test
    void layoutWrapsAfterTheGivenNumberOfColumns() {
        ImageGrid grid = ImageGrid.of(1, 1).pixelSize(10).columns(2);
        for (int i = 0; i < 3; i++) {
            grid.add(new double[] {1}, "d" + i);
        }
        // Two cells of 10 + 10 wide plus a margin of 10; a top margin of 5 and two rows of 10 + 16 + 10.
        assertTrue(grid.toSvg().contains("width=\"50\" height=\"77\""), grid.toSvg());
    }

    @Test
    void captionsAndTitleAreEscaped() {
        String svg = ImageGrid.of(1, 1).title("a < b").add(new double[] {0}, "3 -> 8 & more").toSvg();
        assertTrue(svg.contains("a &lt; b") && svg.contains("3 -&gt; 8 &amp; more"), svg);
    }

    @Test
    void badImagesAreRejectedWithTheirSize() {
        ImageGrid grid = ImageGrid.of(8, 8);
        var e = assertThrows(IllegalArgumentException.class, () -> grid.add(new double[10], "x"));
        assertEquals("ImageGrid.add: image 0 has 10 pixels, expected 8·8 = 64 (row-major)", e.getMessage());
        double[] nan = new double[64];
        nan[9] = Double.NaN;
        var n = assertThrows(IllegalArgumentException.class, () -> grid.add(nan, "x"));
        assertTrue(n.getMessage().contains("NaN at pixel 9 (row 1, column 1)"), n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(0, 8));
        assertThrows(IllegalArgumentException.class, () -> grid.range(1, 1));
        assertThrows(IllegalArgumentException.class, () -> grid.columns(0));
    }

    @Test
    void saveWritesTheSvg(@TempDir Path dir) throws Exception {
        ImageGrid grid = ImageGrid.of(2, 2).add(new double[] {0, 1, 1, 0}, "x");
        Path file = dir.resolve("sub/grid.svg");
        grid.save(file);
        assertEquals(grid.toSvg(), Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
