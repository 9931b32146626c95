package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradCheckTest {

    @Test
    void numericalGradientOfAQuadratic() {
        double[] g = GradCheck.numericalGradient(x -> x[0] * x[0] + 3 * x[0] * x[1], 2.0, -1.0);
        assertArrayEquals(new double[] {1.0, 6.0}, g, 1e-8);
    }

    @Test
    void inputIsNotModified() {
        double[] x = {1.5, 2.5};
        GradCheck.numericalGradient(v -> v[0] * v[1], x);
        assertArrayEquals(new double[] {1.5, 2.5}, x);
    }

    @Test
    void derivativeOfCourseCost() {
        // d/dw (x·w − y)² = 2x(xw − y) at x = 2, y = 4, w = 1 gives −8
        assertEquals(-8.0, GradCheck.numericalDerivative(w -> Math.pow(2 * w - 4, 2), 1.0), 1e-8);
    }

    @Test
    void compareFlagsAWrongGradient() {
        GradCheck.Result ok = GradCheck.compare(new double[] {1.0, 6.0}, new double[] {1.0 + 1e-9, 6.0});
        assertTrue(ok.passed());
        GradCheck.Result bad = GradCheck.compare(new double[] {1.0, 5.0}, new double[] {1.0, 6.0});
        assertFalse(bad.passed());
        assertEquals(1, bad.worstIndex());
        assertTrue(bad.toString().startsWith("gradient check FAILED"), bad.toString());
        assertFalse(GradCheck.compare(new double[] {Double.NaN}, new double[] {1.0}).passed());
    }

    @Test
    void checkOnValues() {
        assertTrue(GradCheck.check(v -> v[0].mul(v[1]).tanh(), 0.5, -1.5).passed());
    }

    @Test
    void badStepIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.numericalGradient(x -> x[0], new double[] {1}, 0));
        assertEquals("numericalGradient: the step h must be positive, got 0.0", e.getMessage());
    }
}
