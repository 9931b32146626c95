package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import jgrad.grader.EvalException;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.nn.Functional;
import jgrad.nn.Init;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.nn.Sigmoid;
import jgrad.optim.Adam;
import jgrad.plot.Plots;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 09_universal_approximation.ipynb (one hidden layer of sigmoids fitting sin on [−π, π]), 11 points:
 * exercise 1 (the model) = 3, 2 (fit) = 5, 3 (the width sweep) = 3. The references are computed here, in the
 * checks' JVM, with the same library, grid, learning rate and seeds as the notebook: a correct answer agrees
 * to rounding, and the likely mistakes (no sigmoid, no zeroGrad, the sum or the root instead of the mean, the
 * loss before the last update, no seeding) are recognised by recomputing them.
 */
@Exercise("09_universal_approximation")
class UniversalApproximationChecks {

    /** The notebook's grid: 64 points on [−π, π], as a (64, 1) column. */
    private static final int POINTS = 64;
    private static final double LR = 0.05;
    private static final String X_HELPER = "jgrad.tensor.Tensor check$X() { return jgrad.tensor.Tensor.of("
            + "jgrad.plot.Plots.linspace(-Math.PI, Math.PI, 64), 64, 1); }";
    private static final double TOLERANCE = 1e-9;

    // ------------------------------------------------------------------ exercise 1: the model

    @Test
    @Points(1)
    void ex1ShapesAndParameterCount(NotebookSession nb) {
        nb.declare(X_HELPER);
        int[] shape = attempt("approximator(5).forward(X) should have shape [64, 1]",
                () -> nb.evalIntArray("approximator(5).forward(check$X()).shape()"));
        require(Arrays.equals(new int[] {POINTS, 1}, shape), "approximator(5).forward(X) for the 64 grid points "
                + "should have shape [64, 1] (one output per point), got " + Arrays.toString(shape)
                + (shape.length == 2 && shape[1] == 5 ? " (the output layer Linear(width, 1) is missing)" : ""));
        for (int width : new int[] {1, 5, 32}) {
            int count = nb.evalInt("approximator(" + width + ").parameterCount()");
            assertEquals(3 * width + 1, count, "approximator(" + width + ") should have 3·width + 1 = "
                    + (3 * width + 1) + " parameters: Linear(1 -> width) has width weights and width biases, "
                    + "Linear(width -> 1) has width weights and 1 bias; got " + count);
        }
    }

    @Test
    @Points(2)
    @Hidden
    void ex1HiddenSigmoidLayerFromTheDefaultGenerator(NotebookSession nb) {
        nb.declare(X_HELPER);
        nb.declare("jgrad.nn.Sequential check$seeded(long s, int w) { jgrad.nn.Init.manualSeed(s); return approximator(w); }");
        double[] yours = attempt("approximator(3) should be Sequential(Linear(1, 3), Sigmoid(), Linear(3, 1))",
                () -> nb.evalDoubleArray("check$seeded(5, 3).forward(check$X()).data()"));
        double[] expected = model(5, 3, true).forward(grid()).data();
        if (close(expected, yours)) {
            return;
        }
        if (isAffine(yours)) {
            fail("approximator(3)'s output is a straight line in x: there is no nonlinearity between the two "
                    + "layers. Put a Sigmoid() between Linear(1, width) and Linear(width, 1): two linear layers in a "
                    + "row are one linear layer, and a line cannot approximate sin");
        }
        fail("after Init.manualSeed(5), approximator(3).forward(X) should equal Sequential(Linear(1, 3), Sigmoid(), "
                + "Linear(3, 1)) built from the default generator (new Linear(1, 3), no Random argument: "
                + "Init.manualSeed seeds it), got " + Show.list(Arrays.copyOf(yours, 4)) + "... instead of "
                + Show.list(Arrays.copyOf(expected, 4)) + "... (a Tanh or ReLU instead of Sigmoid? "
                + "an extra layer? a Random of your own?)");
    }

    // ------------------------------------------------------------------ exercise 2: fit

    @Test
    @Points(3)
    @Hidden
    void ex2FitReturnsTheFinalMeanSquaredError(NotebookSession nb) {
        int[][] cases = {{4, 150, 0}, {8, 100, 3}, {1, 60, 7}};
        for (int[] c : cases) {
            int width = c[0], steps = c[1];
            long seed = c[2];
            String call = "fit(" + width + ", " + steps + ", " + seed + "L)";
            double yours = attempt(call + " should return the MSE of the trained network on the grid",
                    () -> nb.evalDouble(call));
            double expected = reference(width, steps, seed, Variant.CORRECT);
            if (Math.abs(yours - expected) <= TOLERANCE * Math.max(1, expected)) {
                continue;
            }
            fail(call + " should be " + Show.num(expected) + ", the mean squared error of approximator("
                    + width + ") on the 64 grid points after " + steps + " Adam steps (lr = 0.05, full batch, seed "
                    + seed + "); got " + Show.num(yours) + diagnose(yours, width, steps, seed, expected));
        }
    }

