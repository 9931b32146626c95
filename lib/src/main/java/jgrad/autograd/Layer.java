package jgrad.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fully connected layer of micrograd {@link Neuron}s, all reading the same inputs. */
public final class Layer implements ScalarModule {
    private final List<Neuron> neurons = new ArrayList<>();

    /** {@code nout} neurons with {@code nin} inputs each. */
    public Layer(int nin, int nout, boolean nonlinear, Random random) {
        if (nout < 1) {
            throw new IllegalArgumentException("Layer: number of neurons must be at least 1, got " + nout);
        }
        for (int i = 0; i < nout; i++) {
            neurons.add(new Neuron(nin, nonlinear, random));
        }
    }

    /** The output of every neuron for input {@code x}. */
    public List<Value> forward(List<Value> x) {
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) {
            out.add(n.forward(x));
        }
        return out;
    }

    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>();
        for (Neuron n : neurons) {
            ps.addAll(n.parameters());
        }
        return ps;
    }

    @Override
    public String toString() {
        return "Layer of " + neurons;
    }
}
