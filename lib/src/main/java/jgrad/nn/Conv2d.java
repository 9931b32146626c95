package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * A 2-D convolution over NCHW batches with square kernels: weight (out, in, k, k), bias (out),
 * initialised uniform in [−1/√(in·k·k), 1/√(in·k·k)] (PyTorch's default). Without a bias:
 * {@code new Conv2d(3, 16, 3).bias(false)}.
 */
public class Conv2d extends Module {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private Tensor bias; // null after bias(false)

    /** Stride 1, no padding, from the default generator. */
    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0);
    }

    /** From the default generator ({@link Init#generator()}). */
    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, Init.generator());
    }

    /** Initialised from {@code rng}: the weight first, then the bias. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Random rng) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d(in " + in + ", out " + out + ", kernel " + kernel + ", stride "
                    + stride + ", padding " + padding + "): channels, kernel and stride must be at least 1, padding at least 0");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int fanIn = in * kernel * kernel;
        this.weight = register("weight", Init.kaimingUniform(rng, fanIn, out, in, kernel, kernel));
        this.bias = register("bias", Init.kaimingUniform(rng, fanIn, out));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, stride, padding);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return Functional.conv2dOutputShape(inputShape, weight.shape(), stride, padding);
    }

    /** The weight, shape (out, in, k, k). */
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
     * the convolution alone and has no {@code "bias"} parameter (in {@link #namedParameters()}, the optimizer's
     * {@link #parameters()} and {@link #summary(int...)}'s counts). The bias was already drawn when the
     * layer was built and is discarded, so the weight, and every layer built afterwards from the same
     * generator, get the same numbers as with a bias. {@code bias(true)} is what a new layer has; it
     * cannot bring a removed bias back. Returns this layer: {@code new Conv2d(3, 16, 3).bias(false)}.
     */
    public Conv2d bias(boolean on) {
        bias = Bias.switched(this, bias, on);
        return this;
    }

    @Override
    public String toString() {
        return "Conv2d(" + in + " -> " + out + ", " + kernel + "x" + kernel
                + (stride != 1 ? ", stride " + stride : "") + (padding != 0 ? ", padding " + padding : "")
                + (bias == null ? ", no bias" : "") + ")";
    }
}
