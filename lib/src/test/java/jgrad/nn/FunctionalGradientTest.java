package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;
import jgrad.tensor.Tensor;

/** The layer operations agree with central differences. */
class FunctionalGradientTest {

    private final Random rng = new Random(11);

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = TensorGradCheck.check(f, inputs);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void linearWithAndWithoutBias() {
        assertPasses(t -> Functional.linear(t[0], t[1], t[2]),
                Tensor.randn(rng, 5, 3), Tensor.randn(rng, 4, 3), Tensor.randn(rng, 4));
        assertPasses(t -> Functional.linear(t[0], t[1], null), Tensor.randn(rng, 2, 5, 3), Tensor.randn(rng, 4, 3));
        assertPasses(t -> Functional.linear(t[0], t[1], t[2]),
                Tensor.randn(rng, 40, 30), Tensor.randn(rng, 20, 30), Tensor.randn(rng, 20));
    }

    @Test
    void conv2dPlain() {
        assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 1, 0),
                Tensor.randn(rng, 2, 2, 5, 5), Tensor.randn(rng, 3, 2, 3, 3), Tensor.randn(rng, 3));
    }

    @Test
    void conv2dWithStrideAndPadding() {
        assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 2, 1),
                Tensor.randn(rng, 2, 3, 6, 7), Tensor.randn(rng, 2, 3, 3, 3), Tensor.randn(rng, 2));
        assertPasses(t -> Functional.conv2d(t[0], t[1], null, 3, 2),
                Tensor.randn(rng, 1, 2, 5, 5), Tensor.randn(rng, 2, 2, 2, 3));
    }

    @Test
    void conv2dLargeEnoughToSplitOverThreads() {
        assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 1, 1),
                Tensor.randn(rng, 4, 3, 12, 12), Tensor.randn(rng, 8, 3, 3, 3), Tensor.randn(rng, 8));
    }

    @Test
    void conv2dThatUnfoldsAgainInBackward() {
        long saved = Functional.keepUnfoldedLimit;
        Functional.keepUnfoldedLimit = 0;
        try {
            assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 2, 1),
                    Tensor.randn(rng, 3, 2, 5, 6), Tensor.randn(rng, 3, 2, 3, 3), Tensor.randn(rng, 3));
        } finally {
            Functional.keepUnfoldedLimit = saved;
        }
    }

    @Test
    void maxPoolingOverlappingAndNot() {
        // distinct values so that no window has a tie (where the max is not differentiable)
        Tensor x = Tensor.randn(rng, 2, 2, 6, 6);
        assertPasses(t -> Functional.maxPool2d(t[0], 2, 2), x);
        assertPasses(t -> Functional.maxPool2d(t[0], 3, 1), x);
        assertPasses(t -> Functional.maxPool2d(t[0], 3, 2), x);
    }

    @Test
    void conv2dWithRectangularKernelsAndPerAxisStrideAndPadding() {
        assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 1, 2, 1, 0),
                Tensor.randn(rng, 2, 2, 6, 7), Tensor.randn(rng, 3, 2, 2, 3), Tensor.randn(rng, 3));
        assertPasses(t -> Functional.conv2d(t[0], t[1], null, 2, 1, 0, 2),
                Tensor.randn(rng, 1, 3, 7, 5), Tensor.randn(rng, 2, 3, 3, 1));
        // a tall kernel, and (below) unfolding again in the backward pass
        assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 2, 1, 2, 1),
                Tensor.randn(rng, 2, 2, 9, 6), Tensor.randn(rng, 3, 2, 5, 3), Tensor.randn(rng, 3));
        long saved = Functional.keepUnfoldedLimit;
        Functional.keepUnfoldedLimit = 0;
        try {
            assertPasses(t -> Functional.conv2d(t[0], t[1], t[2], 3, 2, 1, 2),
                    Tensor.randn(rng, 3, 2, 8, 6), Tensor.randn(rng, 3, 2, 1, 4), Tensor.randn(rng, 3));
        } finally {
            Functional.keepUnfoldedLimit = saved;
        }
    }

    @Test
    void maxPoolingWithPadding() {
        Tensor x = Tensor.randn(rng, 2, 2, 6, 7);
        assertPasses(t -> Functional.maxPool2d(t[0], 2, 2, 1), x);
        assertPasses(t -> Functional.maxPool2d(t[0], 3, 1, 1), x);
        assertPasses(t -> Functional.maxPool2d(t[0], 3, 2, 1), x);
        assertPasses(t -> Functional.maxPool2d(t[0], 5, 3, 2), x);
    }

    @Test
    void crossEntropyAndMse() {
        assertPasses(t -> Functional.crossEntropy(t[0], new int[] {1, 0, 3}), Tensor.randn(rng, 3, 4));
        assertPasses(t -> Functional.mse(t[0], t[1]), Tensor.randn(rng, 4, 2), Tensor.randn(rng, 4, 2));
    }

    @Test
    void dropoutWithAFixedMaskAndFlatten() {
        assertPasses(t -> Functional.dropout(t[0], 0.5, true, new Random(3)), Tensor.randn(rng, 4, 5));
        assertPasses(t -> Functional.flatten(t[0]).mul(t[0].reshape(2, 12)), Tensor.randn(rng, 2, 3, 4));
    }

    @Test
    void aSmallCnnEndToEnd() {
        assertPasses(t -> Functional.crossEntropy(
                Functional.linear(Functional.flatten(Functional.maxPool2d(
                        Functional.conv2d(t[0], t[1], t[2], 1, 0).tanh(), 2, 2)), t[3], t[4]), new int[] {1, 0}),
                Tensor.randn(rng, 2, 1, 6, 6), Tensor.randn(rng, 3, 1, 3, 3), Tensor.randn(rng, 3),
                Tensor.randn(rng, 2, 12), Tensor.randn(rng, 2));
    }
}
