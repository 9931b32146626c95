package jgrad.exercises;

import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;
import static jgrad.exercises.CheckSupport.literal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import jgrad.check.GradCheck;
import jgrad.grader.AnswerTable;
import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 02_chain_rule.ipynb (the chain rule by hand, with autograd and with finite differences),
 * 11 points: 2.1 = 1, 2.2 = 2, 2.4 = 1, 2.5 = 2, 2.6 = 2, 2.7 = 2, 2.8 = 1 (2.3 is a written derivation).
 * The slides' example is P = (x = 2, y = 3, w1 = 0.5, w2 = −1, b = 0.25); Q = (x = −1, y = 0.5, w1 = 2,
 * w2 = 3, b = −1) separates x from x², so swapped factors show. Tolerance: {@link Failure#TOLERANCE}; the
 * numerical gradients are compared with {@link GradCheck}'s relative 1e-6.
 */
@Exercise("02_chain_rule")
class ChainRuleChecks {

    private static final String P = "2, 3, 0.5, -1, 0.25";
    private static final double[] P_GRADIENTS = {-23, -46, -11.5};
    private static final String Q = "-1, 0.5, 2, 3, -1";
    private static final double[] Q_GRADIENTS = {1, -1, -1};
    private static final int RANDOM_POINTS = 20;
    private static final long RANDOM_SEED = 2024;
    /** What the random-point checks ask the hidden ChainRuleReference (the answer table holds its answer). */
    private static final String RANDOM_GRADIENTS = "quadLoss-gradients " + RANDOM_SEED + " " + RANDOM_POINTS;
    private static final AnswerTable ANSWERS = AnswerTable.of(ChainRuleChecks.class, List.of(RANDOM_GRADIENTS),
            "jgrad.exercises.ChainRuleReference");

    // ------------------------------------------------------------------ 2.1

    @Test
    @Points(1)
    void ex21MulBackwardMultipliesUpstreamByTheOtherInput(NotebookSession nb) {
        double[] slides = nb.evalDoubleArray("mulBackward(2, 3, 5)");
        Failure.of("mulBackward(2, 3, 5) should be {∂L/∂x, ∂L/∂y} = {upstream·y, upstream·x} = [15.0, 10.0], got "
                + Show.list(slides)).likely(slides,
                Mistake.of(new double[] {10, 15}, "each input multiplied by its own value: ∂(x·y)/∂x is y"),
                Mistake.of(new double[] {3, 2}, "the upstream gradient is not multiplied in"),
                Mistake.of(new double[] {8, 7}, "the upstream gradient is added instead of multiplied"))
                .unless(near(new double[] {15, 10}, slides));
        double[] other = nb.evalDoubleArray("mulBackward(-1.5, 4, 0.5)");
        Failure.of("mulBackward(-1.5, 4, 0.5) should be [2.0, -0.75], got " + Show.list(other))
                .unless(near(new double[] {2.0, -0.75}, other));
    }

    // ------------------------------------------------------------------ 2.2

    /** {yHat, loss, dLossDyHat, dLossDw} of the student's linearPass, in one eval. */
    private static double[] linearPass(NotebookSession nb, String args) {
        nb.declare("double[] check$pass(double x, double y, double w) { LinearPass p = linearPass(x, y, w); "
                + "return new double[] {p.yHat(), p.loss(), p.dLossDyHat(), p.dLossDw()}; }");
        return CheckSupport.evalShownAs("check$pass(" + args + ")", "linearPass(" + args + ")", nb::evalDoubleArray);
    }

    @Test
    @Points(1)
    void ex22LinearPassForward(NotebookSession nb) {
        double[] slides = linearPass(nb, "1, 2, 1");
        Failure.of("linearPass(1, 2, 1).yHat() should be x·w = 1").got(slides[0]).unless(near(1.0, slides[0]));
        Failure.of("linearPass(1, 2, 1).loss() should be (1 − 2)² = 1").got(slides[1]).unless(near(1.0, slides[1]));
        double[] other = linearPass(nb, "3, 1, 2");
        Failure.of("linearPass(3, 1, 2).yHat() should be x·w = 6").got(other[0]).likely(other[0],
                Mistake.of(5.0, "x + w instead of x·w")).unless(near(6.0, other[0]));
        Failure.of("linearPass(3, 1, 2).loss() should be (6 − 1)² = 25").got(other[1]).likely(other[1],
                Mistake.of(5.0, "the loss is not squared"), Mistake.of(-5.0, "the loss is not squared"))
                .unless(near(25.0, other[1]));
    }

    @Test
    @Points(1)
    void ex22LinearPassBackward(NotebookSession nb) {
        double[] slides = linearPass(nb, "1, 2, 1");
        Failure.of("linearPass(1, 2, 1).dLossDyHat() should be −2").got(slides[2]).likely(slides[2],
                Mistake.of(2.0, "the sign is flipped: s = ŷ − y, not y − ŷ"),
                Mistake.of(-1.0, "the factor 2 of s² is missing")).unless(near(-2.0, slides[2]));
        Failure.of("linearPass(1, 2, 1).dLossDw() should be −2").got(slides[3]).unless(near(-2.0, slides[3]));
        double[] other = linearPass(nb, "3, 1, 2");
        Failure.of("linearPass(3, 1, 2).dLossDyHat() should be 10").got(other[2]).likely(other[2],
                Mistake.of(-10.0, "the sign is flipped: s = ŷ − y, not y − ŷ"),
                Mistake.of(5.0, "the factor 2 of s² is missing")).unless(near(10.0, other[2]));
        Failure.of("linearPass(3, 1, 2).dLossDw() should be 30").got(other[3]).likely(other[3],
                Mistake.of(10.0, "the last factor of the chain, ∂ŷ/∂w = x, is missing"),
                Mistake.of(20.0, "multiplied by w instead of x: ∂(x·w)/∂w is x")).unless(near(30.0, other[3]));
    }

    // ------------------------------------------------------------------ 2.4

    @Test
    @Points(1)
    void ex24QuadLoss(NotebookSession nb) {
        double atP = nb.evalDouble("quadLoss(" + P + ")");
        Failure.of("quadLoss(" + P + ") should be (4·(−1) + 2·0.5 + 0.25 − 3)² = 33.0625").got(atP).likely(atP,
                Mistake.of(7.5625, "w1 and w2 swapped: w2 goes with x², w1 with x"), Mistake.of(36.0, "b is missing"),
                Mistake.of(-5.75, "not squared"), Mistake.of(5.75, "not squared")).unless(near(33.0625, atP));
        double atQ = nb.evalDouble("quadLoss(" + Q + ")");
        Failure.of("quadLoss(" + Q + ") should be (1·3 − 2 − 1 − 0.5)² = 0.25").got(atQ).likely(atQ,
                Mistake.of(6.25, "w1 and w2 swapped: w2 goes with x², w1 with x")).unless(near(0.25, atQ));
        double third = nb.evalDouble("quadLoss(3, -2, -1, 0.5, 2)");
        Failure.of("quadLoss(3, -2, -1, 0.5, 2) should be (9·0.5 − 3 + 2 + 2)² = 30.25").got(third)
                .unless(near(30.25, third));
    }

    // ------------------------------------------------------------------ 2.5

    @Test
    @Points(1)
    void ex25HandGradientsAtTheExamples(NotebookSession nb) {
        double[] atP = nb.evalDoubleArray("handGradients(" + P + ")");
        Failure.of("handGradients(" + P + ") should be {∂w1, ∂w2, ∂b} = [-23.0, -46.0, -11.5], got " + Show.list(atP))
                .likely(atP, Mistake.of(new double[] {-11.5, -23, -5.75}, "the factor 2 of the square is missing"),
                Mistake.of(new double[] {23, 46, 11.5}, "the sign is flipped: 2(ŷ − y), not 2(y − ŷ)"),
                Mistake.of(new double[] {-46, -23, -11.5}, "∂w1 and ∂w2 swapped: ∂ŷ/∂w1 = x, ∂ŷ/∂w2 = x²"))
                .unless(near(P_GRADIENTS, atP));
        double[] atQ = nb.evalDoubleArray("handGradients(" + Q + ")");
        Failure.of("handGradients(" + Q + ") should be [1.0, -1.0, -1.0], got " + Show.list(atQ)).likely(atQ,
                Mistake.of(new double[] {-1, 1, -1}, "x and x² swapped: ∂ŷ/∂w1 = x, ∂ŷ/∂w2 = x²"))
                .unless(near(Q_GRADIENTS, atQ));
    }

    @Test
    @Points(1)
    void ex25HandGradientsEverywhere(NotebookSession nb) {
        compareAtRandomPoints(nb, "handGradients", 1e-9, "hard-coded for the examples?");
    }

    // ------------------------------------------------------------------ 2.6

    @Test
    @Points(1)
    void ex26AutogradGradients(NotebookSession nb) {
        double[] atP = nb.evalDoubleArray("autogradGradients(" + P + ")");
        double[] again = nb.evalDoubleArray("autogradGradients(" + P + ")");
        String changes = Arrays.equals(atP, again) ? "" : " (and a second call gave " + Show.list(again) + ": Values are "
                + "reused between calls, so their gradients accumulate; make new Values at every call)";
        Failure.of("autogradGradients(" + P + ") should be [-23.0, -46.0, -11.5], got " + Show.list(atP) + changes)
                .likely(atP, Mistake.of(new double[] {0, 0, 0}, "backward() was not called on the loss"),
                Mistake.of(new double[] {-46, -23, -11.5}, "the gradients of w1 and w2 are swapped"))
                .unless(near(P_GRADIENTS, atP));
        compareAtRandomPoints(nb, "autogradGradients", 1e-9, "");
        String cell = CheckSupport.cellDeclaring(nb, "double\\s*\\[\\]\\s*autogradGradients\\s*\\(");
        require(Pattern.compile("\\.backward\\s*\\(").matcher(cell).find(), "autogradGradients gives the right "
                + "numbers, but its cell never calls backward(): build the loss from Values and backpropagate");
    }

    @Test
    @Points(1)
    void ex26AutogradBuildsAFreshGraphPerCall(NotebookSession nb) {
        nb.declare("double[][] check$twice() { double[] first = autogradGradients(" + P + "); autogradGradients(" + Q
                + "); return new double[][] {first, autogradGradients(" + P + ")}; }");
        CheckSupport.evalShownAs("double[][] check$calls = check$twice();", "autogradGradients(" + P + "), then (" + Q + "), then (" + P + ") again",
                nb::eval);
        double[] first = nb.evalDoubleArray("check$calls[0]");
        double[] second = nb.evalDoubleArray("check$calls[1]");
        Failure.of("calling autogradGradients(" + P + ") again (after a call at " + Q
                + ") should give the same gradients " + Show.list(first) + ", got " + Show.list(second)
                + ": are Values reused between calls, so that their gradients accumulate? Make new Values each call")
                .unless(near(first, second));
        Failure.of("autogradGradients(" + P
                + ") gives the same answer at every call, but it should be [-23.0, -46.0, -11.5], got " + Show.list(first))
                .unless(near(P_GRADIENTS, first));
    }

    // ------------------------------------------------------------------ 2.7

    @Test
    @Points(1)
    void ex27NumericalGradientsAtTheExample(NotebookSession nb) {
        double[] atP = nb.evalDoubleArray("numericalGradients(" + P + ")");
        GradCheck.Result result = GradCheck.compare(P_GRADIENTS, atP);
        Failure.of("numericalGradients(" + P + ") should be within 1e-6 (relative) of [-23, -46, -11.5], got "
                + Show.list(atP)).likely(atP,
                Mistake.of(new double[] {-46, -23, -11.5}, "p[0] is used as w2 in the loss: p = {w1, w2, b}"))
                .unless(result.passed());
        String cell = CheckSupport.cellDeclaring(nb, "double\\s*\\[\\]\\s*numericalGradients\\s*\\(");
        require(Pattern.compile("numericalGradient\\s*\\(").matcher(cell).find(), "numericalGradients gives the "
                + "right numbers, but its cell never calls GradCheck.numericalGradient: compute them by finite "
                + "differences of the loss");
    }

    @Test
    @Points(1)
    void ex27NumericalGradientsElsewhere(NotebookSession nb) {
        double[] atQ = nb.evalDoubleArray("numericalGradients(" + Q + ")");
        Failure.of("numericalGradients(" + Q + ") should be within 1e-6 of [1, -1, -1], got " + Show.list(atQ)).likely(atQ,
                Mistake.of(new double[] {-1, 1, -1}, "x and x² swapped in the loss: w2 goes with x², w1 with x"))
                .unless(GradCheck.compare(Q_GRADIENTS, atQ).passed());
        compareAtRandomPoints(nb, "numericalGradients", 1e-6, "are x and y fixed and p = {w1, w2, b} in this order?");
    }

    // ------------------------------------------------------------------ 2.8

    @Test
    @Points(1)
    void ex28TheThreeAgreeAtTheExample(NotebookSession nb) {
        if (!nb.evalBoolean("handVsAutograd != null && handVsNumerical != null")) {
            Failure.of("handVsAutograd or handVsNumerical is null, the stub's value: not done yet (set them with "
                    + "GradCheck.compare(hand, autograd) and GradCheck.compare(hand, numerical) at the example)").fail();
        }
        for (String result : new String[] {"handVsAutograd", "handVsNumerical"}) {
            require(nb.evalBoolean(result + ".passed()"), result + ".passed() should be true: at the example "
                    + "the gradients agree when all three are right; it compared " + nb.evalString(result));
            for (String side : new String[] {"analytic", "numerical"}) {
                double[] got = nb.evalDoubleArray(result + "." + side + "()");
                require(got.length == 3 && GradCheck.compare(P_GRADIENTS, got).passed(), result + "." + side
                        + "() should be the gradients at the example x = 2, y = 3, w1 = 0.5, w2 = −1, b = 0.25, "
                        + "[-23, -46, -11.5], got " + Show.list(got));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Compares the student's gradient method with quadLoss's gradients at 20 random points (x, y, w1, w2, b
     * uniform in [−3, 3], seed 2024), in one eval; the expected values come from the answer table.
     */
    /** COUNT points (x, y, w1, w2, b) uniform in [−3, 3] from SEED, coordinate-major (the reference draws the same). */
    static double[][] randomPoints(long seed, int count) {
        return CheckSupport.randomPoints(seed, count, 5, -3, 3);
    }

    private static void compareAtRandomPoints(NotebookSession nb, String method, double tolerance, String question) {
        double[][] p = randomPoints(RANDOM_SEED, RANDOM_POINTS);
        double[] gradients = ANSWERS.get(RANDOM_GRADIENTS);
        nb.declare("double[] check$" + method + "(double[] x, double[] y, double[] w1, double[] w2, double[] b) { "
                + "double[] all = new double[3 * x.length]; for (int i = 0; i < x.length; i++) { "
                + "double[] g = " + method + "(x[i], y[i], w1[i], w2[i], b[i]); "
                + "if (g == null || g.length != 3) throw new IllegalStateException(\"" + method
                + " must return 3 gradients {w1, w2, b}, got \" + Arrays.toString(g)); "
                + "System.arraycopy(g, 0, all, 3 * i, 3); } return all; }");
        double[] got = CheckSupport.evalShownAs("check$" + method + "(" + literal(p[0]) + ", " + literal(p[1]) + ", "
                + literal(p[2]) + ", " + literal(p[3]) + ", " + literal(p[4]) + ")",
                method + "(x, y, w1, w2, b) at " + RANDOM_POINTS + " random points", nb::evalDoubleArray);
        for (int i = 0; i < RANDOM_POINTS; i++) {
            double x = p[0][i], y = p[1][i];
            double[] expected = Arrays.copyOfRange(gradients, 3 * i, 3 * i + 3);
            double[] actual = Arrays.copyOfRange(got, 3 * i, 3 * i + 3);
            if (!GradCheck.compare(expected, actual, tolerance).passed()) {
                Failure.of(String.format(Locale.ROOT, "%s must be right at any point, not only at the examples: at "
                        + "x = %s, y = %s, w1 = %s, w2 = %s, b = %s it should be %s, got %s%s",
                        method, x, y, p[2][i], p[3][i], p[4][i], Arrays.toString(expected), Arrays.toString(actual),
                        question.isEmpty() ? "" : " (" + question + ")")).fail();
            }
        }
    }
}
