package jgrad.optim;

import java.util.ArrayList;
import java.util.List;

import jgrad.tensor.Tensor;

/**
 * Updates parameters from their gradients. Loop: {@code opt.zeroGrad(); loss = ...; loss.backward();
 * opt.step();}. Parameters without a gradient yet are skipped, as in PyTorch.
 */
public abstract class Optimizer {

    /** The parameters, in the order given. */
    protected final List<Tensor> params;
    private LearningRateSchedule schedule;
    private int steps;

    /** An optimizer over {@code params} with learning rate {@code lr} (constant until {@link #schedule} is set). */
    protected Optimizer(String name, List<Tensor> params, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + ": the learning rate " + lr + " must be a finite number, 0 or more");
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize (did the model register any?)");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).needsGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape "
                        + jgrad.tensor.Shape.format(params.get(i).shape())
                        + " does not require gradients; mark it with requiresGrad()");
            }
        }
        this.params = new ArrayList<>(params);
        this.schedule = LearningRateSchedule.constant(lr);
    }

    /**
     * Uses {@code schedule} for the learning rate from now on (counted from step 0); returns this
     * optimizer. Each optimizer overrides it to return its own type, so it chains with the setters:
     * {@code new SGD(p, 0.1).schedule(s).momentum(0.9)}.
     */
    public Optimizer schedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /** The learning rate the next step will use. */
    public double lr() {
        return schedule.rate(steps);
    }

    /** The number of steps taken. */
    public int steps() {
        return steps;
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        double lr = schedule.rate(steps);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.hasGrad()) {
                update(i, p.storage(), p.gradStorage(), lr);
            }
        }
        steps++;
    }

    /** Updates parameter {@code index} in place from its gradient. */
    protected abstract void update(int index, double[] param, double[] grad, double lr);

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Lazily allocated per-parameter state (momentum buffers, moment estimates). */
    protected static double[] state(double[][] slots, int index, int size) {
        if (slots[index] == null) {
            slots[index] = new double[size];
        }
        return slots[index];
    }
}
