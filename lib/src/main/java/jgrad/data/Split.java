package jgrad.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A reproducible train/test split of row indices.
 *
 * @param train indices of the training rows
 * @param test indices of the test rows
 */
public record Split(int[] train, int[] test) {

    /**
     * Shuffles {@code 0..n-1} with {@code seed} and keeps the first {@code round(n·testFraction)} for testing.
     * Both index arrays are sorted, so rows keep their file order inside each part.
     */
    public static Split trainTest(int n, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Split.trainTest: testFraction must be strictly between 0 and 1, got " + testFraction);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        int testSize = (int) Math.round(n * testFraction);
        if (testSize == 0 || testSize == n) {
            throw new IllegalArgumentException("Split.trainTest: " + n + " rows with testFraction " + testFraction
                    + " leave one part empty");
        }
        int[] test = Arrays.copyOfRange(order, 0, testSize);
        int[] train = Arrays.copyOfRange(order, testSize, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new Split(train, test);
    }

    /** The rows of {@code x} at {@code indices}, in that order (rows are shared, not copied). */
    public static double[][] rows(double[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = x[indices[i]];
        }
        return out;
    }

    /** The entries of {@code y} at {@code indices}, in that order. */
    public static int[] rows(int[] y, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = y[indices[i]];
        }
        return out;
    }
}
