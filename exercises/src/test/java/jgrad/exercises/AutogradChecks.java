package jgrad.exercises;

import static jgrad.exercises.CheckSupport.attempt;
import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import jgrad.autograd.Value;
import jgrad.check.GradCheck;
import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 03_autograd.ipynb, 15 points: the backward rules of the notebook's {@code Scalar} (against
 * jgrad's {@link Value} on the same expressions), the numerical gradient, and the analytic gradient of the
 * lecture's sigmoid neuron. Each rule's check uses only that rule plus the given {@code add}, so an
 * unfinished rule costs only its own points.
 */
@Exercise("03_autograd")
class AutogradChecks {

    /** Relative tolerance between the student's Scalar and Value: both do the same arithmetic. */
    private static final double SAME_ARITHMETIC = 1e-9;
    /** The lecture's neuron: w0, x0, w1, x1, w2. */
    private static final double[] LECTURE_POINT = {2.0, -1.0, -3.0, -2.0, -3.0};
    private static final String LECTURE_NUMBERS = "{∂f/∂w0, ∂f/∂x0, ∂f/∂w1, ∂f/∂x1, ∂f/∂w2} = "
            + "{−0.197, 0.393, −0.393, −0.590, 0.197} (f = 0.731)";

    // ------------------------------------------------------------------ exercise 1: Scalar's backward rules

    @Test
    @Points(2)
    void mulBackward(NotebookSession nb) {
        Expr a = Expr.leaf(0), b = Expr.leaf(1), c = Expr.leaf(2);
        checkScalar(nb, "mul", List.of(
                new Case(a.mul(b), "∂(a·b)/∂a = b and ∂(a·b)/∂b = a", 2.0, -3.0),
                new Case(a.mul(b).add(a), "a receives b·out.grad from mul plus 1 from add: use +=", 0.5, 4.0),
                new Case(a.mul(a), "a·a must give a both contributions, 2a: use += on this.grad and other.grad", 1.5),
                new Case(a.mul(b).mul(c), "multiply the local derivative by out.grad (the chain rule)", 2.0, 3.0, 4.0)));
    }

    @Test
    @Points(2)
    void powBackward(NotebookSession nb) {
        Expr a = Expr.leaf(0);
        checkScalar(nb, "pow", List.of(
                new Case(a.pow(3), "d(a³)/da = 3a²: n·aⁿ⁻¹, the exponent lowered by one", 2.0),
                new Case(a.pow(-1), "d(a⁻¹)/da = −a⁻²", 4.0),
                new Case(a.pow(0.5), "d(√a)/da = 0.5·a^−0.5", 9.0),
                new Case(a.pow(2).add(a.pow(3)), "a used twice receives both contributions 2a + 3a²: use +=", -1.5),
                new Case(a.pow(2).pow(3), "d((a²)³)/da = 3(a²)²·2a: multiply by out.grad (the chain rule)", 1.2)));
    }

    @Test
    @Points(1)
    void tanhBackward(NotebookSession nb) {
        Expr a = Expr.leaf(0);
        checkScalar(nb, "tanh", List.of(
                new Case(a.tanh(), "d(tanh a)/da = 1 − tanh²(a), from the output's value out.data", 0.3),
                new Case(a.tanh().tanh(), "multiply the local derivative by out.grad (the chain rule)", -0.8),
                new Case(a.tanh().add(a), "a used twice receives both contributions: use +=", 1.1)));
    }

    @Test
    @Points(1)
    void expBackward(NotebookSession nb) {
        Expr a = Expr.leaf(0);
        checkScalar(nb, "exp", List.of(
                new Case(a.exp(), "d(eᵃ)/da = eᵃ, the output's value out.data", 0.7),
                new Case(a.exp().exp(), "multiply the local derivative by out.grad (the chain rule)", -0.5),
                new Case(a.exp().add(a), "a used twice receives both contributions eᵃ + 1: use +=", 1.0)));
    }

    @Test
    @Points(2)
    void randomExpressionsMatchValue(NotebookSession nb) {
        Random random = new Random(303);
        List<Case> cases = new ArrayList<>();
        while (cases.size() < 20) {
            Expr expr = Expr.random(random, 4);
            // Two decimals: the failure message shows the point readably.
            double[] at = random.doubles(3, 0.5, 1.5).map(v -> Math.round(v * 100) / 100.0).toArray();
            Case candidate = new Case(expr, "every rule, with leaves used in several places", at);
            if (expr.operations() >= 3 && candidate.isTame()) {
                cases.add(candidate);
            }
        }
        checkScalar(nb, "random", cases);
    }

