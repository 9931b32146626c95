package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

class TensorGradCheckTest {

    /** x² with a deliberately wrong backward (x instead of 2x). */
    private static Tensor wrongSquare(Tensor x) {
        double[] d = x.data();
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * d[i];
        }
        return Tensor.derived("wrongSquare", out, x.shape(), g -> {
            double[] gx = x.gradStorage();
            for (int i = 0; i < g.length; i++) {
                gx[i] += g[i] * d[i];
            }
        }, x);
    }

    @Test
    void catchesAWrongGradient() {
        GradCheck.Result r = TensorGradCheck.check(t -> wrongSquare(t[0]), Tensor.of(new double[] {1, 2, 3}));
        assertFalse(r.passed());
        assertTrue(r.toString().contains("FAILED"), r::toString);
    }

    @Test
    void passesACorrectOneAndLeavesTheInputsAlone() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}, 3, 1);
        GradCheck.Result r = TensorGradCheck.check(t -> t[0].pow(2).matmul(t[1]), x, Tensor.of(new double[] {2, 3}, 1, 2));
        assertTrue(r.passed(), r::toString);
        assertEquals(5, r.analytic().length);
        assertFalse(x.needsGrad());
    }
}
