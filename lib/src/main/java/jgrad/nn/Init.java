package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * Parameter initialisation and the default random generator of layers, like {@code torch.manual_seed}.
 *
 * <p>Layers built without an explicit {@link Random} draw from one process-wide generator, seeded with 0
 * when the class loads: the same notebook builds the same model every run. Call
 * {@link #manualSeed(long)} in a notebook's first cell to choose another seed.
 */
public final class Init {

    private static Random generator = new Random(0);

    private Init() {
    }

    /** Reseeds the default generator of layers. */
    public static synchronized void manualSeed(long seed) {
        generator = new Random(seed);
    }

    /** The default generator layers draw from. */
    public static synchronized Random generator() {
        return generator;
    }

    /**
     * PyTorch's default for Linear and Conv2d (kaiming-uniform with a = √5): uniform in
     * [−1/√fanIn, 1/√fanIn], where fanIn is the number of inputs of one output unit.
     */
    public static Tensor kaimingUniform(Random rng, int fanIn, int... shape) {
        double bound = 1 / Math.sqrt(Math.max(1, fanIn));
        return Tensor.uniform(rng, -bound, bound, shape);
    }
}
