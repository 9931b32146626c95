package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;

/** Every differentiable Tensor operation agrees with central differences. */
class TensorGradientTest {

    private final Random rng = new Random(7);

    private Tensor randn(int... shape) {
        return Tensor.randn(rng, shape);
    }

    /** Values in [0.5, 2): safe for log, sqrt, division and pow. */
    private Tensor positive(int... shape) {
        return Tensor.uniform(rng, 0.5, 2, shape);
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = TensorGradCheck.check(f, inputs);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void elementwiseSameShape() {
        assertPasses(t -> t[0].add(t[1]), randn(3, 4), randn(3, 4));
        assertPasses(t -> t[0].sub(t[1]), randn(3, 4), randn(3, 4));
        assertPasses(t -> t[0].mul(t[1]), randn(3, 4), randn(3, 4));
        assertPasses(t -> t[0].div(t[1]), randn(3, 4), positive(3, 4));
    }

    @Test
    void broadcastingBetweenDifferentRanks() {
        assertPasses(t -> t[0].add(t[1]), randn(2, 3, 4), randn(4));
        assertPasses(t -> t[0].sub(t[1]), randn(3, 1), randn(2, 1, 4));
        assertPasses(t -> t[0].mul(t[1]), randn(2, 3, 4), randn(3, 1));
        assertPasses(t -> t[0].div(t[1]), randn(4), positive(2, 3, 1));
        assertPasses(t -> t[0].mul(t[1]), randn(1, 3), randn(2, 1));
        assertPasses(t -> t[0].sub(t[1]), Tensor.scalar(0.3), randn(2, 3));
        assertPasses(t -> t[0].div(t[1]), randn(2, 3), Tensor.scalar(1.7));
    }

    @Test
    void withNumbers() {
        assertPasses(t -> t[0].add(2).mul(3).sub(1).div(4).rsub(5).neg(), randn(2, 3));
    }

    @Test
    void unaryFunctions() {
        assertPasses(t -> t[0].exp(), randn(2, 3));
        assertPasses(t -> t[0].log(), positive(2, 3));
        assertPasses(t -> t[0].sqrt(), positive(2, 3));
        assertPasses(t -> t[0].pow(3), randn(2, 3));
        assertPasses(t -> t[0].pow(2), randn(2, 3));
        assertPasses(t -> t[0].pow(-1.5), positive(2, 3));
        assertPasses(t -> t[0].tanh(), randn(2, 3));
        assertPasses(t -> t[0].sigmoid(), randn(2, 3).mul(4));
        assertPasses(t -> t[0].abs(), positive(2, 3).sub(1.25).add(Tensor.of(new double[] {0.1, 0.1, 0.1})));
    }

    @Test
    void reluAwayFromTheKink() {
        Tensor x = Tensor.of(new double[] {-1.5, -0.2, 0.3, 2.0, -0.7, 0.9}, 2, 3);
        assertPasses(t -> t[0].relu(), x);
    }

    @Test
    void reductions() {
        assertPasses(t -> t[0].sum(), randn(2, 3, 4));
        assertPasses(t -> t[0].mean(), randn(2, 3, 4));
        assertPasses(t -> t[0].sum(1), randn(2, 3, 4));
        assertPasses(t -> t[0].sum(-1, true), randn(2, 3, 4));
        assertPasses(t -> t[0].mean(0), randn(2, 3, 4));
        assertPasses(t -> t[0].mean(2, true), randn(2, 3, 4));
        assertPasses(t -> t[0].max(1), randn(2, 3, 4));
        assertPasses(t -> t[0].max(0, true), randn(3, 2));
        assertPasses(t -> t[0].max(), randn(3, 2));
    }

    @Test
    void softmaxAndLogSoftmaxAlongEveryAxis() {
        assertPasses(t -> t[0].softmax(1), randn(3, 4));
        assertPasses(t -> t[0].softmax(0), randn(3, 4));
        assertPasses(t -> t[0].logSoftmax(-1), randn(2, 3, 4));
        assertPasses(t -> t[0].logSoftmax(1), randn(2, 3, 4));
    }

    @Test
    void matmulPlainBatchedAndStacked() {
        assertPasses(t -> t[0].matmul(t[1]), randn(3, 4), randn(4, 5));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(2, 4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(40, 30), randn(30, 20));
    }

    @Test
    void shapeOperations() {
        assertPasses(t -> t[0].reshape(4, -1).mul(t[1]), randn(2, 3, 2), randn(4, 3));
        assertPasses(t -> t[0].transpose(), randn(3, 4));
        assertPasses(t -> t[0].permute(2, 0, 1), randn(2, 3, 4));
        assertPasses(t -> t[0].rows(2, 0, 2), randn(3, 2));
        assertPasses(t -> t[0].slice(1, 3), randn(4, 2));
        assertPasses(t -> Tensor.cat(1, t[0], t[1]), randn(2, 3), randn(2, 1));
        assertPasses(t -> Tensor.cat(0, t[0], t[1]), randn(2, 3), randn(1, 3));
    }

    @Test
    void aTensorUsedTwiceAccumulates() {
        assertPasses(t -> t[0].mul(t[0]).add(t[0].exp()).sum(0), randn(3, 2));
    }
}
