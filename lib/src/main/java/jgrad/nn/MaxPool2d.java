package jgrad.nn;

import jgrad.tensor.Tensor;

/** Max pooling over square windows, per channel; no parameters. */
public class MaxPool2d extends Module {

    private final int kernel;
    private final int stride;

    /** Windows of {@code kernel×kernel} moved by {@code kernel} (no overlap). */
    public MaxPool2d(int kernel) {
        this(kernel, kernel);
    }

    /** Windows of {@code kernel×kernel} moved by {@code stride}. */
    public MaxPool2d(int kernel, int stride) {
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("MaxPool2d(kernel " + kernel + ", stride " + stride + "): both must be at least 1");
        }
        this.kernel = kernel;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.maxPool2d(x, kernel, stride);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return Functional.maxPool2dOutputShape(inputShape, kernel, stride);
    }

    @Override
    public String toString() {
        return "MaxPool2d(" + kernel + "x" + kernel + (stride != kernel ? ", stride " + stride : "") + ")";
    }
}