    @Test
    @Points(1)
    void lectureNeuronThroughScalar(NotebookSession nb) {
        Expr w0 = Expr.leaf(0), x0 = Expr.leaf(1), w1 = Expr.leaf(2), x1 = Expr.leaf(3), w2 = Expr.leaf(4);
        Expr f = w0.mul(x0).add(w1.mul(x1)).add(w2).neg().exp().add(1.0).pow(-1);
        checkScalar(nb, "neuron", List.of(new Case(f, "the lecture's numbers " + LECTURE_NUMBERS
                + "; this needs mul, pow and exp", LECTURE_POINT)));
    }

    // ------------------------------------------------------------------ exercise 2: numerical gradient

    @Test
    @Points(1)
    void numericalGradientAgreesWithGradCheck(NotebookSession nb) {
        double[] x = {0.3, -1.2, 0.8};
        ToDoubleFunction<double[]> f = q -> Math.sin(q[0]) * q[1] + q[2] * q[2] * q[2];
        double[] yours = attempt("numericalGradient(q -> sin(q[0])·q[1] + q[2]³, {0.3, −1.2, 0.8}, 1e-6) should be "
                + "the central differences " + show(GradCheck.numericalGradient(f, x, 1e-6)),
                () -> nb.evalDoubleArray("numericalGradient(q -> Math.sin(q[0]) * q[1] + q[2] * q[2] * q[2], "
                        + "new double[] {0.3, -1.2, 0.8}, 1e-6)"));
        // Loose on purpose: a one-sided difference or an x left moved by h are the next checks' business;
        // this one catches a wrong scale or sign (÷h instead of ÷2h, f(x − h) − f(x + h)) and a wrong length.
        assertClose(GradCheck.numericalGradient(f, x, 1e-6), yours, 1e-4,
                "numericalGradient(q -> sin(q[0])·q[1] + q[2]³, {0.3, −1.2, 0.8}, 1e-6): one partial derivative per "
                        + "coordinate, (f(x + h·eᵢ) − f(x − h·eᵢ)) / (2h)");
        double[] fiveD = attempt("numericalGradient of q[0] + 2q[1] + 3q[2] + 4q[3] + 5q[4] should be {1, 2, 3, 4, 5}",
                () -> nb.evalDoubleArray("numericalGradient(q -> q[0] + 2 * q[1] + 3 * q[2] + 4 * q[3] + 5 * q[4], "
                        + "new double[5], 1e-4)"));
        assertClose(new double[] {1, 2, 3, 4, 5}, fiveD, 1e-8,
                "numericalGradient of q[0] + 2q[1] + 3q[2] + 4q[3] + 5q[4] at 0 (5 coordinates)");
    }

    @Test
    @Points(1)
    void numericalGradientIsCentral(NotebookSession nb) {
        double g = attempt("numericalGradient(x³, {2}, 1e-3) should be about 12 (central difference: 12 + h²)",
                () -> nb.evalDouble("numericalGradient(q -> q[0] * q[0] * q[0], new double[] {2.0}, 1e-3)[0]"));
        if (!(Math.abs(g - 12) < 1e-5)) {
            Failure.of(String.format(Locale.ROOT, "numericalGradient(x³, {2}, h = 1e-3) should "
                + "be the central difference ((2 + h)³ − (2 − h)³)/(2h) = 12.000001; got %.9g%s", g,
                Math.abs(g - 12.006001) < 1e-6 ? ", which is the one-sided (f(x + h) − f(x))/h: use x + h and x − h"
                        : "")).fail();
        }
    }

    @Test
    @Points(1)
    void numericalGradientUsesTheGivenStep(NotebookSession nb) {
        double g = attempt("numericalGradient(x³, {2}, h = 0.1) should be ((2.1)³ − (1.9)³)/0.2 = 12.01",
                () -> nb.evalDouble("numericalGradient(q -> q[0] * q[0] * q[0], new double[] {2.0}, 0.1)[0]"));
        Failure.of("numericalGradient(x³, {2}, h = 0.1) should be ((2.1)³ − (1.9)³)/0.2 = 12.01 (12 + h²): use the "
                + "step h you are given, not a fixed one")
                .got(g).unless(near(12.01, g));
    }

    @Test
    @Points(1)
    void numericalGradientMovesOneCoordinateAndRestoresX(NotebookSession nb) {
        nb.declare("double[] check$restored() { double[] x = {0.3, -1.2, 0.8}; "
                + "double[] g = numericalGradient(q -> q[0] * q[1] + q[2], x, 1e-4); "
                + "return new double[] {x[0], x[1], x[2], g[0], g[1], g[2]}; }");
        double[] got = attempt("after numericalGradient(f, x, h), x should hold exactly its numbers before the call",
                () -> nb.evalDoubleArray("check$restored()"));
        Failure.of("internal: check$restored returns 6 numbers").got(got.length).unless(same(6, got.length));
        Failure.of("x = {0.3, −1.2, 0.8} should hold exactly the same numbers after numericalGradient(f, x, 1e-4): "
                + "put back the saved x[i] after moving it (adding and subtracting h does not always give the same double); got "
                + show(Arrays.copyOf(got, 3))).unless(near(new double[] {0.3, -1.2, 0.8}, Arrays.copyOf(got, 3), 0.0));
        assertClose(new double[] {-1.2, 0.3, 1.0}, Arrays.copyOfRange(got, 3, 6), 1e-9, "numericalGradient(q -> "
                + "q[0]·q[1] + q[2], {0.3, −1.2, 0.8}, 1e-4) should be {q[1], q[0], 1}: move one coordinate at a time, "
                + "with the others at their original values");
    }

