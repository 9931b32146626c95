package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay. Each step first shrinks every
 * parameter, p ← p·(1 − lr·λ), then takes Adam's step on the plain gradient, so the decay is not
 * rescaled by Adam's per-parameter step sizes as an L2 term in the gradient ({@link Adam#weightDecay}) is.
 * PyTorch's defaults: lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.01.
 *
 * <pre>{@code
 * var opt = new AdamW(model.parameters(), 0.001).weightDecay(0.05);
 * }</pre>
 */
public class AdamW extends Adam {

    /** lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8, weight decay 0.01. */
    public AdamW(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** β₁ 0.9, β₂ 0.999, ε 1e-8, weight decay 0.01 (PyTorch's defaults); change them with the setters. */
    public AdamW(List<Tensor> params, double lr) {
        super("AdamW", params, lr, true);
        super.weightDecay(0.01);
    }

    /** {@inheritDoc} */
    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public AdamW eps(double eps) {
        super.eps(eps);
        return this;
    }

    /** Sets the decoupled weight decay λ ≥ 0: each step multiplies the parameters by 1 − lr·λ; returns this optimizer. */
    @Override
    public AdamW weightDecay(double lambda) {
        super.weightDecay(lambda);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public AdamW schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }
}
