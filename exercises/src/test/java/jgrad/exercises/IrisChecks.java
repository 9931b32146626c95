package jgrad.exercises;

import static jgrad.exercises.CheckSupport.literal;
import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.WeakHashMap;
import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.nn.Functional;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 06_iris.ipynb (the 4 → 32 → 16 → 3 network by hand), 14 points: 1 one-hot = 1, 2 softmax = 2,
 * 3 ReLU backward = 1, 4 linear backward = 2, 5 forward = 1 and backward = 3, 6 SGD step = 1 and training = 2,
 * 7 confusion matrix = 1. The networks of exercise 5 are the check's own: weights uniform in [−1, 1) and biases
 * in [−0.5, 0.5) from a seed, built the same way in the notebook's session and here, so that some ReLUs are off
 * (with the course's all-positive initial weights a missing ReLU rule could go unnoticed). The expected gradients
 * come from autograd (jgrad.tensor) in this JVM.
 */
@Exercise("06_iris")
class IrisChecks {

    /** Gradients against autograd's: the same arithmetic in another order (see {@link Failure#TOLERANCE}). */
    private static final double EPS = Failure.TOLERANCE;
    private static final double HINT_TOLERANCE = Failure.MISTAKE_TOLERANCE;
    private static final long[] NET_SEEDS = {11, 12, 13, 14, 15};
    private static final double REQUIRED_ACCURACY = 0.9;

    /** The check's network: the notebook's Net record, with weights from a seed (see the class comment). */
    private record Params(double[][] w1, double[] b1, double[][] w2, double[] b2, double[][] w3, double[] b3) {

        static Params of(long seed) {
            Random random = new Random(seed);
            double[][] w1 = matrix(random, 32, 4);
            double[] b1 = vector(random, 32);
            double[][] w2 = matrix(random, 16, 32);
            double[] b2 = vector(random, 16);
            double[][] w3 = matrix(random, 3, 16);
            return new Params(w1, b1, w2, b2, w3, vector(random, 3));
        }

        /** The network from its parameters flattened in the order W1, b1, W2, b2, W3, b3 (each row by row). */
        static Params ofFlat(double[] p) {
            int[] at = {0};
            return new Params(rows(p, at, 32, 4), take(p, at, 32), rows(p, at, 16, 32), take(p, at, 16),
                    rows(p, at, 3, 16), take(p, at, 3));
        }

        private static double[] take(double[] p, int[] at, int n) {
            double[] v = Arrays.copyOfRange(p, at[0], at[0] + n);
            at[0] += n;
            return v;
        }

        private static double[][] rows(double[] p, int[] at, int rows, int cols) {
            double[][] m = new double[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = take(p, at, cols);
            }
            return m;
        }

        private static double[][] matrix(Random random, int rows, int cols) {
            double[][] m = new double[rows][cols];
            for (double[] row : m) {
                for (int j = 0; j < cols; j++) {
                    row[j] = 2 * random.nextDouble() - 1;
                }
            }
            return m;
        }

        private static double[] vector(Random random, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextDouble() - 0.5;
            }
            return v;
        }
    }

    /** The check's networks already declared in each session: each is sent once, as literals. */
    private static final Map<NotebookSession, Set<Long>> DECLARED = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * An expression for the check's network {@code seed} in the notebook's session, declaring it there the first
     * time: the notebook's given Net record holding {@link Params#of}'s numbers exactly (Double.toString
     * round-trips), so that the network is built in one place, here.
     */
    private static String net(NotebookSession nb, long seed) {
        String name = "check$net" + seed + "()";
        Set<Long> declared = DECLARED.computeIfAbsent(nb, s -> new HashSet<>());
        if (!declared.contains(seed)) {
            Params p = Params.of(seed);
            String code = "Net " + name + " { return new Net(" + literal(p.w1()) + ", " + literal(p.b1()) + ", "
                    + literal(p.w2()) + ", " + literal(p.b2()) + ", " + literal(p.w3()) + ", " + literal(p.b3()) + "); }";
            // 739 numbers would fill the message: a failure names the declaration as the student reads it
            CheckSupport.evalShownAs(code, "Net " + name + " { return new Net(W1, b1, W2, b2, W3, b3 of the check's "
                    + "network " + seed + "); }", nb::eval);
            declared.add(seed);
        }
        return name;
    }

    private static void declareHelpers(NotebookSession nb) {
        nb.declare("int[] check$shape(double[][] m) { return m == null ? null : new int[] {m.length, "
                + "m.length == 0 || m[0] == null ? -1 : m[0].length}; }");
        nb.declare("double[] check$flat(double[][] m) { return m == null ? null : java.util.Arrays.stream(m)"
                + ".flatMapToDouble(java.util.Arrays::stream).toArray(); }");
        nb.declare("int[] check$flatInts(int[][] m) { return m == null ? null : java.util.Arrays.stream(m)"
                + ".flatMapToInt(java.util.Arrays::stream).toArray(); }");
    }

    // ------------------------------------------------------------------ 1

    @Test
    @Points(1)
    void ex1OneHot(NotebookSession nb) {
        declareHelpers(nb);
        int[] shape = nb.evalIntArray("check$shape(oneHot(new int[] {2, 0, 1, 2}, 3))");
        Failure.of("oneHot({2, 0, 1, 2}, 3) should have one row per label and one column per class, 4 × 3, got "
                + shapeText(shape)
                + (Arrays.equals(shape, new int[] {3, 4}) ? " (looks like: rows and columns swapped)" : ""))
                .unless(same(new int[] {4, 3}, shape));
        double[] flat = nb.evalDoubleArray("check$flat(oneHot(new int[] {2, 0, 1, 2}, 3))");
        Failure.of("oneHot({2, 0, 1, 2}, 3) should be [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]], got rows "
                + Show.rows(flat, 3)).unless(near(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, flat));
        double[] five = nb.evalDoubleArray("oneHot(new int[] {4}, 5)[0]");
        Failure.of("oneHot({4}, 5) should be [[0, 0, 0, 0, 1]] (`classes` columns, not always 3), got [" + Show.list(five)
                + "]").unless(near(new double[] {0, 0, 0, 0, 1}, five));
    }

    // ------------------------------------------------------------------ 2

    @Test
    @Points(1)
    void ex2SoftmaxIsAProbabilityVector(NotebookSession nb) {
        double[] s = nb.evalDoubleArray("softmax(new double[] {1, 2, 3})");
        double[] expected = softmax(new double[] {1, 2, 3});
        Failure.of("softmax({1, 2, 3}) should be [0.0900..., 0.2447..., 0.6652...], got " + Show.list(s)).likely(s,
                Mistake.of(new double[] {Math.E, Math.exp(2), Math.exp(3)}, "the exponentials are not divided by their sum"),
                Mistake.of(new double[] {1 / 6.0, 2 / 6.0, 3 / 6.0}, "divided by the sum without exponentiating"))
                .unless(near(expected, s, 1e-12));
        Random random = new Random(6);
        for (int trial = 0; trial < 3; trial++) {
            double[] y = random.doubles(7, -5, 5).toArray();
            double sum = nb.evalDouble("java.util.Arrays.stream(softmax(" + literal(y) + ")).sum()");
            Failure.of("the entries of softmax(" + Show.list(y) + ") should sum to 1, got " + sum)
                    .unless(near(1.0, sum, 1e-12));
        }
        nb.declare("double[] check$softmaxArgument() { double[] y = {0.5, -1, 2}; softmax(y); return y; }");
        double[] argument = nb.evalDoubleArray("check$softmaxArgument()");
        Failure.of("softmax(y) changed its argument y to " + Show.list(argument)
                + ": compute the result in a new array (forward keeps Y3 and S both)").got(argument)
                .unless(near(new double[] {0.5, -1, 2}, argument, 0.0));
    }

    @Test
    @Points(1)
    void ex2SoftmaxDoesNotOverflow(NotebookSession nb) {
        double[] large = nb.evalDoubleArray("softmax(new double[] {1000, 1001, 1002})");
        String overflow = Arrays.stream(large).anyMatch(Double::isNaN) ? " (looks like: exp(1000) overflows to Infinity and "
                + "Infinity / Infinity is NaN; subtract the largest score before exponentiating)" : "";
        Failure.of("softmax({1000, 1001, 1002}) should equal softmax({0, 1, 2}) = [0.0900..., 0.2447..., 0.6652...], got "
                + Show.list(large) + overflow).unless(near(softmax(new double[] {0, 1, 2}), large, 1e-12));
        double[] small = nb.evalDoubleArray("softmax(new double[] {-1000, -1000})");
        Failure.of("softmax({-1000, -1000}) should be [0.5, 0.5], got " + Show.list(small)
                + (Arrays.stream(small).anyMatch(Double::isNaN) ? " (looks like: exp(-1000) underflows to 0 and 0 / "
                + "0 is NaN; subtract the largest score before exponentiating)" : ""))
                .unless(near(new double[] {0.5, 0.5}, small, 1e-12));
    }

    // ------------------------------------------------------------------ 3

    @Test
    @Points(1)
    void ex3ReluBackwardPassesWhereTheInputWasPositive(NotebookSession nb) {
        double[] d = nb.evalDoubleArray("reluBackward(new double[] {10, 20, 30, 40, 50}, new double[] {1.5, -2, 0, 3, -0.1})");
        Failure.of("reluBackward(∂X = {10, 20, 30, 40, 50}, Y = {1.5, -2, 0, 3, -0.1}) should be [10, 0, 0, 40, 0]: "
                + "∂X where Y > 0, else 0; got "
                + Show.list(d)).likely(d,
                Mistake.of(new double[] {10, 0, 30, 40, 0}, "the gradient passes at Y = 0: the rule is Y > 0, not Y ≥ 0"),
                Mistake.of(new double[] {1.5, 0, 0, 3, 0}, "returned ReLU(Y) instead of the masked gradient"),
                Mistake.of(new double[] {1, 0, 0, 1, 0}, "returned the mask 1[Y > 0] without multiplying by ∂X"),
                Mistake.of(new double[] {10, 20, 30, 40, 50}, "∂X is returned unmasked"))
                .unless(near(new double[] {10, 0, 0, 40, 0}, d));
        double[] other = nb.evalDoubleArray("reluBackward(new double[] {-1, 2.5, -3}, new double[] {4, 5, -6})");
        Failure.of("reluBackward(∂X = {-1, 2.5, -3}, Y = {4, 5, -6}) should be [-1, 2.5, 0], got " + Show.list(other))
                .likely(other,
                Mistake.of(new double[] {0, 2.5, 0}, "the mask is taken from ∂X instead of Y: a negative gradient "
                        + "still passes where Y > 0"))
                .unless(near(new double[] {-1, 2.5, 0}, other));
    }

    // ------------------------------------------------------------------ 4

    private static final String W = "new double[][] {{1, 2, 3}, {4, 5, 6}}";
    private static final String X = "new double[] {1, -1, 2}";
    private static final String DY = "new double[] {0.5, -2}";

    @Test
    @Points(1)
    void ex4LinearBackwardShapes(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("int[] check$linearShapes(LinearGrads g) { return new int[] {check$shape(g.dW())[0], check$shape(g.dW())[1], "
                + "g.db() == null ? -1 : g.db().length, g.dX() == null ? -1 : g.dX().length}; }");
        int[] shapes = nb.evalIntArray("check$linearShapes(linearBackward(" + W + ", " + X + ", " + DY + "))");
        String call = "for W 2 × 3, X of length 3 and ∂Y of length 2, linearBackward";
        Failure.of(call + " should give ∂W of W's shape 2 × 3 (∂W = ∂Y·Xᵀ), got " + shapes[0] + " × " + shapes[1]
                + (shapes[0] == 3 && shapes[1] == 2 ? " (looks like: the outer product in the wrong order, X·∂Yᵀ)" : ""))
                .unless(same(new int[] {2, 3}, Arrays.copyOf(shapes, 2)));
        Failure.of(call + " should give ∂b of b's length 2 (∂b = ∂Y), got " + shapes[2]).unless(same(2, shapes[2]));
        Failure.of(call + " should give ∂X of X's length 3 (∂X = Wᵀ·∂Y), got " + shapes[3]).unless(same(3, shapes[3]));
    }

    @Test
    @Points(1)
    void ex4LinearBackwardValues(NotebookSession nb) {
        declareHelpers(nb);
        linearCase(nb, new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[] {1, -1, 2}, new double[] {0.5, -2});
        linearCase(nb, new double[][] {{1, -1}, {0, 2}, {3, 0.5}}, new double[] {2, -3}, new double[] {1, 0.5, -1});
    }

    private static void linearCase(NotebookSession nb, double[][] w, double[] x, double[] dY) {
        String args = literal(w) + ", " + literal(x) + ", " + literal(dY);
        String shown = "linearBackward(W = " + Arrays.deepToString(w) + ", X = " + Show.list(x) + ", ∂Y = " + Show.list(dY) + ")";
        nb.declare("LinearGrads check$lg = linearBackward(" + args + ");");
        double[][] expected = linearGradients(w, x, dY);
        double[] dW = nb.evalDoubleArray("check$flat(check$lg.dW())");
        double[] expectedDW = expected[0];
        Failure.of(shown + ".dW() should be ∂Y·Xᵀ = " + Show.rows(expectedDW, x.length) + ", got " + Show.rows(dW, x.length))
                .unless(near(expectedDW, dW));
        double[] db = nb.evalDoubleArray("check$lg.db()");
        Failure.of(shown + ".db() should be ∂Y = " + Show.list(dY) + ", got " + Show.list(db)).unless(near(dY, db));
        double[] dX = nb.evalDoubleArray("check$lg.dX()");
        double[] expectedDX = expected[2];
        Failure.of(shown + ".dX() should be Wᵀ·∂Y = " + Show.list(expectedDX) + ", got " + Show.list(dX))
                .unless(near(expectedDX, dX));
    }

    // ------------------------------------------------------------------ 5

    /** A flower for net {@code seed}: four values in [−2, 2), as standardised measurements are. */
    private static double[] input(long seed) {
        return new Random(seed + 1000).doubles(4, -2, 2).toArray();
    }

    @Test
    @Points(1)
    void ex5ForwardKeepsEveryIntermediate(NotebookSession nb) {
        declareHelpers(nb);
        long seed = NET_SEEDS[0];
        double[] x = input(seed);
        nb.declare("Pass check$pass = forward(" + net(nb, seed) + ", " + literal(x) + ");");
        double[][] expected = forward(Params.of(seed), x);
        String[] fields = {"x0", "y1", "x1", "y2", "x2", "y3", "s"};
        String[] meaning = {"the input x0", "Y1 = W1·x0 + b1 (before the ReLU)", "X1 = ReLU(Y1)",
            "Y2 = W2·X1 + b2 (before the ReLU)", "X2 = ReLU(Y2)", "Y3 = W3·X2 + b3 (no ReLU on the scores)", "S = softmax(Y3)"};
        String where = " for the check's network " + seed + " (weights of both signs) and x0 = " + Show.list(x);
        for (int k = 0; k < fields.length; k++) {
            double[] actual = nb.evalDoubleArray("check$pass." + fields[k] + "()");
            if (actual == null || actual.length != expected[k].length) {
                Failure.of("forward(...)." + fields[k] + "() should be " + meaning[k] + ", of length " + expected[k].length
                        + ", got " + (actual == null ? "null" : "length " + actual.length) + where).fail();
            }
            String relu = k % 2 == 1 && k < 5 ? "ReLU was applied: keep the pre-activation here"
                    : k == 5 ? "a ReLU was applied to the output scores" : null;
            Failure failure = Failure.of("forward(...)." + fields[k] + "() should be " + meaning[k] + " = "
                    + Show.list(expected[k])).got(actual).then(where);
            if (relu != null) {
                failure.likely(actual, Mistake.of(relu(expected[k]), relu));
            }
            failure.unless(near(expected[k], actual));
        }
    }

    @Test
    @Points(3)
    void ex5BackwardEqualsAutograd(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("Grads check$grads(Net n, double[] x, int label) { "
                + "double[] p = new double[3]; p[label] = 1; return backward(n, forward(n, x), p); }");
        nb.declare("double[] check$gradShapes(Grads g) { return new double[] {check$shape(g.dW1())[0], check$shape(g.dW1())[1], "
                + "g.db1().length, check$shape(g.dW2())[0], check$shape(g.dW2())[1], g.db2().length, "
                + "check$shape(g.dW3())[0], check$shape(g.dW3())[1], g.db3().length}; }");
        String[] names = {"∂W1", "∂b1", "∂W2", "∂b2", "∂W3", "∂b3"};
        double largest = 0;
        for (long seed : NET_SEEDS) {
            double[] x = input(seed);
            int label = (int) (seed % 3);
            String where = " for the check's network " + seed + " (weights of both signs, some ReLUs off), x0 = " + Show.list(x)
                    + ", label " + label;
            nb.declare("Grads check$g = check$grads(" + net(nb, seed) + ", " + literal(x) + ", " + label + ");");
            double[] shapes = nb.evalDoubleArray("check$gradShapes(check$g)");
            Failure.of("the gradients should have the parameters' shapes: ∂W1 32 × 4, ∂b1 32, ∂W2 16 × 32, ∂b2 16, "
                    + "∂W3 3 × 16, ∂b3 3; got ∂W1 "
                    + (int) shapes[0] + " × " + (int) shapes[1] + ", ∂b1 " + (int) shapes[2] + ", ∂W2 "
                    + (int) shapes[3] + " × " + (int) shapes[4] + ", ∂b2 " + (int) shapes[5] + ", ∂W3 "
                    + (int) shapes[6] + " × " + (int) shapes[7] + ", ∂b3 " + (int) shapes[8]
                    + " (∂W = ∂Y·Xᵀ: outputs × inputs, like W)").got(shapes)
                    .unless(near(new double[] {32, 4, 32, 16, 32, 16, 3, 16, 3}, shapes, 0.0));
            double[][] student = {
                nb.evalDoubleArray("check$flat(check$g.dW1())"), nb.evalDoubleArray("check$g.db1()"),
                nb.evalDoubleArray("check$flat(check$g.dW2())"), nb.evalDoubleArray("check$g.db2()"),
                nb.evalDoubleArray("check$flat(check$g.dW3())"), nb.evalDoubleArray("check$g.db3()")};
            Params net = Params.of(seed);
            double[][] autograd = autogradGradients(net, x, label, true);
            // From the output back, like backpropagation: the first wrong gradient locates the mistake.
            for (int k = 5; k >= 0; k--) {
                double gap = maxAbsDiff(student[k], autograd[k]);
                largest = Math.max(largest, gap);
                if (!(gap <= EPS)) {
                    String above = k == 5 ? "" : " (" + String.join(", ", Arrays.copyOfRange(names, k + 1, 6))
                            + " agree with autograd: look at the step that leads from them to " + names[k] + ")";
                    Failure.of(names[k] + " differs from autograd's by up to " + String.format(Locale.ROOT, "%.3g", gap) + where
                            + above + backwardHint(nb, net, x, label, student, k)).fail();
                }
            }
        }
        require(largest <= EPS, "largest difference from autograd " + largest);
    }

    /** Names the likely mistake when the student's gradients match a known wrong variant. */
    private static String backwardHint(NotebookSession nb, Params net, double[] x, int label, double[][] student, int k) {
        double[] studentS = nb.evalDoubleArray("forward(" + net(nb, NET_SEEDS[0]) + ", " + literal(input(NET_SEEDS[0]))
                + ").s()");
        if (maxAbsDiff(studentS, forward(Params.of(NET_SEEDS[0]), input(NET_SEEDS[0]))[6]) > EPS) {
            return " (forward's S is wrong too: fix exercise 5a first)";
        }
        if (maxAbsDiff(student[k], autogradGradients(net, x, label, false)[k]) <= HINT_TOLERANCE) {
            return " (looks like: the ReLU rule is missing; ∂Y = ∂X only where Y > 0)";
        }
        double[] flipped = Arrays.stream(autogradGradients(net, x, label, true)[k]).map(g -> -g).toArray();
        if (maxAbsDiff(student[k], flipped) <= HINT_TOLERANCE) {
            return " (looks like: the sign is flipped; ∂Y3 = S − P, not P − S)";
        }
        return "";
    }

    // ------------------------------------------------------------------ 6

    @Test
    @Points(1)
    void ex6SgdStepMovesAgainstTheGradient(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("double[] check$afterStep() { Net n = " + net(nb, 3) + "; Net d = " + net(nb, 4) + "; "
                + "sgdStep(n, new Grads(d.w1(), d.b1(), d.w2(), d.b2(), d.w3(), d.b3()), 0.1); "
                + "return java.util.stream.Stream.of(check$flat(n.w1()), n.b1(), check$flat(n.w2()), n.b2(), "
                + "check$flat(n.w3()), n.b3()).flatMapToDouble(java.util.Arrays::stream).toArray(); }");
        double[] after = nb.evalDoubleArray("check$afterStep()");
        double[] start = flat(Params.of(3));
        double[] gradient = flat(Params.of(4));
        double[] expected = new double[start.length];
        double[] wrongSign = new double[start.length];
        double[] weightsOnly = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            expected[i] = start[i] - 0.1 * gradient[i];
            wrongSign[i] = start[i] + 0.1 * gradient[i];
        }
        // The flattened layout is W1 (128), b1 (32), W2 (512), b2 (16), W3 (48), b3 (3): even blocks are weights.
        int[] blocks = {128, 32, 512, 16, 48, 3};
        for (int block = 0, at = 0; block < blocks.length; at += blocks[block], block++) {
            for (int i = at; i < at + blocks[block]; i++) {
                weightsOnly[i] = block % 2 == 0 ? expected[i] : start[i];
            }
        }
        boolean w1Up = after != null && maxAbsDiff(Arrays.copyOf(after, 128), Arrays.copyOf(wrongSign, 128)) <= HINT_TOLERANCE;
        Failure.of("sgdStep(net, g, 0.1) should change every parameter in place to W − 0.1·∂W and b − 0.1·∂b "
                + "(checked on the check's networks 3 and 4)").got(after).likely(after,
                Mistake.of(start, "the net did not change: update its arrays in place, e.g. net.w1()[i][j] -= lr * g.dW1()[i][j]"),
                Mistake.of(wrongSign, "moved up the gradient: W ← W − lr·∂W"),
                Mistake.of(weightsOnly, "the biases were not updated"))
                .likely(w1Up ? "W1 moved up the gradient; the step is W ← W − lr·∂W" : "")
                .unless(near(expected, after));
    }

    @Test
    @Points(2)
    void ex6TrainingReachesTheTestAccuracy(NotebookSession nb) {
        declareHelpers(nb);
        nb.declare("Net check$trained = train(newNet(42), xTrain, yTrain, 10, 7L);");
        require(nb.evalBoolean("check$trained != null"), "train(newNet(42), xTrain, yTrain, 10, 7) returned null: "
                + "return the trained net");
        Params trained = Params.ofFlat(nb.evalDoubleArray("java.util.stream.Stream.of(check$flat(check$trained.w1()), "
                + "check$trained.b1(), check$flat(check$trained.w2()), check$trained.b2(), "
                + "check$flat(check$trained.w3()), "
                + "check$trained.b3()).flatMapToDouble(java.util.Arrays::stream).toArray()"));
        double accuracy = accuracy(trained, nb.evalDoubleArray("check$flat(xTest)"), nb.evalIntArray("yTest"));
        boolean unchanged = nb.evalBoolean("java.util.Arrays.deepEquals(check$trained.w1(), newNet(42).w1())");
        require(accuracy >= REQUIRED_ACCURACY, String.format(Locale.ROOT, "after train(newNet(42), xTrain, yTrain, 10, 7) "
                + "the network should classify at least %.0f %% of the 30 test flowers correctly, got %.1f %%%s",
                100 * REQUIRED_ACCURACY, 100 * accuracy, unchanged ? " (looks like: the weights never changed; call "
                        + "sgdStep for every flower, and update the net you return)"
                        : accuracy < 0.5 ? " (it did not learn: check forward, backward and the sign of the SGD step)" : ""));
    }

    // ------------------------------------------------------------------ 7

    @Test
    @Points(1)
    void ex7ConfusionMatrix(NotebookSession nb) {
        declareHelpers(nb);
        int[] m = nb.evalIntArray("check$flatInts(confusionMatrix(new int[] {0, 0, 1, 2, 2, 2, 1}, "
                + "new int[] {0, 1, 1, 2, 0, 2, 2}, 3))");
        Failure.of("confusionMatrix(truth = {0, 0, 1, 2, 2, 2, 1}, predicted = {0, 1, 1, 2, 0, 2, 2}, 3) should be "
                + "[[1, 1, 0], [0, 1, 1], [1, 0, 2]] (row = true class, column = predicted), got "
                + Arrays.toString(m)
                + (Arrays.equals(m, new int[] {1, 0, 1, 1, 1, 0, 0, 1, 2}) ? " (looks like: rows and columns swapped)" : ""))
                .unless(same(new int[] {1, 1, 0, 0, 1, 1, 1, 0, 2}, m));
        int[] four = nb.evalIntArray("check$flatInts(confusionMatrix(new int[] {3, 1}, new int[] {3, 0}, 4))");
        int[] expected = new int[16];
        expected[15] = 1;
        expected[4] = 1;
        Failure.of("confusionMatrix({3, 1}, {3, 0}, 4) should be 4 × 4 with a 1 at [3][3] and at [1][0], got "
                + Arrays.toString(four)).unless(same(expected, four));
    }

    // ------------------------------------------------------------------ references

    /** The fraction of flowers (rows of 4 measurements in {@code x}) whose largest score is their label. */
    private static double accuracy(Params net, double[] x, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] scores = forward(net, Arrays.copyOfRange(x, 4 * i, 4 * i + 4))[5];
            int best = 0;
            for (int k = 1; k < scores.length; k++) {
                if (scores[k] > scores[best]) {
                    best = k;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /*
     * The expected values come from jgrad's own tensors and autograd, not from code written like the notebook's
     * (a student reading these checks in the released repository reads no answer).
     */

    /** {x0, y1, x1, y2, x2, y3, s} of the network, by jgrad's tensors. */
    private static double[][] forward(Params n, double[] x0) {
        Tensor x = column(x0);
        Tensor y1 = Tensor.of(n.w1()).matmul(x).add(column(n.b1()));
        Tensor x1 = y1.relu();
        Tensor y2 = Tensor.of(n.w2()).matmul(x1).add(column(n.b2()));
        Tensor x2 = y2.relu();
        Tensor y3 = Tensor.of(n.w3()).matmul(x2).add(column(n.b3()));
        return java.util.stream.Stream.of(x, y1, x1, y2, x2, y3, y3.softmax(0)).map(Tensor::data)
                .toArray(double[][]::new);
    }

    /**
     * The six gradients (flattened) of the cross-entropy by autograd: the truth the student's backward is compared
     * with. Without {@code reluMask}, the mistake of a backward that forgets the ReLU rule: the ReLUs' values with
     * the identity's gradient.
     */
    private static double[][] autogradGradients(Params n, double[] x0, int label, boolean reluMask) {
        Tensor[] t = {Tensor.of(n.w1()).requiresGrad(), column(n.b1()).requiresGrad(),
            Tensor.of(n.w2()).requiresGrad(), column(n.b2()).requiresGrad(),
            Tensor.of(n.w3()).requiresGrad(), column(n.b3()).requiresGrad()};
        Tensor x1 = activation(t[0].matmul(column(x0)).add(t[1]), reluMask);
        Tensor x2 = activation(t[2].matmul(x1).add(t[3]), reluMask);
        Functional.crossEntropy(t[4].matmul(x2).add(t[5]).reshape(1, 3), new int[] {label}).backward();
        return Arrays.stream(t).map(p -> p.grad().data()).toArray(double[][]::new);
    }

    /** ReLU; without its mask, ReLU's values (y + (relu(y) − y), exactly) with the identity's gradient. */
    private static Tensor activation(Tensor y, boolean mask) {
        return mask ? y.relu() : y.add(y.relu().sub(y).detach());
    }

    /** {∂W (flattened), ∂b, ∂X} of Y = W·X + b for the upstream gradient ∂Y, by autograd. */
    private static double[][] linearGradients(double[][] w, double[] x, double[] dY) {
        Tensor tw = Tensor.of(w).requiresGrad();
        Tensor tx = column(x).requiresGrad();
        Tensor tb = Tensor.zeros(dY.length, 1).requiresGrad();
        tw.matmul(tx).add(tb).mul(column(dY)).sum().backward();
        return new double[][] {tw.grad().data(), tb.grad().data(), tx.grad().data()};
    }

    private static double[] softmax(double[] y) {
        return Tensor.of(y).softmax(0).data();
    }

    private static double[] relu(double[] y) {
        return Tensor.of(y).relu().data();
    }

    private static Tensor column(double[] v) {
        return Tensor.of(v, v.length, 1);
    }

    // ------------------------------------------------------------------ text

    private static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[] flat(Params n) {
        return Arrays.stream(new double[][] {flat(n.w1()), n.b1(), flat(n.w2()), n.b2(), flat(n.w3()), n.b3()})
                .flatMapToDouble(Arrays::stream).toArray();
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        if (a == null || a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
        }
        return max;
    }

    private static String shapeText(int[] shape) {
        return shape == null ? "null" : shape[0] + " × " + shape[1];
    }
}
