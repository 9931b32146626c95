package jgrad.exercises;

import java.util.Arrays;
import java.util.Random;
import jgrad.exercises.PerceptronChecks.Rule;
import jgrad.grader.AnswerTable;
import jgrad.grader.Hidden;

/**
 * The perceptron the checks of 08_perceptron compare with, and the classic ways to get its update wrong (to name
 * the one a wrong answer shows). Hidden: students get its answers to {@link PerceptronChecks#questions()} as a
 * table made by {@code ./jgrad release}, never this code; the hidden checks call it directly.
 */
@Hidden
final class PerceptronReference implements AnswerTable.Reference {

    @Override
    public double[] answer(String question) {
        String[] q = question.split(" ");
        return switch (q[0]) {
            case "predict" -> predictions(numbers(q, 1, 5));
            case "update" -> updated(numbers(q, 1, 5), Integer.parseInt(q[6]), Double.parseDouble(q[7]), rule(q[8]));
            case "train" -> train(points(q[1]), labels(q[1]), Double.parseDouble(q[2]), Integer.parseInt(q[3]),
                    rule(q[4]), false);
            case "train-stopping-at-a-correct-point" -> train(points(q[1]), labels(q[1]), Double.parseDouble(q[2]),
                    Integer.parseInt(q[3]), Rule.CORRECT, true);
            case "epochs-to-separate" -> new double[] {epochsToSeparate(points(q[1]), labels(q[1]))};
            case "mistakes" -> Arrays.stream(mistakes(points(q[1]), labels(q[1]), Double.parseDouble(q[2]),
                    Integer.parseInt(q[3]), rule(q[4]))).asDoubleStream().toArray();
            default -> throw new IllegalArgumentException("no such question: " + question);
        };
    }

    private static double[] numbers(String[] q, int from, int count) {
        return Arrays.stream(q, from, from + count).mapToDouble(Double::parseDouble).toArray();
    }

    private static Rule rule(String name) {
        return Rule.valueOf(name);
    }

    /** For case [w0, w1, b, x0, x1]: [the prediction, the prediction without the bias]. */
    private static double[] predictions(double[] c) {
        double score = c[0] * c[3] + c[1] * c[4];
        return new double[] {score + c[2] > 0 ? 1 : -1, score > 0 ? 1 : -1};
    }

    /** One update with weights w and bias held in state[2]; returns whether it changed them (as returned). */
    private static boolean update(double[] state, double[] x, int y, double lr, Rule rule) {
        double score = state[0] * x[0] + state[1] * x[1] + state[2];
        boolean mistake = rule == Rule.ZERO_SCORE_WRONG ? y * score <= 0 : (score > 0 ? 1 : -1) != y;
        if (!mistake && rule != Rule.UPDATE_ALWAYS) {
            return false;
        }
        double step = (rule == Rule.NO_LEARNING_RATE ? 1 : lr) * (rule == Rule.MINUS_SIGN ? -y : y);
        double weightStep = rule == Rule.MINUS_SIGN_WEIGHTS ? -step : step;
        state[0] += weightStep * x[0];
        state[1] += weightStep * x[1];
        if (rule != Rule.NO_BIAS) {
            state[2] += step;
        }
        return rule != Rule.NEVER_RETURNS_TRUE;
    }

    /** [w0, w1, b, returned] after one update of case [w0, w1, b, x0, x1]. */
    private static double[] updated(double[] c, int y, double lr, Rule rule) {
        double[] state = {c[0], c[1], c[2]};
        boolean changed = update(state, new double[] {c[3], c[4]}, y, lr, rule);
        return new double[] {state[0], state[1], state[2], changed ? 1 : 0};
    }

    /**
     * Training from zero weights: [updates, w0, w1, b]. Stops after a clean epoch, or (the mistake
     * {@code stopAtCorrectPoint}) at the first point that needs no update.
     */
    static double[] train(double[][] xs, int[] ys, double lr, int maxEpochs, Rule rule, boolean stopAtCorrectPoint) {
        double[] state = new double[3];
        int total = 0;
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            int updates = 0;
            for (int i = 0; i < xs.length; i++) {
                if (update(state, xs[i], ys[i], lr, rule)) {
                    updates++;
                } else if (stopAtCorrectPoint) {
                    return new double[] {total + updates, state[0], state[1], state[2]};
                }
            }
            total += updates;
            if (updates == 0) {
                break;
            }
        }
        return new double[] {total, state[0], state[1], state[2]};
    }

    private static int epochsToSeparate(double[][] xs, int[] ys) {
        double[] state = new double[3];
        for (int epoch = 1; ; epoch++) {
            int updates = 0;
            for (int i = 0; i < xs.length; i++) {
                if (update(state, xs[i], ys[i], 1, Rule.CORRECT)) {
                    updates++;
                }
            }
            if (updates == 0) {
                return epoch;
            }
        }
    }

    /** The updates in each of exactly {@code epochs} epochs from zero weights. */
    private static int[] mistakes(double[][] xs, int[] ys, double lr, int epochs, Rule rule) {
        double[] state = new double[3];
        int[] counts = new int[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = 0; i < xs.length; i++) {
                if (update(state, xs[i], ys[i], lr, rule)) {
                    counts[epoch]++;
                }
            }
        }
        return counts;
    }

    /** The lecture's separable set of 60 points (margin 0.05), as the notebook-side helper draws it. */
    private static double[][] labelled(long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[60][];
        for (int i = 0; i < 60; ) {
            double a = 2 * rng.nextDouble() - 1;
            double c = 2 * rng.nextDouble() - 1;
            double d = (c - 0.6 * a - 0.1) / Math.sqrt(1 + 0.6 * 0.6);
            if (Math.abs(d) < 0.05) {
                continue;
            }
            x[i] = new double[] {a, c, d > 0 ? 1 : -1};
            i++;
        }
        return x;
    }

    /** The points of a data set named as the checks name it: {@code xor}, or {@code seed:N} for a separable set. */
    static double[][] points(String set) {
        if (set.equals(PerceptronChecks.XOR)) {
            return new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        }
        return Arrays.stream(labelled(seed(set))).map(p -> new double[] {p[0], p[1]}).toArray(double[][]::new);
    }

    static int[] labels(String set) {
        if (set.equals(PerceptronChecks.XOR)) {
            return new int[] {-1, 1, 1, -1};
        }
        return Arrays.stream(labelled(seed(set))).mapToInt(p -> (int) p[2]).toArray();
    }

    private static long seed(String set) {
        if (!set.startsWith("seed:")) {
            throw new IllegalArgumentException("no such data set: " + set);
        }
        return Long.parseLong(set.substring("seed:".length()));
    }
}
