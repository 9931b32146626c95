package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Errors name the operation, the shapes and the rule. */
class TensorErrorsTest {

    private static String message(Class<? extends Throwable> type, Executable e) {
        return assertThrows(type, e).getMessage();
    }

    @Test
    void matmulMismatch() {
        assertEquals("matmul: (4, 3) @ (4, 2): columns of the left (3) must equal rows of the right (4)",
                message(IllegalArgumentException.class, () -> Tensor.zeros(4, 3).matmul(Tensor.zeros(4, 2))));
    }

    @Test
    void broadcastMismatch() {
        assertEquals("add: (4, 3) + (2, 3): shapes broadcast when, aligned from the right, each pair of dimensions"
                        + " is equal or one of them is 1; here 4 and 2 clash",
                message(IllegalArgumentException.class, () -> Tensor.zeros(4, 3).add(Tensor.zeros(2, 3))));
        assertEquals("mul: (2, 3) * (2): shapes broadcast when, aligned from the right, each pair of dimensions"
                        + " is equal or one of them is 1; here 3 and 2 clash",
                message(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).mul(Tensor.zeros(2))));
    }

    @Test
    void reshapeAndOf() {
        assertEquals("reshape: (2, 3) (6 elements) to (4, 2) (8 elements): a reshape must keep the number of elements",
                message(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2)));
        assertEquals("Tensor.of: shape (2, 2) holds 4 elements but the data has 3; the product of the dimensions"
                        + " must equal the data length",
                message(IllegalArgumentException.class, () -> Tensor.of(new double[] {1, 2, 3}, 2, 2)));
    }

    @Test
    void axisOutOfRange() {
        assertEquals("sum: axis 2 is out of range for a tensor of shape (4, 3) (rank 2); use 0..1 or -2..-1",
                message(IllegalArgumentException.class, () -> Tensor.zeros(4, 3).sum(2)));
    }

    @Test
    void backwardOnANonScalar() {
        assertEquals("backward(): only a one-element tensor (a loss) can start backpropagation; this one has shape"
                        + " (4, 3). Reduce it first, e.g. with sum() or mean()",
                message(IllegalStateException.class, () -> Tensor.zeros(4, 3).requiresGrad().mul(2).backward()));
    }

    @Test
    void backwardWithoutParameters() {
        String m = message(IllegalStateException.class, () -> Tensor.zeros(1).mul(2).backward());
        assertEquals(true, m.startsWith("backward(): this tensor does not depend on any tensor that requires gradients"), m);
    }

    @Test
    void itemOfManyAndCat() {
        assertEquals("item(): only a one-element tensor has a single value; this one has shape (2) (2 elements)."
                + " Use get(i, j, ...) or data()", message(IllegalStateException.class, () -> Tensor.zeros(2).item()));
        assertEquals("cat: tensor 1 has shape (2, 4) but tensor 0 has (3, 3); along axis 0 they may differ, every other"
                        + " dimension must agree",
                message(IllegalArgumentException.class, () -> Tensor.cat(0, Tensor.zeros(3, 3), Tensor.zeros(2, 4))));
    }
}
