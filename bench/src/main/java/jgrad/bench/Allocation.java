package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

import jgrad.nn.Sequential;

/**
 * Memory per training step of the tiny CNN and of iris: the bytes allocated on the Java heap per step (all
 * threads, from {@code com.sun.management.ThreadMXBean}) over the first and the last thousand of 10,000
 * steps, and the heap in use after a full GC at step 1,000 and at step 10,000 (growth would be a leak).
 *
 * <pre>java -cp ... jgrad.bench.Allocation</pre>
 */
public final class Allocation {

    private static final int CHUNK = 1000;
    private static final int CHUNKS = 10;

    private Allocation() {
    }

    public static void main(String[] args) {
        Sequential cnn = TensorWorkloads.tinyCnnModel();
        report("tinycnn", steps -> TensorWorkloads.tinyCnnTrain(cnn, steps));
        Random rng = new Random(0);
        Sequential iris = TensorWorkloads.irisModel(rng);
        // ten minibatch steps per epoch
        report("iris", steps -> TensorWorkloads.irisTrain(iris, rng, steps / 10));
    }

    private static void report(String name, IntConsumer train) {
        double[] perStep = new double[CHUNKS];
        long heapAt1000 = 0;
        for (int c = 0; c < CHUNKS; c++) {
            long before = allocated();
            train.accept(CHUNK);
            perStep[c] = (allocated() - before) / (double) CHUNK;
            if (c == 0) {
                heapAt1000 = usedAfterGc();
            }
        }
        long heapAtEnd = usedAfterGc();
        System.out.printf(Locale.ROOT, "%-8s %8.1f KB/step (steps 1-1000)  %8.1f KB/step (steps 9001-10000)  "
                + "heap after GC: %.1f MB at step 1000, %.1f MB at step 10000%n", name, perStep[0] / 1024,
                perStep[CHUNKS - 1] / 1024, heapAt1000 / 1048576.0, heapAtEnd / 1048576.0);
    }

    /** Bytes allocated so far by every live thread (the caller and the fork-join workers). */
    private static long allocated() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