    @Test
    @Points(1)
    void ex2FitIsSeeded(NotebookSession nb) {
        nb.declare("double[] check$twice() { return new double[] {fit(4, 30, 11L), fit(4, 30, 11L), fit(4, 30, 12L)}; }");
        double[] three = attempt("fit(4, 30, 11) twice should give the same number",
                () -> nb.evalDoubleArray("check$twice()"));
        require(three[0] == three[1], String.format(Locale.ROOT, "fit(4, 30, 11) gave %s, then %s: call "
                + "Init.manualSeed(seed) at the start of fit, before approximator(width) draws the initial weights",
                Show.num(three[0]), Show.num(three[1])));
        require(three[0] != three[2], "fit(4, 30, 11) and fit(4, 30, 12) gave the same number "
                + Show.num(three[0]) + ": the seed should choose the initial weights, "
                + "Init.manualSeed(seed) (not a fixed seed)");
    }

    @Test
    @Points(1)
    void ex2FitLearnsSin(NotebookSession nb) {
        double yours = attempt("fit(16, 400, 0) should be small", () -> nb.evalDouble("fit(16, 400, 0L)"));
        double linear = bestLineMse();
        require(yours < 0.01, String.format(Locale.ROOT, "fit(16, 400, 0) should be below 0.01 (16 sigmoids fit sin "
                + "well in 400 Adam steps); got %s%s", Show.num(yours), Math.abs(yours - linear) < 0.01
                ? " — that is about the best straight line's error " + Show.num(linear)
                        + ": is there a Sigmoid between the layers?" : ""));
    }

    // ------------------------------------------------------------------ exercise 3: the sweep

    @Test
    @Points(2)
    @Hidden
    void ex3SweepFitsEachWidth(NotebookSession nb) {
        int[] widths = {2, 1, 6};
        double[] yours = attempt("sweep({2, 1, 6}, 80, 5) should return fit(w, 80, 5) for each width, in order",
                () -> nb.evalDoubleArray("sweep(new int[] {2, 1, 6}, 80, 5L)"));
        assertEquals(widths.length, yours.length, "sweep(widths, steps, seed) should return one error per width: "
                + widths.length + " for {2, 1, 6}");
        for (int i = 0; i < widths.length; i++) {
            double expected = reference(widths[i], 80, 5, Variant.CORRECT);
            require(Math.abs(yours[i] - expected) <= TOLERANCE * Math.max(1, expected), String.format(Locale.ROOT,
                    "sweep({2, 1, 6}, 80, 5)[%d] should be fit(%d, 80, 5) = %s, got %s: each width is fitted from "
                            + "the same seed (call fit(widths[i], steps, seed), which reseeds), in the order given; if the check "
                            + "of fit fails too, fix fit first",
                    i, widths[i], Show.num(expected), Show.num(yours[i])));
        }
        double[] none = attempt("sweep({}, 80, 5) should be an empty array",
                () -> nb.evalDoubleArray("sweep(new int[0], 80, 5L)"));
        assertEquals(0, none.length, "sweep of no widths should return an empty array");
    }

    @Test
    @Points(1)
    @Hidden
    void sweepErrorsIsTheCourseSweep(NotebookSession nb) {
        double[] yours = attempt("sweepErrors should hold sweep(WIDTHS, STEPS, SEED)", () -> nb.evalDoubleArray("sweepErrors"));
        int[] widths = {1, 2, 4, 8, 16, 32};
        require(yours.length > 0, "sweepErrors is still empty (not done yet): set it to sweep(WIDTHS, STEPS, SEED)");
        assertEquals(widths.length, yours.length, "sweepErrors should be sweep(WIDTHS, STEPS, SEED): one error "
                + "for each of the widths 1, 2, 4, 8, 16, 32");
        require(yours[0] > 10 * yours[widths.length - 1], String.format(Locale.ROOT, "sweepErrors should fall "
                + "with the width: 32 sigmoids fit sin far better than 1, yet the errors are %s",
                Show.list(yours)));
        for (int i : new int[] {0, 3}) {
            double expected = reference(widths[i], 500, 0, Variant.CORRECT);
            require(Math.abs(yours[i] - expected) <= TOLERANCE * Math.max(1, expected), String.format(Locale.ROOT,
                    "sweepErrors[%d] (width %d) should be fit(%d, STEPS = 500, SEED = 0) = %s, got %s (if the check of "
                            + "fit fails too, fix fit first)",
                    i, widths[i], widths[i], Show.num(expected), Show.num(yours[i])));
        }
    }

