package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * PyTorch's update: g ← ∇ + λ·p; v ← μ·v + g; p ← p − lr·(Nesterov ? g + μ·v : v).
 * Without momentum it is p ← p − lr·∇.
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4);
 * }</pre>
 */
public class SGD extends Optimizer {

    private double momentum;
    private boolean nesterov;
    private double weightDecay;
    private final double[][] velocity;

    /** Plain SGD: no momentum, no weight decay; add them with the setters. */
    public SGD(List<Tensor> params, double lr) {
        super("SGD", params, lr);
        this.velocity = new double[params.size()][];
    }

    /** Sets the momentum μ in [0, 1); returns this optimizer. */
    public SGD momentum(double mu) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("SGD: momentum " + mu + " must be in [0, 1)");
        }
        this.momentum = mu;
        return this;
    }

    /** Uses Nesterov momentum (needs momentum > 0 to make a difference); returns this optimizer. */
    public SGD nesterov(boolean on) {
        this.nesterov = on;
        return this;
    }

    /** Sets the L2 weight decay λ ≥ 0; returns this optimizer. */
    public SGD weightDecay(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("SGD: weight decay " + lambda + " must be 0 or more");
        }
        this.weightDecay = lambda;
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public SGD schedule(LearningRateSchedule schedule) {
        super.schedule(schedule);
        return this;
    }

    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        if (momentum == 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * (grad[i] + weightDecay * p[i]);
            }
            return;
        }
        boolean first = velocity[index] == null;
        double[] v = state(velocity, index, p.length);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + weightDecay * p[i];
            v[i] = first ? g : momentum * v[i] + g;
            p[i] -= lr * (nesterov ? g + momentum * v[i] : v[i]);
        }
    }
}
