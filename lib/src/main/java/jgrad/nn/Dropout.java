package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Tensor;

/**
 * Inverted dropout (see {@link Functional#dropout}): active in training mode, the identity after
 * {@link #eval()}. Its masks come from its own generator, seeded at construction.
 */
public class Dropout extends Module {

    private final double p;
    private final Random rng;

    /** Drops with probability {@code p}; the mask generator is seeded from {@link Init#generator()}. */
    public Dropout(double p) {
        this(p, new Random(Init.generator().nextLong()));
    }

    /** Drops with probability {@code p}, masks drawn from {@code rng}. */
    public Dropout(double p, Random rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout(" + p + "): the probability must be in [0, 1)");
        }
        this.p = p;
        this.rng = rng;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.dropout(x, p, isTraining(), rng);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
