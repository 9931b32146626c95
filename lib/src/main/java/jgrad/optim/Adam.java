package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba): running means of the gradient (β₁) and of its square (β₂), bias-corrected;
 * p ← p − lr · m̂ / (√v̂ + ε). Weight decay, when set, is added to the gradient (L2, like PyTorch's Adam).
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters(), 0.01).betas(0.9, 0.99).eps(1e-6).weightDecay(1e-4);
 * }</pre>
 */
public class Adam extends Optimizer {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private final int[] t;

    /** lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** β₁ 0.9, β₂ 0.999, ε 1e-8, no weight decay (PyTorch's defaults); change them with the setters. */
    public Adam(List<Tensor> params, double lr) {
        super("Adam", params, lr);
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.t = new int[params.size()];
    }

    /** Sets the decay rates β₁ (of the gradient's mean) and β₂ (of its square), each in [0, 1); returns this optimizer. */
    public Adam betas(double beta1, double beta2) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas " + beta1 + ", " + beta2 + " must each be in [0, 1)");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** Sets ε &gt; 0, added to the denominator so a zero gradient does not divide by zero; returns this optimizer. */
    public Adam eps(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("Adam: eps " + eps + " must be positive");
        }
        this.eps = eps;
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0 (added to the gradient, as in PyTorch's Adam); returns this optimizer. */
    public Adam weightDecay(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("Adam: weight decay " + lambda + " must be 0 or more");
        }
        this.weightDecay = lambda;
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public Adam schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }
    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        double[] mi = state(m, index, p.length);
        double[] vi = state(v, index, p.length);
        int step = ++t[index];
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + weightDecay * p[i];
            mi[i] = beta1 * mi[i] + (1 - beta1) * g;
            vi[i] = beta2 * vi[i] + (1 - beta2) * g * g;
            p[i] -= lr * (mi[i] / c1) / (Math.sqrt(vi[i] / c2) + eps);
        }
    }
}
