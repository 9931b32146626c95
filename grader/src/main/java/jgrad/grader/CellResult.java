package jgrad.grader;

import java.time.Duration;

/**
 * What happened when one notebook cell ran.
 *
 * @param cell    1-based cell number in the notebook file (markdown cells count)
 * @param status  how the cell ended
 * @param line    1-based line in the cell where it failed, 0 when unknown or when it did not fail
 * @param message why it failed, empty when it succeeded
 * @param output  what the cell printed (truncated when huge), plus the value of a last expression
 * @param time    how long it ran
 * @param label   the cell as Jupyter shows it, such as {@code In [7]} or {@code code cell 3 "// Exercise 1"}
 *                (see {@link #label(int, Long, String)}); messages name the cell by it
 */
public record CellResult(int cell, Status status, int line, String message, String output, Duration time,
                         String label) {

    /** A result labelled "cell N" (for cells that do not come from a notebook file). */
    public CellResult(int cell, Status status, int line, String message, String output, Duration time) {
        this(cell, status, line, message, output, time, "cell " + cell);
    }

    /**
     * How Jupyter shows a code cell. Jupyter numbers only code cells, and only once they have run: a saved
     * execution count is what the student sees beside the cell ({@code In [7]}); without one, the cell's
     * place among the code cells and its first line say which it is.
     *
     * @param codeOrdinal    1-based position among the notebook's code cells
     * @param executionCount the saved {@code execution_count}, or null
     * @param source         the cell's text
     */
    public static String label(int codeOrdinal, Long executionCount, String source) {
        if (executionCount != null) {
            return "In [" + executionCount + "]";
        }
        String first = source.strip().lines().findFirst().orElse("").strip();
        if (first.length() > 50) {
            first = first.substring(0, 47) + "...";
        }
        return "code cell " + codeOrdinal + (first.isEmpty() ? "" : " \"" + first + "\"");
    }

    /** How a cell ended. */
    public enum Status {
        /** Ran to the end. */
        OK,
        /** A snippet did not compile. */
        COMPILE_ERROR,
        /** An exception (or error such as OutOfMemoryError) escaped the cell. */
        EXCEPTION,
        /** Ran longer than the cell timeout and was stopped. */
        TIMEOUT,
        /** The notebook's JVM ended during the cell (System.exit, crash, or killed after a timeout). */
        JVM_EXITED,
        /** Not run because the notebook's JVM had already ended. */
        NOT_RUN
    }

    /** @return true when the cell ran to the end */
    public boolean ok() {
        return status == Status.OK;
    }

    /** @return a one-line description such as {@code In [4], line 2: does not compile: ...} */
    public String describe() {
        String where = label + (line > 0 ? ", line " + line : "");
        return ok() ? where + ": ok" : where + ": " + message;
    }
}
