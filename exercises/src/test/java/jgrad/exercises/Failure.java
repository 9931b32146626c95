package jgrad.exercises;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.opentest4j.AssertionFailedError;

/**
 * The one way the checks fail: a message built in the same order everywhere, what was expected in the
 * student's terms, what came, then the likely mistake, for example
 * <pre>{@code
 * Failure.of("forward(4, 1.0) should be w·x = 4.0").got(value)
 *         .likely(value, Mistake.of(5.0, "x + w instead of x·w"))
 *         .unless(Failure.near(4.0, value));
 * }</pre>
 * gives "forward(4, 1.0) should be w·x = 4.0, got 5 (looks like: x + w instead of x·w)".
 *
 * <p>Tolerances: {@link #TOLERANCE} unless a check passes its own, named where it is declared (exact
 * comparisons, statistics, the same arithmetic in two JVMs); a wrong value is taken as a known mistake
 * within {@link #MISTAKE_TOLERANCE}.
 */
final class Failure {

    /**
     * The default tolerance of a check, absolute: the course's values are of order 1 to 100 and computed
     * by the same formula in the solution and the check, so they agree to about 1e-14; 1e-9 leaves room
     * for a different but equivalent order of operations.
     */
    static final double TOLERANCE = 1e-9;
    /** A wrong value within this of a known wrong answer is named as that mistake. */
    static final double MISTAKE_TOLERANCE = 1e-6;

    private final StringBuilder text;
    private boolean mistakeNamed;

    private Failure(String expectation) {
        this.text = new StringBuilder(expectation);
    }

    /** @param expectation what the check expected, naming the call and the value, e.g. "f(2) should be 4" */
    static Failure of(String expectation) {
        return new Failure(expectation);
    }

    /** Appends ", got VALUE". */
    Failure got(String shown) {
        text.append(", got ").append(shown);
        return this;
    }

    /** Appends ", got VALUE" for a list, a string or a boxed value. */
    Failure got(Object value) {
        return got(String.valueOf(value));
    }

    /** Appends ", got VALUE" for a whole number (a count, a size). */
    Failure got(long value) {
        return got(Long.toString(value));
    }

    /** Appends ", got VALUE" for a number. */
    Failure got(double value) {
        return got(Show.num(value));
    }

    /** Appends ", got [VALUES]". */
    Failure got(double[] values) {
        return got(Show.list(values));
    }

    /** Appends ", got [VALUES]". */
    Failure got(int[] values) {
        return got(Show.list(values));
    }

    /** Appends text as it is (a further explanation, a second value). */
    Failure then(String more) {
        text.append(more);
        return this;
    }

    /** Names a likely mistake found by the check's own test; "" or null adds nothing. */
    Failure likely(String why) {
        if (why != null && !why.isEmpty() && !mistakeNamed) {
            text.append(" (looks like: ").append(why).append(')');
            mistakeNamed = true;
        }
        return this;
    }

    /** Names the first mistake whose value is within {@link #MISTAKE_TOLERANCE} of {@code actual}. */
    @SafeVarargs
    final Failure likely(double actual, Mistake<Double>... mistakes) {
        return first(actual, (a, m) -> near(m, a, MISTAKE_TOLERANCE), mistakes);
    }

    /** Names the first mistake whose values are all within {@link #MISTAKE_TOLERANCE} of {@code actual}'s. */
    @SafeVarargs
    final Failure likely(double[] actual, Mistake<double[]>... mistakes) {
        return first(actual, (a, m) -> near(m, a, MISTAKE_TOLERANCE), mistakes);
    }

    /** Names the first mistake equal to {@code actual}. */
    @SafeVarargs
    final Failure likely(int actual, Mistake<Integer>... mistakes) {
        return first(actual, (a, m) -> a.intValue() == m.intValue(), mistakes);
    }

    /** Names the first mistake equal to {@code actual}. */
    @SafeVarargs
    final Failure likely(int[] actual, Mistake<int[]>... mistakes) {
        return first(actual, Arrays::equals, mistakes);
    }

    private <T> Failure first(T actual, BiPredicate<T, T> matches, Mistake<T>[] mistakes) {
        if (actual == null) {
            return this;
        }
        for (Mistake<T> mistake : mistakes) {
            if (matches.test(actual, mistake.value())) {
                return likely(mistake.why());
            }
        }
        return this;
    }

    /** @return the message */
    String message() {
        return text.toString();
    }

    /** @return the error a failing check throws, carrying the message alone */
    AssertionFailedError error() {
        return new AssertionFailedError(message());
    }

    /** Fails the check. */
    <T> T fail() {
        throw error();
    }

    /** Fails the check unless it passed. */
    void unless(boolean passed) {
        if (!passed) {
            fail();
        }
    }

    // ------------------------------------------------------------------ comparisons

    /** @return true when {@code actual} is {@code expected} within {@link #TOLERANCE} */
    static boolean near(double expected, double actual) {
        return near(expected, actual, TOLERANCE);
    }

    /** @return true when {@code actual} is {@code expected} within {@code tolerance} (NaN equals NaN, as in JUnit) */
    static boolean near(double expected, double actual, double tolerance) {
        return Double.doubleToLongBits(expected) == Double.doubleToLongBits(actual)
                || Math.abs(expected - actual) <= tolerance;
    }

    /** @return true when both have the same length and agree entry by entry within {@link #TOLERANCE} */
    static boolean near(double[] expected, double[] actual) {
        return near(expected, actual, TOLERANCE);
    }

    /** @return true when both have the same length and agree entry by entry within {@code tolerance} */
    static boolean near(double[] expected, double[] actual, double tolerance) {
        if (expected == null || actual == null || expected.length != actual.length) {
            return Objects.equals(expected, actual);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!near(expected[i], actual[i], tolerance)) {
                return false;
            }
        }
        return true;
    }

    /** @return true when the numbers are equal (ints, longs) */
    static boolean same(long expected, long actual) {
        return expected == actual;
    }

    /** @return true when the values are equal (strings, lists) */
    static boolean same(Object expected, Object actual) {
        return Objects.equals(expected, actual);
    }

    /** @return true when the arrays are equal, entry by entry */
    static boolean same(int[] expected, int[] actual) {
        return Arrays.equals(expected, actual);
    }

    /** @return true when the arrays are equal exactly, entry by entry (0.0 and −0.0 apart, as in JUnit) */
    static boolean same(double[] expected, double[] actual) {
        return Arrays.equals(expected, actual);
    }

    /** Fails with the message alone when the condition is false. */
    static void require(boolean condition, String message) {
        if (!condition) {
            of(message).fail();
        }
    }
}
