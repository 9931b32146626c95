package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import jgrad.grader.AnswerTable;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 10_optimizers.ipynb, 8 points: exercise 1 (Momentum) = 4, exercise 2 (AdamRule) = 4, one check
 * of each hidden (other coefficients, other start). The notebook's rule runs ten steps on
 * f(θ) = ½ Σ cᵢ θᵢ²; the reference is jgrad.optim's SGD with momentum or Adam on the same function, here in
 * the checks' JVM. A wrong answer is compared with the library's neighbours of the rule (plain SGD, dampening,
 * Nesterov) and with Adam's usual slips (no bias correction, t counted from 0 or 2: an answer table computed by
 * the hidden OptimizersReference) to name the mistake.
 */
@Exercise("10_optimizers")
class OptimizersChecks {

    static final int STEPS = 10;
    private static final double TOLERANCE = 1e-9;
    private static final String RUN_MOMENTUM = "double[] check$momentum(double lr, double mu, double[] start, double[] c) {"
            + " Momentum o = new Momentum(lr, mu); double[] th = start.clone();"
            + " for (int k = 0; k < 10; k++) { double[] g = new double[th.length];"
            + " for (int i = 0; i < th.length; i++) g[i] = c[i] * th[i]; o.step(th, g); } return th; }";
    private static final String RUN_ADAM = "double[] check$adam(double lr, double b1, double b2, double eps, double[] start, double[] c) {"
            + " AdamRule o = new AdamRule(lr, b1, b2, eps); double[] th = start.clone();"
            + " for (int k = 0; k < 10; k++) { double[] g = new double[th.length];"
            + " for (int i = 0; i < th.length; i++) g[i] = c[i] * th[i]; o.step(th, g); } return th; }";

    @Test
    @Points(2)
    void ex1MomentumMatchesSgdWithMomentum(NotebookSession nb) {
        checkMomentum(nb, 0.0175, 0.9, new double[] {-4, 1.5}, new double[] {1, 25});
    }

    @Test
    @Points(2)
    @Hidden
    void ex1MomentumOnOtherInputs(NotebookSession nb) {
        checkMomentum(nb, 0.03, 0.7, new double[] {2, -1, 0.5}, new double[] {3, 0.5, 10});
    }

    /** Exercise 2's public case: lr, β₁, β₂, ε, start and c of ten Adam steps on ½ Σ cᵢ θᵢ². */
    private static final double[] ADAM = {0.5, 0.9, 0.999, 1e-8};
    private static final double[] ADAM_START = {-4, 1.5};
    private static final double[] ADAM_C = {1, 25};
    /** The slips the hints name: {corrected (1 = yes), first t}. */
    private static final int[][] SLIPS = {{0, 1}, {1, 0}, {1, 2}};

    private static final AnswerTable ANSWERS = AnswerTable.of(OptimizersChecks.class, questions(),
            "jgrad.exercises.OptimizersReference");

    /** The questions put to the hidden OptimizersReference: Adam's slips on the public case. */
    static List<String> questions() {
        return Arrays.stream(SLIPS).map(s -> slipQuestion(ADAM, ADAM_START, ADAM_C, s[0] == 1, s[1])).toList();
    }

    private static String slipQuestion(double[] adam, double[] start, double[] c, boolean corrected, int firstT) {
        return "adam-slip " + adam[0] + " " + adam[1] + " " + adam[2] + " " + adam[3] + " " + numbers(start) + " "
                + numbers(c) + " " + corrected + " " + firstT;
    }

