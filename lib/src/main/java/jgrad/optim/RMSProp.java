package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * RMSProp (Hinton): a running mean of the squared gradient scales each step,
 * s ← α·s + (1 − α)·g²; p ← p − lr · g / (√s + ε), with PyTorch's defaults α = 0.99, ε = 1e-8.
 * As PyTorch's {@code RMSprop}, optionally: L2 weight decay (g ← ∇ + λ·p), {@code centered} (divide by
 * an estimate of the gradient's standard deviation, √(s − ḡ²) with ḡ ← α·ḡ + (1 − α)·g, instead of
 * its root mean square) and momentum μ (b ← μ·b + g / (√s + ε); p ← p − lr·b).
 *
 * <pre>{@code
 * var opt = new RMSProp(model.parameters(), 0.01).alpha(0.9).eps(1e-6).momentum(0.9).centered(true);
 * }</pre>
 */
public class RMSProp extends Optimizer {

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double momentum;
    private boolean centered;
    private double weightDecay;
    private final double[][] square;
    private final double[][] meanGrad;
    private final double[][] buffer;

    /** lr 0.01, α 0.99, ε 1e-8. */
    public RMSProp(List<Tensor> params) {
        this(params, 0.01);
    }

    /** α 0.99, ε 1e-8 (PyTorch's defaults); change them with the setters. */
    public RMSProp(List<Tensor> params, double lr) {
        super("RMSProp", params, lr);
        this.square = new double[params.size()][];
        this.meanGrad = new double[params.size()][];
        this.buffer = new double[params.size()][];
    }

    /** Sets the momentum μ in [0, 1) applied to the scaled steps; returns this optimizer. */
    public RMSProp momentum(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("RMSProp: momentum " + mu + " must be in [0, 1)");
        }
        this.momentum = mu;
        return this;
    }

    /** Centered RMSProp: divides by √(s − ḡ²), the gradient's variance estimate; returns this optimizer. */
    public RMSProp centered(boolean on) {
        this.centered = on;
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (added to the gradient, as in PyTorch's RMSprop); returns this optimizer. */
    public RMSProp weightDecay(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("RMSProp: weight decay " + lambda + " must be 0 or more");
        }
        this.weightDecay = lambda;
        return this;
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
        double[] mg = centered ? state(meanGrad, index, p.length) : null;
        double[] b = momentum > 0 ? state(buffer, index, p.length) : null;
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + weightDecay * p[i];
            s[i] = alpha * s[i] + (1 - alpha) * g * g;
            double avg;
            if (centered) {
                mg[i] = alpha * mg[i] + (1 - alpha) * g;
                avg = Math.sqrt(s[i] - mg[i] * mg[i]) + eps;
            } else {
                avg = Math.sqrt(s[i]) + eps;
            }
            if (b != null) {
                b[i] = momentum * b[i] + g / avg;
                p[i] -= lr * b[i];
            } else {
                p[i] -= lr * g / avg;
            }
        }
    }
}
