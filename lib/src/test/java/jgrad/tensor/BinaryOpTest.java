package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;

/**
 * The table of binary operations is complete: every {@link BinaryOp} computes what its symbol says,
 * is reachable through the public method of its name, and has a backward rule that agrees with central
 * differences in every broadcasting layout (same shape, repeated block, scalar, index map, both sides).
 */
class BinaryOpTest {

    /** Left and right shapes covering every layout of {@link Broadcast}, on each side. */
    private static final int[][][] SHAPES = {
            {{3, 4}, {3, 4}},          // same shape
            {{2, 3, 4}, {4}},          // right repeats (a bias row)
            {{4}, {2, 3, 4}},          // left repeats
            {{2, 3}, {}},              // right scalar
            {{}, {2, 3}},              // left scalar
            {{1}, {1}},                // one element each
            {{2, 3, 4}, {3, 1}},       // right through an index map
            {{3, 1}, {2, 1, 4}},       // both through index maps
            {{1, 3}, {2, 1}},          // an outer product
    };

    /** What each operation must compute, element by element; a new operation must be added here. */
    private static DoubleBinaryOperator reference(BinaryOp op) {
        return switch (op) {
            case ADD -> (x, y) -> x + y;
            case SUB -> (x, y) -> x - y;
            case MUL -> (x, y) -> x * y;
            case DIV -> (x, y) -> x / y;
        };
    }

    @Test
    void everyOperationHasABackwardRuleInEveryLayout() {
        Random rng = new Random(11);
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] shapes : SHAPES) {
                Tensor a = Tensor.randn(rng, shapes[0]);
                Tensor b = Tensor.uniform(rng, 0.5, 2, shapes[1]);   // away from 0: safe for div
                GradCheck.Result r = TensorGradCheck.check(t -> t[0].binary(op, t[1]), a, b);
                assertTrue(r.passed(), () -> op + " " + Shape.format(shapes[0]) + " " + op.symbol + " "
                        + Shape.format(shapes[1]) + ": " + r);
            }
        }
    }

    @Test
    void everyOperationComputesItsSymbolAndIsPublic() throws ReflectiveOperationException {
        Random rng = new Random(12);
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] shapes : SHAPES) {
                Tensor a = Tensor.randn(rng, shapes[0]);
                Tensor b = Tensor.uniform(rng, 0.5, 2, shapes[1]);
                Tensor viaMethod = (Tensor) Tensor.class.getMethod(op.label, Tensor.class).invoke(a, b);
                assertEquals(op.label, viaMethod.op());
                int[] out = Shape.broadcast(op.label, op.symbol, a.shape(), b.shape());
                assertArrayEquals(out, viaMethod.shape());
                double[] expected = elementwise(reference(op), a, b, out);
                assertArrayEquals(expected, viaMethod.data(), 0.0, op + " " + Shape.format(shapes[0]) + " "
                        + op.symbol + " " + Shape.format(shapes[1]));
            }
        }
    }

    /** The reference result, element by element through {@link Broadcast#index}. */
    private static double[] elementwise(DoubleBinaryOperator f, Tensor a, Tensor b, int[] out) {
        int[] ia = Broadcast.index(a.shape, out);
        int[] ib = Broadcast.index(b.shape, out);
        double[] r = new double[ia.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(a.data[ia[i]], b.data[ib[i]]);
        }
        return r;
    }

    @Test
    void broadcastIndexGivesStrideZeroToBroadcastDimensions() {
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, Broadcast.index(new int[] {3}, new int[] {2, 3}));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, Broadcast.index(new int[] {2, 1}, new int[] {2, 3}));
        assertArrayEquals(new int[] {0, 0}, Broadcast.index(new int[] {}, new int[] {2}));
    }

    @Test
    void theShapeErrorNamesTheOperationAndItsSymbol() {
        for (BinaryOp op : BinaryOp.values()) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Tensor.zeros(2, 3).binary(op, Tensor.zeros(4)));
            assertTrue(e.getMessage().startsWith(op.label + ": (2, 3) " + op.symbol + " (4)"), e.getMessage());
        }
    }
}
