package jgrad.nn;

import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share: per-channel normalisation with a learnt scale
 * ({@code weight}, starting at 1) and shift ({@code bias}, starting at 0), and running estimates of the
 * mean (starting at 0) and variance (starting at 1) that evaluation uses, as {@code torch.nn.BatchNorm*d}.
 *
 * <p>In training mode (the default, see {@link Module#train()}) each batch is normalised with its own
 * mean and biased variance, and the running estimates move towards the batch's:
 * running ← (1 − momentum)·running + momentum·batch, with the unbiased variance (PyTorch's rule).
 * After {@link Module#eval()} the running estimates normalise and are left alone. The running
 * estimates are not parameters: optimizers do not see them.
 */
public abstract class BatchNorm extends Module {

    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;

    /** {@code features} channels, eps 1e-5, momentum 0.1 (PyTorch's defaults). */
    BatchNorm(int features) {
        this(features, 1e-5, 0.1);
    }

    /** {@code features} channels with the given ε (added to the variance) and momentum of the running estimates. */
    BatchNorm(int features, double eps, double momentum) {
        if (features < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + features + "): the number of"
                    + " channels must be at least 1");
        }
        if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": eps " + eps + " must be positive and"
                    + " momentum " + momentum + " in [0, 1]");
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = register("weight", Tensor.ones(features));
        this.bias = register("bias", Tensor.zeros(features));
        this.runningMean = Tensor.zeros(features);
        this.runningVar = Tensor.ones(features);
    }

    /** The input ranks this layer accepts, e.g. {2, 3} for BatchNorm1d. */
    abstract int[] ranks();

    /** The expected input, as the error says it, e.g. {@code "(N, C) or (N, C, L)"}. */
    abstract String expected();

    @Override
    public Tensor forward(Tensor x) {
        check(x.shape());
        return Functional.batchNorm(x, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        check(inputShape);
        return inputShape.clone();
    }

    private void check(int[] s) {
        boolean rankOk = false;
        for (int r : ranks()) {
            rankOk |= s.length == r;
        }
        if (!rankOk || s[1] != features) {
            throw new IllegalArgumentException(this + ": expected input of shape " + expected() + " with C = " + features
                    + ", got " + Shape.format(s));
        }
    }

    /** The scale γ, shape (C), a parameter. */
    public Tensor weight() {
        return weight;
    }

    /** The shift β, shape (C), a parameter. */
    public Tensor bias() {
        return bias;
    }

    /** The running mean, shape (C): a live buffer updated by each training forward pass. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance, shape (C): a live buffer updated by each training forward pass. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** The number of channels C. */
    public int numFeatures() {
        return features;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + features + ")";
    }
}
