package jgrad.data;

import java.util.Random;

/**
 * Two interleaving half circles in the plane, the toy classification problem of micrograd's demo and
 * scikit-learn's {@code make_moons}: class 0 on the upper moon, class 1 on the lower one, with Gaussian
 * noise of standard deviation {@code noise} added to every coordinate.
 *
 * @param x the points, one row {x, y} per sample
 * @param y the class of each point, 0 or 1
 */
public record Moons(double[][] x, int[] y) {

    /** {@code n} points (half on each moon), noisy, shuffled, reproducible for a given seed. */
    public static Moons make(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("Moons.make: need at least 2 points, got " + n);
        }
        if (noise < 0) {
            throw new IllegalArgumentException("Moons.make: noise is a standard deviation and cannot be negative, got " + noise);
        }
        Random random = new Random(seed);
        int outer = n / 2;
        int inner = n - outer;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < outer; i++) {
            double t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
        }
        for (int i = 0; i < inner; i++) {
            double t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
            x[outer + i] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            y[outer + i] = 1;
        }
        for (double[] p : x) {
            p[0] += noise * random.nextGaussian();
            p[1] += noise * random.nextGaussian();
        }
        for (int i = n - 1; i > 0; i--) { // Fisher–Yates, so that minibatches mix both classes
            int j = random.nextInt(i + 1);
            double[] px = x[i]; x[i] = x[j]; x[j] = px;
            int py = y[i]; y[i] = y[j]; y[j] = py;
        }
        return new Moons(x, y);
    }

    /** The labels as −1 / +1, the form a max-margin (hinge) loss wants. */
    public double[] signedLabels() {
        double[] s = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            s[i] = y[i] == 1 ? 1 : -1;
        }
        return s;
    }

    /** Number of points. */
    public int size() {
        return y.length;
    }
}
