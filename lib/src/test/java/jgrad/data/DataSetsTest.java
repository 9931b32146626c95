package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class DataSetsTest {

    @Test
    void irisHas150FlowersFiftyPerSpecies() {
        Table t = Iris.table();
        assertEquals(150, t.rowCount());
        assertEquals(5, t.columnCount());
        int[] y = Iris.labels();
        int[] counts = new int[3];
        for (int label : y) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, counts);
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, Iris.features()[0]);
    }

    @Test
    void digitsHave1797ImagesScaledToUnitInterval() {
        Digits d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(64, d.images()[0].length);
        assertEquals(0, d.labels()[0]);
        assertEquals(5.0 / 16, d.images()[0][2]);
        double max = Arrays.stream(d.images()).flatMapToDouble(Arrays::stream).max().orElseThrow();
        assertEquals(1.0, max);
    }

    @Test
    void splitIsReproducibleAndDisjoint() {
        Split a = Split.trainTest(150, 0.2, 42), b = Split.trainTest(150, 0.2, 42);
        assertArrayEquals(a.test(), b.test());
        assertEquals(30, a.test().length);
        assertEquals(120, a.train().length);
        boolean[] seen = new boolean[150];
        for (int i : a.train()) {
            seen[i] = true;
        }
        for (int i : a.test()) {
            assertTrue(!seen[i], "row " + i + " is in both parts");
            seen[i] = true;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.trainTest(10, 1.5, 1));
        assertEquals("Split.trainTest: testFraction must be strictly between 0 and 1, got 1.5", e.getMessage());
    }

    @Test
    void moonsAreReproducibleWithHalfOfEachClass() {
        Moons m = Moons.make(100, 0.1, 1);
        assertEquals(100, m.size());
        assertEquals(50, Arrays.stream(m.y()).sum());
        assertArrayEquals(m.x()[7], Moons.make(100, 0.1, 1).x()[7]);
        assertEquals(-1.0, m.signedLabels()[Arrays.stream(m.y()).boxed().toList().indexOf(0)]);
    }
}
