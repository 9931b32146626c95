package jgrad.exercises;

import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.function.Supplier;
import jgrad.grader.EvalException;
import jgrad.grader.Notebook;
import jgrad.grader.NotebookSession;

/**
 * What the check classes share to talk to a notebook: random test points, exact Java literals for them,
 * evals named as the student knows them, and the source of the cell that declares a method. Messages are
 * built with {@link Failure}, numbers shown with {@link Show}.
 */
final class CheckSupport {

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

    /** @return a Java expression for the matrix, exact */
    static String literal(double[][] rows) {
        return Arrays.stream(rows).map(r -> Arrays.stream(r).mapToObj(Double::toString)
                .collect(Collectors.joining(", ", "{", "}"))).collect(Collectors.joining(", ", "new double[][] {", "}"));
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

    /** Runs an eval; when the student's code throws or does not compile, fails saying what was expected. */
    static <T> T attempt(String expected, Supplier<T> eval) {
        try {
            return eval.get();
        } catch (EvalException e) {
            return Failure.of(expected + "; but " + e.getMessage()).fail();
        }
    }
}
