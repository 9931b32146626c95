package jgrad.exercises;

import static jgrad.exercises.CheckSupport.literal;
import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;

import jgrad.check.GradCheck;
import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 01_gradient_descent.ipynb (1-D gradient descent on y = 2x), 11 points: 1.1 = 1, 1.2 = 1,
 * 1.3 = 3, 1.4 = 3, 1.5 = 3. Each check tests one thing and names the likely mistake when it fails.
 * Tolerance: {@link Failure#TOLERANCE}, except for trained weights ({@link #TRAINED}).
 */
@Exercise("01_gradient_descent")
class GradientDescentChecks {

    /** Trained weights: the course's numbers are given to 7 digits (1.260688), training reaches 2 to 1e-6. */
    private static final double TRAINED = 1e-6;
    /** The course's number: w after one epoch from w = 1.0 with lr = 0.01, per-sample updates. */
    private static final double W_AFTER_ONE_EPOCH = 1.260688;

    // ------------------------------------------------------------------ 1.1, 1.2

    @Test
    @Points(1)
    void ex11ForwardIsWTimesX(NotebookSession nb) {
        double untrained = nb.evalDouble("forward(4, 1.0)");
        Failure.of("forward(4, 1.0) should be w·x = 4.0").got(untrained)
                .likely(untrained, Mistake.of(5.0, "x + w instead of x·w")).unless(near(4.0, untrained));
        double twice = nb.evalDouble("forward(4, 2.0)");
        Failure.of("forward(4, 2.0) should be 8.0").got(twice).then(": did you ignore w?").unless(near(8.0, twice));
        double negative = nb.evalDouble("forward(-1.5, 3)");
        Failure.of("forward(-1.5, 3) should be -4.5").got(negative).likely(negative,
                Mistake.of(4.5, "the sign of x is lost (Math.abs?)"), Mistake.of(1.5, "x + w instead of x·w"))
                .unless(near(-4.5, negative));
    }

    @Test
    @Points(1)
    void ex12CostIsSquaredError(NotebookSession nb) {
        double cost = nb.evalDouble("cost(1, 5, 2)");
        Failure.of("cost(1, 5, 2) should be (1·2 − 5)² = 9.0").got(cost).likely(cost,
                Mistake.of(3.0, "the absolute error |ŷ − y| instead of its square"),
                Mistake.of(4.5, "½(ŷ − y)² instead of (ŷ − y)²"),
                Mistake.of(-23.0, "x·w − y·y: only y is squared"),
                Mistake.of(-13.0, "x*w - y * x*w - y: parentheses missing around (x·w − y)"))
                .unless(near(9.0, cost));
        double second = nb.evalDouble("cost(2, 4, 1.0)");
        Failure.of("cost(2, 4, 1.0) should be (2·1 − 4)² = 4.0").got(second).unless(near(4.0, second));
        double third = nb.evalDouble("cost(-2, 1, 0.5)");
        Failure.of("cost(-2, 1, 0.5) should be (−1 − 1)² = 4.0").got(third).unless(near(4.0, third));
    }

    // ------------------------------------------------------------------ 1.3

    @Test
    @Points(1)
    void ex13GradientAtTheCourseExample(NotebookSession nb) {
        double g = nb.evalDouble("gradient(2, 4, 1.0)");
        Failure.of("gradient(2, 4, 1.0) = d/dw (x·w − y)² at x = 2, y = 4, w = 1 should be −8")
                .got(g).likely(g, Mistake.of(8.0, "the sign is flipped: 2x(y − xw) instead of 2x(xw − y)"),
                        Mistake.of(-4.0, "a factor is missing: 2 (from the square) or x (from d(x·w)/dw)"))
                .unless(near(-8.0, g));
    }

    @Test
    @Points(1)
    void ex13GradientHasTheFactorsTwoAndX(NotebookSession nb) {
        double g = nb.evalDouble("gradient(3, 1, 2)");
        Failure.of("gradient(3, 1, 2) should be 2·3·(3·2 − 1) = 30").got(g).likely(g,
                Mistake.of(10.0, "the factor x is missing: 2(xw − y) instead of 2x(xw − y)"),
                Mistake.of(15.0, "the factor 2 is missing: x(xw − y) instead of 2x(xw − y)"),
                Mistake.of(-30.0, "the sign is flipped")).unless(near(30.0, g));
        double h = nb.evalDouble("gradient(-1, 2, 0.5)");
        Failure.of("gradient(-1, 2, 0.5) should be 2·(−1)·(−0.5 − 2) = 5").got(h).likely(h,
                Mistake.of(-5.0, "the factor x is missing (or the sign is flipped)"),
                Mistake.of(2.5, "the factor 2 is missing")).unless(near(5.0, h));
    }

    @Test
    @Points(1)
    void ex13GradientAgreesWithNumericalDerivative(NotebookSession nb) {
        double[][] p = CheckSupport.randomPoints(2024, 20, 3, -3, 3);
        double[] xs = p[0], ys = p[1], ws = p[2];
        double[] numerical = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i], y = ys[i];
            numerical[i] = GradCheck.numericalDerivative(v -> (x * v - y) * (x * v - y), ws[i]);
        }
        nb.declare("double[] check$gradients(double[] xs, double[] ys, double[] ws) { double[] g = new double[xs.length]; "
                + "for (int i = 0; i < xs.length; i++) g[i] = gradient(xs[i], ys[i], ws[i]); return g; }");
        double[] got = CheckSupport.evalShownAs("check$gradients(" + literal(xs) + ", " + literal(ys) + ", " + literal(ws)
                + ")", "gradient(x, y, w) at 20 random points", nb::evalDoubleArray);
        GradCheck.Result result = GradCheck.compare(got, numerical);
        if (!result.passed()) {
            int i = result.worstIndex();
            Failure.of(String.format(java.util.Locale.ROOT, "gradient(x, y, w) must equal the numerical derivative of "
                    + "(x·w − y)² with respect to w at any point; at x = %s, y = %s, w = %s it should be %s",
                    xs[i], ys[i], ws[i], numerical[i])).got(Double.toString(got[i]))
                    .then(". Is the formula hard-coded for the examples, or is it the derivative with respect to x "
                    + "instead of w?").fail();
        }
    }

    // ------------------------------------------------------------------ 1.4

    @Test
    @Points(1)
    void ex14OneEpochUpdatesAfterEachExample(NotebookSession nb) {
        double variable = trainedVariable(nb, "wAfterOneEpoch", "train(xData, yData, 1.0, 0.01, 1)");
        oneEpoch(Failure.of("wAfterOneEpoch: w after epoch 0 (from w = 1.0, lr = 0.01) should be 1.260688"), variable)
                .unless(near(W_AFTER_ONE_EPOCH, variable, TRAINED));
        double trained = nb.evalDouble("train(xData, yData, 1.0, 0.01, 1)");
        oneEpoch(Failure.of("train(xData, yData, 1.0, 0.01, 1) should be 1.260688"), trained)
                .unless(near(W_AFTER_ONE_EPOCH, trained, TRAINED));
    }

    private static Failure oneEpoch(Failure failure, double w) {
        return failure.got(Double.toString(w)).likely(w,
                Mistake.of(1.28, "one update per epoch with the summed gradient: update after each example instead"),
                Mistake.of(1.0 + 28.0 / 3 * 0.01, "one update per epoch with the mean gradient: update after each "
                        + "example instead"),
                Mistake.of(1.0, "w did not change: is the loop running zero times (epoch < epochs - 1)?"))
                .likely(w < 1.0 ? "w moved away from 2: update with w − lr·gradient, not +"
                        : w > 2.0 ? "w jumped past 2: is the learning rate applied?" : "");
    }

    @Test
    @Points(1)
    void ex14HundredEpochsReachTwo(NotebookSession nb) {
        double trained = trainedVariable(nb, "wTrained", "train(xData, yData, 1.0, 0.01, 100)");
        require(Math.abs(trained - 2) < TRAINED, "wTrained (100 epochs from w = 1.0, lr = 0.01) should be within 1e-6 "
                + "of 2, so that 4·wTrained = 8.0; it was " + trained);
        double fromTrain = nb.evalDouble("train(xData, yData, 1.0, 0.01, 100)");
        require(Math.abs(fromTrain - 2) < TRAINED, "train(xData, yData, 1.0, 0.01, 100) should be within 1e-6 of 2; "
                + "it was " + fromTrain);
    }

    @Test
    @Points(1)
    void ex14TrainUsesItsArguments(NotebookSession nb) {
        double other = nb.evalDouble("train(new double[] {1, -1}, new double[] {3, -3}, 0, 0.1, 50)");
        Failure.of("train on other data (xs = {1, −1}, ys = {3, −3}, i.e. y = 3x) from w0 = 0 with lr = 0.1 for 50 "
                + "epochs should reach w = 3").got(Double.toString(other))
                .likely(other, Mistake.of(2.0, "the loop uses xData/yData instead of the arguments xs/ys"))
                .unless(near(3.0, other, TRAINED));
        double none = nb.evalDouble("train(xData, yData, 5.0, 0.01, 0)");
        Failure.of("train(xData, yData, 5.0, 0.01, 0): zero epochs must return w0 = 5.0 untouched").got(none)
                .likely(none, Mistake.of(1.0, "the loop starts from 1.0 instead of w0"))
                .likely(none != 5.0 ? "one epoch too many? the loop is epoch < epochs" : "")
                .unless(near(5.0, none));
    }

    /** Reads a top-level double that the stub leaves NaN. */
    private static double trainedVariable(NotebookSession nb, String name, String howToSet) {
        double value = nb.evalDouble(name);
        require(!Double.isNaN(value), name + " is NaN, the stub's value: not done yet? Set it to " + howToSet
                + " (or, if you did, your training produced NaN)");
        return value;
    }

    // ------------------------------------------------------------------ 1.5

    @Test
    @Points(1)
    void ex15DivergingRatesOfTheList(NotebookSession nb) {
        require(nb.evalBoolean("divergingRates != null"), "divergingRates is null, the stub's value: not done yet (set "
                + "it to the rates of candidateRates for which diverges(lr) is true)");
        double[] got = nb.evalDoubleArray("divergingRates.stream().mapToDouble(r -> r).toArray()");
        Failure.of("divergingRates should be [0.3, 0.4] (in the order of candidateRates)").got(got).likely(got,
                Mistake.of(new double[] {0.2, 0.3, 0.4}, "0.2 counted as diverging: one overshooting step is not "
                        + "divergence, the epoch's factor is what counts"),
                Mistake.of(new double[] {0.001, 0.3, 0.4}, "0.001 counted as diverging: slow convergence is not "
                        + "divergence"),
                Mistake.of(new double[] {0.001, 0.2, 0.3, 0.4}, "slow convergence and single overshooting steps counted "
                        + "as divergence"),
                Mistake.of(new double[0], "no rate flagged: is diverges(lr) always false?"))
                .unless(near(new double[] {0.3, 0.4}, got, 0.0));
    }

    @Test
    @Points(1)
    void ex15SlowOrOvershootingIsNotDivergence(NotebookSession nb) {
        require(!nb.evalBoolean("diverges(0.001)"), "diverges(0.001) should be false: w is 1.94 after 100 epochs, "
                + "still approaching 2 (slow convergence is not divergence; compare |w − 2| with |1.0 − 2| = 1)");
        require(!nb.evalBoolean("diverges(0.2)"), "diverges(0.2) should be false: the step on x = 3 overshoots "
                + "2, but each epoch multiplies w − 2 by 0.936, so w converges (|w − 2| = 1.3e-3 after 100 epochs)");
        require(!nb.evalBoolean("diverges(0.5)"), "diverges(0.5) should be false: the first step (x = 1) lands "
                + "exactly on w = 2 and w stays there");
    }

    @Test
    @Points(1)
    void ex15GrowingErrorIsDivergence(NotebookSession nb) {
        require(nb.evalBoolean("diverges(0.25)"), "diverges(0.25) should be true: each epoch multiplies w − 2 by "
                + "1.75, so |w − 2| is about 2e24 after 100 epochs");
        require(nb.evalBoolean("diverges(0.3)"), "diverges(0.3) should be true: w − 2 grows every epoch");
    }
}
