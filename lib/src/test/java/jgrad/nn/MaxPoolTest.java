package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/** Max pooling's choices where the maximum is not plain: NaN, ties, negative numbers only. */
class MaxPoolTest {

    private static Tensor image(double... pixels) {
        return Tensor.of(pixels, 1, 1, 2, 2);
    }

    @Test
    void nanPropagatesAsInPyTorchWhateverItsSign() {
        double negativeNaN = Double.longBitsToDouble(0xfff8000000000000L);
        assertTrue(Double.isNaN(Functional.maxPool2d(image(1, Double.NaN, 3, 2), 2, 2).item()));
        assertTrue(Double.isNaN(Functional.maxPool2d(image(1, negativeNaN, 3, 2), 2, 2).item()));
        assertTrue(Double.isNaN(Functional.maxPool2d(image(Double.NaN, 5, 3, 2), 2, 2).item()));
    }

    @Test
    void theFirstOfEqualMaximaGetsTheGradient() {
        Tensor x = image(2, 7, 7, -1).requiresGrad();
        Tensor y = Functional.maxPool2d(x, 2, 2);
        y.backward();
        assertEquals(7, y.item());
        assertArrayEquals(new double[] {0, 1, 0, 0}, x.grad().data());
    }

    @Test
    void twoByTwoWindowsAtStrideOneAndTwoPickWhatAPlainScanPicks() {
        java.util.Random rng = new java.util.Random(11);
        double[] pixels = new double[2 * 3 * 7 * 6];
        for (int i = 0; i < pixels.length; i++) {
            // few distinct values, so that ties are common; a NaN now and then
            pixels[i] = i % 37 == 5 ? Double.NaN : rng.nextInt(4) - 1.5;
        }
        for (int stride : new int[] {1, 2}) {
            Tensor x = Tensor.of(pixels.clone(), 2, 3, 7, 6).requiresGrad();
            Tensor y = Functional.maxPool2d(x, 2, stride);
            y.sum().backward();
            int oh = (7 - 2) / stride + 1, ow = (6 - 2) / stride + 1;
            double[] expected = new double[2 * 3 * oh * ow];
            double[] gradient = new double[pixels.length];
            int o = 0;
            for (int plane = 0; plane < 6; plane++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++, o++) {
                        int best = -1;
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 2; j++) {
                                int at = plane * 42 + (r * stride + i) * 6 + q * stride + j;
                                double v = pixels[at];
                                if (best < 0 || v > pixels[best] || (Double.isNaN(v) && !Double.isNaN(pixels[best]))) {
                                    best = at;
                                }
                            }
                        }
                        expected[o] = pixels[best];
                        gradient[best] += 1;
                    }
                }
            }
            assertArrayEquals(expected, y.data(), "stride " + stride);
            assertArrayEquals(gradient, x.grad().data(), "stride " + stride + ": the first maximum gets the gradient");
        }
    }

    @Test
    void allNegativeWindowsKeepTheirLargest() {
        assertEquals(-0.5, Functional.maxPool2d(image(-3, -0.5, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY), 2, 2).item());
    }
}
