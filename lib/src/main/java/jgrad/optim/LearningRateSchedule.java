package jgrad.optim;

/**
 * The learning rate as a function of the step number t = 0, 1, 2, ... (the number of {@code step()}
 * calls made before). Optimizers ask it before every step.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for step {@code t}. */
    double rate(int t);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        checkRate("constant", lr);
        return t -> lr;
    }

    /**
     * {@code lr0 / (1 + decay · t)}: steps whose sum diverges while the sum of their squares converges,
     * the conditions for SGD to converge; {@code inverseTime(1, 1)} gives ρₜ = 1/(t + 1), the running mean.
     */
    static LearningRateSchedule inverseTime(double lr0, double decay) {
        checkRate("inverseTime", lr0);
        if (!(decay >= 0)) {
            throw new IllegalArgumentException("inverseTime: the decay " + decay + " must be 0 or more");
        }
        return t -> lr0 / (1 + decay * t);
    }

    /** {@code lr0 · factor^⌊t / every⌋}: multiply the rate by {@code factor} every {@code every} steps. */
    static LearningRateSchedule stepDecay(double lr0, double factor, int every) {
        checkRate("stepDecay", lr0);
        if (!(factor > 0 && factor <= 1) || every < 1) {
            throw new IllegalArgumentException("stepDecay: factor " + factor + " must be in (0, 1] and every "
                    + every + " at least 1");
        }
        return t -> lr0 * Math.pow(factor, t / every);
    }

    private static void checkRate(String what, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(what + ": the learning rate " + lr + " must be a finite number, 0 or more");
        }
    }
}
