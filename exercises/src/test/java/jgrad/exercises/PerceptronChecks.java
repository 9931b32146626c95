package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jgrad.grader.AnswerTable;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 08_perceptron.ipynb (Rosenblatt's perceptron, labels ±1), 12 points: exercise 1 (predict) = 3,
 * 2 (update) = 4, 3 (train) = 3, 4 (mistakes per epoch) = 2. The expected values come from a perceptron of
 * the checks' own ({@code PerceptronReference}, hidden), which can also make the classic mistakes, to name the
 * one a wrong answer shows; students get its answers to {@link #questions()} as a table, not its code.
 */
@Exercise("08_perceptron")
class PerceptronChecks {

    /** The lecture's separable set: points of [−1, 1]² labelled by the side of x₂ = 0.6·x₁ + 0.1. */
    private static final String POINTS_HELPER = "double[][] check$points(long seed, int n, double margin) { "
            + "java.util.Random rng = new java.util.Random(seed); double[][] x = new double[n][]; "
            + "for (int i = 0; i < n; ) { double a = 2 * rng.nextDouble() - 1, c = 2 * rng.nextDouble() - 1; "
            + "double d = (c - 0.6 * a - 0.1) / Math.sqrt(1 + 0.6 * 0.6); if (Math.abs(d) < margin) continue; "
            + "x[i] = new double[] {a, c, d > 0 ? 1 : -1}; i++; } return x; }";
    private static final String XS_HELPER = "double[][] check$xs(long seed) { return java.util.Arrays.stream("
            + "check$points(seed, 60, 0.05)).map(p -> new double[] {p[0], p[1]}).toArray(double[][]::new); }";
    private static final String YS_HELPER = "int[] check$ys(long seed) { return java.util.Arrays.stream("
            + "check$points(seed, 60, 0.05)).mapToInt(p -> (int) p[2]).toArray(); }";
    private static final String XOR_HELPER = "double[][] check$xorX() { return new double[][] "
            + "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}; } int[] check$xorY() { return new int[] {-1, 1, 1, -1}; }";
    /** A perceptron's state after calling the student's update: [w0, w1, b, 1 if it returned true else 0]. */
    private static final String UPDATE_HELPER = "double[] check$update(double w0, double w1, double b, double x0, "
            + "double x1, int y, double lr) { Perceptron p = new Perceptron(new double[] {w0, w1}, b); "
            + "boolean changed = update(p, new double[] {x0, x1}, y, lr); "
            + "return new double[] {p.w[0], p.w[1], p.b, changed ? 1 : 0}; }";
    /** train from zero weights, then the updates and the final state: [updates, w0, w1, b]. */
    private static final String TRAIN_HELPER = "double[] check$train(double[][] xs, int[] ys, double lr, int maxEpochs) { "
            + "Perceptron p = new Perceptron(2); int n = train(p, xs, ys, lr, maxEpochs); "
            + "return new double[] {n, p.w[0], p.w[1], p.b}; }";

    /** The data sets the checks train on, as the questions name them. */
    static final String XOR = "xor";
    private static final long[] TRAIN_SEEDS = {8, 3};
    private static final int[] XOR_MAX_EPOCHS = {3, 1, 0};
    private static final int XOR_MISTAKE_EPOCHS = 6;
    private static final long MISTAKES_SEED = 3;
    private static final int MISTAKES_EPOCHS = 12;

    // ------------------------------------------------------------------ exercise 1: predict

    /** Perceptrons and points whose scores are not 0: [w0, w1, b, x0, x1]. */
    private static final double[][] PREDICT_CASES = {
        {2, -1, 0.5, 1, 1}, {2, -1, 0.5, -1, 0}, {0, 0, 0.3, 5, 5}, {1, 1, -3, 1, 1}, {-0.5, 2, 0, 1, 0.5},
        {0.25, 0.25, -0.1, 0.1, 0.1},
    };

    // ------------------------------------------------------------------ exercise 2: update, cases [w0, w1, b, x0, x1, y, lr]

    /** y = +1 predicted −1 (score −1.3), then y = −1 predicted +1 (score 1.5), then a smaller learning rate. */
    private static final double[][] MISCLASSIFIED = {{0.5, -1, 0.2, 1, 2, 1, 0.5}, {1, 1, 0, 1, 0.5, -1, 0.5},
        {-0.2, 0.4, -1, 3, -2, 1, 0.1}};
    private static final double[][] CLASSIFIED = {{0.5, -1, 0.2, 1, 2, -1, 0.5}, {1, 1, 0, 1, 0.5, 1, 0.5}};
    /** From zero weights the score is 0, the prediction −1: right for y = −1, wrong for y = +1. */
    private static final double[][] ZERO_SCORE = {{0, 0, 0, 0.6, -0.4, -1, 1}, {0, 0, 0, 0.6, -0.4, 1, 1}};

    private static final AnswerTable ANSWERS = AnswerTable.of(PerceptronChecks.class, questions(),
            "jgrad.exercises.PerceptronReference");

    /**
     * Every question the public checks put to the reference perceptron, as "what data arguments… rule": its answers
     * are all the public checks know (the hidden checks ask the reference itself, so their answers never ship).
     */
    static List<String> questions() {
        List<String> questions = new ArrayList<>();
        for (double[] c : PREDICT_CASES) {
            questions.add(predictQuestion(c));
        }
        for (double[][] cases : List.of(MISCLASSIFIED, CLASSIFIED, ZERO_SCORE)) {
            for (double[] c : cases) {
                questions.add(predictQuestion(c));
                for (Rule rule : Rule.values()) {
                    questions.add(updateQuestion(c, rule));
                }
            }
        }
        for (long seed : TRAIN_SEEDS) {
            questions.add(question("epochs-to-separate", separable(seed)));
            for (Rule rule : Rule.values()) {
                questions.add(trainQuestion(separable(seed), 1.0, 1000, rule));
            }
        }
        for (int maxEpochs = 0; maxEpochs <= Arrays.stream(XOR_MAX_EPOCHS).max().orElseThrow() + 1; maxEpochs++) {
            for (Rule rule : Rule.values()) {
                questions.add(trainQuestion(XOR, 1.0, maxEpochs, rule));
            }
        }
        for (int maxEpochs : XOR_MAX_EPOCHS) {
            questions.add(question("train-stopping-at-a-correct-point", XOR, 1.0, maxEpochs));
        }
        for (Rule rule : Rule.values()) {
            questions.add(mistakesQuestion(XOR, XOR_MISTAKE_EPOCHS, rule));
            questions.add(mistakesQuestion(separable(MISTAKES_SEED), MISTAKES_EPOCHS, rule));
        }
        return questions;
    }

    private static String question(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String separable(long seed) {
        return "seed:" + seed;
    }

    private static String predictQuestion(double[] c) {
        return question("predict", c[0], c[1], c[2], c[3], c[4]);
    }

    private static String updateQuestion(double[] c, Rule rule) {
        return question("update", c[0], c[1], c[2], c[3], c[4], (int) c[5], c[6], rule);
    }

    private static String trainQuestion(String set, double lr, int maxEpochs, Rule rule) {
        return question("train", set, lr, maxEpochs, rule);
    }

    private static String mistakesQuestion(String set, int epochs, Rule rule) {
        return question("mistakes", set, 1.0, epochs, rule);
    }

    private static double[] trained(String set, int maxEpochs, Rule rule) {
        return ANSWERS.get(trainQuestion(set, 1.0, maxEpochs, rule));
    }

    private static int[] mistakes(String set, int epochs, Rule rule) {
        return Arrays.stream(ANSWERS.get(mistakesQuestion(set, epochs, rule))).mapToInt(v -> (int) v).toArray();
    }

    @Test
    @Points(2)
    void ex1PredictsTheSignOfTheScore(NotebookSession nb) {
        declareHelpers(nb);
        int[] got = new int[PREDICT_CASES.length];
        int[] expected = new int[PREDICT_CASES.length];
        int[] noBias = new int[PREDICT_CASES.length];
        for (int i = 0; i < PREDICT_CASES.length; i++) {
            double[] c = PREDICT_CASES[i];
            got[i] = nb.evalInt(String.format(Locale.ROOT, "predict(new Perceptron(new double[] {%s, %s}, %s), "
                    + "new double[] {%s, %s})", c[0], c[1], c[2], c[3], c[4]));
            double[] predictions = ANSWERS.get(predictQuestion(c));
            expected[i] = (int) predictions[0];
            noBias[i] = (int) predictions[1];
        }
        if (Arrays.equals(expected, got)) {
            return;
        }
        String hint = "";
        if (Arrays.equals(noBias, got)) {
            hint = " (looks like: the bias is forgotten; the score is w·x + b)";
        } else if (Arrays.equals(Arrays.stream(expected).map(v -> v > 0 ? 1 : 0).toArray(), got)) {
            hint = " (looks like: classes 0 and 1; the perceptron answers +1 or −1)";
        } else if (Arrays.equals(Arrays.stream(expected).map(v -> -v).toArray(), got)) {
            hint = " (looks like: the signs are swapped: +1 when the score is positive)";
        }
        fail("predict should give +1 when w·x + b > 0 and −1 otherwise; for the perceptrons and points [w0, w1, b, "
                + "x0, x1] " + Arrays.deepToString(PREDICT_CASES) + " it should give " + Arrays.toString(expected)
                + ", got " + Arrays.toString(got) + hint);
    }

    @Test
    @Points(1)
    void ex1ZeroScoreIsMinusOne(NotebookSession nb) {
        declareHelpers(nb);
        int fresh = nb.evalInt("predict(new Perceptron(2), new double[] {0.7, -0.2})");
        int onTheLine = nb.evalInt("predict(new Perceptron(new double[] {2, -1}, 0.5), new double[] {0, 0.5})");
        assertArrayEquals(new int[] {-1, -1}, new int[] {fresh, onTheLine}, "a score w·x + b of exactly 0 should "
                + "give −1 (\"−1 sinon\"): a new Perceptron(2) on any point, and w = [2, −1], b = 0.5 on x = [0, 0.5], "
                + "should both predict −1; got " + fresh + " and " + onTheLine
                + (fresh == 1 || onTheLine == 1 ? " (looks like: >= 0 instead of > 0)" : "")
                + (fresh == 0 || onTheLine == 0 ? " (looks like: 0 returned for a zero score; answer −1)" : ""));
    }

    // ------------------------------------------------------------------ exercise 2: update

    @Test
    @Points(2)
    void ex2UpdatesAMisclassifiedPoint(NotebookSession nb) {
        declareHelpers(nb);
        for (double[] c : MISCLASSIFIED) {
            checkUpdate(nb, c);
        }
    }

    @Test
    @Points(1)
    void ex2LeavesACorrectPointAlone(NotebookSession nb) {
        declareHelpers(nb);
        for (double[] c : CLASSIFIED) {
            checkUpdate(nb, c);
        }
    }

    @Test
    @Points(1)
    void ex2ZeroScoreCountsAsMinusOne(NotebookSession nb) {
        declareHelpers(nb);
        for (double[] c : ZERO_SCORE) {
            checkUpdate(nb, c);
        }
    }

    /** Calls the student's update on case [w0, w1, b, x0, x1, y, lr] and compares [w0, w1, b, returned] to the rule's. */
    private static void checkUpdate(NotebookSession nb, double[] c) {
        int y = (int) c[5];
        double lr = c[6];
        double[] got = nb.evalDoubleArray(String.format(Locale.ROOT, "check$update(%s, %s, %s, %s, %s, %d, %s)",
                c[0], c[1], c[2], c[3], c[4], y, lr));
        double[] expected = ANSWERS.get(updateQuestion(c, Rule.CORRECT));
        if (close(expected, got)) {
            return;
        }
        String hint = "";
        for (Rule rule : Rule.values()) {
            if (rule != Rule.CORRECT && close(ANSWERS.get(updateQuestion(c, rule)), got)) {
                hint = " (looks like: " + rule.mistake + ")";
                break;
            }
        }
        fail(String.format(Locale.ROOT, "update on w = [%s, %s], b = %s, x = [%s, %s], y = %+d, lr = %s (the "
                + "perceptron predicts %+d) should leave [w0, w1, b, returned (1 = true)] = %s, got %s%s",
                c[0], c[1], c[2], c[3], c[4], y, lr, (int) ANSWERS.get(predictQuestion(c))[0],
                show(expected), show(got), hint));
    }

    // ------------------------------------------------------------------ exercise 3: train

    @Test
    @Points(2)
    void ex3UpdatesUntilSeparated(NotebookSession nb) {
        declareHelpers(nb);
        for (long seed : TRAIN_SEEDS) {
            String set = separable(seed);
            double[] got = nb.evalDoubleArray("check$train(check$xs(" + seed + "), check$ys(" + seed + "), 1.0, 1000)");
            double[] expected = trained(set, 1000, Rule.CORRECT);
            if (close(expected, got)) {
                continue;
            }
            String hint = "";
            int epochs = (int) ANSWERS.get(question("epochs-to-separate", set))[0];
            if (got.length > 0 && got[0] == epochs) {
                hint = " (looks like: the number of epochs is returned; return the number of updates)";
            } else if (got.length > 0 && got[0] == epochs - 1) {
                hint = " (looks like: the number of epochs with a mistake is returned; return the number of updates)";
            } else {
                hint = updateHint(rule -> trained(set, 1000, rule), got);
            }
            fail("train(new Perceptron(2), xs, ys, 1.0, 1000) on the separable set of seed " + seed + " should make "
                    + (int) expected[0] + " updates and end at [updates, w0, w1, b] = " + show(expected) + ", got "
                    + show(got) + hint);
        }
    }

    /**
     * Graded only: train on separable sets the notebook never shows, with another learning rate, so that a
     * train that returns the notebook's "23 updates" (or any number learnt by heart) fails. It asks the
     * reference itself: these answers are in no table students get.
     */
    @Test
    @Points(2)
    @Hidden
    void ex3HiddenOtherSetsAndLearningRate(NotebookSession nb) {
        declareHelpers(nb);
        for (long seed : new long[] {21, 40, 77}) {
            double[] got = nb.evalDoubleArray("check$train(check$xs(" + seed + "), check$ys(" + seed + "), 0.25, 500)");
            String set = separable(seed);
            double[] expected = PerceptronReference.train(PerceptronReference.points(set),
                    PerceptronReference.labels(set), 0.25, 500, Rule.CORRECT, false);
            if (!close(expected, got)) {
                fail("train(new Perceptron(2), xs, ys, 0.25, 500) on another separable set (seed " + seed
                        + ", learning rate 0.25) should end at [updates, w0, w1, b] = " + show(expected) + ", got "
                        + show(got) + ": train must follow the rule on any data, not only the notebook's");
            }
        }
    }

    @Test
    @Points(1)
    void ex3StopsAfterMaxEpochs(NotebookSession nb) {
        declareHelpers(nb);
        for (int maxEpochs : XOR_MAX_EPOCHS) {
            double[] got = nb.evalDoubleArray("check$train(check$xorX(), check$xorY(), 1.0, " + maxEpochs + ")");
            double[] expected = trained(XOR, maxEpochs, Rule.CORRECT);
            if (close(expected, got)) {
                continue;
            }
            String hint = "";
            if (close(trained(XOR, maxEpochs + 1, Rule.CORRECT), got)) {
                hint = " (looks like: one epoch too many; run epochs 0 … maxEpochs − 1)";
            } else if (maxEpochs > 0 && close(trained(XOR, maxEpochs - 1, Rule.CORRECT), got)) {
                hint = " (looks like: one epoch too few; run maxEpochs epochs)";
            } else if (close(ANSWERS.get(question("train-stopping-at-a-correct-point", XOR, 1.0, maxEpochs)), got)) {
                hint = " (looks like: training stops at the first correct point instead of after a clean epoch)";
            } else {
                int epochs = maxEpochs;
                hint = updateHint(rule -> trained(XOR, epochs, rule), got);
            }
            fail("XOR is never separated, so train(new Perceptron(2), xorX, xorY, 1.0, " + maxEpochs + ") should run "
                    + "exactly " + maxEpochs + " epoch(s) and end at [updates, w0, w1, b] = " + show(expected)
                    + ", got " + show(got) + hint);
        }
    }

    // ------------------------------------------------------------------ exercise 4: mistakes per epoch

    @Test
    @Points(1)
    void ex4XorNeverSettles(NotebookSession nb) {
        declareHelpers(nb);
        int[] got = nb.evalIntArray("mistakesPerEpoch(new Perceptron(2), check$xorX(), check$xorY(), 1.0, 6)");
        int[] expected = mistakes(XOR, XOR_MISTAKE_EPOCHS, Rule.CORRECT);
        if (Arrays.equals(expected, got)) {
            return;
        }
        fail("mistakesPerEpoch(new Perceptron(2), xorX, xorY, 1.0, 6) should be " + Arrays.toString(expected)
                + " (one entry per epoch, the updates made in it), got " + Arrays.toString(got) + lengthHint(got, 6)
                + (got != null && got.length == 6 && Arrays.equals(cumulative(expected), got)
                        ? " (looks like: running totals; count the mistakes of each epoch alone)"
                        : updateHint(rule -> asDoubles(mistakes(XOR, XOR_MISTAKE_EPOCHS, rule)), asDoubles(got))));
    }

    @Test
    @Points(1)
    void ex4RunsExactlyTheEpochsAsked(NotebookSession nb) {
        declareHelpers(nb);
        String set = separable(MISTAKES_SEED);
        int[] got = nb.evalIntArray("mistakesPerEpoch(new Perceptron(2), check$xs(3), check$ys(3), 1.0, 12)");
        int[] expected = mistakes(set, MISTAKES_EPOCHS, Rule.CORRECT);
        assertArrayEquals(expected, got, "mistakesPerEpoch(new Perceptron(2), xs, ys, 1.0, 12) on the separable set "
                + "of seed 3 should run all 12 epochs, the clean ones included: " + Arrays.toString(expected) + ", got "
                + Arrays.toString(got) + lengthHint(got, 12)
                + updateHint(rule -> asDoubles(mistakes(set, MISTAKES_EPOCHS, rule)), asDoubles(got)));
        int[] none = nb.evalIntArray("mistakesPerEpoch(new Perceptron(2), check$xorX(), check$xorY(), 1.0, 0)");
        assertEquals(0, none.length, "mistakesPerEpoch(..., 0) should return an empty array (0 epochs), got "
                + Arrays.toString(none));
    }

    private static String lengthHint(int[] got, int epochs) {
        if (got == null || got.length == epochs) {
            return "";
        }
        if (got.length == epochs + 1) {
            return " (looks like: one epoch too many, or an extra entry; the array has one entry per epoch)";
        }
        if (got.length == epochs - 1) {
            return " (looks like: one epoch too few; run exactly `epochs` epochs)";
        }
        return " (looks like: the loop stops early; run exactly " + epochs + " epochs, even after a clean one)";
    }

    // ------------------------------------------------------------------ helpers

    private static void declareHelpers(NotebookSession nb) {
        nb.declare(POINTS_HELPER);
        nb.declare(XS_HELPER);
        nb.declare(YS_HELPER);
        nb.declare(XOR_HELPER);
        nb.declare(UPDATE_HELPER);
        nb.declare(TRAIN_HELPER);
    }

    /** The update rule, and the classic ways to get it wrong, each with the words that name it. */
    enum Rule {
        CORRECT(""),
        MINUS_SIGN("w − η·y·x and b − η·y: the update must move toward y, w + η·y·x and b + η·y"),
        MINUS_SIGN_WEIGHTS("w − η·y·x: the update must move w toward y·x, w + η·y·x"),
        ZERO_SCORE_WRONG("a score of 0 with y = −1 is treated as a mistake (y·score ≤ 0), or correct points are "
                + "updated too; a score of 0 predicts −1, which is right for y = −1"),
        UPDATE_ALWAYS("the weights change on a correctly classified point too; update only on a mistake"),
        NO_BIAS("the bias is not updated; b ← b + η·y"),
        NO_LEARNING_RATE("the learning rate is not applied"),
        NEVER_RETURNS_TRUE("the weights change but update returns false; return true when it updated");

        final String mistake;

        Rule(String mistake) {
            this.mistake = mistake;
        }
    }

    /** " (looks like: the problem is in update: MISTAKE)" when a wrong update rule gives {@code got}, else "". */
    private static String updateHint(java.util.function.Function<Rule, double[]> withRule, double[] got) {
        for (Rule rule : Rule.values()) {
            if (rule != Rule.CORRECT && close(withRule.apply(rule), got)) {
                return " (looks like: the problem is in update: " + rule.mistake + ")";
            }
        }
        return "";
    }

    private static double[] asDoubles(int[] values) {
        return values == null ? null : Arrays.stream(values).asDoubleStream().toArray();
    }

    private static int[] cumulative(int[] counts) {
        int[] sums = counts.clone();
        Arrays.parallelPrefix(sums, Integer::sum);
        return sums;
    }

    private static boolean close(double[] a, double[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= 1e-9)) {
                return false;
            }
        }
        return true;
    }

    private static String show(double[] values) {
        if (values == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", values[i]));
        }
        return sb.append(']').toString();
    }
}
