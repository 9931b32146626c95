package jgrad.nn;

/**
 * Batch normalisation of (N, C) features or (N, C, L) sequences per channel C, like
 * {@code torch.nn.BatchNorm1d}; see {@link BatchNorm} for the training and evaluation modes.
 * {@code new Sequential(new Linear(64, 32), new BatchNorm1d(32), new ReLU())}.
 */
public class BatchNorm1d extends BatchNorm {

    /** {@code features} channels, eps 1e-5, momentum 0.1. */
    public BatchNorm1d(int features) {
        super(features);
    }

    /** {@code features} channels with the given eps and momentum. */
    public BatchNorm1d(int features, double eps, double momentum) {
        super(features, eps, momentum);
    }

    @Override
    int[] ranks() {
        return new int[] {2, 3};
    }

    @Override
    String expected() {
        return "(N, C) or (N, C, L)";
    }
}
