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
 */
public record Workload(String name, int warmUps, int runs, Supplier<Runnable> prepare, DoubleFunction<String> extra) {

    /** The shortest warm-up, in nanoseconds (also in pytorch_reference.py). */
    static final long MIN_WARM_UP_NANOS = 1_000_000_000L;

    /** A workload without an extra column. */
    public static Workload of(String name, int warmUps, int runs, Supplier<Runnable> prepare) {
        return new Workload(name, warmUps, runs, prepare, ms -> "");
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
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
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
