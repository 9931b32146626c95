package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Full sums are numpy's pairwise summation: the same double as {@code np.sum}, to the last bit, for lengths
 * around its blocks of 8 and 128 (values from lib/src/test/python/numpy_sum_reference.py, numpy 2.4).
 */
class SumReferenceTest {

    private static final int[] LENGTHS = {1, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 130, 255, 256, 257, 1000, 1024, 4097, 9216, 65536, 100003};
    private static final double[] NUMPY_SUMS = {-71.42857142857143, 3650641.428571428, 3650631.8571428573, 3650420.4285714286, 60158629.85714285, 60159036.99999999, 60161951.285714276, 81555852.14285716, 70126536.14285718, 70126840.42857145, 70128726.14285718, 70136011.8571429, 45184155.42857148, 45162012.57142858, 44824869.71428574, 105504101.28571446, 52328926.14285727, -126545520.71428558, -96807250.2857143, -751623962.9999998, -1121056422.4285717};
    private static final double[] POWERS = {1.0, 10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0};

    /** Element i of the script's arrays: one correctly rounded division, one exact product. */
    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((7919L * i) % 1000 - 500) / 7.0 * POWERS[i % 7];
        }
        return v;
    }

    @Test
    void sumIsNumpysToTheLastBit() {
        for (int c = 0; c < LENGTHS.length; c++) {
            int n = LENGTHS[c];
            assertEquals(NUMPY_SUMS[c], Tensor.of(values(n), n).sum().item(), "np.sum of " + n + " values");
        }
    }

    @Test
    void meanIsThePairwiseSumOverTheCount() {
        for (int c = 0; c < LENGTHS.length; c++) {
            int n = LENGTHS[c];
            assertEquals(NUMPY_SUMS[c] / n, Tensor.of(values(n), n).mean().item(), "np.mean of " + n + " values");
        }
    }

    @Test
    void anOffsetSliceSumsLikeItsOwnArray() {
        double[] v = values(4097);
        double[] padded = new double[v.length + 5];
        System.arraycopy(v, 0, padded, 5, v.length);
        assertEquals(Kernels.sum(v, 0, v.length), Kernels.sum(padded, 5, v.length));
        assertEquals(0.0, Kernels.sum(padded, 0, 0));
    }

    @Test
    void shortSumsStayInOrderFromZero() {
        // below 8 elements: 0 + a0 + a1 + ..., as before (so −0.0 alone sums to 0.0, as np.sum gives)
        assertEquals(0.0, Kernels.sum(new double[] {-0.0}, 0, 1)); // JUnit compares the bits: not −0.0
        assertEquals(((((0 + 0.1) + 0.2) + 0.3) + 1e16) - 1e16, Kernels.sum(new double[] {0.1, 0.2, 0.3, 1e16, -1e16}, 0, 5));
    }

    @Test
    void infinitiesAndNanPropagate() {
        double[] v = values(300);
        v[200] = Double.POSITIVE_INFINITY;
        assertEquals(Double.POSITIVE_INFINITY, Tensor.of(v, 300).sum().item());
        v[17] = Double.NEGATIVE_INFINITY;
        assertEquals(Double.NaN, Tensor.of(v, 300).sum().item());
    }
}
