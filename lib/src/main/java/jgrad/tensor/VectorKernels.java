package jgrad.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product with the JDK's Vector API (incubator module {@code jdk.incubator.vector}): a 4×8
 * block of C lives in eight vector registers while the loop runs over k, so each element of B loaded
 * from the cache feeds four fused multiply-adds; and {@code A·Bᵀ} as dot products of rows. Used by
 * {@link Kernels} only when the JVM was started with {@code --add-modules jdk.incubator.vector};
 * otherwise this class is never loaded.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int BLOCK_K = 128;
    private static final int BLOCK_J = 256;
    /** Doubles of B (16 KB, half a typical L1 data cache) up to which B is read in place, unpacked. */
    private static final int SMALL_B = 2048;

    private VectorKernels() {
    }

    /** Throws unless the vector module works here; called once by Kernels to decide. */
    static void probe() {
        double[] a = {1, 2, 3, 4};
        DoubleVector v = DoubleVector.fromArray(S, a, 0);
        if (v.reduceLanes(VectorOperators.ADD) != 10) {
            throw new IllegalStateException("vector probe failed");
        }
    }

    /**
     * Rows {@code [i0, i1)} of {@code C += A·B}; the edges that do not fill a 4×8 block use scalar loops.
     * Each block of B is first copied into strips of 8 columns laid end to end, so the kernel reads B
     * sequentially: read in place, rows of B a power of two apart (n = 1024) fall into the same cache sets
     * and evict each other.
     */
    static void gemmRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int i0, int i1, int k, int m) {
        int mVec = m - m % 8;
        if ((long) k * m <= SMALL_B) {
            gemmRowsInPlace(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
            return;
        }
        double[] packed = new double[Math.min(k, BLOCK_K) * Math.min(mVec, BLOCK_J)];
        for (int j0 = 0; j0 < mVec; j0 += BLOCK_J) {
            int j1 = Math.min(mVec, j0 + BLOCK_J);
            for (int p0 = 0; p0 < k; p0 += BLOCK_K) {
                int p1 = Math.min(k, p0 + BLOCK_K);
                int depth = p1 - p0;
                for (int j = j0; j < j1; j += 8) {
                    int strip = (j - j0) * depth;
                    for (int p = p0; p < p1; p++) {
                        System.arraycopy(b, bOff + p * m + j, packed, strip + (p - p0) * 8, 8);
                    }
                }
                int i = i0;
                for (; i + 3 < i1; i += 4) {
                    for (int j = j0; j < j1; j += 8) {
                        block4x8(a, aOff + i * k + p0, k, packed, (j - j0) * depth, 8, c, cOff + i * m + j, m, depth);
                    }
                }
                for (; i < i1; i++) {
                    int ai = aOff + i * k;
                    int ci = cOff + i * m;
                    for (int p = p0; p < p1; p++) {
                        double x = a[ai + p];
                        int bp = bOff + p * m;
                        for (int j = j0; j < j1; j++) {
                            c[ci + j] += x * b[bp + j];
                        }
                    }
                }
            }
        }
        edgeColumns(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
    }

    /**
     * {@link #gemmRows} for a B small enough to stay in the L1 cache (a convolution's unfolded image, a
     * small layer): read in place, with no packed copy to allocate and fill for every product.
     */
    private static void gemmRowsInPlace(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                        int i0, int i1, int k, int m, int mVec) {
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            for (int j = 0; j < mVec; j += 8) {
                block4x8(a, aOff + i * k, k, b, bOff + j, m, c, cOff + i * m + j, m, k);
            }
        }
        for (; i < i1; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * m;
            for (int p = 0; p < k; p++) {
                double x = a[ai + p];
                int bp = bOff + p * m;
                for (int j = 0; j < mVec; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
        edgeColumns(a, aOff, b, bOff, c, cOff, i0, i1, k, m, mVec);
    }

    /**
     * Columns {@code [mVec, m)} of rows {@code [i0, i1)}, the edge narrower than an 8-column block: four
     * columns more with 4×4 vector blocks when they are there (a 6×6 output map is 32 + 4), the rest in
     * scalar loops.
     */
    private static void edgeColumns(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                    int i0, int i1, int k, int m, int mVec) {
        int j0 = mVec;
        int i = i0;
        if (m - j0 >= 4) {
            for (; i + 3 < i1; i += 4) {
                block4x4(a, aOff + i * k, k, b, bOff + j0, m, c, cOff + i * m + j0, m, k);
            }
            scalarBlock(a, aOff, b, bOff, c, cOff, i, i1, k, m, j0, j0 + 4);
            j0 += 4;
        }
        scalarBlock(a, aOff, b, bOff, c, cOff, i0, i1, k, m, j0, m);
    }

    /** Rows {@code [i0, i1)}, columns {@code [j0, j1)} of {@code C += A·B} in plain loops. */
    private static void scalarBlock(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                    int i0, int i1, int k, int m, int j0, int j1) {
        if (j0 >= j1) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * m;
            for (int p = 0; p < k; p++) {
                double x = a[ai + p];
                int bp = bOff + p * m;
                for (int j = j0; j < j1; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    /** C[4×4 at c0] += A[4 rows from a0, depth] · B[depth rows of 4 columns from b0, {@code bStride} apart]. */
    private static void block4x4(double[] a, int a0, int k, double[] b, int b0, int bStride, double[] c, int c0, int m,
                                 int depth) {
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

    /**
     * {@code C[n×k] += A[n×m] · Bᵀ} where B is {@code k×m}: every entry is the dot product of a row of A
     * and a row of B, both contiguous, computed two rows of A by two rows of B at a time so that each
     * vector loaded feeds two fused multiply-adds.
     */
    static void gemmNT(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int n, int k, int m) {
        int mv = m - m % 4;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            int a0 = aOff + i * m, a1 = a0 + m;
            int c0 = cOff + i * k, c1 = c0 + k;
            int p = 0;
            for (; p + 1 < k; p += 2) {
                int b0 = bOff + p * m, b1 = b0 + m;
                DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
                for (int q = 0; q < mv; q += 4) {
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

    private static double dot(double[] a, int a0, double[] b, int b0, int mv, int m) {
        DoubleVector s = DoubleVector.zero(S);
        for (int q = 0; q < mv; q += 4) {
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
     * C[4×8 at c0] += A[4 rows from a0, depth] · B[depth rows of 8 columns from b0, {@code bStride} apart]
     * (8 for a packed strip, m for B read in place).
     */
    private static void block4x8(double[] a, int a0, int k, double[] bp, int b0, int bStride, double[] c, int c0, int m,
                                 int depth) {
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + 4);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + 4);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + 4);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + 4);
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * bStride;
            DoubleVector v0 = DoubleVector.fromArray(S, bp, at);
            DoubleVector v1 = DoubleVector.fromArray(S, bp, at + 4);
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
        r01.intoArray(c, c0 + 4);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + 4);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + 4);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + 4);
    }
}
