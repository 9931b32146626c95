package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;

/** The ops added for students going past the course agree with central differences, broadcasting included. */
class OpsGradientTest {

    private final Random rng = new Random(16);

    private Tensor randn(int... shape) {
        return Tensor.randn(rng, shape);
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = TensorGradCheck.check(f, inputs);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void minWholeAndAlongAnAxis() {
        assertPasses(t -> t[0].min(), randn(3, 4));
        assertPasses(t -> t[0].min(1), randn(2, 3, 4));
        assertPasses(t -> t[0].min(0, true), randn(3, 2));
        assertPasses(t -> t[0].min(-1), randn(5));
    }

    @Test
    void clampInsideAndOutside() {
        // values on a grid that keeps every one at least 0.05 from the bounds ±0.5
        Tensor x = Tensor.of(new double[] {-1.2, -0.7, -0.3, 0.1, 0.45, 0.55, 0.9, 2.0}, 2, 4);
        assertPasses(t -> t[0].clamp(-0.5, 0.5), x);
        assertPasses(t -> t[0].clampMin(0.0), x);
        assertPasses(t -> t[0].clampMax(0.0), x);
    }

    @Test
    void whereInEveryBroadcastingLayout() {
        Tensor cond = randn(3, 1).gt(0);
        assertPasses(t -> Tensor.where(cond, t[0], t[1]), randn(2, 3, 4), randn(4));
        assertPasses(t -> Tensor.where(cond, t[0], t[1]), randn(4), randn(2, 3, 4));
        assertPasses(t -> Tensor.where(cond, t[0], t[1]), Tensor.scalar(0.3), randn(3, 4));
        Tensor big = randn(2, 3, 4).gt(0);
        assertPasses(t -> Tensor.where(big, t[0], t[1]), randn(3, 1), randn(1, 4));
    }

    @Test
    void varianceAndStandardDeviationAlongEveryAxis() {
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            assertPasses(t -> t[0].var(a), randn(2, 3, 4));
            assertPasses(t -> t[0].std(a, true, false), randn(2, 3, 4));
            assertPasses(t -> t[0].var(a, false, false).add(t[0].std(a)), randn(2, 3, 4));
        }
        assertPasses(t -> t[0].var(), randn(3, 4));
        assertPasses(t -> t[0].std(false), randn(3, 4));
        // broadcasting a variance back: a layer-norm-like standardisation
        assertPasses(t -> t[0].sub(t[0].mean(1, true)).div(t[0].std(1, true).add(1e-5)), randn(3, 5));
    }

    @Test
    void gatherWithRepeatedIndices() {
        Tensor idx = Tensor.of(new double[] {0, 0, 2, 1, 3, 3}, 2, 3);
        assertPasses(t -> t[0].gather(1, idx), randn(2, 4));
        assertPasses(t -> t[0].gather(0, Tensor.of(new double[] {1, 0, 1, 1}, 1, 4)), randn(2, 4));
        assertPasses(t -> t[0].gather(2, Tensor.zeros(2, 3, 1)), randn(2, 3, 4));
    }

    @Test
    void matmulWithVectorsAndBroadcastBatches() {
        assertPasses(t -> t[0].matmul(t[1]), randn(4), randn(4));
        assertPasses(t -> t[0].matmul(t[1]), randn(4), randn(4, 3));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(4));
        assertPasses(t -> t[0].matmul(t[1]), randn(4), randn(2, 4, 3));
        assertPasses(t -> t[0].matmul(t[1]), randn(3, 4), randn(2, 4, 5));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 1, 3, 4), randn(3, 4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(1, 3, 4), randn(2, 4, 2));
        // the existing paths: 2-D, a stack times one matrix, equal stacks
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(4, 2));
        assertPasses(t -> t[0].matmul(t[1]), randn(2, 3, 4), randn(2, 4, 2));
    }

    @Test
    void squeezeAndUnsqueeze() {
        assertArrayEquals(new int[] {2, 3}, Tensor.zeros(2, 1, 3, 1).squeeze().shape());
        assertArrayEquals(new int[] {2, 3, 1}, Tensor.zeros(2, 1, 3, 1).squeeze(1).shape());
        assertArrayEquals(new int[] {2, 1, 3, 1}, Tensor.zeros(2, 1, 3, 1).squeeze(0).shape());
        assertArrayEquals(new int[] {2, 1, 3}, Tensor.zeros(2, 1, 3, 1).squeeze(-1).shape());
        assertArrayEquals(new int[] {1, 3}, Tensor.zeros(3).unsqueeze(0).shape());
        assertArrayEquals(new int[] {3, 1}, Tensor.zeros(3).unsqueeze(-1).shape());
        assertArrayEquals(new int[] {2, 1, 3}, Tensor.zeros(2, 3).unsqueeze(1).shape());
        assertPasses(t -> t[0].unsqueeze(1).mul(t[1]).squeeze(), randn(3), randn(1, 4));
    }

    @Test
    void errorsNameTheOpShapesAndRule() {
        assertEquals("matmul: (3) @ (4, 2): columns of the left (3) must equal rows of the right (4); a vector counts"
                        + " as a row on the left and a column on the right",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2))).getMessage());
        assertEquals("matmul: (2, 3, 4) @ (3, 4, 5): the batch dimensions (2) and (3) (all but the last two) must"
                        + " broadcast: aligned from the right, each pair equal or one of them 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5))).getMessage());
        assertEquals("matmul: () @ (3): a scalar has no rows or columns; multiply by a number with mul instead",
                assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(2).matmul(Tensor.zeros(3))).getMessage());
        assertEquals("gather: index value 4.0 at position 1 is not a position along axis 1 of shape (2, 4) (whole"
                        + " numbers 0..3)",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> Tensor.zeros(2, 4).gather(1, Tensor.of(new double[] {0, 4}, 2, 1))).getMessage());
        assertEquals("gather: index of shape (3) for a tensor of shape (2, 4): the index must have the same number of"
                        + " dimensions (2)",
                assertThrows(IllegalArgumentException.class,
                        () -> Tensor.zeros(2, 4).gather(1, Tensor.zeros(3))).getMessage());
        assertEquals("unsqueeze: axis 3 for shape (2, 3): the new dimension goes at 0..2 (or -3..-1), one more"
                        + " position than the tensor has dimensions",
                assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).unsqueeze(3)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Tensor.where(Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(3))).getMessage()
                .startsWith("where: (2) (condition) with (3): shapes broadcast when"));
    }
}
