package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * A 2-D convolution over NCHW batches: weight (out, in, kh, kw), bias (out), initialised uniform in
 * [−1/√(in·kh·kw), 1/√(in·kh·kw)] (PyTorch's default). Square kernels: {@code new Conv2d(3, 16, 3)};
 * rectangular ones with a stride and padding per axis, as PyTorch's tuples (height first):
 * {@code new Conv2d(3, 16, new int[] {3, 5}, new int[] {1, 2}, new int[] {1, 2})}. Without a bias:
 * {@code new Conv2d(3, 16, 3).bias(false)}.
 */
public class Conv2d extends Module {

    private final int in;
    private final int out;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int ph;
    private final int pw;
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
        this(in, out, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, rng);
    }

    /**
     * A kernel of {@code kernel[0]×kernel[1]} (height, width), moved by {@code stride[0]} rows and
     * {@code stride[1]} columns over the input padded by {@code padding[0]} rows and {@code padding[1]}
     * columns of zeros on each side; from the default generator.
     */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding) {
        this(in, out, kernel, stride, padding, Init.generator());
    }

    /** {@link #Conv2d(int, int, int[], int[], int[])} initialised from {@code rng}: the weight first, then the bias. */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, Random rng) {
        for (int[] pair : new int[][] {kernel, stride, padding}) {
            if (pair == null || pair.length != 2) {
                throw new IllegalArgumentException("Conv2d: kernel, stride and padding take two numbers each (height, width),"
                        + " as PyTorch's tuples; got " + (pair == null ? "null" : java.util.Arrays.toString(pair)));
            }
        }
        if (in < 1 || out < 1 || kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1
                || padding[0] < 0 || padding[1] < 0) {
            throw new IllegalArgumentException("Conv2d(in " + in + ", out " + out + ", kernel " + pair(kernel) + ", stride "
                    + pair(stride) + ", padding " + pair(padding)
                    + "): channels, kernel and stride must be at least 1, padding at least 0");
        }
        this.in = in;
        this.out = out;
        this.kh = kernel[0];
        this.kw = kernel[1];
        this.sh = stride[0];
        this.sw = stride[1];
        this.ph = padding[0];
        this.pw = padding[1];
        int fanIn = in * kh * kw;
        this.weight = register("weight", Init.kaimingUniform(rng, fanIn, out, in, kh, kw));
        this.bias = register("bias", Init.kaimingUniform(rng, fanIn, out));
    }

    /** "2" for a square pair, "(2, 1)" otherwise. */
    private static String pair(int[] p) {
        return p[0] == p[1] ? Integer.toString(p[0]) : "(" + p[0] + ", " + p[1] + ")";
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, sh, sw, ph, pw);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return Functional.conv2dOutputShape(inputShape, weight.shape(), sh, sw, ph, pw);
    }

    /** The weight, shape (out, in, kh, kw). */
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
        return "Conv2d(" + in + " -> " + out + ", " + kh + "x" + kw
                + (sh != 1 || sw != 1 ? ", stride " + pair(new int[] {sh, sw}) : "")
                + (ph != 0 || pw != 0 ? ", padding " + pair(new int[] {ph, pw}) : "")
                + (bias == null ? ", no bias" : "") + ")";
    }
}
