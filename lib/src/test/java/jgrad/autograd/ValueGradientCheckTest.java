package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jgrad.check.GradCheck;

/** Every operation's backward rule agrees with central differences on many random inputs. */
class ValueGradientCheckTest {

    private static final int TRIALS = 200;

    static Stream<Arguments> operations() {
        return Stream.of(
                op("add", v -> v[0].add(v[1]), -3, 3),
                op("add constant", v -> v[0].add(2.5), -3, 3),
                op("sub", v -> v[0].sub(v[1]), -3, 3),
                op("sub constant", v -> v[0].sub(-1.25), -3, 3),
                op("mul", v -> v[0].mul(v[1]), -3, 3),
                op("mul constant", v -> v[0].mul(-0.75), -3, 3),
                op("div", v -> v[0].div(v[1]), 0.5, 3),
                op("div constant", v -> v[0].div(4.0), -3, 3),
                op("pow 3", v -> v[0].pow(3), -2, 2),
                op("pow -2", v -> v[0].pow(-2), 0.5, 3),
                op("pow 0.5", v -> v[0].pow(0.5), 0.1, 4),
                op("neg", v -> v[0].neg(), -3, 3),
                op("relu", v -> v[0].relu(), -3, 3),
                op("tanh", v -> v[0].tanh(), -3, 3),
                op("exp", v -> v[0].exp(), -3, 3),
                op("log", v -> v[0].log(), 0.1, 5),
                op("sigmoid", v -> v[0].sigmoid(), -8, 8),
                op("composite", v -> v[0].mul(v[1]).add(v[0].tanh()).div(v[1].exp().add(1)).pow(2), -2, 2));
    }

    private static Arguments op(String name, Function<Value[], Value> f, double lo, double hi) {
        return Arguments.of(name, f, lo, hi);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void backwardMatchesCentralDifferences(String name, Function<Value[], Value> f, double lo, double hi) {
        Random random = new Random(name.hashCode());
        for (int t = 0; t < TRIALS; t++) {
            double x0 = lo + (hi - lo) * random.nextDouble();
            double x1 = lo + (hi - lo) * random.nextDouble();
            if (name.equals("relu") && Math.abs(x0) < 1e-4) {
                continue; // the kink: no derivative there
            }
            GradCheck.Result result = GradCheck.check(f, x0, x1);
            assertTrue(result.passed(), () -> name + " at (" + x0 + ", " + x1 + "): " + result);
        }
    }
}