    private static String numbers(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /** Adam's result with one slip: (corrected, first t) → θ after ten steps. */
    private interface Slip {
        double[] of(boolean corrected, int firstT);
    }

    @Test
    @Points(2)
    void ex2AdamMatchesTheLibrary(NotebookSession nb) {
        checkAdam(nb, ADAM[0], ADAM[1], ADAM[2], ADAM[3], ADAM_START, ADAM_C,
                (corrected, firstT) -> ANSWERS.get(slipQuestion(ADAM, ADAM_START, ADAM_C, corrected, firstT)));
    }

    @Test
    @Points(2)
    @Hidden
    void ex2AdamOnOtherInputs(NotebookSession nb) {
        double[] start = {1, -2, 0.25};
        double[] c = {4, 0.1, 30};
        checkAdam(nb, 0.05, 0.8, 0.99, 1e-6, start, c,
                (corrected, firstT) -> OptimizersReference.slip(0.05, 0.8, 0.99, 1e-6, start, c, corrected, firstT));
    }

    private static void checkMomentum(NotebookSession nb, double lr, double mu, double[] start, double[] c) {
        nb.declare(RUN_MOMENTUM);
        String call = String.format(Locale.ROOT, "Momentum(%s, %s), ten steps from %s on ½Σ%s·θ²", lr, mu,
                Show.list(start), Show.list(c));
        double[] yours = CheckSupport.attempt(call + " should follow SGD(lr, momentum)", () -> nb.evalDoubleArray(
                "check$momentum(" + lr + ", " + mu + ", " + CheckSupport.literal(start) + ", " + CheckSupport.literal(c) + ")"));
        double[] expected = library(ps -> new SGD(ps, lr).momentum(mu), start, c);
        if (close(expected, yours)) {
            return;
        }
        String hint;
        if (close(library(ps -> new SGD(ps, lr), start, c), yours)) {
            hint = "your θ is plain SGD's: the velocity is not kept between steps (store it in the field, "
                    + "v ← μ·v + g, and step with v, not with g)";
        } else if (close(library(ps -> new SGD(ps, lr).momentum(mu).dampening(mu), start, c), yours)) {
            hint = "your velocity adds (1 − μ)·g, an exponential average: the rule here (PyTorch's) adds g itself";
        } else if (close(library(ps -> new SGD(ps, lr).momentum(mu).nesterov(true), start, c), yours)) {
            hint = "that is Nesterov's update (a step with g + μ·v): plain momentum steps with the velocity v";
        } else {
            hint = "is μ applied to the velocity (v ← μ·v + g) and θ moved by −γ·v, after updating v?";
        }
        fail(call + " should end at " + Show.list(expected) + " as SGD(lr).momentum(mu) does, got "
                + Show.list(yours) + ": " + hint);
    }

    private static void checkAdam(NotebookSession nb, double lr, double b1, double b2, double eps, double[] start,
                                  double[] c, Slip slip) {
        nb.declare(RUN_ADAM);
        String call = String.format(Locale.ROOT, "AdamRule(%s, %s, %s, %s), ten steps from %s on ½Σ%s·θ²", lr, b1,
                b2, eps, Show.list(start), Show.list(c));
        double[] yours = CheckSupport.attempt(call + " should follow Adam", () -> nb.evalDoubleArray("check$adam("
                + lr + ", " + b1 + ", " + b2 + ", " + eps + ", " + CheckSupport.literal(start) + ", "
                + CheckSupport.literal(c) + ")"));
        double[] expected = library(ps -> new Adam(ps, lr).betas(b1, b2).eps(eps), start, c);
        if (close(expected, yours)) {
            return;
        }
        String hint;
        if (close(slip.of(false, 1), yours)) {
            hint = "the bias correction is missing: divide m by (1 − β₁ᵗ) and s by (1 − β₂ᵗ) (m and s start at 0, "
                    + "so without it the first steps are too small)";
        } else if (close(slip.of(true, 0), yours)) {
            hint = "the power of t is one too low: t counts the steps taken, 1 at the first step (increment it "
                    + "before the correction)";
        } else if (close(slip.of(true, 2), yours)) {
            hint = "the power of t is one too high: t is 1 at the first step, not 2 (increment it once per step)";
        } else if (containsNaN(yours)) {
            hint = "NaN: with t = 0 the correction divides by 1 − β⁰ = 0; t must be 1 at the first step";
        } else {
            hint = "check m ← β₁m + (1 − β₁)g, s ← β₂s + (1 − β₂)g² (g squared), and ε added after the square root";
        }
        fail(call + " should end at " + Show.list(expected) + " as Adam(lr).betas(b1, b2).eps(eps) does, got "
                + Show.list(yours) + ": " + hint);
    }

    /** The library's optimizer `make` builds, ten steps on ½ Σ cᵢ θᵢ² from `start`. */
    private static double[] library(Function<List<Tensor>, Optimizer> make, double[] start, double[] c) {
        Tensor theta = Tensor.of(start.clone(), start.length).requiresGrad();
        Tensor coefficients = Tensor.of(c.clone(), c.length);
        Optimizer opt = make.apply(List.of(theta));
        for (int k = 0; k < STEPS; k++) {
            opt.zeroGrad();
            theta.pow(2).mul(coefficients).sum().mul(0.5).backward();
            opt.step();
        }
        return theta.data().clone();
    }

    private static boolean containsNaN(double[] v) {
        for (double x : v) if (Double.isNaN(x)) return true;
        return false;
    }

    private static boolean close(double[] a, double[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= TOLERANCE * Math.max(1, Math.abs(a[i])))) return false;
        }
        return true;
    }
}
