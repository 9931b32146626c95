package jgrad.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import jgrad.data.Iris;

class PlotsTest {

    @Test
    void curveUsesTheIndexAsX() {
        XYChart c = Plots.curve("loss", "step", "loss", new double[] {3, 2, 1});
        assertEquals(1, c.getSeriesCollection().size());
        assertArrayEquals(new double[] {0, 1, 2}, c.getSeriesCollection().iterator().next().getXData());
    }

    @Test
    void scatterByClassMakesOneSeriesPerSpecies() {
        XYChart c = Plots.scatterByClass("iris", "petal length", "petal width", Iris.features(), 2, 3,
                Iris.labels(), Iris.SPECIES);
        assertEquals(Iris.SPECIES, c.getSeriesCollection().stream().map(s -> s.getName()).toList());
    }

    @Test
    void decisionRegionsColourTheGridByPredictedClass() {
        double[][] pts = {{0, 0}, {1, 1}};
        XYChart c = Plots.decisionRegions("xor", (x, y) -> x > 0.5 ? 1 : 0, 0, 1, 0, 1, pts, new int[] {0, 1},
                List.of("0", "1"));
        assertTrue((c.getSeries("region 0") != null));
        assertTrue((c.getSeries("region 1") != null));
        assertEquals(5, c.getSeriesCollection().size(), "two regions, two classes, one invisible off-grid point");
    }

    @Test
    void densityHistogramIntegratesToOne() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
        }
        XYChart c = Plots.histogram("h", "x", v, 20, true);
        double[] x = c.getSeries("histogram").getXData();
        double[] y = c.getSeries("histogram").getYData();
        double area = 0;
        for (int i = 0; i < x.length; i += 2) {
            area += (x[i + 1] - x[i]) * y[i];
        }
        assertEquals(1.0, area, 1e-12);
    }

    @Test
    void savePngWritesAnImage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.png");
        Plots.savePng(Plots.function("parabola", "w", "cost", w -> (w - 2) * (w - 2), 0, 4, 50), file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    @Test
    void mismatchedLabelsAreExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.scatterByClass("t", "x", "y", new double[2][2], 0, 1, new int[3], List.of()));
        assertEquals("scatterByClass: 2 points but 3 labels; give one label per point", e.getMessage());
    }
}
