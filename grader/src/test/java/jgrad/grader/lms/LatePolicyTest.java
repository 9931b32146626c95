package jgrad.grader.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatePolicyTest {

    private static final Instant DUE = Instant.parse("2026-12-15T23:59:00Z");

    @Test
    void everyStartedDayCostsItsShare() {
        LatePolicy p = LatePolicy.parse(DUE, "10%/day");
        assertEquals(0, p.penalty(Duration.ZERO));
        assertEquals(0.1, p.penalty(Duration.ofMinutes(1)), 1e-12);
        assertEquals(0.1, p.penalty(Duration.ofDays(1)), 1e-12);
        assertEquals(0.2, p.penalty(Duration.ofDays(1).plusSeconds(1)), 1e-12);
        assertEquals(12.6, p.apply(14, Duration.ofHours(3)), 1e-12);
    }

    @Test
    void thePenaltyIsCappedAndTheScoreNeverNegative() {
        assertEquals(0.5, LatePolicy.parse(DUE, "10%/day,max=50%").penalty(Duration.ofDays(30)), 1e-12);
        assertEquals(0, LatePolicy.parse(DUE, "10%/day").apply(14, Duration.ofDays(30)), 1e-12);
        assertEquals(0.15, LatePolicy.parse(DUE, "5%/hour").penalty(Duration.ofMinutes(150)), 1e-12);
    }

    @Test
    void theExtensionMovesTheDueDate() {
        LatePolicy p = LatePolicy.parse(DUE, "10%/day");
        Instant submitted = DUE.plus(Duration.ofHours(30));
        assertEquals(Duration.ofHours(30), p.lateBy(submitted, Duration.ZERO));
        assertEquals(Duration.ZERO, p.lateBy(submitted, Duration.ofDays(2)));
        assertEquals(Duration.ofHours(6), p.lateBy(submitted, Duration.ofDays(1)));
    }

    @Test
    void aBadRuleSaysHowToWriteIt() {
        String message = assertThrows(IllegalArgumentException.class, () -> LatePolicy.parse(DUE, "10 per day"))
                .getMessage();
        assertTrue(message.contains("10%/day") && message.contains("10 per day"), message);
        assertThrows(IllegalArgumentException.class, () -> LatePolicy.parse(DUE, "150%/day"));
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertEquals("2 d 3 h", LatePolicy.describe(Duration.ofHours(51)));
        assertEquals("45 min", LatePolicy.describe(Duration.ofMinutes(45)));
        assertEquals("", LatePolicy.describe(Duration.ZERO));
    }
}