    // ------------------------------------------------------------------ exercise 3: analytic neuron gradient

    @Test
    @Points(1)
    void neuronGradientAtTheLecturePoint(NotebookSession nb) {
        double[] expected = neuronGradientOnValue(LECTURE_POINT);
        double[] yours = attempt("neuronGradient(2, −1, −3, −2, −3) should be " + LECTURE_NUMBERS,
                () -> nb.evalDoubleArray("neuronGradient(2.0, -1.0, -3.0, -2.0, -3.0)"));
        assertClose(expected, yours, 1e-9, "neuronGradient(w0 = 2, x0 = −1, w1 = −3, x1 = −2, w2 = −3) should be the "
                + "lecture's " + LECTURE_NUMBERS + ", in that order {∂f/∂w0, ∂f/∂x0, ∂f/∂w1, ∂f/∂x1, ∂f/∂w2}");
    }

    @Test
    @Points(1)
    void neuronGradientAtRandomPoints(NotebookSession nb) {
        Random random = new Random(3003);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            points.add(random.doubles(5, -2, 2).map(v -> Math.round(v * 100) / 100.0).toArray());
        }
        String calls = points.stream().map(p -> "neuronGradient(" + Arrays.stream(p).mapToObj(Double::toString)
                .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(", "));
        nb.declare("double[] check$neuronGradients() { return java.util.stream.Stream.of(" + calls
                + ").flatMapToDouble(java.util.Arrays::stream).toArray(); }");
        double[] all = attempt("neuronGradient at 5 random points should agree with jgrad's Value",
                () -> nb.evalDoubleArray("check$neuronGradients()"));
        Failure.of("neuronGradient should return 5 numbers {∂f/∂w0, ∂f/∂x0, ∂f/∂w1, ∂f/∂x1, ∂f/∂w2}").got(all.length)
                .unless(same(25, all.length));
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            assertClose(neuronGradientOnValue(p), Arrays.copyOfRange(all, 5 * i, 5 * i + 5), 1e-9,
                    "neuronGradient" + show(p).replace('{', '(').replace('}', ')') + " (w0, x0, w1, x1, w2) should "
                            + "be what jgrad's Value gives for σ(w0·x0 + w1·x1 + w2)");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The neuron's gradient {∂f/∂w0, ∂f/∂x0, ∂f/∂w1, ∂f/∂x1, ∂f/∂w2} by jgrad's Value. */
    private static double[] neuronGradientOnValue(double[] p) {
        Value[] v = Arrays.stream(p).mapToObj(Value::of).toArray(Value[]::new);
        v[0].mul(v[1]).add(v[2].mul(v[3])).add(v[4]).sigmoid().backward();
        return Arrays.stream(v).mapToDouble(Value::grad).toArray();
    }

