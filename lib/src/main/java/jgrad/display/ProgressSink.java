package jgrad.display;

/**
 * Where a {@link Progress} shows itself. The library prints lines to the terminal by default; an
 * environment that can redraw output in place (the course's Jupyter kernel) registers its own sink
 * with {@link java.util.ServiceLoader} under {@code META-INF/services/jgrad.display.ProgressSink}.
 * The first registered sink that is {@link #available()} wins.
 */
public interface ProgressSink {

    /** Whether this sink can show progress in the current process (for example, inside a live kernel). */
    boolean available();

    /** Starts showing one progress; {@code first} is its state before any step. */
    View open(Progress.Snapshot first);

    /** One progress as shown by a sink. */
    interface View {

        /** Shows a new state. Called for every update: the view decides how often to redraw. */
        void update(Progress.Snapshot state);

        /** Shows the final state; no update follows. */
        void close(Progress.Snapshot last);
    }
}
