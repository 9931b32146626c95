package jgrad.grader;

import java.time.Duration;

/**
 * What happened when one notebook cell ran.
 *
 * @param cell    1-based cell number in the notebook (markdown cells count, as in Jupyter's layout)
 * @param status  how the cell ended
 * @param line    1-based line in the cell where it failed, 0 when unknown or when it did not fail
 * @param message why it failed, empty when it succeeded
 * @param output  what the cell printed (truncated when huge), plus the value of a last expression
 * @param time    how long it ran
 */
public record CellResult(int cell, Status status, int line, String message, String output, Duration time) {

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

    /** @return a one-line description such as {@code cell 4, line 2: does not compile: ...} */
    public String describe() {
        String where = "cell " + cell + (line > 0 ? ", line " + line : "");
        return ok() ? where + ": ok" : where + ": " + message;
    }
}
