package jgrad.exercises;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.function.Function;
import jgrad.grader.EvalException;
import jgrad.grader.Notebook;
import jgrad.grader.NotebookSession;

/**
 * Small helpers shared by the check classes: random test points, Java literals for them, hints that name
 * the likely mistake behind a wrong value, and the source of the cell that declares a method.
 */
final class CheckSupport {

    /** Values closer than this to a known wrong answer are taken as that mistake. */
    private static final double HINT_TOLERANCE = 1e-6;

    private CheckSupport() {
    }

    /**
     * Random points for checks that must not be passed by hard-coding the examples.
     *
     * @return {@code coordinates} arrays of {@code count} values each, uniform in [lo, hi), from the seed
     */
    static double[][] randomPoints(long seed, int count, int coordinates, double lo, double hi) {
        Random random = new Random(seed);
        double[][] points = new double[coordinates][count];
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < coordinates; c++) {
                points[c][i] = lo + (hi - lo) * random.nextDouble();
            }
        }
        return points;
    }

    /** @return a Java expression for the array, exact (Double.toString round-trips) */
    static String literal(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString)
                .collect(Collectors.joining(", ", "new double[] {", "}"));
    }

    /** @return the array as text for messages, or "null" */
    static String show(double[] values) {
        return values == null ? "null" : Arrays.toString(values);
    }

    /**
     * Names the likely mistake when a wrong value equals a known wrong answer.
     *
     * @param actual          what the student's code gave
     * @param valueAndMistake pairs: a wrong answer (Double) and the mistake that gives it (String)
     * @return " (looks like: MISTAKE)" or "" when the value matches none
     */
    static String hint(double actual, Object... valueAndMistake) {
        for (int i = 0; i + 1 < valueAndMistake.length; i += 2) {
            if (Math.abs(actual - (Double) valueAndMistake[i]) < HINT_TOLERANCE) {
                return " (looks like: " + valueAndMistake[i + 1] + ")";
            }
        }
        return "";
    }

    /** Like {@link #hint(double, Object...)} for arrays: the wrong answers are double[]. */
    static String hint(double[] actual, Object... arrayAndMistake) {
        for (int i = 0; i + 1 < arrayAndMistake.length; i += 2) {
            double[] wrong = (double[]) arrayAndMistake[i];
            if (actual != null && close(actual, wrong)) {
                return " (looks like: " + arrayAndMistake[i + 1] + ")";
            }
        }
        return "";
    }

    private static boolean close(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) < HINT_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The saved source of the code cell that declares a method (for checks on how something is computed,
     * when its values cannot tell).
     *
     * @param declaration a regular expression matching the declaration, such as {@code "double\\[\\]\\s+f\\s*\\("}
     * @return the cell's source, or "" when no cell matches
     */
    static String cellDeclaring(NotebookSession nb, String declaration) {
        Pattern pattern = Pattern.compile(declaration);
        return Notebook.read(nb.notebook()).codeCells().stream().map(Notebook.Cell::source)
                .filter(source -> pattern.matcher(source).find()).findFirst().orElse("");
    }

    /**
     * Evaluates a check's helper expression, but names it in failure messages as the student knows it
     * (helper calls with long literal arguments would otherwise fill the message and hide the cause).
     *
     * @param shownAs   what the message names instead, such as "gradient(x, y, w) at 20 random points"
     * @param evaluator the session call, such as {@code nb::evalDoubleArray}
     */
    static <T> T evalShownAs(String expression, String shownAs, Function<String, T> evaluator) {
        try {
            return evaluator.apply(expression);
        } catch (EvalException e) {
            throw new EvalException(e.getMessage().replace(expression, shownAs));
        }
    }

    /** Formats a number for messages without locale surprises. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }
}
