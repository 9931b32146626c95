package jgrad.grader.lms;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A due date and a penalty for late work, as nbgrader's late-submission plugins apply one: every started
 * day (or hour) past the due date, plus the student's extension, costs a share of the points earned, up to a
 * cap; the score never goes below zero.
 *
 * <p>The rule is written {@code 10%/day} or {@code 2%/hour}, optionally capped: {@code 10%/day,max=50%}
 * (without a cap, late work can lose everything it earned).
 *
 * @param due      the due date
 * @param perUnit  the share of the points lost per started unit, 0 to 1
 * @param unit     a day or an hour
 * @param cap      the largest share that can be lost, 0 to 1
 */
public record LatePolicy(Instant due, double perUnit, Duration unit, double cap) {

    private static final Pattern RULE = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)%\\s*/\\s*(day|hour)\\s*(?:,\\s*max\\s*=\\s*(\\d+(?:\\.\\d+)?)%)?");

    /** @throws IllegalArgumentException when a share is outside 0–100 % */
    public LatePolicy {
        if (perUnit < 0 || perUnit > 1 || cap < 0 || cap > 1) {
            throw new IllegalArgumentException("late penalty: shares must be between 0% and 100%");
        }
    }

    /** A due date with no penalty: lateness is reported, the score is kept. */
    public static LatePolicy reportOnly(Instant due) {
        return new LatePolicy(due, 0, Duration.ofDays(1), 0);
    }

    /**
     * Parses a penalty rule such as {@code 10%/day} or {@code 5%/hour,max=30%}.
     *
     * @throws IllegalArgumentException naming the rule and the expected form
     */
    public static LatePolicy parse(Instant due, String rule) {
        Matcher m = RULE.matcher(rule.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("--late-penalty '" + rule
                    + "': write a share per day or hour, such as 10%/day or 5%/hour, optionally capped: 10%/day,max=50%");
        }
        double share = Double.parseDouble(m.group(1)) / 100;
        double cap = m.group(3) == null ? 1 : Double.parseDouble(m.group(3)) / 100;
        if (share > 1 || cap > 1) {
            throw new IllegalArgumentException("--late-penalty '" + rule + "': a share is at most 100%");
        }
        return new LatePolicy(due, share, m.group(2).equals("day") ? Duration.ofDays(1) : Duration.ofHours(1), cap);
    }

    /** @return how late work handed in at {@code submitted} is, given the student's extension; zero when on time */
    public Duration lateBy(Instant submitted, Duration extension) {
        Duration late = Duration.between(due.plus(extension), submitted);
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** @return the share of the points lost for work this late: per started unit, at most the cap */
    public double penalty(Duration lateBy) {
        if (lateBy.isZero() || lateBy.isNegative()) {
            return 0;
        }
        long units = (lateBy.toMillis() + unit.toMillis() - 1) / unit.toMillis();
        return Math.min(cap, units * perUnit);
    }

    /** @return the points kept of {@code earned} for work this late, rounded to two decimals */
    public double apply(double earned, Duration lateBy) {
        return Math.round(earned * (1 - penalty(lateBy)) * 100) / 100.0;
    }

    /** @return a duration as a person reads it: {@code 2 d 3 h}, {@code 45 min}, empty when zero */
    public static String describe(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return "";
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return hours > 0 ? days + " d " + hours + " h" : days + " d";
        }
        if (hours > 0) {
            return minutes > 0 ? hours + " h " + minutes + " min" : hours + " h";
        }
        return Math.max(1, minutes) + " min";
    }
}
