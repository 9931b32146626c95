package jgrad.nn;

/**
 * Batch normalisation of (N, C, H, W) images per channel C (over the batch and every pixel), like
 * {@code torch.nn.BatchNorm2d}; see {@link BatchNorm} for the training and evaluation modes.
 * {@code new Sequential(new Conv2d(1, 16, 3), new BatchNorm2d(16), new ReLU())}.
 */
public class BatchNorm2d extends BatchNorm {

    /** {@code features} channels, eps 1e-5, momentum 0.1. */
    public BatchNorm2d(int features) {
        super(features);
    }

    /** {@code features} channels with the given eps and momentum. */
    public BatchNorm2d(int features, double eps, double momentum) {
        super(features, eps, momentum);
    }

    @Override
    int[] ranks() {
        return new int[] {4};
    }

    @Override
    String expected() {
        return "(N, C, H, W)";
    }
}
