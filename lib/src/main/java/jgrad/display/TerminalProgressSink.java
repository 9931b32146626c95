package jgrad.display;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The default sink: one line each time the progress crosses another tenth of its total, and one at
 * the end. Lines depend only on the steps reported (plus the elapsed time), so a notebook run from a
 * terminal or the grader prints the same number of lines every time.
 */
public final class TerminalProgressSink implements ProgressSink {

    /** How many lines a progress with a known total prints at most, besides its last one. */
    static final int LINES = 10;

    private final Supplier<PrintStream> out;

    /** A sink printing to {@link System#out} as it is when each line is printed. */
    public TerminalProgressSink() {
        this(() -> System.out);
    }

    /** A sink printing to the given stream (tests use this). */
    public TerminalProgressSink(Supplier<PrintStream> out) {
        this.out = out;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public View open(Progress.Snapshot first) {
        return new View() {
            private long lastBucket = 0;
            private Progress.Snapshot lastPrinted;

            @Override
            public void update(Progress.Snapshot state) {
                long bucket = bucketOf(state);
                if (bucket > lastBucket) {
                    lastBucket = bucket;
                    print(state);
                }
            }

            @Override
            public void close(Progress.Snapshot last) {
                if (lastPrinted == null || lastPrinted.step() != last.step()
                        || !lastPrinted.message().equals(last.message())) {
                    print(last);
                }
            }

            private void print(Progress.Snapshot state) {
                lastPrinted = state;
                out.get().println(state.toLine());
            }
        };
    }

    /** Which tenth of the total the state is in; without a total, every power-of-two step prints. */
    private static long bucketOf(Progress.Snapshot state) {
        if (state.total() > 0) {
            return (long) state.step() * LINES / state.total();
        }
        return state.step() <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(state.step());
    }
}
