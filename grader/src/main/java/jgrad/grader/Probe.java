package jgrad.grader;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Helpers called inside a notebook's JVM by {@link NotebookSession}'s typed {@code eval...} methods.
 * Each turns a value into text made only of safe characters, so the host reads it back exactly; the
 * parameter types make the Java compiler check the expression's type (an {@code int} check given a
 * {@code double} expression is a compile error, not a silent truncation).
 */
public final class Probe {

    private Probe() {
    }

    /** @return the exact text form of a double */
    public static String ofDouble(double value) {
        return Double.toString(value);
    }

    /** @return the text form of an int */
    public static String ofInt(int value) {
        return Integer.toString(value);
    }

    /** @return the text form of a long */
    public static String ofLong(long value) {
        return Long.toString(value);
    }

    /** @return "true" or "false" */
    public static String ofBoolean(boolean value) {
        return Boolean.toString(value);
    }

    /** Marks a probe too long to return at once: {@code HELD + length}; read it with {@link #held}. */
    public static final String HELD = "#held:";

    private static String heldText = "";

    /** Returns {@code text} if it has at most {@code chunk} characters; otherwise keeps it and returns {@code HELD + length}. */
    public static String hold(String text, int chunk) {
        if (text.length() <= chunk) {
            return text;
        }
        heldText = text;
        return HELD + text.length();
    }

    /** Characters {@code from} to {@code to} of the text kept by {@link #hold}. */
    public static String held(int from, int to) {
        return heldText.substring(from, to);
    }

    /** @return String.valueOf(value) in Base64 (UTF-8) */
    public static String ofString(Object value) {
        return Base64.getEncoder().encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the doubles separated by spaces, or "null" */
    public static String ofDoubles(double[] values) {
        return values == null ? "null"
                : Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }

    /** @return the ints separated by spaces, or "null" */
    public static String ofInts(int[] values) {
        return values == null ? "null"
                : Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    /** @return the names of the live non-daemon threads other than the caller, in Base64 lines */
    public static String nonDaemonThreads() {
        String names = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread())
                .map(Thread::getName).sorted().collect(Collectors.joining("\n"));
        return ofString(names);
    }
}
