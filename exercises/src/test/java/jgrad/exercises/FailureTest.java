package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The checks' failure builder, typed mistakes, tolerances and number display. */
class FailureTest {

    @Test
    void messageSaysWhatWasExpectedWhatCameAndTheLikelyMistake() {
        AssertionFailedError error = assertThrows(AssertionFailedError.class, () -> Failure
                .of("forward(4, 1.0) should be w·x = 4.0").got(5.0)
                .likely(5.0, Mistake.of(3.0, "not this one"), Mistake.of(5.0, "x + w instead of x·w"))
                .unless(Failure.near(4.0, 5.0)));
        assertEquals("forward(4, 1.0) should be w·x = 4.0, got 5 (looks like: x + w instead of x·w)", error.getMessage());
    }

    @Test
    void onlyTheFirstMatchingMistakeIsNamed() {
        String message = Failure.of("f()").likely(new int[] {1, 2}, Mistake.of(new int[] {1, 2}, "first"))
                .likely("second").likely(2, Mistake.of(2, "third")).message();
        assertEquals("f() (looks like: first)", message);
    }

    @Test
    void mistakesMatchWithinTheirToleranceAndNeverOnNull() {
        double close = 0.5 + Failure.MISTAKE_TOLERANCE / 2;
        assertTrue(Failure.of("f").likely(new double[] {close}, Mistake.of(new double[] {0.5}, "m")).message()
                .endsWith("(looks like: m)"));
        assertEquals("f", Failure.of("f").likely(new double[] {0.5 + 1e-3}, Mistake.of(new double[] {0.5}, "m")).message());
        assertEquals("f", Failure.of("f").likely((double[]) null, Mistake.of(new double[0], "m")).message());
        assertEquals("f", Failure.of("f").likely(new double[] {1, 2}, Mistake.of(new double[] {1}, "m")).message());
    }

    @Test
    void nearUsesTheDefaultToleranceUnlessGivenOneAndTreatsNaNAsJUnitDoes() {
        assertTrue(Failure.near(1.0, 1.0 + Failure.TOLERANCE / 2));
        assertFalse(Failure.near(1.0, 1.0 + 10 * Failure.TOLERANCE));
        assertTrue(Failure.near(1.0, 1.05, 0.1));
        assertTrue(Failure.near(Double.NaN, Double.NaN));
        assertFalse(Failure.near(new double[] {1}, null));
        assertFalse(Failure.near(new double[] {1}, new double[] {1, 2}));
        assertDoesNotThrow(() -> Failure.of("ok").unless(true));
    }

    @Test
    void numbersShowTenSignificantDigitsWithoutNoise() {
        assertEquals("30", Show.num(30));
        assertEquals("-23", Show.num(-23.0));
        assertEquals("0.2955202066", Show.num(0.2955202066134));
        assertEquals("1E-7", Show.num(1e-7));
        assertEquals("0", Show.num(-0.0));
        assertEquals("NaN", Show.num(Double.NaN));
        assertEquals("[1, 2.5]", Show.list(new double[] {1, 2.5}));
        assertEquals("{1, 2.5}", Show.braces(new double[] {1, 2.5}));
        assertTrue(Show.list(new double[20]).endsWith(", ... (20 values)]"), Show.list(new double[20]));
        assertEquals("[[1, 2], [3, 4]]", Show.rows(new double[] {1, 2, 3, 4}, 2));
    }
}
