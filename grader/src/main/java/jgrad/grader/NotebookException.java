package jgrad.grader;

/** A notebook that cannot be read: missing, unreadable, malformed JSON, or not nbformat 4. */
public class NotebookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public NotebookException(String message) {
        super(message);
    }

    /** @param message what is wrong, naming the file; @param cause the underlying error */
    public NotebookException(String message, Throwable cause) {
        super(message, cause);
    }
}
