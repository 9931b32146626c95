package jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The contour map of optimizer trajectories: bands of equal size, paths on top, a PNG that shows both. */
class ContourTest {

    private static final DoubleBinaryOperator ROSENBROCK = (x, y) -> Math.pow(1 - x, 2) + 100 * Math.pow(y - x * x, 2);

    @Test
    void bandsHoldEqualShares() {
        XYChart c = Plots.contour("bowl", (x, y) -> x * x + 10 * y * y, -1, 1, -1, 1, 8);
        int total = 0;
        for (int k = 0; k < 8; k++) {
            XYSeries band = c.getSeries("level " + k);
            assertEquals(800, band.getXData().length, "80 × 80 grid points in 8 bands, band " + k);
            total += band.getXData().length;
        }
        assertEquals(6400, total);
        // the lowest band is the ellipse around the minimum at the origin: area 4/8 = π·a·a/√10, a ≈ 0.71
        XYSeries low = c.getSeries("level 0");
        for (int i = 0; i < low.getXData().length; i++) {
            assertTrue(Math.abs(low.getXData()[i]) < 0.75 && Math.abs(low.getYData()[i]) < 0.25,
                    "(" + low.getXData()[i] + ", " + low.getYData()[i] + ")");
        }
    }

    @Test
    void aPathIsALineOverTheMap(@TempDir Path dir) throws Exception {
        XYChart c = Plots.contour("Rosenbrock", ROSENBROCK, -2, 2, -1, 3, 12);
        double[] px = {-1.5, -1, 0, 0.5, 1};
        double[] py = {2, 1, 0, 0.25, 1};
        XYSeries path = Plots.addPath(c, "gradient descent", px, py);
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, path.getXYSeriesRenderStyle().orElseThrow());
        assertArrayEquals(px, path.getXData());
        assertTrue(path.isShowInLegend());
        Path png = dir.resolve("rosenbrock.png");
        Plots.savePng(c, png);
        BufferedImage img = ImageIO.read(Files.newInputStream(png));
        assertEquals(Plots.WIDTH, img.getWidth());
        assertEquals(Plots.HEIGHT, img.getHeight());
        // the map fills the plot: the pixel at the centre of the plot area is a band colour, not white
        int rgb = img.getRGB(img.getWidth() / 2 - 40, img.getHeight() / 2) & 0xffffff;
        assertTrue(rgb != 0xffffff, Integer.toHexString(rgb));
    }

    @Test
    void errorsSayTheRanges() {
        assertEquals("contour: 1 levels over [0.0, 1.0] × [0.0, 1.0]: use 2..12 levels and ranges with max > min",
                assertThrows(IllegalArgumentException.class,
                        () -> Plots.contour("f", ROSENBROCK, 0, 1, 0, 1, 1)).getMessage());
        XYChart c = Plots.contour("f", ROSENBROCK, 0, 1, 0, 1, 4);
        assertEquals("addPath: 2 x values and 1 y values: a path needs one x and one y per step, at least one step",
                assertThrows(IllegalArgumentException.class,
                        () -> Plots.addPath(c, "p", new double[2], new double[1])).getMessage());
    }
}
