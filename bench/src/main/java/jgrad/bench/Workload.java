package jgrad.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * One benchmark: a name, how many untimed warm-up runs (for the JIT) and timed runs to make, and the
 * work itself. {@code prepare} builds the inputs once and returns the timed body; {@code extra} turns the
 * median time into an optional extra column (e.g. GFLOP/s). bench/pytorch_reference.py prints the same
 * line for the same name. Warm-up lasts at least {@code warmUps} runs and one second.
 *
 * <p>Two measurements: {@link #measure()} (warm: the JIT has compiled the hot code) and
 * {@link #measureCell()} (as a notebook cell meets it: in a fresh JVM, {@code cellWarmUps} runs, then the
 * median of the next {@code cellRuns}).
 */
public record Workload(String name, int warmUps, int runs, Supplier<Runnable> prepare, DoubleFunction<String> extra,
                       int cellWarmUps, int cellRuns) {

    /** The shortest warm-up, in nanoseconds (also in pytorch_reference.py). */
    static final long MIN_WARM_UP_NANOS = 1_000_000_000L;

    /** A workload measured in a cell as one warm-up run and the median of the next three. */
    public Workload(String name, int warmUps, int runs, Supplier<Runnable> prepare, DoubleFunction<String> extra) {
        this(name, warmUps, runs, prepare, extra, 1, 3);
    }

    /** A workload without an extra column. */
    public static Workload of(String name, int warmUps, int runs, Supplier<Runnable> prepare) {
        return new Workload(name, warmUps, runs, prepare, ms -> "");
    }

    /** This workload with another cell measurement: {@code warmUps} untimed runs, the median of {@code runs}. */
    public Workload inCell(int cellWarm, int cellTimed) {
        return new Workload(name, warmUps, runs, prepare, extra, cellWarm, cellTimed);
    }

    /** Runs the warm-ups and the timed runs; returns the median in milliseconds. */
    public double measure() {
        Runnable body = prepare.get();
        long warmStart = System.nanoTime();
        // At least warmUps runs, and at least a second: the JIT compiles hot code in the background, later
        // on a busy machine, and code running before then (the Vector API above all) is far slower.
        for (int i = 0; i < warmUps || (System.nanoTime() - warmStart < MIN_WARM_UP_NANOS && i < 100); i++) {
            body.run();
        }
        return median(body, runs);
    }

    /**
     * The measurement as a notebook cell meets it, meant for a fresh JVM: {@code cellWarmUps} runs
     * untimed, then the median of {@code cellRuns} (the JIT is still compiling meanwhile).
     */
    public double measureCell() {
        Runnable body = prepare.get();
        for (int i = 0; i < cellWarmUps; i++) {
            body.run();
        }
        return median(body, cellRuns);
    }

    private static double median(Runnable body, int n) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    }

    /** The result line, e.g. {@code xor                1058.2 ms}. */
    public String line(double medianMs) {
        return String.format(Locale.ROOT, "%-12s %9.1f ms%s", name, medianMs, extra.apply(medianMs));
    }

    /** An extra column with the GFLOP/s of {@code flops} floating-point operations per run. */
    public static DoubleFunction<String> gflops(double flops) {
        return ms -> String.format(Locale.ROOT, "  %6.1f GFLOP/s", flops / (ms * 1e6));
    }
}
