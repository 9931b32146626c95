package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Shape;
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

    /**
     * Xavier (Glorot) uniform initialisation in place, PyTorch's {@code xavier_uniform_}: uniform in
     * [−a, a] with a = gain·√(6 / (fanIn + fanOut)), so activations and gradients keep their variance
     * through tanh or sigmoid layers. Fans come from the shape as in PyTorch: for (out, in) fanIn = in,
     * fanOut = out; for (O, C, KH, KW) fanIn = C·KH·KW, fanOut = O·KH·KW. Draws from {@link #generator()};
     * returns the tensor: {@code Init.xavierUniform(fc.weight())}.
     */
    public static Tensor xavierUniform(Tensor weight) {
        return xavierUniform(generator(), weight, 1);
    }

    /** {@link #xavierUniform(Tensor)} with a gain (e.g. 5/3 for tanh, PyTorch's calculate_gain), drawn from {@code rng}. */
    public static Tensor xavierUniform(Random rng, Tensor weight, double gain) {
        int[] fans = fans("xavierUniform", weight);
        double bound = gain * Math.sqrt(6.0 / (fans[0] + fans[1]));
        return weight.setData(Tensor.uniform(rng, -bound, bound, weight.shape()));
    }

    /** Xavier (Glorot) normal initialisation in place: N(0, σ²) with σ = √(2 / (fanIn + fanOut)), from {@link #generator()}. */
    public static Tensor xavierNormal(Tensor weight) {
        return xavierNormal(generator(), weight, 1);
    }

    /** {@link #xavierNormal(Tensor)} with a gain, σ = gain·√(2 / (fanIn + fanOut)), drawn from {@code rng}. */
    public static Tensor xavierNormal(Random rng, Tensor weight, double gain) {
        int[] fans = fans("xavierNormal", weight);
        double std = gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
        return weight.setData(Tensor.randn(rng, weight.shape()).mul(std));
    }

    /**
     * He (Kaiming) uniform initialisation in place for ReLU layers, PyTorch's
     * {@code kaiming_uniform_(w, nonlinearity='relu')}: uniform in [−b, b] with b = √2·√(3 / fanIn), so
     * the variance of the activations stays the same through ReLU layers. (Not {@link #kaimingUniform},
     * PyTorch's default layer initialisation, whose bound is 1/√fanIn.) From {@link #generator()}.
     */
    public static Tensor heUniform(Tensor weight) {
        return heUniform(generator(), weight);
    }

    /** {@link #heUniform(Tensor)} drawn from {@code rng}. */
    public static Tensor heUniform(Random rng, Tensor weight) {
        double bound = Math.sqrt(6.0 / fans("heUniform", weight)[0]);
        return weight.setData(Tensor.uniform(rng, -bound, bound, weight.shape()));
    }

    /** He (Kaiming) normal initialisation in place for ReLU layers: N(0, 2 / fanIn), PyTorch's {@code kaiming_normal_}. */
    public static Tensor heNormal(Tensor weight) {
        return heNormal(generator(), weight);
    }

    /** {@link #heNormal(Tensor)} drawn from {@code rng}. */
    public static Tensor heNormal(Random rng, Tensor weight) {
        double std = Math.sqrt(2.0 / fans("heNormal", weight)[0]);
        return weight.setData(Tensor.randn(rng, weight.shape()).mul(std));
    }

    /** {fanIn, fanOut} of a weight, PyTorch's {@code _calculate_fan_in_and_fan_out}, or the error. */
    static int[] fans(String op, Tensor weight) {
        int[] s = weight.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException(op + ": a weight of shape " + Shape.format(s) + " has no fan-in and"
                    + " fan-out; they need at least 2 dimensions, (out, in) or (out, in, kernel...). Biases are set otherwise");
        }
        int receptive = 1;
        for (int i = 2; i < s.length; i++) {
            receptive *= s[i];
        }
        return new int[] {s[1] * receptive, s[0] * receptive};
    }
}
