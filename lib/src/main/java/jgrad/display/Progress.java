package jgrad.display;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.LongSupplier;

/**
 * A progress display for long loops, like tqdm: in Jupyter (course kernel) a bar that updates in
 * place, in a terminal or the grader one line per tenth of the work.
 *
 * <pre>{@code
 * try (var progress = Progress.start("training", epochs)) {
 *     for (int epoch = 1; epoch <= epochs; epoch++) {
 *         double loss = trainOneEpoch();
 *         progress.update(epoch, String.format("loss %.4f", loss));
 *     }
 * }
 * for (int i : Progress.range("sampling", 1000)) { ... }   // updates and closes by itself
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    /** One moment of a progress: what the sinks draw. */
    public record Snapshot(String label, int step, int total, String message, long elapsedNanos, boolean done) {

        /** Done fraction in [0, 1], or -1 when the total is unknown. */
        public double fraction() {
            return total > 0 ? Math.min(1.0, Math.max(0.0, step / (double) total)) : -1;
        }

        /** The terminal line, e.g. {@code training  40/100  40%  loss 0.3127  (1.2 s)}. */
        public String toLine() {
            StringBuilder line = new StringBuilder(label).append("  ").append(step);
            if (total > 0) {
                line.append('/').append(total).append("  ").append(Math.round(fraction() * 100)).append('%');
            }
            if (!message.isEmpty()) {
                line.append("  ").append(message);
            }
            return line.append(String.format("  (%.1f s)", elapsedNanos / 1e9)).toString();
        }
    }

    private final String label;
    private final int total;
    private final LongSupplier clock;
    private final long startNanos;
    private final ProgressSink.View view;
    private int step;
    private String message = "";
    private boolean closed;

    Progress(String label, int total, ProgressSink sink, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("Progress \"" + label + "\": total must be >= 0 (0 = unknown), got " + total);
        }
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.view = sink.open(snapshot(false));
    }

    /**
     * Starts a progress of {@code total} steps (0 when unknown) shown by the best sink available: the
     * Jupyter kernel's when running in the course kernel, otherwise lines on {@link System#out}.
     */
    public static Progress start(String label, int total) {
        return new Progress(label, total, defaultSink(), System::nanoTime);
    }

    /** Starts a progress shown by the given sink. */
    public static Progress start(String label, int total, ProgressSink sink) {
        return new Progress(label, total, Objects.requireNonNull(sink, "sink"), System::nanoTime);
    }

    /**
     * The numbers {@code 0 .. n-1} for a for-each loop that shows its progress: entering the body for
     * {@code i} reports {@code i} steps done, and the loop's end closes the progress.
     */
    public static Iterable<Integer> range(String label, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Progress.range(\"" + label + "\", " + n + "): n must be >= 0");
        }
        return () -> new Iterator<>() {
            private final Progress progress = start(label, n);
            private int next = 0;

            @Override
            public boolean hasNext() {
                if (next < n) {
                    return true;
                }
                if (!progress.closed) {
                    progress.update(n);
                    progress.close();
                }
                return false;
            }

            @Override
            public Integer next() {
                if (next >= n) {
                    throw new NoSuchElementException("Progress.range(\"" + label + "\", " + n + ") is exhausted");
                }
                progress.update(next);
                return next++;
            }
        };
    }

    /** Reports that {@code step} steps are done. */
    public void update(int step) {
        update(step, message);
    }

    /** Reports that {@code step} steps are done, with a short message such as the current loss. */
    public void update(int step, String message) {
        if (closed) {
            throw new IllegalStateException("Progress \"" + label + "\" is closed: update(" + step + ") after close()");
        }
        this.step = step;
        this.message = message == null ? "" : message;
        view.update(snapshot(false));
    }

    /** Steps done so far. */
    public int step() {
        return step;
    }

    /** Shows the final state. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            view.close(snapshot(true));
        }
    }

    private Snapshot snapshot(boolean done) {
        return new Snapshot(label, step, total, message, clock.getAsLong() - startNanos, done);
    }

    /**
     * The first available sink registered with {@link ServiceLoader}, looked up in the class loader
     * that loaded this library (the kernel's renderers live next to it), else the terminal.
     */
    static ProgressSink defaultSink() {
        try {
            for (ProgressSink sink : ServiceLoader.load(ProgressSink.class, Progress.class.getClassLoader())) {
                if (sink.available()) {
                    return sink;
                }
            }
        } catch (java.util.ServiceConfigurationError e) {
            // A broken provider must not stop a training loop: fall back to plain lines.
        }
        return new TerminalProgressSink();
    }
}
