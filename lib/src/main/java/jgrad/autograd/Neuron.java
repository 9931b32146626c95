package jgrad.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One neuron of micrograd: {@code act(w · x + b)} with weights drawn uniformly from [-1, 1) and a bias
 * of 0, and ReLU as activation unless the neuron is linear (the last layer of an {@link MLP}).
 */
public final class Neuron implements ScalarModule {
    private final Value[] w;
    private final Value b;
    private final boolean nonlinear;

    /** A neuron with {@code nin} inputs whose weights come from {@code random}. */
    public Neuron(int nin, boolean nonlinear, Random random) {
        if (nin < 1) {
            throw new IllegalArgumentException("Neuron: number of inputs must be at least 1, got " + nin);
        }
        w = new Value[nin];
        for (int i = 0; i < nin; i++) {
            w[i] = Value.of(random.nextDouble() * 2 - 1);
        }
        b = Value.of(0);
        this.nonlinear = nonlinear;
    }

    /** The activation for input {@code x}, which must have as many entries as the neuron has weights. */
    public Value forward(List<Value> x) {
        if (x.size() != w.length) {
            throw new IllegalArgumentException("Neuron.forward: expected " + w.length + " inputs, got " + x.size());
        }
        // b first, then each wᵢ·xᵢ: the same order of additions as micrograd, so the same rounding.
        // (an array handed to the sum node as its parents: no list and no copy per neuron)
        Value[] terms = new Value[w.length + 1];
        terms[0] = b;
        for (int i = 0; i < w.length; i++) {
            terms[i + 1] = w[i].mul(x.get(i));
        }
        Value act = Value.sumOwned(terms);
        return nonlinear ? act.relu() : act;
    }

    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>(List.of(w));
        ps.add(b);
        return ps;
    }

    @Override
    public String toString() {
        return (nonlinear ? "ReLU" : "Linear") + "Neuron(" + w.length + ")";
    }
}
