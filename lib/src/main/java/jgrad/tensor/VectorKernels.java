package jgrad.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The matrix product with the JDK's Vector API (incubator module {@code jdk.incubator.vector}): a 4×8
 * block of C lives in eight vector registers while the loop runs over k, so each element of B loaded
 * from the cache feeds four fused multiply-adds. Used by {@link Kernels} only when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}; otherwise this class is never loaded.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int BLOCK_K = 128;
    private static final int BLOCK_J = 256;

    private VectorKernels() {
    }

    /** Throws unless the vector module works here; called once by Kernels to decide. */
    static void probe() {
        double[] a = {1, 2, 3, 4};
        DoubleVector v = DoubleVector.fromArray(S, a, 0);
        if (v.reduceLanes(jdk.incubator.vector.VectorOperators.ADD) != 10) {
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
                        block4x8(a, aOff + i * k + p0, k, packed, (j - j0) * depth, c, cOff + i * m + j, m, depth);
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
        if (mVec < m) {
            for (int i = i0; i < i1; i++) {
                int ai = aOff + i * k;
                int ci = cOff + i * m;
                for (int p = 0; p < k; p++) {
                    double x = a[ai + p];
                    int bp = bOff + p * m;
                    for (int j = mVec; j < m; j++) {
                        c[ci + j] += x * b[bp + j];
                    }
                }
            }
        }
    }

    /** C[4×8 at c0] += A[4 rows from a0, depth] · (a packed strip of 8 columns × depth). */
    private static void block4x8(double[] a, int a0, int k, double[] bp, int b0, double[] c, int c0, int m, int depth) {
        int c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        DoubleVector r00 = DoubleVector.fromArray(S, c, c0), r01 = DoubleVector.fromArray(S, c, c0 + 4);
        DoubleVector r10 = DoubleVector.fromArray(S, c, c1), r11 = DoubleVector.fromArray(S, c, c1 + 4);
        DoubleVector r20 = DoubleVector.fromArray(S, c, c2), r21 = DoubleVector.fromArray(S, c, c2 + 4);
        DoubleVector r30 = DoubleVector.fromArray(S, c, c3), r31 = DoubleVector.fromArray(S, c, c3 + 4);
        int a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = 0; p < depth; p++) {
            int at = b0 + p * 8;
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
