package jgrad.exercises;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.nn.Functional;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 11_regularization.ipynb, 14 points: exercise 1 (l2Penalty, l2Gradient) = 5, 2 (weightDecayStep)
 * = 4, 3 (dropout) = 5; four checks hidden, on other inputs than the notebook's. The references come from the
 * library in the checks' JVM: the penalty and its gradient from tensor autograd, ten steps of
 * {@code SGD.weightDecay(λ)}, and {@code Functional.dropout} with the same seed. A wrong answer is compared with
 * the usual slips — λ·Σw² without the ½ (gradient 2λw), the L1 penalty, decay without the learning rate or
 * after the step, dropout scaled by p or (1 − p) instead of 1/(1 − p), dropping when u ≥ p, dropping or
 * scaling in evaluation mode — to name the one it shows.
 */
@Exercise("11_regularization")
class RegularizationChecks {

    /** The notebook's example: l2Penalty({0.5, -1, 2}, 0.1). */
    private static final double[] W = {0.5, -1, 2};
    private static final double LAMBDA = 0.1;
    /** Dropout of values far from 0, so a dropped element is told from a kept one. */
    private static final double[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    private static final int STEPS = 10;

    private static final String RUN_DECAY = "double[] check$decay(double lr, double lambda, double[] start, double[] c) {"
            + " double[] th = start.clone(); for (int k = 0; k < 10; k++) { double[] g = new double[th.length];"
            + " for (int i = 0; i < th.length; i++) g[i] = c[i] * th[i]; weightDecayStep(th, g, lr, lambda); }"
            + " return th; }";
    private static final String RUN_DROPOUT = "double[] check$dropout(double[] x, double p, boolean training, long seed) {"
            + " return dropout(x, p, training, new java.util.Random(seed)); }"
            + " boolean check$keepsInput(double[] x, double p, long seed) { double[] before = x.clone();"
            + " dropout(x, p, true, new java.util.Random(seed)); return java.util.Arrays.equals(before, x); }"
            + " double check$nextDraw(double[] x, double p, long seed) { java.util.Random r = new java.util.Random(seed);"
            + " dropout(x, p, false, r); return r.nextDouble(); }";

    // ------------------------------------------------------------------ exercise 1: the penalty and its gradient

    @Test
    @Points(1)
    void ex1L2PenaltyValue(NotebookSession nb) {
        checkPenalty(nb, W, LAMBDA);
    }

    @Test
    @Points(1)
    @Hidden
    void ex1L2PenaltyOnOtherInputs(NotebookSession nb) {
        checkPenalty(nb, CheckSupport.randomPoints(1101, 7, 1, -3, 3)[0], 0.037);
        checkPenalty(nb, new double[] {4}, 2);
    }

    @Test
    @Points(2)
    void ex1L2GradientMatchesAutograd(NotebookSession nb) {
        checkGradient(nb, W, LAMBDA);
    }

    @Test
    @Points(1)
    @Hidden
    void ex1L2GradientOnOtherInputs(NotebookSession nb) {
        checkGradient(nb, CheckSupport.randomPoints(1102, 9, 1, -2, 2)[0], 0.25);
    }

    private static void checkPenalty(NotebookSession nb, double[] w, double lambda) {
        String call = "l2Penalty(" + Show.braces(w) + ", " + Show.num(lambda) + ")";
        double yours = CheckSupport.attempt(call + " should be (λ/2)·Σw²", () -> nb.evalDouble(
                "l2Penalty(" + CheckSupport.literal(w) + ", " + lambda + ")"));
        Tensor t = Tensor.of(w.clone(), w.length);
        double expected = t.pow(2).sum().mul(lambda / 2).item();
        double squares = t.pow(2).sum().item(), absolute = t.abs().sum().item(), sum = t.sum().item();
        Failure.of(call + " should be (λ/2)·Σw² = " + Show.num(expected)).got(yours)
                .likely(yours,
                        Mistake.of(lambda * squares, "λ·Σw², the ½ is missing (with it the gradient is λ·w, "
                                + "which is what SGD.weightDecay(λ) adds)"),
                        Mistake.of(squares / 2, "λ is missing: multiply by λ/2"),
                        Mistake.of(squares, "the sum of squares alone: multiply it by λ/2"),
                        Mistake.of(lambda * absolute, "λ·Σ|w|, the L1 penalty; L2 squares the weights"),
                        Mistake.of(lambda / 2 * absolute, "(λ/2)·Σ|w|: the weights are not squared"),
                        Mistake.of(lambda / 2 * Math.sqrt(squares), "(λ/2)·‖w‖, the norm itself: L2 uses its square, Σw²"),
                        Mistake.of(lambda / 2 * sum * sum, "(λ/2)·(Σw)²: square each weight, then add the squares"),
                        Mistake.of(lambda / 2 * sum, "(λ/2)·Σw: the weights are not squared"))
                .unless(Failure.near(expected, yours));
    }

    private static void checkGradient(NotebookSession nb, double[] w, double lambda) {
        String call = "l2Gradient(" + Show.braces(w) + ", " + Show.num(lambda) + ")";
        double[] yours = CheckSupport.attempt(call + " should be ∂/∂w of (λ/2)·Σw²", () -> nb.evalDoubleArray(
                "l2Gradient(" + CheckSupport.literal(w) + ", " + lambda + ")"));
        Tensor t = Tensor.of(w.clone(), w.length).requiresGrad();
        t.pow(2).sum().mul(lambda / 2).backward();
        double[] expected = t.grad().data().clone();
        if (yours == null || yours.length != w.length) {
            Failure.of(call + " should have one entry per weight, " + w.length).got(yours).fail();
        }
        double[] sign = Arrays.stream(w).map(v -> lambda * Math.signum(v)).toArray();
        double[] constant = new double[w.length];
        Arrays.fill(constant, lambda);
        Failure.of(call + " should be " + Show.list(expected) + ", the gradient autograd gives for (λ/2)·Σw²")
                .got(yours)
                .likely(yours,
                        Mistake.of(scaled(expected, 2), "2λ·w, the gradient of λ·Σw²: the ½ of (λ/2)·Σw² cancels the 2 of w²'s derivative"),
                        Mistake.of(scaled(expected, 0.5), "λ·w/2: the derivative of w² is 2w, and 2·(λ/2) = λ"),
                        Mistake.of(sign, "λ·sign(w), the gradient of the L1 penalty λ·Σ|w|"),
                        Mistake.of(constant, "λ for every weight: the derivative of (λ/2)·w² depends on w, it is λ·w"),
                        Mistake.of(w.clone(), "w: λ is missing"))
                .unless(Failure.near(expected, yours));
    }

    // ------------------------------------------------------------------ exercise 2: a weight-decay step

    @Test
    @Points(2)
    void ex2WeightDecayStepMatchesSgd(NotebookSession nb) {
        checkDecay(nb, 0.03, 0.5, new double[] {-4, 1.5}, new double[] {1, 25});
    }

    @Test
    @Points(2)
    @Hidden
    void ex2WeightDecayStepOnOtherInputs(NotebookSession nb) {
        checkDecay(nb, 0.1, 0.2, new double[] {2, -1, 0.5}, new double[] {3, 0.5, 10});
    }

    /** The ways a weight-decay step goes wrong, simulated in {@link #slip}. */
    private enum Slip { NO_LR_ON_DECAY, WRONG_SIGN, AFTER_THE_STEP }

    private static void checkDecay(NotebookSession nb, double lr, double lambda, double[] start, double[] c) {
        nb.declare(RUN_DECAY);
        String call = String.format(Locale.ROOT, "weightDecayStep(w, grad, %s, %s), ten steps from %s on ½Σ%s·w²",
                Show.num(lr), Show.num(lambda), Show.list(start), Show.list(c));
        double[] yours = CheckSupport.attempt(call + " should follow SGD(lr).weightDecay(λ)",
                () -> CheckSupport.evalShownAs("check$decay(" + lr + ", " + lambda + ", " + CheckSupport.literal(start)
                        + ", " + CheckSupport.literal(c) + ")", call, nb::evalDoubleArray));
        double[] expected = library(ps -> new SGD(ps, lr).weightDecay(lambda), start, c);
        Failure.of(call + " should end at " + Show.list(expected) + " as SGD(lr).weightDecay(λ) does").got(yours)
                .likely(yours,
                        Mistake.of(start.clone(), "w never changed: the step must change the array w in place "
                                + "(w[i] -= ..., not a new array)"),
                        Mistake.of(library(ps -> new SGD(ps, lr), start, c), "plain SGD: the decay is missing, add "
                                + "l2Gradient(w, λ) to grad"),
                        Mistake.of(library(ps -> new SGD(ps, lr).weightDecay(2 * lambda), start, c), "a decay of 2λ·w: "
                                + "the gradient of (λ/2)·Σw² is λ·w"),
                        Mistake.of(library(ps -> new SGD(ps, lr).weightDecay(lambda / 2), start, c), "a decay of λ·w/2: "
                                + "the gradient of (λ/2)·Σw² is λ·w"),
                        Mistake.of(slip(Slip.NO_LR_ON_DECAY, lr, lambda, start, c), "w − γ·∇L − λ·w: the learning "
                                + "rate multiplies the decay too, w − γ·(∇L + λ·w)"),
                        Mistake.of(slip(Slip.WRONG_SIGN, lr, lambda, start, c), "the decay has the wrong sign: it should "
                                + "pull w towards 0, w − γ·(∇L + λ·w)"),
                        Mistake.of(slip(Slip.AFTER_THE_STEP, lr, lambda, start, c), "the decay used the weights after "
                                + "the gradient step: compute λ·w from the weights before the step"))
                .likely(gradientIsRight(nb) ? "" : "l2Gradient is not λ·w yet, and the step may use it: exercise 1 first")
                .unless(Failure.near(expected, yours, 1e-9));
    }

    /** Whether the notebook's l2Gradient gives λ·w on a probe (false when it throws or does not compile). */
    private static boolean gradientIsRight(NotebookSession nb) {
        try {
            return Failure.near(new double[] {0.3, -0.6}, nb.evalDoubleArray("l2Gradient(new double[] {1.0, -2.0}, 0.3)"), 1e-12);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The library's optimizer `make` builds, ten steps on ½ Σ cᵢ wᵢ² from `start`. */
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

    /** Ten weight-decay steps as a student might get them wrong. */
    private static double[] slip(Slip kind, double lr, double lambda, double[] start, double[] c) {
        double[] v = start.clone();
        for (int k = 0; k < STEPS; k++) {
            for (int i = 0; i < v.length; i++) {
                double g = c[i] * v[i];
                v[i] = switch (kind) {
                    case NO_LR_ON_DECAY -> v[i] - lr * g - lambda * v[i];
                    case WRONG_SIGN -> v[i] - lr * (g - lambda * v[i]);
                    case AFTER_THE_STEP -> (v[i] - lr * g) * (1 - lr * lambda);
                };
            }
        }
        return v;
    }

    // ------------------------------------------------------------------ exercise 3: inverted dropout

    @Test
    @Points(2)
    void ex3DropoutMatchesTheLibraryInTraining(NotebookSession nb) {
        checkTraining(nb, X, 0.5, 0);
        Failure.require(CheckSupport.attempt("dropout(x, 0.5, true, rng) should leave x as it is",
                        () -> nb.evalBoolean("check$keepsInput(" + CheckSupport.literal(X) + ", 0.5, 0L)")),
                "dropout(x, 0.5, true, rng) changed the array x it was given: write the result into a new array");
    }

    @Test
    @Points(1)
    void ex3DropoutInEvaluationIsTheIdentity(NotebookSession nb) {
        checkEvaluation(nb, X, 0.5, 3);
    }

    @Test
    @Points(2)
    @Hidden
    void ex3DropoutOnOtherInputs(NotebookSession nb) {
        double[] x = Arrays.stream(CheckSupport.randomPoints(1103, 40, 1, 0.5, 3)[0])
                .map(v -> v * (((int) (v * 1000)) % 2 == 0 ? 1 : -1)).toArray();
        checkTraining(nb, x, 0.2, 7);
        checkTraining(nb, x, 0.9, 11);
        checkTraining(nb, x, 0, 5);
        checkEvaluation(nb, x, 0.3, 13);
    }

    private static void checkTraining(NotebookSession nb, double[] x, double p, long seed) {
        nb.declare(RUN_DROPOUT);
        String call = "dropout(" + Show.braces(x) + ", " + Show.num(p) + ", true, new Random(" + seed + "))";
        double[] yours = CheckSupport.attempt(call + " should be inverted dropout", () -> CheckSupport.evalShownAs(
                "check$dropout(" + CheckSupport.literal(x) + ", " + p + ", true, " + seed + "L)", call, nb::evalDoubleArray));
        double[] expected = Functional.dropout(Tensor.of(x.clone(), x.length), p, true, new Random(seed)).data().clone();
        if (yours == null || yours.length != x.length) {
            Failure.of(call + " should have one entry per element of x, " + x.length).got(yours).fail();
        }
        double[] draws = new double[x.length];
        Random rng = new Random(seed);
        for (int i = 0; i < draws.length; i++) {
            draws[i] = rng.nextDouble();
        }
        Failure.of(call + " should be " + Show.list(expected) + " as Functional.dropout with the same generator: "
                        + "for each element in order u = rng.nextDouble(), 0 when u < p, x/(1 − p) otherwise")
                .got(yours)
                .likely(yours,
                        Mistake.of(kept(x, draws, p, true, p), "the kept values are multiplied by p: inverted dropout "
                                + "divides them by the probability of keeping, x/(1 − p)"),
                        Mistake.of(kept(x, draws, p, true, 1 / p), "the kept values are divided by p: divide by the "
                                + "probability of keeping, 1 − p"),
                        Mistake.of(kept(x, draws, p, true, 1 - p), "the kept values are multiplied by 1 − p, classic "
                                + "dropout's evaluation scaling: inverted dropout divides by 1 − p while training"),
                        Mistake.of(kept(x, draws, p, true, 1), "the kept values are not scaled: multiply them by "
                                + "1/(1 − p), so that the output's mean is the input's"),
                        Mistake.of(kept(x, draws, p, false, 1 / (1 - p)), "an element is dropped when u ≥ p: drop it "
                                + "when u < p (p is the probability of dropping)"),
                        Mistake.of(kept(x, draws, p, false, 1 / p), "an element is dropped when u ≥ p and kept ones "
                                + "are divided by p: with u < p dropped, the kept ones are divided by 1 − p"),
                        Mistake.of(x.clone(), "nothing was dropped: with training = true, drop the elements whose "
                                + "u = rng.nextDouble() is below p"))
                .unless(Failure.near(expected, yours, 1e-12));
    }

    private static void checkEvaluation(NotebookSession nb, double[] x, double p, long seed) {
        nb.declare(RUN_DROPOUT);
        String call = "dropout(" + Show.braces(x) + ", " + Show.num(p) + ", false, new Random(" + seed + "))";
        double[] yours = CheckSupport.attempt(call + " should be x unchanged", () -> CheckSupport.evalShownAs(
                "check$dropout(" + CheckSupport.literal(x) + ", " + p + ", false, " + seed + "L)", call, nb::evalDoubleArray));
        double[] training = Functional.dropout(Tensor.of(x.clone(), x.length), p, true, new Random(seed)).data();
        Failure.of(call + " should be x itself, " + Show.list(x) + ": in evaluation mode dropout does nothing")
                .got(yours)
                .likely(yours,
                        Mistake.of(training.clone(), "elements were dropped in evaluation mode: when training is "
                                + "false, return a copy of x"),
                        Mistake.of(scaled(x, 1 - p), "multiplied by 1 − p in evaluation: that is classic dropout; "
                                + "inverted dropout scales while training and leaves evaluation alone"),
                        Mistake.of(scaled(x, 1 / (1 - p)), "divided by 1 − p in evaluation: the scaling is for "
                                + "training only"))
                .unless(Failure.near(x, yours, 1e-12));
        double next = CheckSupport.attempt(call + " should not draw from rng", () -> nb.evalDouble(
                "check$nextDraw(" + CheckSupport.literal(x) + ", " + p + ", " + seed + "L)"));
        Failure.require(next == new Random(seed).nextDouble(), call + " drew numbers from rng: in evaluation mode "
                + "dropout should not touch the generator (draw only when training)");
    }

    /** x with element i kept (times `scale`) when draws[i] ≥ p (`dropBelow`) or draws[i] < p (not), else 0. */
    private static double[] kept(double[] x, double[] draws, double p, boolean dropBelow, double scale) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean keep = dropBelow ? draws[i] >= p : draws[i] < p;
            out[i] = keep ? x[i] * scale : 0;
        }
        return out;
    }

    private static double[] scaled(double[] v, double s) {
        return Arrays.stream(v).map(e -> e * s).toArray();
    }
}
