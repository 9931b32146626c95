package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Edge cases follow IEEE 754 the way PyTorch does: no exceptions, infinities and NaN instead. */
class ValueIeeeTest {

    @Test
    void reluHasGradientZeroAtZero() {
        Value x = Value.of(0.0);
        Value y = x.relu();
        y.backward();
        assertEquals(0.0, y.data());
        assertEquals(0.0, x.grad());
    }

    @Test
    void logOfZeroIsMinusInfinityWithInfiniteGradient() {
        Value x = Value.of(0.0);
        Value y = x.log();
        y.backward();
        assertEquals(Double.NEGATIVE_INFINITY, y.data());
        assertEquals(Double.POSITIVE_INFINITY, x.grad());
    }

    @Test
    void logOfNegativeIsNaN() {
        Value x = Value.of(-1.0);
        Value y = x.log();
        y.backward();
        assertEquals(Double.NaN, y.data());
        assertEquals(-1.0, x.grad(), "torch.log(-1).backward() gives grad 1/x = -1");
    }

    @Test
    void divisionByZeroGivesInfinities() {
        Value a = Value.of(1.0), b = Value.of(0.0);
        Value y = a.div(b);
        y.backward();
        assertEquals(Double.POSITIVE_INFINITY, y.data());
        assertEquals(Double.POSITIVE_INFINITY, a.grad());
        assertEquals(Double.NEGATIVE_INFINITY, b.grad());

        Value zero = Value.of(0.0);
        assertEquals(Double.NaN, zero.div(0.0).data(), "0/0 is NaN");
    }

    @Test
    void powOfNegativeBase() {
        Value x = Value.of(-8.0);
        Value cube = x.pow(3);
        cube.backward();
        assertEquals(-512.0, cube.data());
        assertEquals(192.0, x.grad());

        Value z = Value.of(-8.0);
        Value root = z.pow(1.0 / 3);
        root.backward();
        assertEquals(Double.NaN, root.data(), "a negative base with a fractional exponent is NaN");
        assertEquals(Double.NaN, z.grad());
    }

    @Test
    void powZeroHasZeroGradientEvenAtZero() {
        Value x = Value.of(0.0);
        Value y = x.pow(0);
        y.backward();
        assertEquals(1.0, y.data());
        assertEquals(0.0, x.grad());
    }

    @Test
    void sigmoidAndTanhSaturateWithoutOverflow() {
        Value big = Value.of(-1000.0);
        Value s = big.sigmoid();
        s.backward();
        assertEquals(0.0, s.data());
        assertEquals(0.0, big.grad());
        assertEquals(1.0, Value.of(1000.0).sigmoid().data());
        assertEquals(1.0, Value.of(1000.0).tanh().data());
        assertEquals(Double.POSITIVE_INFINITY, Value.of(1000.0).exp().data());
    }
}
