package jgrad.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product with the JDK's Vector API (incubator module {@code jdk.incubator.vector}), in the
 * structure of BLIS/OpenBLAS: a block of B is packed into strips of {@link #NR} columns laid end to end,
 * a sliver of {@link #MR} rows of A is packed so that it is read sequentially, and a 12×NR block of C lives
 * in 24 vector registers while the loop runs over k, so each vector of B loaded from the cache feeds
 * twelve fused multiply-adds (6 rows and six where the CPU has 16 vector registers; large products only, see
 * {@link #BIG_WORK}). Vectors are 512 bits where the
 * CPU has AVX-512, else 256 ({@code -Djgrad.vectorBits=256} to choose 256, see {@link #S}); small
 * products read B in place with 4×NR blocks; {@code A·Bᵀ} runs as dot products of rows. Used by
 * {@link Kernels} only when the JVM was started with {@code --add-modules jdk.incubator.vector};
 * otherwise this class is never loaded.
 */
final class VectorKernels {

    /**
     * The one vector species of every kernel: 512 bits (8 doubles) where the CPU has AVX-512, unless
     * {@code -Djgrad.vectorBits=256}; else 256 bits (4 doubles). One size throughout: two sizes in one JVM
     * (the 4-wide edge blocks and dot products had stayed at 256 bits) deoptimise the Vector API's shared
     * methods, whose profiles then see two classes, and the kernels compiled after stay slow (a 512 product at
     * 2.4 GFLOP/s after a 256 one); that, not 512 bits, was why 512 had made a cell's tiny CNN twice as slow.
     * Measured on an Intel Xeon with AVX-512, 512 against 256 bits: warm products 62–66 → 77–87 GFLOP/s
     * (512 and 1,024), as a cell 10–12 → 16–17 (256), the convolution and the tiny CNN the same.
     */
    private static final VectorSpecies<Double> S = "256".equals(System.getProperty("jgrad.vectorBits"))
            || DoubleVector.SPECIES_PREFERRED.length() < 8 ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_512;
    /** Doubles per vector of {@link #S}. */
    private static final int L = S.length();
    /** Columns of C per register block: two vectors. */
    static final int NR = 2 * L;
    /**
     * Rows of C per register block of the large products' kernel: 12 ({@link #block12}, 24 accumulators) where
     * the CPU has AVX-512 and so 32 vector registers, else 6 ({@link #block6}: AVX2 has 16);
     * {@code -Djgrad.vectorRows=6} picks 6 (the lib tests run an AVX2 machine's kernels so).
     */
    static final int MR = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512
            && !"6".equals(System.getProperty("jgrad.vectorRows")) ? 12 : 6;
    private static final int BLOCK_K = 256;
    /**
     * Multiply-adds of the whole product from which the 12-row kernel runs (512 × 512 by 512 and larger); below,
     * the 4-row blocks only: in a fresh JVM (a notebook cell) a 256 product runs before the JIT has compiled
     * the larger kernel, and a 6-row kernel then took 8–12 ms against 2.4 with the 4-row blocks alone, which
     * small products compile early.
     */
    private static final long BIG_WORK = 1L << 27;
    private static final int BLOCK_J = 256;
    /** Doubles of B (16 KB, half a typical L1 data cache) up to which B is read in place, unpacked. */
    private static final int SMALL_B = 2048;

    private VectorKernels() {
    }

    /** {@link Kernels#relu} in lanes: the Vector API's MAX is {@link Math#max}'s (NaN kept, −0.0 → +0.0). */
    static void relu(double[] x, double[] out) {
        int n = out.length, whole = n - n % L;
        int i = 0;
        for (; i < whole; i += L) {
            DoubleVector.fromArray(S, x, i).lanewise(VectorOperators.MAX, 0.0).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.max(x[i], 0.0);
        }
    }

    /** {@link Kernels#reluBackward} in lanes: g where x &gt; 0 or NaN, +0.0 where x ≤ 0, added to tg. */
    static void reluBackward(double[] x, double[] g, double[] tg) {
        int n = g.length, whole = n - n % L;
        int i = 0;
        for (; i < whole; i += L) {
            DoubleVector kept = DoubleVector.fromArray(S, g, i)
                    .blend(0.0, DoubleVector.fromArray(S, x, i).compare(VectorOperators.LE, 0.0));
            DoubleVector.fromArray(S, tg, i).add(kept).intoArray(tg, i);
        }
        for (; i < n; i++) {
            tg[i] += x[i] <= 0 ? 0.0 : g[i];
        }
    }

    /** Throws unless the vector module works here; called once by Kernels to decide. */
    static void probe() {
        double[] a = {1, 2, 3, 4, 0, 0, 0, 0};
        DoubleVector v = DoubleVector.fromArray(S, a, 0);
        if (v.reduceLanes(VectorOperators.ADD) != 10) {
            throw new IllegalStateException("vector probe failed");
        }
    }

    /**
     * Rows {@code [i0, i1)} of {@code C += A·B}, a product of {@code n} rows in all (which decides the MR-row
     * kernel, so that every piece of a parallel split runs it as the whole would); in large products the last
     * rows go through the same kernel on zero rows, in small ones the rows use 4×NR blocks, then scalar loops,
     * as do the columns past the last whole NR. Each block of B is first copied into strips of NR columns laid
     * end to end, so the kernel reads B sequentially: read in place, rows of B a power of two apart (n = 1024)
     * fall into the same cache sets and evict each other. For the same reason the rows of A are interleaved into
     * one sliver ({@code sliver[p·MR + r] = A[i + r][p]}).
     */
    static void gemmRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int i0, int i1, int n, int k,
                         int m) {
        int mVec = m - m % NR;
        if ((long) k * m <= SMALL_B || mVec == 0) {
            gemmRowsInPlace(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
            return;
        }
        Buffers buffers = BUFFERS.get();
        double[] packed = buffers.packed(Math.min(k, BLOCK_K) * Math.min(mVec, BLOCK_J));
        // decided on the whole product, not on these rows: the two pieces of a 256 product split in 132 and 124
        // rows ran one in the 6-row kernel and one in the 4-row blocks, three times slower, and the caller
        // waited on it (two threads 40 GFLOP/s against 50 for one)
        boolean big = (long) n * k * m >= BIG_WORK;
        double[] sliver = buffers.sliver(MR * Math.min(k, BLOCK_K));
        for (int j0 = 0; j0 < mVec; j0 += BLOCK_J) {
            int j1 = Math.min(mVec, j0 + BLOCK_J);
            for (int p0 = 0; p0 < k; p0 += BLOCK_K) {
                int p1 = Math.min(k, p0 + BLOCK_K);
                int depth = p1 - p0;
                for (int j = j0; j < j1; j += NR) {
                    int strip = (j - j0) * depth;
                    for (int p = p0; p < p1; p++) {
                        System.arraycopy(b, bOff + p * m + j, packed, strip + (p - p0) * NR, NR);
                    }
                }
                int i = i0;
                for (; big && i < i1; i += MR) {
                    int rows = Math.min(MR, i1 - i);
                    packSliver(a, aOff + i * k + p0, k, depth, rows, MR, sliver);
                    for (int j = j0; j < j1; j += NR) {
                        if (rows == MR) {
                            blockMR(sliver, packed, (j - j0) * depth, c, cOff + i * m + j, m, depth);
                        } else {
                            partialBlock(sliver, packed, (j - j0) * depth, c, cOff + i * m + j, m, depth, rows,
                                    buffers.tile());
                        }
                    }
                }
                for (; i + 3 < i1; i += 4) {
                    // four rows of A interleaved too: read in place, four rows k apart, the same kernel ran at
                    // 33 GFLOP/s against 50 (one thread, 120 × 256 by 256 × 256)
                    packSliver(a, aOff + i * k + p0, k, depth, 4, sliver);
                    for (int j = j0; j < j1; j += NR) {
                        block4Packed(sliver, packed, (j - j0) * depth, c, cOff + i * m + j, m, depth);
                    }
                }
                scalarBlock(a, aOff + p0, k, b, bOff + p0 * m, c, cOff, i, i1, depth, m, j0, j1);
            }
        }
        edgeColumns(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
    }

    /**
     * The packed block of B and sliver of A of one thread, reused from call to call:
     * a convolution packs its 27 × 256 block once per image, and a new array each time (64 images: 3.5 MB a
     * forward pass) cost more than the copy.
     */
    private static final class Buffers {
        private double[] packed = new double[0];
        private double[] sliver = new double[0];
        private final double[] tile = new double[MR * NR];

        /** At least {@code size} doubles for the packed block (grown, never shrunk: at most BLOCK_K × BLOCK_J). */
        double[] packed(int size) {
            return packed.length >= size ? packed : (packed = new double[size]);
        }

        /** At least {@code size} doubles for the sliver (at most MR × BLOCK_K). */
        double[] sliver(int size) {
            return sliver.length >= size ? sliver : (sliver = new double[size]);
        }

        /** An MR × NR block of C for {@link #partialBlock}. */
        double[] tile() {
            return tile;
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** {@code sliver[p·rows + r] = A[row r][p]} for the {@code rows} rows from {@code a0} ({@code k} apart), {@code depth} entries. */
    private static void packSliver(double[] a, int a0, int k, int depth, int rows, double[] sliver) {
        packSliver(a, a0, k, depth, rows, rows, sliver);
    }

    /** {@link #packSliver} into a sliver {@code width} rows wide, the rows past {@code rows} zero. */
    private static void packSliver(double[] a, int a0, int k, int depth, int rows, int width, double[] sliver) {
        for (int r = 0; r < rows; r++) {
            int ar = a0 + r * k;
            for (int p = 0; p < depth; p++) {
                sliver[p * width + r] = a[ar + p];
            }
        }
        for (int r = rows; r < width; r++) {
            for (int p = 0; p < depth; p++) {
                sliver[p * width + r] = 0;
            }
        }
    }

    /**
     * {@link #gemmRows} for a B small enough to stay in the L1 cache (a convolution's unfolded image, a
     * small layer): read in place, with no packed copy to allocate and fill for every product.
     */
    private static void gemmRowsInPlace(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                        int i0, int i1, int k, int m, int mVec) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            for (int j = 0; j < mVec; j += NR) {
                block4(a, aOff + i * k, k, b, bOff + j, m, c, cOff + i * m + j, m, k);
            }
        }
        scalarBlock(a, aOff, k, b, bOff, c, cOff, i, i1, k, m, 0, mVec);
        edgeColumns(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
    }

    /**
     * Columns {@code [mVec, m)} of rows {@code [i0, i1)}, the edge narrower than an NR-column block: 4×4
     * vector blocks while four columns are left (a 6×6 output map is 32 + 4), the rest in scalar loops.
     */
    private static void edgeColumns(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                    int i0, int i1, int k, int m, int mVec) {
        int j0 = mVec;
        for (; m - j0 >= 4; j0 += 4) {
            int i = i0;
            for (; i + 3 < i1; i += 4) {
                block4x4(a, aOff + i * k, k, b, bOff + j0, m, c, cOff + i * m + j0, m, k);
            }
            scalarBlock(a, aOff, k, b, bOff, c, cOff, i, i1, k, m, j0, j0 + 4);
        }
        scalarBlock(a, aOff, k, b, bOff, c, cOff, i0, i1, k, m, j0, m);
    }

    /**
     * Rows {@code [i0, i1)}, columns {@code [j0, j1)} of {@code C += A·B} in plain loops, over {@code depth}
     * entries of each row of A ({@code k} apart) and rows of B ({@code m} apart).
     */
    private static void scalarBlock(double[] a, int aOff, int k, double[] b, int bOff, double[] c, int cOff,
                                    int i0, int i1, int depth, int m, int j0, int j1) {
        if (j0 >= j1) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * m;
            for (int p = 0; p < depth; p++) {
                double x = a[ai + p];
                int bp = bOff + p * m;
                for (int j = j0; j < j1; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    /**
     * C[4×4 at c0] += A[4 rows from a0, depth] · B[depth rows of 4 columns from b0, {@code bStride} apart]: one
     * vector per row of C with 4-double vectors, else sixteen scalar {@link Math#fma} chains (the same roundings;
     * a 256-bit vector beside 512-bit ones would deoptimise the Vector API, see {@link #S}).
     */
    private static void block4x4(double[] a, int a0, int k, double[] b, int b0, int bStride, double[] c, int c0, int m,
                                 int depth) {
        if (L != 4) {
            block4x4Fma(a, a0, k, b, b0, bStride, c, c0, m, depth);
            return;
        }
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector r0 = DoubleVector.fromArray(S, c, c0), r1 = DoubleVector.fromArray(S, c, c1);
        DoubleVector r2 = DoubleVector.fromArray(S, c, c2), r3 = DoubleVector.fromArray(S, c, c3);
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < depth; p++) {
            DoubleVector v = DoubleVector.fromArray(S, b, b0 + p * bStride);
            r0 = DoubleVector.broadcast(S, a[a0 + p]).fma(v, r0);
            r1 = DoubleVector.broadcast(S, a[a1 + p]).fma(v, r1);
            r2 = DoubleVector.broadcast(S, a[a2 + p]).fma(v, r2);
            r3 = DoubleVector.broadcast(S, a[a3 + p]).fma(v, r3);
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c1);
        r2.intoArray(c, c2);
        r3.intoArray(c, c3);
    }

    /** {@link #block4x4} in scalar fused multiply-adds, for vectors wider than four doubles. */
    private static void block4x4Fma(double[] a, int a0, int k, double[] b, int b0, int bStride, double[] c, int c0, int m,
                                    int depth) {
        for (int r = 0; r < 4; r++) {
            int ar = a0 + r * k;
            int cr = c0 + r * m;
            double s0 = c[cr], s1 = c[cr + 1], s2 = c[cr + 2], s3 = c[cr + 3];
            for (int p = 0; p < depth; p++) {
                double x = a[ar + p];
                int bp = b0 + p * bStride;
                s0 = Math.fma(x, b[bp], s0);
                s1 = Math.fma(x, b[bp + 1], s1);
                s2 = Math.fma(x, b[bp + 2], s2);
                s3 = Math.fma(x, b[bp + 3], s3);
            }
            c[cr] = s0;
            c[cr + 1] = s1;
            c[cr + 2] = s2;
            c[cr + 3] = s3;
        }
    }

    /**
     * {@code C[n×k] += A[n×m] · Bᵀ} where B is {@code k×m}: every entry is the dot product of a row of A
     * and a row of B, both contiguous, computed four rows of A by four rows of B at a time (sixteen partial
     * sums in registers, each vector loaded feeding four fused multiply-adds), then two by two for the rows
     * left. Each entry's lanes are summed in the same order whichever block computes it.
     */
    static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        int mv = m - m % L;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int a0 = aOff + i * m;
            int c0 = cOff + i * k;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                dot4x4(a, a0, b, bOff + p * m, c, c0 + p, k, mv, m);
            }
            for (; p < k; p++) {
                dot4x1(a, a0, b, bOff + p * m, c, c0 + p, k, mv, m);
            }
        }
        for (; i + 1 < n; i += 2) {
            int a0 = aOff + i * m, a1 = a0 + m;
            int c0 = cOff + i * k, c1 = c0 + k;
            int p = 0;
            for (; p + 1 < k; p += 2) {
                int b0 = bOff + p * m, b1 = b0 + m;
                DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
                for (int q = 0; q < mv; q += L) {
                    DoubleVector x0 = DoubleVector.fromArray(S, a, a0 + q), x1 = DoubleVector.fromArray(S, a, a1 + q);
                    DoubleVector y0 = DoubleVector.fromArray(S, b, b0 + q), y1 = DoubleVector.fromArray(S, b, b1 + q);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                }
                c[c0 + p] += finishDot(s00, a, a0, b, b0, mv, m);
                c[c0 + p + 1] += finishDot(s01, a, a0, b, b1, mv, m);
                c[c1 + p] += finishDot(s10, a, a1, b, b0, mv, m);
                c[c1 + p + 1] += finishDot(s11, a, a1, b, b1, mv, m);
            }
            for (; p < k; p++) {
                int b0 = bOff + p * m;
                c[c0 + p] += dot(a, a0, b, b0, mv, m);
                c[c1 + p] += dot(a, a1, b, b0, mv, m);
            }
        }
        for (; i < n; i++) {
            for (int p = 0; p < k; p++) {
                c[cOff + i * k + p] += dot(a, aOff + i * m, b, bOff + p * m, mv, m);
            }
        }
    }

    /** The 4×4 block of {@link #gemmNT} at {@code c0} (rows {@code k} apart): rows a0… of A by rows b0… of B. */
    private static void dot4x4(double[] a, int a0, double[] b, int b0, double[] c, int c0, int k, int mv, int m) {
        int a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
        int b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
        DoubleVector s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        for (int q = 0; q < mv; q += L) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, b0 + q), y1 = DoubleVector.fromArray(S, b, b1 + q);
            DoubleVector y2 = DoubleVector.fromArray(S, b, b2 + q), y3 = DoubleVector.fromArray(S, b, b3 + q);
            DoubleVector x = DoubleVector.fromArray(S, a, a0 + q);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            s02 = x.fma(y2, s02);
            s03 = x.fma(y3, s03);
            x = DoubleVector.fromArray(S, a, a1 + q);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            s12 = x.fma(y2, s12);
            s13 = x.fma(y3, s13);
            x = DoubleVector.fromArray(S, a, a2 + q);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            s22 = x.fma(y2, s22);
            s23 = x.fma(y3, s23);
            x = DoubleVector.fromArray(S, a, a3 + q);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            s32 = x.fma(y2, s32);
            s33 = x.fma(y3, s33);
        }
        int c1 = c0 + k, c2 = c1 + k, c3 = c2 + k;
        c[c0] += finishDot(s00, a, a0, b, b0, mv, m);
        c[c0 + 1] += finishDot(s01, a, a0, b, b1, mv, m);
        c[c0 + 2] += finishDot(s02, a, a0, b, b2, mv, m);
        c[c0 + 3] += finishDot(s03, a, a0, b, b3, mv, m);
        c[c1] += finishDot(s10, a, a1, b, b0, mv, m);
        c[c1 + 1] += finishDot(s11, a, a1, b, b1, mv, m);
        c[c1 + 2] += finishDot(s12, a, a1, b, b2, mv, m);
        c[c1 + 3] += finishDot(s13, a, a1, b, b3, mv, m);
        c[c2] += finishDot(s20, a, a2, b, b0, mv, m);
        c[c2 + 1] += finishDot(s21, a, a2, b, b1, mv, m);
        c[c2 + 2] += finishDot(s22, a, a2, b, b2, mv, m);
        c[c2 + 3] += finishDot(s23, a, a2, b, b3, mv, m);
        c[c3] += finishDot(s30, a, a3, b, b0, mv, m);
        c[c3 + 1] += finishDot(s31, a, a3, b, b1, mv, m);
        c[c3 + 2] += finishDot(s32, a, a3, b, b2, mv, m);
        c[c3 + 3] += finishDot(s33, a, a3, b, b3, mv, m);
    }

    /** Four rows of A from a0 by one row of B at b0: the entries at c0, c0 + k, c0 + 2k, c0 + 3k. */
    private static void dot4x1(double[] a, int a0, double[] b, int b0, double[] c, int c0, int k, int mv, int m) {
        int a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int q = 0; q < mv; q += L) {
            DoubleVector y = DoubleVector.fromArray(S, b, b0 + q);
            s0 = DoubleVector.fromArray(S, a, a0 + q).fma(y, s0);
            s1 = DoubleVector.fromArray(S, a, a1 + q).fma(y, s1);
            s2 = DoubleVector.fromArray(S, a, a2 + q).fma(y, s2);
            s3 = DoubleVector.fromArray(S, a, a3 + q).fma(y, s3);
        }
        c[c0] += finishDot(s0, a, a0, b, b0, mv, m);
        c[c0 + k] += finishDot(s1, a, a1, b, b0, mv, m);
        c[c0 + 2 * k] += finishDot(s2, a, a2, b, b0, mv, m);
        c[c0 + 3 * k] += finishDot(s3, a, a3, b, b0, mv, m);
    }

    private static double dot(double[] a, int a0, double[] b, int b0, int mv, int m) {
        DoubleVector s = DoubleVector.zero(S);
        for (int q = 0; q < mv; q += L) {
            s = DoubleVector.fromArray(S, a, a0 + q).fma(DoubleVector.fromArray(S, b, b0 + q), s);
        }
        return finishDot(s, a, a0, b, b0, mv, m);
    }

    /** The lanes of a partial dot product added up, plus the entries {@code [mv, m)} past the last full vector. */
    private static double finishDot(DoubleVector s, double[] a, int a0, double[] b, int b0, int mv, int m) {
        double sum = s.reduceLanes(VectorOperators.ADD);
        for (int q = mv; q < m; q++) {
            sum += a[a0 + q] * b[b0 + q];
        }
        return sum;
    }

    /**
     * C[4×NR at c0] += A[4 rows from a0, depth] · B[depth rows of NR columns from b0, {@code bStride} apart]
     * (NR for a packed strip, m for B read in place).
     */
    private static void block4(double[] a, int a0, int k, double[] bp, int b0, int bStride, double[] c, int c0, int m,
                               int depth) {
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + L);
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * bStride;
            DoubleVector v0 = DoubleVector.fromArray(S, bp, at);
            DoubleVector v1 = DoubleVector.fromArray(S, bp, at + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            r00 = x.fma(v0, r00);
            r01 = x.fma(v1, r01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            r10 = x.fma(v0, r10);
            r11 = x.fma(v1, r11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            r20 = x.fma(v0, r20);
            r21 = x.fma(v1, r21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            r30 = x.fma(v0, r30);
            r31 = x.fma(v1, r31);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + L);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + L);
    }

    /**
     * {@link #block4} with A a packed 4-row sliver ({@code sliver[p·4 + r]}) and B a packed strip: the same
     * fused multiply-adds in the same order, so the same bits.
     */
    private static void block4Packed(double[] sliver, double[] bp, int b0, double[] c, int c0, int m, int depth) {
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + L);
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * NR;
            int q = p * 4;
            DoubleVector v0 = DoubleVector.fromArray(S, bp, at);
            DoubleVector v1 = DoubleVector.fromArray(S, bp, at + L);
            DoubleVector x = DoubleVector.broadcast(S, sliver[q]);
            r00 = x.fma(v0, r00);
            r01 = x.fma(v1, r01);
            x = DoubleVector.broadcast(S, sliver[q + 1]);
            r10 = x.fma(v0, r10);
            r11 = x.fma(v1, r11);
            x = DoubleVector.broadcast(S, sliver[q + 2]);
            r20 = x.fma(v0, r20);
            r21 = x.fma(v1, r21);
            x = DoubleVector.broadcast(S, sliver[q + 3]);
            r30 = x.fma(v0, r30);
            r31 = x.fma(v1, r31);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + L);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + L);
    }

    /**
     * C[6×NR at c0] += A · B over {@code depth}: A a packed sliver ({@code sliver[p·6 + r]}), B a packed strip
     * (NR doubles per row, from {@code b0}); twelve accumulators, two loads of B per six broadcasts: the kernel
     * where the CPU has 16 vector registers (AVX2), too few for {@link #block12}'s 24 accumulators.
     */
    private static void block6(double[] sliver, double[] bp, int b0, double[] c, int c0, int m, int depth) {
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m, c4 = c3 + m, c5 = c4 + m;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + L);
        DoubleVector r40 = DoubleVector.fromArray(S, c, c4), r41 = DoubleVector.fromArray(S, c, c4 + L);
        DoubleVector r50 = DoubleVector.fromArray(S, c, c5), r51 = DoubleVector.fromArray(S, c, c5 + L);
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * NR;
            int q = p * 6;
            DoubleVector v0 = DoubleVector.fromArray(S, bp, at);
            DoubleVector v1 = DoubleVector.fromArray(S, bp, at + L);
            DoubleVector x = DoubleVector.broadcast(S, sliver[q]);
            r00 = x.fma(v0, r00);
            r01 = x.fma(v1, r01);
            x = DoubleVector.broadcast(S, sliver[q + 1]);
            r10 = x.fma(v0, r10);
            r11 = x.fma(v1, r11);
            x = DoubleVector.broadcast(S, sliver[q + 2]);
            r20 = x.fma(v0, r20);
            r21 = x.fma(v1, r21);
            x = DoubleVector.broadcast(S, sliver[q + 3]);
            r30 = x.fma(v0, r30);
            r31 = x.fma(v1, r31);
            x = DoubleVector.broadcast(S, sliver[q + 4]);
            r40 = x.fma(v0, r40);
            r41 = x.fma(v1, r41);
            x = DoubleVector.broadcast(S, sliver[q + 5]);
            r50 = x.fma(v0, r50);
            r51 = x.fma(v1, r51);
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + L);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + L);
        r40.intoArray(c, c4);
        r41.intoArray(c, c4 + L);
        r50.intoArray(c, c5);
        r51.intoArray(c, c5 + L);
    }

    /**
     * C[12×NR at c0] += A · B over {@code depth}: A a packed sliver ({@code sliver[p·12 + r]}), B a packed strip
     * (NR doubles per row, from {@code b0}); 24 accumulators, two loads of B per twelve broadcasts. Against six
     * rows (twelve accumulators) it reads half as much of B per multiply-add: one thread, 1,024 × 1,024 by
     * 1,024, 38 → 49 GFLOP/s; a 6 × 16 block alone on data in the L1 cache ran at 60 GFLOP/s, 12 × 16 at 69.
     */
    private static void block12(double[] sliver, double[] bp, int b0, double[] c, int c0, int m, int depth) {
        int c1 = c0 + 1 * m;
        int c2 = c0 + 2 * m;
        int c3 = c0 + 3 * m;
        int c4 = c0 + 4 * m;
        int c5 = c0 + 5 * m;
        int c6 = c0 + 6 * m;
        int c7 = c0 + 7 * m;
        int c8 = c0 + 8 * m;
        int c9 = c0 + 9 * m;
        int c10 = c0 + 10 * m;
        int c11 = c0 + 11 * m;
        DoubleVector r0a = DoubleVector.fromArray(S, c, c0), r0b = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector r1a = DoubleVector.fromArray(S, c, c1), r1b = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector r2a = DoubleVector.fromArray(S, c, c2), r2b = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector r3a = DoubleVector.fromArray(S, c, c3), r3b = DoubleVector.fromArray(S, c, c3 + L);
        DoubleVector r4a = DoubleVector.fromArray(S, c, c4), r4b = DoubleVector.fromArray(S, c, c4 + L);
        DoubleVector r5a = DoubleVector.fromArray(S, c, c5), r5b = DoubleVector.fromArray(S, c, c5 + L);
        DoubleVector r6a = DoubleVector.fromArray(S, c, c6), r6b = DoubleVector.fromArray(S, c, c6 + L);
        DoubleVector r7a = DoubleVector.fromArray(S, c, c7), r7b = DoubleVector.fromArray(S, c, c7 + L);
        DoubleVector r8a = DoubleVector.fromArray(S, c, c8), r8b = DoubleVector.fromArray(S, c, c8 + L);
        DoubleVector r9a = DoubleVector.fromArray(S, c, c9), r9b = DoubleVector.fromArray(S, c, c9 + L);
        DoubleVector r10a = DoubleVector.fromArray(S, c, c10), r10b = DoubleVector.fromArray(S, c, c10 + L);
        DoubleVector r11a = DoubleVector.fromArray(S, c, c11), r11b = DoubleVector.fromArray(S, c, c11 + L);
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * NR;
            int q = p * 12;
            DoubleVector v0 = DoubleVector.fromArray(S, bp, at);
            DoubleVector v1 = DoubleVector.fromArray(S, bp, at + L);
            DoubleVector x0 = DoubleVector.broadcast(S, sliver[q]);
            r0a = x0.fma(v0, r0a);
            r0b = x0.fma(v1, r0b);
            DoubleVector x1 = DoubleVector.broadcast(S, sliver[q + 1]);
            r1a = x1.fma(v0, r1a);
            r1b = x1.fma(v1, r1b);
            DoubleVector x2 = DoubleVector.broadcast(S, sliver[q + 2]);
            r2a = x2.fma(v0, r2a);
            r2b = x2.fma(v1, r2b);
            DoubleVector x3 = DoubleVector.broadcast(S, sliver[q + 3]);
            r3a = x3.fma(v0, r3a);
            r3b = x3.fma(v1, r3b);
            DoubleVector x4 = DoubleVector.broadcast(S, sliver[q + 4]);
            r4a = x4.fma(v0, r4a);
            r4b = x4.fma(v1, r4b);
            DoubleVector x5 = DoubleVector.broadcast(S, sliver[q + 5]);
            r5a = x5.fma(v0, r5a);
            r5b = x5.fma(v1, r5b);
            DoubleVector x6 = DoubleVector.broadcast(S, sliver[q + 6]);
            r6a = x6.fma(v0, r6a);
            r6b = x6.fma(v1, r6b);
            DoubleVector x7 = DoubleVector.broadcast(S, sliver[q + 7]);
            r7a = x7.fma(v0, r7a);
            r7b = x7.fma(v1, r7b);
            DoubleVector x8 = DoubleVector.broadcast(S, sliver[q + 8]);
            r8a = x8.fma(v0, r8a);
            r8b = x8.fma(v1, r8b);
            DoubleVector x9 = DoubleVector.broadcast(S, sliver[q + 9]);
            r9a = x9.fma(v0, r9a);
            r9b = x9.fma(v1, r9b);
            DoubleVector x10 = DoubleVector.broadcast(S, sliver[q + 10]);
            r10a = x10.fma(v0, r10a);
            r10b = x10.fma(v1, r10b);
            DoubleVector x11 = DoubleVector.broadcast(S, sliver[q + 11]);
            r11a = x11.fma(v0, r11a);
            r11b = x11.fma(v1, r11b);
        }
        r0a.intoArray(c, c0);
        r0b.intoArray(c, c0 + L);
        r1a.intoArray(c, c1);
        r1b.intoArray(c, c1 + L);
        r2a.intoArray(c, c2);
        r2b.intoArray(c, c2 + L);
        r3a.intoArray(c, c3);
        r3b.intoArray(c, c3 + L);
        r4a.intoArray(c, c4);
        r4b.intoArray(c, c4 + L);
        r5a.intoArray(c, c5);
        r5b.intoArray(c, c5 + L);
        r6a.intoArray(c, c6);
        r6b.intoArray(c, c6 + L);
        r7a.intoArray(c, c7);
        r7b.intoArray(c, c7 + L);
        r8a.intoArray(c, c8);
        r8b.intoArray(c, c8 + L);
        r9a.intoArray(c, c9);
        r9b.intoArray(c, c9 + L);
        r10a.intoArray(c, c10);
        r10b.intoArray(c, c10 + L);
        r11a.intoArray(c, c11);
        r11b.intoArray(c, c11 + L);
    }

    /** The large products' register block, {@link #MR} rows (a constant: the JIT keeps one of the two calls). */
    private static void blockMR(double[] sliver, double[] bp, int b0, double[] c, int c0, int m, int depth) {
        if (MR == 12) {
            block12(sliver, bp, b0, c, c0, m, depth);
        } else {
            block6(sliver, bp, b0, c, c0, m, depth);
        }
    }

    /**
     * {@link #blockMR} for the last {@code rows} (&lt; MR) rows: the sliver is zero past them, and C's rows are
     * copied into an MR-row tile and back, so that the one kernel the JIT has compiled runs the edge too (a
     * separate 6- or 4-row kernel for a few rows ran in slow, not yet compiled code as a notebook cell
     * measures it). Each entry is the same chain of fused multiply-adds as in a full block.
     */
    private static void partialBlock(double[] sliver, double[] bp, int b0, double[] c, int c0, int m, int depth,
                                     int rows, double[] tile) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(c, c0 + r * m, tile, r * NR, NR);
        }
        blockMR(sliver, bp, b0, tile, 0, NR, depth);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, c0 + r * m, NR);
        }
    }
}
