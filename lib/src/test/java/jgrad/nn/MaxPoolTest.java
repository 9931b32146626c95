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
    void allNegativeWindowsKeepTheirLargest() {
        assertEquals(-0.5, Functional.maxPool2d(image(-3, -0.5, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY), 2, 2).item());
    }
}