    /**
     * Builds every case on the student's Scalar in one declared method (one compile, one call), and compares
     * each case's leaf gradients with the same expression built on Value.
     */
    private static void checkScalar(NotebookSession nb, String name, List<Case> cases) {
        StringBuilder code = new StringBuilder("double[] check$" + name + "() { List<Double> g = new ArrayList<>();\n");
        for (Case c : cases) {
            code.append(c.scalarCode()).append('\n');
        }
        code.append("return g.stream().mapToDouble(Double::doubleValue).toArray(); }");
        nb.declare(code.toString());
        double[] all = attempt("backward() on your Scalar should give the gradients of jgrad's Value, for example "
                + cases.get(0).describe(cases.get(0).valueGradient()),
                () -> nb.evalDoubleArray("check$" + name + "()"));
        int expectedLength = cases.stream().mapToInt(c -> c.at().length).sum();
        Failure.of("internal: check$" + name + " returns one gradient per leaf").got(all.length)
                .unless(same(expectedLength, all.length));
        int offset = 0;
        for (Case c : cases) {
            double[] expected = c.valueGradient();
            double[] yours = Arrays.copyOfRange(all, offset, offset + expected.length);
            offset += expected.length;
            if (!GradCheck.compare(expected, yours, SAME_ARITHMETIC).passed()) {
                Failure.of(c.describe(expected) + ", your Scalar gives " + show(yours) + ". Hint: " + c.hint()).fail();
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        Failure.of(what + ": expected " + show(expected)).got(actual == null ? "null" : show(actual))
                .unless(actual != null && actual.length == expected.length
                        && GradCheck.compare(expected, actual, tolerance).passed());
    }

    /** Gradients as the Scalar code reads them, {∂/∂a, ∂/∂b}. */
    private static String show(double[] values) {
        return Show.braces(values);
    }

    /** One expression at one point, with the hint shown when the student's gradients differ from Value's. */
    private record Case(Expr expr, String hint, double... at) {

        private static final String[] NAMES = {"a", "b", "c", "d", "e"};

        /** A block declaring fresh leaves, building the expression, calling backward once, collecting grads. */
        String scalarCode() {
            StringBuilder code = new StringBuilder("{ ");
            for (int i = 0; i < at.length; i++) {
                code.append("Scalar ").append(NAMES[i]).append(" = new Scalar(").append(at[i]).append("); ");
            }
            code.append(expr.source()).append(".backward(); ");
            for (int i = 0; i < at.length; i++) {
                code.append("g.add(").append(NAMES[i]).append(".grad); ");
            }
            return code.append('}').toString();
        }

        double[] valueGradient() {
            Value[] leaves = Arrays.stream(at).mapToObj(Value::of).toArray(Value[]::new);
            expr.onValue().apply(leaves).backward();
            return Arrays.stream(leaves).mapToDouble(Value::grad).toArray();
        }

        /** Finite, moderate values and gradients: no overflow of exp chains, no division by almost 0. */
        boolean isTame() {
            Value[] leaves = Arrays.stream(at).mapToObj(Value::of).toArray(Value[]::new);
            double data = expr.onValue().apply(leaves).data();
            return Math.abs(data) < 1e4 && Arrays.stream(valueGradient()).allMatch(g -> Math.abs(g) < 1e4);
        }

        String describe(double[] expected) {
            StringBuilder point = new StringBuilder();
            for (int i = 0; i < at.length; i++) {
                point.append(i == 0 ? "" : ", ").append(NAMES[i]).append(" = ").append(at[i]);
            }
            String names = Arrays.stream(NAMES, 0, at.length).map(n -> "∂/∂" + n).collect(Collectors.joining(", "));
            return expr.source() + " at " + point + ": {" + names + "} should be " + show(expected) + " (jgrad's Value)";
        }
    }

    /**
     * An expression over the leaves a, b, c, …, written once and used twice: as Java source for the
     * notebook's Scalar, and built on Value in this JVM (Scalar and Value have the same method names).
     */
    private record Expr(String source, Function<Value[], Value> onValue, int operations) {

        static Expr leaf(int i) {
            return new Expr(Case.NAMES[i], v -> v[i], 0);
        }

        Expr add(Expr o) {
            return binary("add", o, Value::add);
        }

        Expr add(double c) {
            return new Expr(source + ".add(" + c + ")", v -> onValue.apply(v).add(c), operations + 1);
        }

        Expr mul(Expr o) {
            return binary("mul", o, Value::mul);
        }

        Expr sub(Expr o) {
            return binary("sub", o, Value::sub);
        }

        Expr div(Expr o) {
            return binary("div", o, Value::div);
        }

        Expr pow(double n) {
            return new Expr(source + ".pow(" + n + ")", v -> onValue.apply(v).pow(n), operations + 1);
        }

        Expr tanh() {
            return new Expr(source + ".tanh()", v -> onValue.apply(v).tanh(), operations + 1);
        }

        Expr exp() {
            return new Expr(source + ".exp()", v -> onValue.apply(v).exp(), operations + 1);
        }

        Expr neg() {
            return new Expr(source + ".neg()", v -> onValue.apply(v).neg(), operations + 1);
        }

        private Expr binary(String op, Expr o, java.util.function.BinaryOperator<Value> onValues) {
            return new Expr(source + "." + op + "(" + o.source + ")",
                    v -> onValues.apply(onValue.apply(v), o.onValue.apply(v)), operations + o.operations + 1);
        }

        /** A random expression of depth at most {@code depth} over a, b, c with every operation of the notebook. */
        static Expr random(Random r, int depth) {
            if (depth == 0 || r.nextInt(5) == 0) {
                return leaf(r.nextInt(3));
            }
            Expr e = random(r, depth - 1);
            switch (r.nextInt(9)) {
                case 0: return e.add(random(r, depth - 1));
                case 1: return e.mul(random(r, depth - 1));
                case 2: return e.sub(random(r, depth - 1));
                case 3: return e.div(random(r, depth - 1));
                case 4: return e.pow(2);
                case 5: return e.pow(3);
                case 6: return e.pow(-1);
                case 7: return e.tanh();
                default: return e.exp();
            }
        }
    }
}
