package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * A dense layer {@code y = x · Wᵀ + b} with W of shape (out, in) and b of shape (out), as in PyTorch.
 * Weights and biases start uniform in [−1/√in, 1/√in] (PyTorch's default). For the course's own
 * initialisation (notebook 06: weights 0.1·uniform[0, 1), biases 0), set them:
 * {@code fc.weight().setData(Tensor.rand(rng, out, in).mul(0.1)); fc.bias().setData(Tensor.zeros(out));}
 * Without a bias ({@code y = x · Wᵀ}): {@code new Linear(in, out).bias(false)}.
 */
public class Linear extends Module {

    private final int in;
    private final int out;
    private final Tensor weight;
    private Tensor bias; // null after bias(false)

    /** A dense layer initialised from the default generator ({@link Init#generator()}). */
    public Linear(int in, int out) {
        this(in, out, Init.generator());
    }

    /** A dense layer initialised from {@code rng}: the weight first (row-major), then the bias. */
    public Linear(int in, int out, Random rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear(" + in + " -> " + out + "): both sizes must be at least 1");
        }
        this.in = in;
        this.out = out;
        this.weight = register("weight", Init.kaimingUniform(rng, in, out, in));
        this.bias = register("bias", Init.kaimingUniform(rng, in, out));
    }

    @Override
    public Tensor forward(Tensor x) {
        check(x.shape());
        return Functional.linear(x, weight, bias);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        check(inputShape);
        return Functional.linearOutputShape(inputShape, weight.shape());
    }

    private void check(int[] s) {
        if (s.length < 1 || s[s.length - 1] != in) {
            throw new IllegalArgumentException(this + ": expected input of shape (N, " + in + "), got "
                    + jgrad.tensor.Shape.format(s) + ": the last dimension must equal the layer's input size (" + in + ")");
        }
    }

    /** The weight, shape (out, in). */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias, shape (out).
     *
     * @throws IllegalStateException when the bias was removed with {@link #bias(boolean) bias(false)}
     */
    public Tensor bias() {
        return Bias.required(this, bias);
    }

    /** False after {@link #bias(boolean) bias(false)}. */
    public boolean hasBias() {
        return bias != null;
    }

    /**
     * {@code bias(false)} removes the bias, like PyTorch's {@code bias=False}: the layer computes
     * x · Wᵀ and has no {@code "bias"} parameter (in {@link #namedParameters()}, the optimizer's
     * {@link #parameters()} and {@link #summary(int...)}'s counts). The bias was already drawn when the
     * layer was built and is discarded, so the weight, and every layer built afterwards from the same
     * generator, get the same numbers as with a bias. {@code bias(true)} is what a new layer has; it
     * cannot bring a removed bias back. Returns this layer: {@code new Linear(4, 8).bias(false)}.
     */
    public Linear bias(boolean on) {
        bias = Bias.switched(this, bias, on);
        return this;
    }

    /** The input size. */
    public int inFeatures() {
        return in;
    }

    /** The output size. */
    public int outFeatures() {
        return out;
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + (bias == null ? ", no bias" : "") + ")";
    }
}
