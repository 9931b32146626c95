package jgrad.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * micrograd's multi-layer perceptron: layers of {@link Neuron}s, ReLU on every layer but the last,
 * which stays linear so that it can output any score.
 *
 * <pre>{@code
 * MLP model = new MLP(2, new int[] {16, 16, 1}, 42);
 * Value score = model.forward(Value.of(0.5), Value.of(-1.0)).get(0);
 * }</pre>
 */
public final class MLP implements ScalarModule {
    private final List<Layer> layers = new ArrayList<>();
    private final int nin;

    /** An MLP with {@code nin} inputs and layers of the given sizes, weights drawn from a generator seeded with {@code seed}. */
    public MLP(int nin, int[] nouts, long seed) {
        this(nin, nouts, new Random(seed));
    }

    /** An MLP whose weights come from {@code random}. */
    public MLP(int nin, int[] nouts, Random random) {
        if (nouts.length == 0) {
            throw new IllegalArgumentException("MLP: give at least one layer size");
        }
        this.nin = nin;
        int[] sizes = new int[nouts.length + 1];
        sizes[0] = nin;
        System.arraycopy(nouts, 0, sizes, 1, nouts.length);
        for (int i = 0; i < nouts.length; i++) {
            layers.add(new Layer(sizes[i], sizes[i + 1], i != nouts.length - 1, random));
        }
    }

    /** The outputs of the last layer for input {@code x}. */
    public List<Value> forward(List<Value> x) {
        for (Layer layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    /** {@link #forward(List)} on the given inputs. */
    public List<Value> forward(Value... x) {
        return forward(Arrays.asList(x));
    }

    /** {@link #forward(List)} on plain numbers, wrapped as constant {@link Value}s. */
    public List<Value> forward(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) {
            in.add(Value.of(xi));
        }
        return forward(in);
    }

    /** The layers, input side first. */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>();
        for (Layer layer : layers) {
            ps.addAll(layer.parameters());
        }
        return ps;
    }

    @Override
    public String toString() {
        return "MLP(" + nin + " inputs, " + layers.size() + " layers, " + parameters().size() + " parameters)";
    }
}
