package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * Adamax (Kingma &amp; Ba, Adam's infinity-norm variant), with PyTorch's update: g ← ∇ + λ·p;
 * m ← β₁·m + (1 − β₁)·g; u ← max(β₂·u, |g| + ε); p ← p − lr / (1 − β₁ᵗ) · m / u. The step is bounded by
 * lr / (1 − β₁ᵗ) whatever the gradient's scale. Defaults lr 0.002, β₁ 0.9, β₂ 0.999, ε 1e-8.
 *
 * <pre>{@code
 * var opt = new Adamax(model.parameters(), 0.002).betas(0.9, 0.99);
 * }</pre>
 */
public class Adamax extends Optimizer {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private final double[][] m;
    private final double[][] u;
    private final int[] t;

    /** lr 0.002, β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public Adamax(List<Tensor> params) {
        this(params, 2e-3);
    }

    /** β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay (PyTorch's defaults); change them with the setters. */
    public Adamax(List<Tensor> params, double lr) {
        super("Adamax", params, lr);
        this.m = new double[params.size()][];
        this.u = new double[params.size()][];
        this.t = new int[params.size()];
    }

    /** Sets β₁ (the gradient's running mean) and β₂ (the decay of the running maximum), each in [0, 1); returns this optimizer. */
    public Adamax betas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adamax: betas " + beta1 + ", " + beta2 + " must each be in [0, 1)");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets ε &gt; 0, added to |g| so the running maximum is never 0; returns this optimizer. */
    public Adamax eps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Adamax: eps " + eps + " must be positive");
        }
        this.eps = eps;
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (added to the gradient, as in PyTorch's Adamax); returns this optimizer. */
    public Adamax weightDecay(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("Adamax: weight decay " + lambda + " must be 0 or more");
        }
        this.weightDecay = lambda;
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public Adamax schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }

    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        double[] mi = state(m, index, p.length);
        double[] ui = state(u, index, p.length);
        int step = ++t[index];
        double rate = lr / (1 - Math.pow(beta1, step));
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + weightDecay * p[i];
            mi[i] = beta1 * mi[i] + (1 - beta1) * g;
            ui[i] = Math.max(beta2 * ui[i], Math.abs(g) + eps);
            p[i] -= rate * mi[i] / ui[i];
        }
    }
}
