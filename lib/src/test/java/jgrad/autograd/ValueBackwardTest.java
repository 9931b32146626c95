package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How gradients flow: accumulation, repeated backward passes, deep graphs, in-place updates. */
class ValueBackwardTest {

    @Test
    void aNodeUsedTwiceGetsBothContributions() {
        Value a = Value.of(3.0);
        Value b = a.mul(a);
        b.backward();
        assertEquals(6.0, a.grad());

        Value c = Value.of(-2.0);
        Value d = c.add(c).add(c);
        d.backward();
        assertEquals(3.0, c.grad());
    }

    @Test
    void leavesAccumulateAcrossBackwardPassesUntilZeroed() {
        Value x = Value.of(2.0);
        Value y = x.mul(x).mul(3); // dy/dx = 12
        y.backward();
        y.backward();
        assertEquals(24.0, x.grad(), "leaves accumulate like PyTorch's .grad");

        x.zeroGrad();
        y.backward();
        assertEquals(12.0, x.grad());
    }

    @Test
    void intermediateGradientsAreRecomputedNotAccumulated() {
        Value x = Value.of(2.0);
        Value h = x.mul(3);
        Value y = h.mul(h);
        y.backward();
        y.backward();
        assertEquals(12.0, h.grad(), "dy/dh of the last pass only");
        assertEquals(72.0, x.grad(), "two passes of 36 each");
    }

    @Test
    void millionNodeChainDoesNotOverflowTheStack() {
        Value x = Value.of(1.0);
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(1e-6);
        }
        y.backward();
        assertEquals(2.0, y.data(), 1e-6);
        assertEquals(1.0, x.grad());
    }

    @Test
    void parametersUpdateInPlace() {
        Value w = Value.of(1.0);
        for (int step = 0; step < 200; step++) {
            w.zeroGrad();
            Value loss = w.sub(3).pow(2);
            loss.backward();
            w.setData(w.data() - 0.1 * w.grad());
        }
        assertEquals(3.0, w.data(), 1e-12);
    }

    @Test
    void topologicalOrderPutsEveryNodeAfterItsParents() {
        Value a = Value.of(1), b = Value.of(2);
        Value c = a.mul(b), d = c.add(a), e = d.tanh();
        List<Value> order = e.topologicalOrder();
        assertEquals(5, order.size());
        assertSame(e, order.get(order.size() - 1));
        for (Value v : order) {
            for (Value p : v.parents()) {
                assertTrue(order.indexOf(p) < order.indexOf(v), p + " must come before " + v);
            }
        }
    }

    @Test
    void sumOfManyIsOneNode() {
        Value a = Value.of(1), b = Value.of(2), c = Value.of(3);
        Value s = Value.sum(List.of(a, b, c, a));
        s.backward();
        assertEquals(7.0, s.data());
        assertEquals(2.0, a.grad());
        assertEquals(1.0, c.grad());
        assertEquals(4, s.parents().size());
        assertEquals("sum", s.op());
    }
}
