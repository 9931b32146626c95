package jgrad.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inner loops of matrix products, shared by {@link Tensor#matmul} and the convolutions of
 * {@code jgrad.nn.Functional}. Row-major {@code double[]} with offsets; every method accumulates
 * ({@code C += ...}), so callers pass a zeroed {@code C} for a plain product.
 *
 * <p>Products past a few thousand multiply-adds run through the packed-panel engine ({@link #panels}),
 * whose innermost loop HotSpot's C2 vectorises itself (no Vector API needed); smaller ones run simple loops.
 * Large products are split over two threads (the caller and the common fork-join pool) when they are
 * large enough to pay for the hand-off.
 */
public final class Kernels {

    /** The fewest rows of C a piece of a parallel product gets (but for the last, and where that leaves one piece). */
    private static final int ROWS_PER_PIECE = 128;
    /** Multiply-adds below which a product stays on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1L << 19;
    private static final int BLOCK_K = 64;
    private static final int BLOCK_J = 512;
    /** Columns of C up to which {@link #gemmNT} takes dot products; wider, a transposed copy of B and the blocked product pay. */
    private static final int NARROW_NT = 64;

    /**
     * True when the Vector API is usable (the JVM was started with {@code --add-modules
     * jdk.incubator.vector}): products then run about twice as fast. Set {@code -Djgrad.vector=false} to
     * compare with the plain loops.
     */
    static final boolean VECTOR = vectorAvailable();

    private Kernels() {
    }

    private static boolean vectorAvailable() {
        if (!Boolean.parseBoolean(System.getProperty("jgrad.vector", "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            VectorKernels.probe();
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** True when matrix products use the Vector API (see {@link #VECTOR}). */
    public static boolean usesVectorApi() {
        return VECTOR;
    }

    /** {@code C[n×m] += A[n×k] · B[k×m]}. */
    public static void gemm(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        long work = (long) n * k * m;
        if (work >= PARALLEL_THRESHOLD && n >= 8 && ForkJoinPool.getCommonPoolParallelism() > 0) {
            // pieces of whole register blocks: 12 rows (VectorKernels.MR), 4 rows (its small block), 3 rows (the panel
            // engine), and of at least 128 rows, as each piece packs all of B again: in eight pieces a 256 product
            // spent a fifth of its time copying B (matmul 256, two threads: 40 → 53 GFLOP/s with the Vector API)
            shared(n, 12, Math.max(2, Math.min(MAX_CHUNKS, n / ROWS_PER_PIECE)),
                    (from, to, chunk) -> gemmRows(a, aOff, b, bOff, c, cOff, from, to, n, k, m));
        } else {
            gemmRows(a, aOff, b, bOff, c, cOff, 0, n, n, k, m);
        }
    }

    /**
     * Rows {@code [i0, i1)} of {@code C += A·B}, blocked over k and j, for a product of {@code n} rows in all
     * (a piece of a split runs the kernels the whole would: see VectorKernels#gemmRows).
     */
    static void gemmRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                         int i0, int i1, int n, int k, int m) {
        // n, not i1 − i0: the last piece of a split (maybe 1–3 rows) takes the path of the whole product, so a
        // split computes every entry as one thread would, and a one-core machine gets the same numbers
        if (VECTOR && m >= 8 && n >= 4) {
            VectorKernels.gemmRows(a, aOff, b, bOff, c, cOff, i0, i1, n, k, m);
            return;
        }
        scalarGemmRows(a, aOff, b, bOff, c, cOff, i0, i1, k, m);
    }

    /** The plain-Java loops of {@link #gemmRows}: the packed-panel engine, or simple loops for small products. */
    static void scalarGemmRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                               int i0, int i1, int k, int m) {
        if (usesPanels(i1 - i0, k, m)) {
            panels(a, aOff, k, 1, b, bOff, m, 1, c, cOff, m, 1, i0, i1, k, m);
            return;
        }
        for (int j0 = 0; j0 < m; j0 += BLOCK_J) {
            int j1 = Math.min(m, j0 + BLOCK_J);
            for (int p0 = 0; p0 < k; p0 += BLOCK_K) {
                int p1 = Math.min(k, p0 + BLOCK_K);
                for (int i = i0; i < i1; i++) {
                    oneRow(a, aOff + i * k, b, bOff, c, cOff + i * m, p0, p1, j0, j1, m);
                }
            }
        }
    }

    private static void oneRow(double[] a, int a0, double[] b, int bOff, double[] c, int c0,
                               int p0, int p1, int j0, int j1, int m) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            double x0 = a[a0 + p], x1 = a[a0 + p + 1], x2 = a[a0 + p + 2], x3 = a[a0 + p + 3];
            int b0 = bOff + p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
            for (int j = j0; j < j1; j++) {
                c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
            }
        }
        for (; p < p1; p++) {
            double x = a[a0 + p];
            int bp = bOff + p * m;
            for (int j = j0; j < j1; j++) {
                c[c0 + j] += x * b[bp + j];
            }
        }
    }

    // ------------------------------------------------------------------ the packed-panel engine (plain Java)

    /** Depth (rows of B) of one packed panel. */
    static final int PANEL_K = 64;
    /** Width (columns of B and C) of one packed panel: 64 × 256 doubles, 128 KB, stays in the L2 cache. */
    static final int PANEL_J = 256;
    /** Multiply-adds from which the panel engine pays for its copies (below, the simple loops). */
    private static final long PANEL_WORK = 1L << 14;

    /** The panels and row buffer of one thread, reused from call to call (no allocation per product). */
    private static final class Scratch {
        final double[][] panel = new double[PANEL_K][PANEL_J];
        final double[] acc = new double[3 * PANEL_J];
        private double[] transposed = new double[0];

        /** A buffer of at least {@code size} doubles for a transposed operand (grown, never shrunk). */
        double[] transposed(int size) {
            if (transposed.length < size) {
                transposed = new double[size];
            }
            return transposed;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Whether a product of {@code n×k} by {@code k×m} goes through {@link #panels}: wide and large enough. */
    static boolean usesPanels(int n, int k, int m) {
        return m >= 16 && (long) n * k * m >= PANEL_WORK;
    }

    /**
     * {@code C(i, j) += Σ_p A(i, p)·B(p, j)} for rows {@code i ∈ [i0, i1)}, {@code p < k}, {@code j < m}, where
     * {@code A(i, p) = a[aOff + i·ai + p·ap]}, {@code B(p, j) = b[bOff + p·bp + j·bj]} and
     * {@code C(i, j) = c[cOff + i·ci + j·cj]}: every product form (A·B, Aᵀ·B, A·Bᵀ) through one set of loops.
     *
     * <p>The structure is BLIS's, shaped for HotSpot's C2 rather than for registers: C2 vectorises a loop
     * only when all its array accesses are {@code x[j]} with the same offset, and {@code c[c0 + j] += x·b[b0 + j]}
     * over one array with two offsets stays scalar (measured: the same speed with {@code -XX:-UseSuperWord}).
     * So a block of B is copied into separate row arrays ({@code panel[p][j]}, {@link #PANEL_K} ×
     * {@link #PANEL_J}), a row of C into its own buffer, and the innermost loop
     * {@code acc[j] += x0·b0[j] + x1·b1[j] + x2·b2[j] + x3·b3[j]} runs on whole vectors (AVX-512 where the
     * CPU has it): one load and store of {@code acc} per four rows of B, all of them in the L1 or L2 cache.
     * The sums run over p in the same order as the simple loops (groups of four from each panel's start).
     */
    static void panels(double[] a, int aOff, int ai, int ap, double[] b, int bOff, int bp, int bj,
                       double[] c, int cOff, int ci, int cj, int i0, int i1, int k, int m) {
        Scratch s = SCRATCH.get();
        double[][] panel = s.panel;
        double[] acc = s.acc;
        for (int j0 = 0; j0 < m; j0 += PANEL_J) {
            int w = Math.min(PANEL_J, m - j0);
            for (int p0 = 0; p0 < k; p0 += PANEL_K) {
                int d = Math.min(PANEL_K, k - p0);
                pack(b, bOff + p0 * bp + j0 * bj, bp, bj, d, w, panel);
                int i = i0;
                // whole panels: three rows of C at a time (each load of the panel feeds three rows)
                for (; w == PANEL_J && i + 2 < i1; i += 3) {
                    int c0 = cOff + i * ci + j0 * cj;
                    for (int r = 0; r < 3; r++) {
                        loadRow(c, c0 + r * ci, cj, w, acc, r * PANEL_J);
                    }
                    panelRows3(a, aOff + i * ai + p0 * ap, ai, ap, panel, d, acc);
                    for (int r = 0; r < 3; r++) {
                        storeRow(acc, r * PANEL_J, c, c0 + r * ci, cj, w);
                    }
                }
                for (; i < i1; i++) {
                    int c0 = cOff + i * ci + j0 * cj;
                    loadRow(c, c0, cj, w, acc, 0);
                    panelRow(a, aOff + i * ai + p0 * ap, ap, panel, d, w, acc);
                    storeRow(acc, 0, c, c0, cj, w);
                }
            }
        }
    }

    /** {@code acc[at + j] = C(row at c0, j)} for {@code j < w}, entries {@code cj} apart. */
    private static void loadRow(double[] c, int c0, int cj, int w, double[] acc, int at) {
        if (cj == 1) {
            System.arraycopy(c, c0, acc, at, w);
        } else {
            for (int j = 0; j < w; j++) {
                acc[at + j] = c[c0 + j * cj];
            }
        }
    }

    /** The inverse of {@link #loadRow}. */
    private static void storeRow(double[] acc, int at, double[] c, int c0, int cj, int w) {
        if (cj == 1) {
            System.arraycopy(acc, at, c, c0, w);
        } else {
            for (int j = 0; j < w; j++) {
                c[c0 + j * cj] = acc[at + j];
            }
        }
    }

    /**
     * {@link #panelRow} for three rows of C at once over a whole panel ({@link #PANEL_J} wide), held in
     * {@code acc} at offsets 0, PANEL_J and 2·PANEL_J. The loop bound and the rows' offsets are constants:
     * with them C2 vectorises the loop even though it stores into three places (with a variable width it
     * does not, and a fourth row makes the loop too large for it): 42 against 21 GFLOP/s for one row, one
     * core, a panel of 64 × 256 (the one-row loop reads four rows of the panel per row of C, this one per three).
     */
    private static void panelRows3(double[] a, int a0, int ai, int ap, double[][] panel, int d, double[] acc) {
        final int w1 = PANEL_J, w2 = 2 * PANEL_J;
        int p = 0;
        int at = a0;
        for (; p + 3 < d; p += 4, at += 4 * ap) {
            int au = at + ai, av = au + ai;
            double x0 = a[at], x1 = a[at + ap], x2 = a[at + 2 * ap], x3 = a[at + 3 * ap];
            double y0 = a[au], y1 = a[au + ap], y2 = a[au + 2 * ap], y3 = a[au + 3 * ap];
            double z0 = a[av], z1 = a[av + ap], z2 = a[av + 2 * ap], z3 = a[av + 3 * ap];
            double[] b0 = panel[p], b1 = panel[p + 1], b2 = panel[p + 2], b3 = panel[p + 3];
            for (int j = 0; j < PANEL_J; j++) {
                double u0 = b0[j], u1 = b1[j], u2 = b2[j], u3 = b3[j];
                acc[j] += x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
                acc[j + w1] += y0 * u0 + y1 * u1 + y2 * u2 + y3 * u3;
                acc[j + w2] += z0 * u0 + z1 * u1 + z2 * u2 + z3 * u3;
            }
        }
        for (; p < d; p++, at += ap) {
            double x = a[at], y = a[at + ai], z = a[at + 2 * ai];
            double[] b0 = panel[p];
            for (int j = 0; j < PANEL_J; j++) {
                double u = b0[j];
                acc[j] += x * u;
                acc[j + w1] += y * u;
                acc[j + w2] += z * u;
            }
        }
    }

    /** {@code panel[p][j] = b[b0 + p·bp + j·bj]} for {@code p < d}, {@code j < w}. */
    private static void pack(double[] b, int b0, int bp, int bj, int d, int w, double[][] panel) {
        for (int p = 0; p < d; p++) {
            double[] row = panel[p];
            int src = b0 + p * bp;
            if (bj == 1) {
                System.arraycopy(b, src, row, 0, w);
            } else {
                for (int j = 0; j < w; j++) {
                    row[j] = b[src + j * bj];
                }
            }
        }
    }

    /** {@code acc[j] += Σ_p a[a0 + p·ap]·panel[p][j]} over {@code p < d}, {@code j < w}, four rows of the panel per pass. */
    private static void panelRow(double[] a, int a0, int ap, double[][] panel, int d, int w, double[] acc) {
        int p = 0;
        int at = a0;
        for (; p + 3 < d; p += 4, at += 4 * ap) {
            double x0 = a[at], x1 = a[at + ap], x2 = a[at + 2 * ap], x3 = a[at + 3 * ap];
            double[] b0 = panel[p], b1 = panel[p + 1], b2 = panel[p + 2], b3 = panel[p + 3];
            for (int j = 0; j < w; j++) {
                acc[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            }
        }
        for (; p < d; p++, at += ap) {
            double x = a[at];
            double[] b0 = panel[p];
            for (int j = 0; j < w; j++) {
                acc[j] += x * b0[j];
            }
        }
    }

    /** {@link #gemm} on the calling thread only (for callers that split the work themselves). */
    public static void gemmSerial(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        gemmRows(a, aOff, b, bOff, c, cOff, 0, n, n, k, m);
    }

    /** {@link #gemmTN} on the calling thread only. */
    public static void gemmTNSerial(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        gemmTNCols(a, aOff, b, bOff, c, cOff, n, k, m, 0, k);
    }

    /**
     * Runs {@code body} over {@code [0, n)}, shared by the caller and the common pool (see
     * {@link #MAX_CHUNKS}) when {@code n ≥ 2} and the total work reaches the parallel threshold.
     */
    public static void parallelRange(int n, long totalWork, RangeBody body) {
        if (n >= 2 && totalWork >= PARALLEL_THRESHOLD && ForkJoinPool.getCommonPoolParallelism() > 0) {
            shared(n, 1, body);
        } else {
            body.run(0, n, 0);
        }
    }

    /** The most pieces {@link #parallelRange} cuts its range into (the largest {@code chunk} index + 1). */
    public static final int MAX_CHUNKS = 8;

    /**
     * Cuts {@code [0, n)} into up to {@link #MAX_CHUNKS} pieces (multiples of {@code granule} except the
     * last) that the caller and one common-pool task take in turn until none is left: when another
     * program holds one of the two cores, the free thread simply does more of the pieces.
     */
    private static void shared(int n, int granule, RangeBody body) {
        shared(n, granule, MAX_CHUNKS, body);
    }

    /** {@link #shared(int, int, RangeBody)} in at most {@code maxChunks} pieces. */
    private static void shared(int n, int granule, int maxChunks, RangeBody body) {
        int chunks = Math.max(1, Math.min(maxChunks, n / granule));
        // ceil(n / chunks), rounded up to the granule: never more than `chunks` pieces (a floor here made
        // 10 pieces of 3 for n = 29, and piece 9 overflowed the callers' per-piece arrays)
        int size = ((n + chunks - 1) / chunks + granule - 1) / granule * granule;
        int count = (n + size - 1) / size;
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int ch = next.getAndIncrement(); ch < count; ch = next.getAndIncrement()) {
                body.run(ch * size, Math.min(n, (ch + 1) * size), ch);
            }
        };
        ForkJoinTask<?> helper = ForkJoinPool.commonPool().submit(worker);
        worker.run();
        helper.join();
    }

    /** A slice of work for {@link #parallelRange}: items {@code [from, to)}, piece number {@code chunk} (below {@link #MAX_CHUNKS}). */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes items {@code [from, to)}. */
        void run(int from, int to, int chunk);
    }

    /** {@code C[k×m] += Aᵀ · B} where A is {@code n×k} and B is {@code n×m} (the weight gradient form). */
    public static void gemmTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        long work = (long) n * k * m;
        if (work >= PARALLEL_THRESHOLD && k >= 8 && ForkJoinPool.getCommonPoolParallelism() > 0) {
            shared(k, 4, (from, to, chunk) -> gemmTNCols(a, aOff, b, bOff, c, cOff, n, k, m, from, to));
        } else {
            gemmTNCols(a, aOff, b, bOff, c, cOff, n, k, m, 0, k);
        }
    }

    /** Rows {@code [r0, r1)} of {@code C += Aᵀ·B}: the panels, the vector kernels, or each row of A scattered into rows of C. */
    private static void gemmTNCols(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                   int n, int k, int m, int r0, int r1) {
        if (usesPanels(r1 - r0, n, m)) {
            // C(i, j) = Σ_p A[p][i]·B[p][j]: A read down a column, B by rows
            panels(a, aOff, 1, k, b, bOff, m, 1, c, cOff, m, 1, r0, r1, n, m);
            return;
        }
        if (VECTOR && m >= 8 && k >= 4) {
            vectorTN(a, aOff, b, bOff, c, cOff, n, k, m, r0, r1);
            return;
        }
        if (VECTOR && m >= 4 && m < 8 && k >= 8 && (long) n * k * m < PARALLEL_THRESHOLD) {
            vectorTNNarrow(a, aOff, b, bOff, c, cOff, n, k, m);
            return;
        }
        for (int p = 0; p < n; p++) {
            int ap = aOff + p * k;
            int bp = bOff + p * m;
            for (int i = r0; i < r1; i++) {
                // no skip of x == 0: 0·∞ and 0·NaN must stay NaN, as PyTorch keeps them
                double x = a[ap + i];
                int ci = cOff + i * m;
                for (int j = 0; j < m; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    /**
     * Rows {@code [r0, r1)} of {@code C += Aᵀ·B} too small for the panels (a linear layer's weight gradient,
     * 16 × 16 by 16 × 32 in the iris network): those rows of Aᵀ copied out, then the Vector API's A·B, decided
     * on all k rows of C as gemmRows decides on n (3.8 → 0.7 µs; the iris workload warm 17.6–17.9 → 12.0–13.1 ms).
     */
    private static void vectorTN(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                 int n, int k, int m, int r0, int r1) {
        double[] at = SCRATCH.get().transposed((r1 - r0) * n);
        for (int p = 0; p < n; p++) {
            for (int i = r0; i < r1; i++) {
                at[(i - r0) * n + p] = a[aOff + p * k + i];
            }
        }
        VectorKernels.gemmRows(at, -r0 * n, b, bOff, c, cOff, r0, r1, k, n, m);
    }

    /**
     * {@code C += Aᵀ·B} with C 4–7 columns wide, narrower than a vector (a first layer's weight gradient,
     * 32 × 4): Cᵀ = Bᵀ·A, k wide, through the vector kernels on copies of Bᵀ and Cᵀ, each entry the same
     * chain of multiply-adds over p (1.2 → 0.4 µs). Only for products too small to split over threads, so
     * that gemmTN and gemmTNSerial agree.
     */
    private static void vectorTNNarrow(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                       int n, int k, int m) {
        double[] bt = SCRATCH.get().transposed(m * n + m * k);
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < m; j++) {
                bt[j * n + p] = b[bOff + p * m + j];
            }
        }
        int ct = m * n; // Cᵀ after Bᵀ in the same buffer
        transposeInto(c, cOff, k, m, bt, ct);
        VectorKernels.gemmRows(bt, 0, a, aOff, bt, ct, 0, m, m, n, k);
        transposeInto(bt, ct, m, k, c, cOff);
    }

    /**
     * {@code C[n×k] += A[n×m] · Bᵀ} where B is {@code k×m} (a linear layer's forward pass, the input
     * gradient of a product). Dot products of rows when C is narrow or the product small; otherwise B is
     * transposed once and the blocked product runs (on both cores when large).
     */
    public static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        long work = (long) n * k * m;
        if (work < 4096 || (VECTOR ? k <= NARROW_NT && m >= 16 : work < PARALLEL_THRESHOLD)) {
            gemmNTSerial(a, aOff, b, bOff, c, cOff, n, k, m);
            return;
        }
        double[] bt = transpose(b, bOff, k, m);
        gemm(a, aOff, bt, 0, c, cOff, n, m, k);
    }

    /**
     * {@link #gemmNT} on the calling thread, as dot products of rows (no transposed copy): the weight
     * gradient of a convolution, {@code gW += G · unfoldedᵀ}, is this form with long rows.
     */
    public static void gemmNTSerial(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        if (VECTOR && m >= 8) {
            VectorKernels.gemmNT(a, aOff, b, bOff, c, cOff, n, k, m);
            return;
        }
        if (Math.max(n, k) >= NT_PANEL_WIDTH && usesPanels(Math.min(n, k), m, Math.max(n, k))) {
            // the narrower operand transposed once (tiled, in a reused buffer): a panel gathered down
            // columns m apart (often a power of two) misses the cache on every entry
            Scratch s = SCRATCH.get();
            if (n >= k) {
                // Cᵀ = B·Aᵀ, n columns wide: C(i, p) = Σ_q B[p][q]·Aᵀ[q][i]
                double[] at = s.transposed(n * m);
                transposeInto(a, aOff, n, m, at, 0);
                panels(b, bOff, m, 1, at, 0, n, 1, c, cOff, 1, k, 0, k, m, n);
            } else {
                double[] bt = s.transposed(k * m);
                transposeInto(b, bOff, k, m, bt, 0);
                panels(a, aOff, m, 1, bt, 0, k, 1, c, cOff, k, 1, 0, n, m, k);
            }
            return;
        }
        dotBlocks(a, aOff, b, bOff, c, cOff, n, k, m);
    }

    /**
     * Width of C (the larger of n and k) from which {@link #gemmNTSerial} uses the panel engine rather than
     * blocks of dot products: narrower, the vectorised loop hardly runs (a 32 × 27 weight gradient over
     * 1,024: the dot blocks were 5–10% faster in CPU time).
     */
    private static final int NT_PANEL_WIDTH = 64;

    /**
     * {@code C[n×k] += A[n×m]·Bᵀ} as dot products, four rows of A by four rows of B at a time (sixteen sums
     * in registers, each entry loaded once per block, for short rows where a single dot product is mostly
     * loop overhead: a small convolution's weight gradient), then four rows of A by one of B, then single
     * dot products for what is left.
     */
    private static void dotBlocks(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        int n4 = n - n % 4, k4 = k - k % 4;
        for (int i = 0; i < n4; i += 4) {
            int p = 0;
            for (; p < k4; p += 4) {
                dot4x4(a, aOff + i * m, b, bOff + p * m, c, cOff + i * k + p, k, m);
            }
            for (; p < k; p++) {
                dot4x1(a, aOff + i * m, b, bOff + p * m, c, cOff + i * k + p, k, m);
            }
        }
        for (int i = n4; i < n; i++) {
            for (int p = 0; p < k; p++) {
                c[cOff + i * k + p] += dot(a, aOff + i * m, b, bOff + p * m, m);
            }
        }
    }

    /** The 4×4 block of {@code C += A·Bᵀ} at {@code c0} (rows {@code k} apart) from four rows of A and four of B, {@code m} long. */
    private static void dot4x4(double[] a, int a0, double[] b, int b0, double[] c, int c0, int k, int m) {
        int a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
        int b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int q = 0; q < m; q++) {
            double x0 = a[a0 + q], x1 = a[a1 + q], x2 = a[a2 + q], x3 = a[a3 + q];
            double y0 = b[b0 + q], y1 = b[b1 + q], y2 = b[b2 + q], y3 = b[b3 + q];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s02 += x0 * y2;
            s03 += x0 * y3;
            s10 += x1 * y0;
            s11 += x1 * y1;
            s12 += x1 * y2;
            s13 += x1 * y3;
            s20 += x2 * y0;
            s21 += x2 * y1;
            s22 += x2 * y2;
            s23 += x2 * y3;
            s30 += x3 * y0;
            s31 += x3 * y1;
            s32 += x3 * y2;
            s33 += x3 * y3;
        }
        int c1 = c0 + k, c2 = c1 + k, c3 = c2 + k;
        c[c0] += s00;
        c[c0 + 1] += s01;
        c[c0 + 2] += s02;
        c[c0 + 3] += s03;
        c[c1] += s10;
        c[c1 + 1] += s11;
        c[c1 + 2] += s12;
        c[c1 + 3] += s13;
        c[c2] += s20;
        c[c2 + 1] += s21;
        c[c2 + 2] += s22;
        c[c2 + 3] += s23;
        c[c3] += s30;
        c[c3 + 1] += s31;
        c[c3 + 2] += s32;
        c[c3 + 3] += s33;
    }

    /** The 4×1 block of {@code C += A·Bᵀ} at {@code c0}: four rows of A with one row of B. */
    private static void dot4x1(double[] a, int a0, double[] b, int b0, double[] c, int c0, int k, int m) {
        int a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int q = 0; q < m; q++) {
            double y = b[b0 + q];
            s0 += a[a0 + q] * y;
            s1 += a[a1 + q] * y;
            s2 += a[a2 + q] * y;
            s3 += a[a3 + q] * y;
        }
        c[c0] += s0;
        c[c0 + k] += s1;
        c[c0 + 2 * k] += s2;
        c[c0 + 3 * k] += s3;
    }

    /** The dot product of {@code len} entries, with four accumulators so the adds can overlap. */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Elements up to which {@link #sum} adds a block with eight running sums (numpy's PW_BLOCKSIZE). */
    private static final int PAIRWISE_BLOCK = 128;

    /**
     * {@code out[i] = max(x[i], 0)}, as {@link Math#max}: NaN stays NaN (clearing values with the sign bit set,
     * as before, zeroed −NaN), −0.0 becomes +0.0. Math.max is branch-free (signs of activations are random, and a
     * mispredicted branch per element costs more than the arithmetic) and vectorised by HotSpot on the plain
     * loops (2.3× the sign-bit mask on 64k elements, JDK 17 and 25); with the Vector API, its lanes.
     */
    static void relu(double[] x, double[] out) {
        if (VECTOR) {
            VectorKernels.relu(x, out);
            return;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(x[i], 0.0);
        }
    }

    /**
     * ReLU's backward pass, {@code tg[i] += x[i] ≤ 0 ? +0.0 : g[i]} (PyTorch's threshold_backward: a NaN or
     * infinite g below the kink gives 0, and NaN inputs pass g). The plain loops select on the bits: HotSpot
     * turns a select of longs into a conditional move, and one of doubles into a branch, mispredicted for half
     * of the random signs of activations (65,536 elements: 37 against 311 µs); the Vector API blends lanes.
     */
    static void reluBackward(double[] x, double[] g, double[] tg) {
        if (VECTOR) {
            VectorKernels.reluBackward(x, g, tg);
            return;
        }
        for (int i = 0; i < g.length; i++) {
            long keep = x[i] <= 0 ? 0L : -1L;
            tg[i] += Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
        }
    }

    /**
     * The sum of {@code len} entries from {@code off}, by numpy's pairwise summation ({@code pairwise_sum}
     * in numpy's umath loops): fewer than 8 entries in order from 0; up to 128 with eight running sums,
     * combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), then the rest in order; longer, the two halves
     * (the first a multiple of 8 long) summed the same way and added. So it gives numpy 2's {@code np.sum}
     * of a contiguous float64 array to the last bit, its rounding error grows with log(len) rather than len,
     * and eight independent additions run at once where a single running sum waits on each add.
     */
    public static double sum(double[] a, int off, int len) {
        if (len < 8) {
            double s = 0;
            for (int i = 0; i < len; i++) {
                s += a[off + i];
            }
            return s;
        }
        if (len <= PAIRWISE_BLOCK) {
            return blockSum(a, off, len);
        }
        int half = len / 2;
        half -= half % 8;
        return sum(a, off, half) + sum(a, off + half, len - half);
    }

    /** {@link #sum} of 8 to {@link #PAIRWISE_BLOCK} entries: eight running sums, then the rest in order. */
    private static double blockSum(double[] a, int off, int len) {
        double s0 = a[off], s1 = a[off + 1], s2 = a[off + 2], s3 = a[off + 3];
        double s4 = a[off + 4], s5 = a[off + 5], s6 = a[off + 6], s7 = a[off + 7];
        int whole = len - len % 8;
        int i = 8;
        for (; i < whole; i += 8) {
            int at = off + i;
            s0 += a[at];
            s1 += a[at + 1];
            s2 += a[at + 2];
            s3 += a[at + 3];
            s4 += a[at + 4];
            s5 += a[at + 5];
            s6 += a[at + 6];
            s7 += a[at + 7];
        }
        double s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        for (; i < len; i++) {
            s += a[off + i];
        }
        return s;
    }

    /** A new {@code cols×rows} array holding the transpose of the {@code rows×cols} block at {@code off}. */
    public static double[] transpose(double[] x, int off, int rows, int cols) {
        double[] t = new double[rows * cols];
        transposeInto(x, off, rows, cols, t, 0);
        return t;
    }

    /** Writes the transpose of the {@code rows×cols} block at {@code off} into {@code t} at {@code tOff}. */
    public static void transposeInto(double[] x, int off, int rows, int cols, double[] t, int tOff) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        t[tOff + c * rows + r] = x[off + r * cols + c];
                    }
                }
            }
        }
    }
}
