package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The checks published in micrograd's test suite, with the numbers PyTorch gives. */
class MicrogradChecksTest {

    @Test
    void sanityCheck() {
        Value x = Value.of(-4.0);
        Value z = x.mul(2).add(2).add(x);
        Value q = z.relu().add(z.mul(x));
        Value h = z.mul(z).relu();
        Value y = h.add(q).add(q.mul(x));
        y.backward();

        assertEquals(-20.0, y.data(), 0.0);
        assertEquals(46.0, x.grad(), 0.0);
    }

    @Test
    void moreOps() {
        Value a = Value.of(-4.0);
        Value b = Value.of(2.0);
        Value c = a.add(b);
        Value d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(Value.of(1).add(c).add(a.neg()));
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(d.mul(3).add(b.sub(a).relu()));
        Value e = c.sub(d);
        Value f = e.pow(2);
        Value g = f.div(2.0);
        g = g.add(Value.of(10.0).div(f));
        g.backward();

        assertEquals(24.70408163265306, g.data(), 1e-12);
        assertEquals(138.83381924198252, a.grad(), 1e-10);
        assertEquals(645.5772594752186, b.grad(), 1e-10);
    }
}
