package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * RMSProp (Hinton): a running mean of the squared gradient scales each step,
 * s ← α·s + (1 − α)·g²; p ← p − lr · g / (√s + ε), with PyTorch's defaults α = 0.99, ε = 1e-8.
 *
 * <pre>{@code
 * var opt = new RMSProp(model.parameters(), 0.01).alpha(0.9).eps(1e-6);
 * }</pre>
 */
public class RMSProp extends Optimizer {

    private double alpha = 0.99;
    private double eps = 1e-8;
    private final double[][] square;

    /** lr 0.01, α 0.99, ε 1e-8. */
    public RMSProp(List<Tensor> params) {
        this(params, 0.01);
    }

    /** α 0.99, ε 1e-8 (PyTorch's defaults); change them with the setters. */
    public RMSProp(List<Tensor> params, double lr) {
        super("RMSProp", params, lr);
        this.square = new double[params.size()][];
    }

    /** Sets the decay rate α in [0, 1) of the running mean of squared gradients; returns this optimizer. */
    public RMSProp alpha(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("RMSProp: alpha " + alpha + " must be in [0, 1)");
        }
        this.alpha = alpha;
        return this;
    }

    /** Sets ε &gt; 0, added to the denominator so a zero gradient does not divide by zero; returns this optimizer. */
    public RMSProp eps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("RMSProp: eps " + eps + " must be positive");
        }
        this.eps = eps;
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public RMSProp schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }
    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        double[] s = state(square, index, p.length);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i];
            s[i] = alpha * s[i] + (1 - alpha) * g * g;
            p[i] -= lr * g / (Math.sqrt(s[i]) + eps);
        }
    }
}
