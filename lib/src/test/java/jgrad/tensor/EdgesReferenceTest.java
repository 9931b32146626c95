package jgrad.tensor;

import static jgrad.tensor.Seq.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import jgrad.nn.Functional;

/**
 * The edges where PyTorch 2.x documents a behaviour: ties and NaN in max/min and argmax/argmin, NaN
 * through relu, 0·∞ in a backward pass, empty means and zero-size flattening, the divisor's gradient of
 * a division with very small or very large numbers. Values from PyTorch 1.13 float64
 * (lib/src/test/python/torch_reference_ops.py, section "edges"); at each of these edges 1.13 already
 * does what the 2.x documentation says (e.g. max()'s backward "evenly distributes gradient between
 * equal values"), so the two agree.
 */
class EdgesReferenceTest {

    private static final double TOL = 1e-12;

    static final double[] MAX_TIE_GRAD = {0.0, 0.3333333333333333, 0.3333333333333333, 0.0, 0.3333333333333333};
    static final double[] MIN_TIE_GRAD = {1.0, 0.0, 0.0, 0.0, 0.0};
    static final double[] MAX_NAN = {Double.NaN};
    static final double[] MAX_NAN_GRAD = {0.0, 0.5, 0.0, 0.5};
    static final double[] MAXDIM_NAN = {Double.NaN, 5.0, Double.NaN};
    static final double[] MAXDIM_NAN_ARG = {1.0, 1.0, 0.0};
    static final double[] MAXDIM_NAN_GRAD = {0.0, 2.099833416646828, 0.0, 0.0, 2.5646424733950353, 0.0, 2.8912073600614354, 0.0, 0.0};
    static final double[] ARGMAX0_NAN = {2.0, 0.0, 2.0};
    static final double[] ARGMIN1_NAN = {1.0, 0.0, 0.0};
    static final double[] RELU_NAN = {Double.NaN, Double.NaN, 0.0, 0.0, -0.0, 2.0};
    static final double[] RELU_NAN_GRAD = {1.0, 1.0, 0.0, 0.0, 0.0, 1.0};
    static final double[] MEAN_EMPTY = {Double.NaN};
    static final double[] MEAN0_EMPTY = {Double.NaN, Double.NaN, Double.NaN};
    static final double[] ZERO_INF_MATMUL_GRAD_A = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2.0, 2.0};
    static final double[] ZERO_INF_MATMUL_GRAD_B = {Double.NaN, 2.0, Double.POSITIVE_INFINITY, 4.0};
    static final double[] ZERO_INF_MUL_GRAD_X = {Double.NaN, 3.0};
    static final double[] ZERO_INF_MUL_GRAD_Y = {0.0, 2.0};
    static final double[] DIV_SMALL_LARGE = {1e-100, 1e+100, 3e+160, 1e+100, -5e+49};
    static final double[] DIV_GRAD_A = {1e+200, 1e-200, 1e+160, 9.999999999999999e+299, 2.5e-151};
    static final double[] DIV_GRAD_B = {-1e+100, -1e-100, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.2500000000000002e-101};

    private static double[] asDoubles(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void wholeTensorMaxAndMinShareTheGradientAmongTies() {
        Tensor x = Tensor.of(new double[] {1, 3, 3, 2, 3}).requiresGrad();
        x.max().backward();
        assertArrayEquals(MAX_TIE_GRAD, x.grad().data(), TOL);
        Tensor y = Tensor.of(new double[] {1, 3, 3, 2, 3}).requiresGrad();
        y.min().backward();
        assertArrayEquals(MIN_TIE_GRAD, y.grad().data(), TOL);
    }

    @Test
    void nanWinsInMaxAndArgmax() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3, Double.NaN}).requiresGrad();
        Tensor m = x.max();
        m.backward();
        assertArrayEquals(MAX_NAN, m.data(), 0);
        assertArrayEquals(MAX_NAN_GRAD, x.grad().data(), TOL);
        double nan = Double.NaN;
        Tensor z = Tensor.of(new double[] {1, nan, 3, 2, 5, 5, nan, 0, nan}, 3, 3).requiresGrad();
        Tensor v = z.max(1);
        v.mul(seq(0.5, 0.1, 3).add(2)).sum().backward();
        assertArrayEquals(MAXDIM_NAN, v.data(), 0);
        assertArrayEquals(MAXDIM_NAN_ARG, asDoubles(z.argmax(1)), 0);
        assertArrayEquals(MAXDIM_NAN_GRAD, z.grad().data(), TOL);
        assertArrayEquals(ARGMAX0_NAN, asDoubles(z.argmax(0)), 0);
        assertArrayEquals(ARGMIN1_NAN, asDoubles(z.argmin(1)), 0);
    }

    @Test
    void reluKeepsNaNAndPassesItsGradient() {
        double negativeNaN = Double.longBitsToDouble(0xfff8000000000000L);   // torch's -nan: sign bit set
        Tensor x = Tensor.of(new double[] {Double.NaN, negativeNaN, -1, 0, -0.0, 2}).requiresGrad();
        Tensor y = x.relu();
        y.sum().backward();
        // PyTorch keeps relu(−0.0) = −0.0 where jgrad gives +0.0; the two compare equal, as they do in IEEE arithmetic
        assertArrayEquals(RELU_NAN, y.data(), 0);
        assertArrayEquals(RELU_NAN_GRAD, x.grad().data(), 0);
        assertTrue(Double.isNaN(jgrad.autograd.Value.of(Double.NaN).relu().data()));
    }

    @Test
    void reluSelectsTheGradientRatherThanMultiplyingIt() {
        // PyTorch's threshold_backward is where(x <= 0, 0, g): a NaN or infinite g below the kink gives 0, not NaN
        Tensor x = Tensor.of(new double[] {-1, 0, -0.0, 2, Double.NaN}).requiresGrad();
        Tensor upstream = Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3, -5});
        x.relu().mul(upstream).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 3, -5}, x.grad().data(), 0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(x.grad().data()[0]), "+0.0, as before");
    }

    @Test
    void reluGivesTheSameBitsInEveryLaneAsForOneElement() {
        // 37 entries: whole vectors (8 or 4 lanes with the Vector API) and a tail, each meeting every edge value
        double negativeNaN = Double.longBitsToDouble(0xfff8000000000000L);
        double[] edges = {Double.NaN, negativeNaN, -1, 0, -0.0, 2, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            1e-300, -1e-300, Double.MIN_VALUE};
        double[] upstreamEdges = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3, -5, 0.5, -0.0};
        double[] xs = new double[37], gs = new double[37];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = edges[i % edges.length];
            gs[i] = upstreamEdges[i % upstreamEdges.length];
        }
        Tensor x = Tensor.of(xs).requiresGrad();
        Tensor y = x.relu();
        y.mul(Tensor.of(gs)).sum().backward();
        for (int i = 0; i < xs.length; i++) {
            double relu = Math.max(xs[i], 0.0);
            // the gradients start at +0.0 and are added to: relu's upstream is 0.0 + gs[i], its result 0.0 + that
            double grad = 0.0 + (xs[i] <= 0 ? 0.0 : 0.0 + gs[i]);
            assertSameBits(relu, y.data()[i], "relu(" + xs[i] + ") at " + i);
            assertSameBits(grad, x.grad().data()[i], "gradient at " + i + " (x " + xs[i] + ", upstream " + gs[i] + ")");
        }
    }

    /** Equal bits, any NaN matching any NaN. */
    private static void assertSameBits(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": NaN expected, got " + actual);
        } else {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    what + ": " + expected + " expected, got " + actual);
        }
    }

    @Test
    void zeroTimesInfinityInABackwardPassIsNaN() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
        Tensor y = Tensor.of(new double[] {Double.POSITIVE_INFINITY, 3}).requiresGrad();
        x.mul(y).mul(Tensor.of(new double[] {0, 1})).sum().backward();
        assertArrayEquals(ZERO_INF_MUL_GRAD_X, x.grad().data(), 0);
        assertArrayEquals(ZERO_INF_MUL_GRAD_Y, y.grad().data(), 0);
    }

    @Test
    void zeroTimesInfinityInAProductsBackwardPassIsNaN() {
        // b's gradient aᵀ·g meets a = 0 against g = ∞: a kernel that skips zero entries of a gave 2 here
        Tensor a = Tensor.of(new double[][] {{0, 1}, {2, 3}}).requiresGrad();
        Tensor b = Tensor.ones(2, 2).requiresGrad();
        a.matmul(b).mul(Tensor.of(new double[][] {{Double.POSITIVE_INFINITY, 1}, {1, 1}})).sum().backward();
        assertArrayEquals(ZERO_INF_MATMUL_GRAD_A, a.grad().data(), 0);
        assertArrayEquals(ZERO_INF_MATMUL_GRAD_B, b.grad().data(), 0);
    }

    @Test
    void emptyMeansAreNaNAndZeroSizeBatchesFlatten() {
        Tensor e = Tensor.zeros(0, 3).requiresGrad();
        Tensor m = e.mean();
        assertArrayEquals(MEAN_EMPTY, m.data(), 0);
        m.backward();
        assertArrayEquals(new int[] {0, 3}, e.grad().shape());
        assertArrayEquals(MEAN0_EMPTY, e.mean(0).data(), 0);
        assertArrayEquals(new int[] {0}, e.mean(1).shape());
        assertArrayEquals(new int[] {0, 12}, Functional.flatten(Tensor.zeros(0, 3, 4)).shape());
        assertArrayEquals(new int[] {0, 12}, new jgrad.nn.Flatten().forward(Tensor.zeros(0, 3, 4)).shape());
    }

    @Test
    void theDivisorsGradientStaysFiniteWhereItsTrueValueIs() {
        Tensor a = Tensor.of(new double[] {1e-300, 1e300, 3.0, 1e-200, -2e200}).requiresGrad();
        Tensor b = Tensor.of(new double[] {1e-200, 1e200, 1e-160, 1e-300, 4e150}).requiresGrad();
        Tensor q = a.div(b);
        q.sum().backward();
        assertRelative(DIV_SMALL_LARGE, q.data());
        assertRelative(DIV_GRAD_A, a.grad().data());
        assertRelative(DIV_GRAD_B, b.grad().data());
        // g·(a/b) overflows though g·a/b² = 1e200·1e210/1e200 is finite
        Tensor a2 = Tensor.of(new double[] {1e210}).requiresGrad();
        Tensor b2 = Tensor.of(new double[] {1e100}).requiresGrad();
        a2.div(b2).mul(1e200).sum().backward();
        assertEquals(-1e210, b2.grad().item(), 1e195);
        // the same through broadcasting: one divisor for a row
        Tensor a3 = Tensor.of(new double[] {1e-300, 2e-300}).requiresGrad();
        Tensor b3 = Tensor.of(new double[] {1e-200}).requiresGrad();
        a3.div(b3).sum().backward();
        assertEquals(-3e100, b3.grad().item(), 3e85);
    }

    /** Equal within 1e-15 relative (IEEE special values exactly). */
    static void assertRelative(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            if (Double.isFinite(e)) {
                assertEquals(e, actual[i], Math.abs(e) * 1e-15, "element " + i);
            } else {
                assertEquals(e, actual[i], "element " + i);
            }
        }
    }
}
