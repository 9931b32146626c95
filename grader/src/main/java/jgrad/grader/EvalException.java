package jgrad.grader;

/**
 * An expression evaluated by a check could not give a value: it did not compile, threw, timed out,
 * or the notebook's JVM had ended. The message is written for the student and is what the score table shows.
 */
public class EvalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the expression */
    public EvalException(String message) {
        super(message);
    }
}
