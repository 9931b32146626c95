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

    /**
     * Cosine annealing from {@code lr0} down to {@code etaMin} over {@code tMax} steps, PyTorch's
     * {@code CosineAnnealingLR}: η_t = η_min + (lr0 − η_min)·(1 + cos(π·t / tMax)) / 2. Past tMax the
     * cosine goes on (back up over the next tMax steps), as PyTorch's does.
     */
    static LearningRateSchedule cosineAnnealing(double lr0, int tMax, double etaMin) {
        checkRate("cosineAnnealing", lr0);
        checkRate("cosineAnnealing (etaMin)", etaMin);
        if (tMax < 1) {
            throw new IllegalArgumentException("cosineAnnealing: tMax " + tMax + " (the steps of one half cosine) must be at least 1");
        }
        return t -> etaMin + (lr0 - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    /** {@link #cosineAnnealing(double, int, double)} down to 0. */
    static LearningRateSchedule cosineAnnealing(double lr0, int tMax) {
        return cosineAnnealing(lr0, tMax, 0);
    }

    /**
     * {@code lr0 · gamma^k} where k is the number of milestones reached (milestone ≤ t), PyTorch's
     * {@code MultiStepLR}: {@code multiStep(0.1, new int[] {30, 80}, 0.1)} gives 0.1 for steps 0..29,
     * 0.01 for 30..79 and 0.001 from 80 on. The milestones must increase.
     */
    static LearningRateSchedule multiStep(double lr0, int[] milestones, double gamma) {
        checkRate("multiStep", lr0);
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("multiStep: gamma " + gamma + " must be in (0, 1]");
        }
        int[] ms = milestones.clone();
        for (int i = 0; i < ms.length; i++) {
            if (ms[i] < 0 || (i > 0 && ms[i] <= ms[i - 1])) {
                throw new IllegalArgumentException("multiStep: milestones " + java.util.Arrays.toString(milestones)
                        + " must be steps 0 or more in increasing order");
            }
        }
        return t -> {
            int reached = 0;
            while (reached < ms.length && ms[reached] <= t) {
                reached++;
            }
            return lr0 * Math.pow(gamma, reached);
        };
    }

    private static void checkRate(String what, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(what + ": the learning rate " + lr + " must be a finite number, 0 or more");
        }
    }
}
