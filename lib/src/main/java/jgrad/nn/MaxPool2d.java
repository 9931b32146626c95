package jgrad.nn;

import jgrad.tensor.Tensor;

/** Max pooling over square windows, per channel; no parameters. */
public class MaxPool2d extends Module {

    private final int kernel;
    private final int stride;
    private final int padding;

    /** Windows of {@code kernel×kernel} moved by {@code kernel} (no overlap). */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    /** Windows of {@code kernel×kernel} moved by {@code stride}. */
    public MaxPool2d(int kernel, int stride) {
        this(kernel, stride, 0);
    }

    /**
     * Windows of {@code kernel×kernel} moved by {@code stride} over the input padded with −∞ by {@code padding}
     * on every side (PyTorch's {@code MaxPool2d(kernel, stride, padding)}; at most half the kernel).
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("MaxPool2d(kernel " + kernel + ", stride " + stride + "): both must be at least 1");
        }
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("MaxPool2d(kernel " + kernel + ", stride " + stride + ", padding " + padding
                    + "): the padding must be between 0 and half the kernel (" + kernel / 2 + ")");
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernel, stride, padding);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return Functional.maxPool2dOutputShape(inputShape, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + kernel + "x" + kernel + (stride != kernel ? ", stride " + stride : "")
                + (padding != 0 ? ", padding " + padding : "") + ")";
    }
}
