package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The divisor's gradient of {@link Value#div} with very small and very large numbers, against PyTorch
 * 1.13 float64 (DIV_GRAD_B in lib/src/test/python/torch_reference_ops.py, section "edges", the same
 * numbers as jgrad.tensor.EdgesReferenceTest).
 */
class ValueDivisorTest {

    static final double[] A = {1e-300, 1e300, 3.0, 1e-200, -2e200};
    static final double[] B = {1e-200, 1e200, 1e-160, 1e-300, 4e150};
    static final double[] DIV_GRAD_B = {-1e+100, -1e-100, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.2500000000000002e-101};

    @Test
    void finiteWhereTheTrueValueIsFinite() {
        for (int i = 0; i < A.length; i++) {
            Value a = Value.of(A[i]);
            Value b = Value.of(B[i]);
            a.div(b).backward();
            double e = DIV_GRAD_B[i];
            if (Double.isFinite(e)) {
                assertEquals(e, b.grad(), Math.abs(e) * 1e-15, "b = " + B[i]);
            } else {
                assertEquals(e, b.grad(), "b = " + B[i]);
            }
        }
    }

    @Test
    void ieeeSpecialValuesAsPyTorch() {
        assertTrue(Double.isNaN(Value.divisorGradient(0, 1, 0)));             // 0·∞
        assertEquals(Double.NEGATIVE_INFINITY, Value.divisorGradient(1, 1, 0));
        assertEquals(-0.0, Value.divisorGradient(1, 0, 2));
        assertEquals(-1e210, Value.divisorGradient(1e200, 1e210, 1e100), 1e195);
        assertEquals(-6.0 / 4, Value.divisorGradient(2, 3, 2), 0);
    }
}
