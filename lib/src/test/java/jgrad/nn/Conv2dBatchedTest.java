package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Small images are convolved side by side as one product ({@link Functional#BATCHED_WIDTH}); one image at a
 * time goes through the per-image products. Both must give the same outputs, bit for bit, and the same
 * gradients up to the grouping of their sums (a last-bit difference).
 */
class Conv2dBatchedTest {

    @Test
    void smallImagesSideBySideGiveWhatEachImageAloneGives() {
        check(5, 2, 7, 6, 3, 3, 2, 2, 1, 1, 0, true);
        check(4, 3, 8, 8, 8, 3, 3, 1, 1, 0, 0, true);
        check(3, 1, 6, 5, 2, 1, 1, 1, 1, 0, 0, false);
    }

    private static void check(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw,
                              boolean bias) {
        Random rng = new Random(7 + n * 31 + o);
        Tensor x = Tensor.randn(rng, n, c, h, w).requiresGrad();
        Tensor weight = Tensor.randn(rng, o, c, kh, kw).requiresGrad();
        Tensor b = bias ? Tensor.randn(rng, o).requiresGrad() : null;
        Tensor y = Functional.conv2d(x, weight, b, sh, sw, ph, pw);
        int[] ys = y.shape();
        assertTrue(ys[2] * ys[3] < Functional.BATCHED_WIDTH, "the batched path runs for these shapes");
        Tensor upstream = Tensor.randn(rng, ys);
        y.mul(upstream).sum().backward();

        int image = c * h * w, out = o * ys[2] * ys[3];
        double[] yAlone = new double[n * out];
        double[] gxAlone = new double[n * image];
        Tensor wAlone = Tensor.of(weight.data(), weight.shape()).requiresGrad();
        Tensor bAlone = bias ? Tensor.of(b.data(), o).requiresGrad() : null;
        for (int i = 0; i < n; i++) {
            Tensor xi = Tensor.of(Arrays.copyOfRange(x.data(), i * image, (i + 1) * image), 1, c, h, w).requiresGrad();
            Tensor yi = Functional.conv2d(xi, wAlone, bAlone, sh, sw, ph, pw);
            Tensor gi = Tensor.of(Arrays.copyOfRange(upstream.data(), i * out, (i + 1) * out), yi.shape());
            yi.mul(gi).sum().backward();
            System.arraycopy(yi.data(), 0, yAlone, i * out, out);
            System.arraycopy(xi.grad().data(), 0, gxAlone, i * image, image);
        }
        assertArrayEquals(yAlone, y.data(), 0.0, "outputs");
        assertArrayEquals(gxAlone, x.grad().data(), 1e-12, "input gradients");
        assertArrayEquals(wAlone.grad().data(), weight.grad().data(), 1e-12, "weight gradients");
        if (bias) {
            assertArrayEquals(bAlone.grad().data(), b.grad().data(), 1e-12, "bias gradients");
        }
    }
}
