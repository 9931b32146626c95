package jgrad.exercises;

import static jgrad.exercises.CheckSupport.literal;
import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;

import java.util.Arrays;
import java.util.StringJoiner;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.nn.Functional;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.nn.Sigmoid;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 04_xor.ipynb (a 2-2-1 network on XOR, trained by a hand-written loop), 14 points: exercise 1 (the
 * model) = 4, 2 (MSE) = 2, 3 (update) = 1, 4 (training loop) = 5, 5 (predict) = 2. The loop's checks build
 * their model with the library, so they do not depend on exercise 1; the references are computed here, in the
 * checks' JVM, with the same library and seeds.
 */
@Exercise("04_xor")
class XorChecks {

    /**
     * Losses and outputs against the checks' own: the same library doing the same arithmetic in both JVMs
     * (tighter than {@link Failure#TOLERANCE}, so that a loop that differs in one step is caught).
     */
    private static final double EPS = 1e-12;
    /** The XOR batch, declared by the checks so that they do not depend on the notebook's X and Y. */
    private static final String X = "check$X()";
    private static final String Y = "check$Y()";
    private static final double[][] XOR_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] XOR_TARGETS = {0, 1, 1, 0};
    /** The checks' model in the session: {@link #referenceModel} with seed 0, see {@link #sessionModel}. */
    private static final String MODEL = "check$model()";
    /** Flattens a model's parameters in order. */
    private static final String FLAT_PARAMETERS = "double[] check$flat(jgrad.nn.Module m) { "
            + "return m.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.data())).toArray(); }";
    /** Exercise 4's settings: seed 0 solves XOR in 1000 steps at lr 0.4 (final loss about 1e-5). */
    private static final long SEED = 0;
    private static final int STEPS = 1000;
    private static final double FINAL_LOSS_BOUND = 1e-3;

    // ------------------------------------------------------------------ exercise 1: the model

    @Test
    @Points(1)
    void ex1OutputShapeAndParameterCount(NotebookSession nb) {
        declareHelpers(nb);
        int[] shape = nb.evalIntArray("xorModel(0).forward(" + X + ").shape()");
        Failure.of("xorModel(0).forward(X) for the 4 XOR points should have shape [4, 1] (one output per point), got "
                + Arrays.toString(shape)
                + (shape != null && shape.length == 2 && shape[1] == 2 ? " (looks like: the output layer is missing "
                + "or has 2 neurons; end with Linear(2, 1))" : ""))
                .unless(same(new int[] {4, 1}, shape));
        int count = nb.evalInt("xorModel(0).parameterCount()");
        Failure.of("xorModel(0) should have 9 parameters: Linear(2 -> 2) has 2·2 + 2 = 6 and Linear(2 -> 1) has 2 + 1 = 3; got "
                + count).unless(same(9, count));
    }

    @Test
    @Points(2)
    void ex1HiddenSigmoidThenLinearOutput(NotebookSession nb) {
        declareHelpers(nb);
        int[] sizes = nb.evalIntArray("xorModel(3).parameters().stream().mapToInt(p -> p.size()).toArray()");
        if (!Arrays.equals(new int[] {4, 2, 2, 1}, sizes)) {
            Failure.of("xorModel(3).parameters() should be W1 (2×2), b1 (2), W2 (1×2), b2 (1), in this order — the "
                    + "layers Linear(2, 2), Sigmoid, Linear(2, 1); their sizes were " + Arrays.toString(sizes)).fail();
        }
        double[] p = nb.evalDoubleArray("check$flat(xorModel(3))");
        double[] got = nb.evalDoubleArray("xorModel(3).forward(" + X + ").data()");
        double[] expected = forward(p, XorChecks::sigmoid, false);
        Failure.of("xorModel(3).forward(X) should be σ(X·W1ᵀ + b1)·W2ᵀ + b2 computed with its own parameters, "
                + Show.list(expected)).got(got).likely(got,
                Mistake.of(forward(p, Math::tanh, false), "a Tanh hidden layer; the course's network uses Sigmoid"),
                Mistake.of(forward(p, v -> Math.max(0, v), false), "a ReLU hidden layer; the course's network uses Sigmoid"),
                Mistake.of(forward(p, XorChecks::sigmoid, true), "a sigmoid after the output layer too; the output "
                        + "neuron is linear"),
                Mistake.of(forward(p, v -> v, false), "no activation between the two Linear layers: the network is then "
                        + "linear and cannot learn XOR"))
                .unless(near(expected, got));
    }

    @Test
    @Points(1)
    void ex1SeededFromOneRandom(NotebookSession nb) {
        declareHelpers(nb);
        double[] first = nb.evalDoubleArray("check$flat(xorModel(5))");
        double[] again = nb.evalDoubleArray("check$flat(xorModel(5))");
        Failure.of("xorModel(5) built twice should have the same initial weights: draw them from new Random(seed), "
                + "not from an unseeded or shared generator")
                .got(again).unless(same(first, again));
        double[] expected = flat(referenceModel(5));
        if (Arrays.equals(expected, first)) {
            return;
        }
        Random a = new Random(5);
        Random b = new Random(5);
        double[] twoRandoms = flat(new Sequential(new Linear(2, 2, a), new Sigmoid(), new Linear(2, 1, b)));
        Failure.of("xorModel(5) should draw its weights from one new Random(5), passed to new Linear(2, 2, rng) and then "
                + "new Linear(2, 1, rng); its weights were " + Show.list(first) + ", expected " + Show.list(expected)
                + (Arrays.equals(twoRandoms, first)
                        ? " (looks like: each layer got its own new Random(seed); create one and pass it to both)" : "")).fail();
    }

    // ------------------------------------------------------------------ exercise 2: MSE

    @Test
    @Points(1)
    void ex2MseValue(NotebookSession nb) {
        declareHelpers(nb);
        double value = nb.evalDouble("mseLoss(jgrad.tensor.Tensor.of(new double[] {0.5, 0.2, 0.9, 0.1}, 4, 1), "
                + Y + ").item()");
        Failure.of("mseLoss([0.5, 0.2, 0.9, 0.1], [0, 1, 1, 0]) should be (0.25 + 0.64 + 0.01 + 0.01) / 4 = 0.2275, got "
                + value).likely(value, Mistake.of(0.91, "the sum of the squares instead of their mean"),
                Mistake.of(0.11375, "½·mean: drop the ½"), Mistake.of(0.375, "the mean of |ŷ − y| instead of (ŷ − y)²"),
                Mistake.of(0.0, "prediction minus itself? compare with the target")).unless(near(0.2275, value, 1e-12));
        double other = nb.evalDouble("mseLoss(jgrad.tensor.Tensor.of(new double[] {1, -1}, 2), "
                + "jgrad.tensor.Tensor.of(new double[] {3, 2}, 2)).item()");
        Failure.of("mseLoss([1, -1], [3, 2]) should be (4 + 9) / 2 = 6.5, got " + other)
                .unless(near(6.5, other, 1e-12));
    }

    @Test
    @Points(1)
    void ex2MseGradientReachesThePrediction(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("double[] check$mseGradient() { jgrad.tensor.Tensor p = jgrad.tensor.Tensor.of("
                + "new double[] {0.5, 0.2, 0.9, 0.1}, 4, 1).requiresGrad(); mseLoss(p, " + Y + ").backward(); "
                + "return p.grad().data(); }");
        double[] got = nb.evalDoubleArray("check$mseGradient()");
        double[] expected = {0.25, -0.4, -0.05, 0.05};
        Failure.of("after mseLoss(p, y).backward(), p.grad() should be 2(p − y)/n = " + Show.list(expected)).got(got)
                .likely(got, Mistake.of(new double[] {0, 0, 0, 0}, "no gradient reaches p: build the loss from p with "
                                + "tensor operations (sub, pow, mean), not from p.data()"),
                        Mistake.of(new double[] {1, -1.6, -0.2, 0.2}, "the sum instead of the mean (missing the 1/n)"))
                .unless(near(expected, got, EPS));
    }

    // ------------------------------------------------------------------ exercise 3: one update

    @Test
    @Points(1)
    void ex3SgdStepUpdatesEveryParameterInPlace(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("double[] check$step() { jgrad.tensor.Tensor p = jgrad.tensor.Tensor.of(new double[] {1, -2}, 2)"
                + ".requiresGrad(); jgrad.tensor.Tensor q = jgrad.tensor.Tensor.of(new double[] {3}, 1).requiresGrad(); "
                + "p.mul(p).sum().add(q.mul(q).sum()).backward(); sgdStep(java.util.List.of(p, q), 0.1); "
                + "return new double[] {p.get(0), p.get(1), q.get(0)}; }");
        double[] got = nb.evalDoubleArray("check$step()");
        double[] expected = {0.8, -1.6, 2.4};
        Failure.of("with p = [1, -2], q = [3] and the gradients of sum(p²) + sum(q²) (2p = [2, -4], 2q = [6]), "
                + "sgdStep([p, q], 0.1) should leave [p0, p1, q0] = " + Show.list(expected)).got(got).likely(got,
                        Mistake.of(new double[] {1.2, -2.4, 3.6}, "p + lr·grad: the update must go against the gradient"),
                        Mistake.of(new double[] {-1, 2, -3}, "the learning rate is not applied"),
                        Mistake.of(new double[] {1, -2, 3}, "nothing changed: update the tensors in place with "
                                + "p.subInPlace(...) (a new tensor assigned to the loop variable is lost)"),
                        Mistake.of(new double[] {0.8, -1.6, 3}, "only the first parameter is updated"))
                .unless(near(expected, got, EPS));
    }

    // ------------------------------------------------------------------ exercise 4: the training loop

    @Test
    @Points(1)
    void ex4OneLossPerStep(NotebookSession nb) {
        declareHelpers(nb);
        int length = nb.evalInt("train(" + MODEL + ", " + X + ", " + Y + ", 0.4, 37).length");
        Failure.of("train(model, X, Y, 0.4, 37) should return 37 losses, one per step; got " + length
                + (length == 38 ? " (one too many: record the loss inside the loop only)" : ""))
                .unless(same(37, length));
        int none = nb.evalInt("train(" + MODEL + ", " + X + ", " + Y + ", 0.4, 0).length");
        Failure.of("train(model, X, Y, 0.4, 0) should return an empty array (0 steps), got length " + none)
                .unless(same(0, none));
    }

    @Test
    @Points(2)
    @Hidden
    void ex4StepsFollowTheLoop(NotebookSession nb) {
        declareHelpers(nb);
        double[] got = nb.evalDoubleArray("train(" + MODEL + ", " + X + ", " + Y + ", 0.4, 5)");
        double[] expected = history(SEED, 0.4, 5, Variant.CORRECT);
        if (!near(got, expected, EPS)) {
            Failure.of("train(model, X, Y, 0.4, 5) from the checks' model (xorModel's construction, seed 0) should record "
                    + "the losses " + Show.list(expected) + ", got " + Show.list(got) + loopHint(got, 0.4, 5)).fail();
        }
        double[] slow = nb.evalDoubleArray("train(" + MODEL + ", " + X + ", " + Y + ", 0.1, 3)");
        double[] slowExpected = history(SEED, 0.1, 3, Variant.CORRECT);
        if (!near(slow, slowExpected, EPS)) {
            Failure.of("train(model, X, Y, 0.1, 3) should record " + Show.list(slowExpected) + ", got " + Show.list(slow)
                    + loopHint(slow, 0.1, 3) + (near(slow, history(SEED, 0.4, 3, Variant.CORRECT), EPS)
                            ? " (looks like: the learning rate 0.4 is hard-coded; use the argument lr)" : "")).fail();
        }
    }

    @Test
    @Points(1)
    void ex4LossGoesDownBelowTheBound(NotebookSession nb) {
        declareHelpers(nb);
        double[] losses = nb.evalDoubleArray("train(" + MODEL + ", " + X + ", " + Y + ", 0.4, 1000)");
        Failure.of("train(model, X, Y, 0.4, 1000) should return 1000 losses").got(losses.length)
                .unless(same(STEPS, losses.length));
        double first = losses[0];
        double last = losses[STEPS - 1];
        require(last < first, "the loss should go down over training: it was " + Show.num(first) + " at step 0 and "
                + Show.num(last) + " at step 999");
        require(last < FINAL_LOSS_BOUND, "after 1000 steps at lr 0.4 from seed 0 the loss should be below "
                + FINAL_LOSS_BOUND + " (about 1e-5); it was " + Show.num(last));
    }

    @Test
    @Points(1)
    void ex4TrainedNetworkRoundsToXor(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("double[] check$trainedOutputs() { jgrad.nn.Sequential m = " + MODEL + "; "
                + "train(m, " + X + ", " + Y + ", 0.4, 1000); return m.forward(" + X + ").data(); }");
        double[] outputs = nb.evalDoubleArray("check$trainedOutputs()");
        int[] rounded = Arrays.stream(outputs).mapToInt(v -> v >= 0.5 ? 1 : 0).toArray();
        Failure.of("after train(model, X, Y, 0.4, 1000) from seed 0 the network's outputs " + Show.list(outputs)
                + " should round to [0, 1, 1, 0]; they round to " + Arrays.toString(rounded)
                + " (the check ex4StepsFollowTheLoop names the likely mistake in the loop)").got(rounded)
                .unless(same(new int[] {0, 1, 1, 0}, rounded));
    }

    // ------------------------------------------------------------------ exercise 5: predict

    @Test
    @Points(1)
    void ex5PredictThresholdsAtOneHalf(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("jgrad.nn.Linear check$identity() { jgrad.nn.Linear l = new jgrad.nn.Linear(1, 1, new java.util.Random(0)); "
                + "l.weight().setData(new double[] {1}); l.bias().setData(new double[] {0}); return l; }");
        int[] got = nb.evalIntArray("predict(check$identity(), jgrad.tensor.Tensor.of("
                + "new double[] {-0.3, 0.49, 0.5, 1.7, 0.51}, 5, 1))");
        int[] expected = {0, 0, 1, 1, 1};
        Failure.of("predict on outputs [-0.3, 0.49, 0.5, 1.7, 0.51] should give " + Arrays.toString(expected)
                + " (1 when the output is at least 0.5)").got(got).likely(got,
                Mistake.of(new int[] {0, 0, 1, 2, 1}, "Math.round without clamping: 1.7 must give class 1"),
                Mistake.of(new int[] {0, 0, 0, 1, 1}, "> 0.5 instead of >= 0.5"))
                .unless(same(expected, got));
    }

    @Test
    @Points(1)
    @Hidden
    void ex5PredictionsOfTheTrainedNetworkAreXor(NotebookSession nb) {
        declareHelpers(nb);
        // trained here with the checks' own loop, so that this check needs only predict
        Sequential fitted = referenceModel(SEED);
        train(fitted, 0.4, STEPS, Variant.CORRECT);
        nb.declare(sessionModel("check$fitted()", fitted));
        int[] got = nb.evalIntArray("predict(check$fitted(), " + X + ")");
        Failure.of("predict(trained network, X) should be [0, 1, 1, 0] (the network trained by the checks outputs "
                + "about [0.0, 1.0, 1.0, 0.0]), got "
                + Arrays.toString(got)).unless(same(new int[] {0, 1, 1, 0}, got));
    }

    // ------------------------------------------------------------------ references

    /** The XOR batch, the reference model and a parameter flattener, declared in the notebook's session. */
    private static void declareHelpers(NotebookSession nb) {
        nb.declare("jgrad.tensor.Tensor " + X + " { return jgrad.tensor.Tensor.of(" + literal(XOR_INPUTS) + "); }");
        nb.declare("jgrad.tensor.Tensor " + Y + " { return jgrad.tensor.Tensor.of(" + literal(XOR_TARGETS) + ", 4, 1); }");
        nb.declare(sessionModel(MODEL, referenceModel(SEED)));
        nb.declare(FLAT_PARAMETERS);
    }

    /**
     * Declares {@code name} in the notebook's session as a copy of {@code model}: the same layers with the same
     * parameters, sent as exact literals, so that the reference model is written once (in Java, here) and the
     * student's loop starts from exactly the numbers the checks start from.
     */
    private static String sessionModel(String name, Sequential model) {
        StringJoiner layers = new StringJoiner(", ");
        for (jgrad.nn.Module layer : model.layers()) {
            if (layer instanceof Linear linear) {
                layers.add("new jgrad.nn.Linear(" + linear.inFeatures() + ", " + linear.outFeatures()
                        + ", new java.util.Random(0))");
            } else if (layer instanceof Sigmoid) {
                layers.add("new jgrad.nn.Sigmoid()");
            } else {
                throw new IllegalStateException("sessionModel: no source for the layer " + layer);
            }
        }
        StringJoiner parameters = new StringJoiner(", ", "{", "}");
        model.parameters().forEach(p -> parameters.add(literal(p.data()).substring("new double[] ".length())));
        return "jgrad.nn.Sequential " + name + " { jgrad.nn.Sequential m = new jgrad.nn.Sequential(" + layers + "); "
                + "double[][] p = " + parameters + "; for (int i = 0; i < p.length; i++) "
                + "m.parameters().get(i).setData(p[i]); "
                + "return m; }";
    }

    /** How a training loop can go wrong, to name the mistake behind a wrong loss history. */
    private enum Variant { CORRECT, NO_ZERO_GRAD, PLUS_SIGN, RECORD_AFTER_UPDATE, NO_LEARNING_RATE }

    private static Sequential referenceModel(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Linear(2, 2, rng), new Sigmoid(), new Linear(2, 1, rng));
    }

    /** The loss history of the loop (or of one of its classic mistakes), computed here with the library. */
    @Hidden
    private static double[] history(long seed, double lr, int steps, Variant variant) {
        return train(referenceModel(seed), lr, steps, variant);
    }

    /** Exercise 4's loop (or one of its classic mistakes) on the XOR batch: trains {@code model}, returns the losses. */
    @Hidden
    private static double[] train(Sequential model, double lr, int steps, Variant variant) {
        Tensor x = Tensor.of(XOR_INPUTS);
        Tensor y = Tensor.of(XOR_TARGETS, 4, 1);
        double rate = variant == Variant.NO_LEARNING_RATE ? 1 : lr;
        double sign = variant == Variant.PLUS_SIGN ? -1 : 1;
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            if (variant != Variant.NO_ZERO_GRAD) {
                model.zeroGrad();
            }
            Tensor loss = Functional.mse(model.forward(x), y);
            loss.backward();
            for (Tensor p : model.parameters()) {
                p.subInPlace(p.grad().mul(sign * rate));
            }
            if (variant == Variant.RECORD_AFTER_UPDATE) {
                try (var noGraph = Tensor.noGrad()) {
                    losses[step] = Functional.mse(model.forward(x), y).item();
                }
            } else {
                losses[step] = loss.item();
            }
        }
        return losses;
    }

    @Hidden
    private static String loopHint(double[] got, double lr, int steps) {
        if (got == null || got.length != steps) {
            return " (expected " + steps + " losses, one per step)";
        }
        if (near(got, history(SEED, lr, steps, Variant.NO_ZERO_GRAD), EPS)) {
            return " (looks like: the gradients are not zeroed at each step; call model.zeroGrad() before backward)";
        }
        if (near(got, history(SEED, lr, steps, Variant.PLUS_SIGN), EPS)) {
            return " (looks like: p + lr·grad; the update goes against the gradient)";
        }
        if (near(got, history(SEED, lr, steps, Variant.RECORD_AFTER_UPDATE), EPS)) {
            return " (looks like: the loss is recorded after the update; record the loss computed in this step's "
                    + "forward pass)";
        }
        if (near(got, history(SEED, lr, steps, Variant.NO_LEARNING_RATE), EPS)) {
            return " (looks like: the learning rate is not applied)";
        }
        double[] constant = new double[steps];
        Arrays.fill(constant, history(SEED, lr, 1, Variant.CORRECT)[0]);
        if (near(got, constant, EPS)) {
            return " (looks like: the parameters never change: update model.parameters() in place)";
        }
        return "";
    }

    /** The 2-2-1 network's output on the XOR points from flat parameters [W1 (2×2), b1, W2 (1×2), b2]. */
    private static double[] forward(double[] p, DoubleUnaryOperator hidden, boolean sigmoidOutput) {
        double[] out = new double[XOR_INPUTS.length];
        for (int i = 0; i < XOR_INPUTS.length; i++) {
            double[] x = XOR_INPUTS[i];
            double h0 = hidden.applyAsDouble(p[0] * x[0] + p[1] * x[1] + p[4]);
            double h1 = hidden.applyAsDouble(p[2] * x[0] + p[3] * x[1] + p[5]);
            double o = p[6] * h0 + p[7] * h1 + p[8];
            out[i] = sigmoidOutput ? sigmoid(o) : o;
        }
        return out;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double[] flat(Sequential model) {
        return model.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.data())).toArray();
    }
}