    // ------------------------------------------------------------------ references and diagnoses

    /** The ways fit can be written: right, and the mistakes the messages name. */
    private enum Variant { CORRECT, NO_ZERO_GRAD, NO_SIGMOID, LOSS_BEFORE_LAST_UPDATE }

    /** What the student's value looks like, when it is not the reference. */
    @Hidden
    private static String diagnose(double yours, int width, int steps, long seed, double expected) {
        if (close(yours, expected * POINTS)) {
            return ": that is 64 times the mean, the sum of the squared errors: return the mean (mse), not the sum";
        }
        if (close(yours, Math.sqrt(expected))) {
            return ": that is the root of the mean squared error (RMSE): return the mean squared error itself";
        }
        if (close(yours, reference(width, steps, seed, Variant.NO_ZERO_GRAD))) {
            return ": that is what you get without optimizer.zeroGrad() at each step — backward() adds to the "
                    + "gradients, so they pile up from step to step";
        }
        if (close(yours, reference(width, steps, seed, Variant.LOSS_BEFORE_LAST_UPDATE))) {
            return ": that is the loss of the last step, computed before its update: after the loop, compute "
                    + "mse(model.forward(X), Y) once more, on the trained network";
        }
        if (close(yours, reference(width, steps, seed, Variant.NO_SIGMOID))) {
            return ": that is what a network without the Sigmoid between its layers gets (a straight line)";
        }
        return ": use approximator(width) after Init.manualSeed(seed), new Adam(model.parameters(), LR) with LR = "
                + "0.05, and at each step zeroGrad, forward on all of X, mse, backward, step";
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-7 * Math.max(1e-12, Math.abs(b));
    }

    private static boolean close(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Whether the values on the evenly spaced grid lie on a line (second differences zero). */
    private static boolean isAffine(double[] values) {
        double scale = Arrays.stream(values).map(Math::abs).max().orElse(0) + 1e-12;
        for (int i = 2; i < values.length; i++) {
            if (Math.abs(values[i] - 2 * values[i - 1] + values[i - 2]) > 1e-9 * scale) {
                return false;
            }
        }
        return true;
    }

    private static Tensor grid() {
        return Tensor.of(Plots.linspace(-Math.PI, Math.PI, POINTS), POINTS, 1);
    }

    @Hidden
    private static Sequential model(long seed, int width, boolean sigmoid) {
        Init.manualSeed(seed);
        return sigmoid ? new Sequential(new Linear(1, width), new Sigmoid(), new Linear(width, 1))
                : new Sequential(new Linear(1, width), new Linear(width, 1));
    }

    /** fit(width, steps, seed) as the notebook asks for it, or with one of the likely mistakes. */
    @Hidden
    private static synchronized double reference(int width, int steps, long seed, Variant variant) {
        Tensor x = grid();
        Tensor y = Tensor.of(Arrays.stream(x.data()).map(Math::sin).toArray(), POINTS, 1);
        Module net = model(seed, width, variant != Variant.NO_SIGMOID);
        Adam optimizer = new Adam(net.parameters(), LR);
        double last = Double.NaN;
        for (int step = 0; step < steps; step++) {
            if (variant != Variant.NO_ZERO_GRAD) {
                optimizer.zeroGrad();
            }
            Tensor loss = Functional.mse(net.forward(x), y);
            last = loss.item();
            loss.backward();
            optimizer.step();
        }
        if (variant == Variant.LOSS_BEFORE_LAST_UPDATE) {
            return last;
        }
        try (var noGraph = Tensor.noGrad()) {
            return Functional.mse(net.forward(x), y).item();
        }
    }

    /** The mean squared error of the least-squares line through (x, sin x) on the grid. */
    private static double bestLineMse() {
        double[] x = Plots.linspace(-Math.PI, Math.PI, POINTS);
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(x).map(Math::sin).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (double v : x) {
            sxy += (v - mx) * (Math.sin(v) - my);
            sxx += (v - mx) * (v - mx);
        }
        double slope = sxy / sxx, sum = 0;
        for (double v : x) {
            double r = Math.sin(v) - (my + slope * (v - mx));
            sum += r * r;
        }
        return sum / POINTS;
    }

    /** Fails with the message alone (no "expected: <true>" noise) when the condition is false. */
    private static void require(boolean condition, String message) {
        if (!condition) {
            fail(message);
        }
    }

    /** Runs an eval; when the student's code throws or does not compile, fails saying what was expected. */
    private static <T> T attempt(String expected, Supplier<T> eval) {
        try {
            return eval.get();
        } catch (EvalException e) {
            return fail(expected + "; but " + e.getMessage());
        }
    }
}
