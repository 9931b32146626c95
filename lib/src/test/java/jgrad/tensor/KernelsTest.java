package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The blocked, vectorised and parallel products agree with the textbook triple loop at awkward sizes. */
class KernelsTest {

    private static double[] random(Random rng, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        return d;
    }

    private static double[] naive(double[] a, double[] b, int n, int k, int m) {
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * m + j];
                }
                c[i * m + j] = s;
            }
        }
        return c;
    }

    @Test
    void gemmAtSizesThatDoNotFillTheBlocks() {
        Random rng = new Random(1);
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {4, 8, 8}, {8, 9, 36}, {9, 13, 19}, {37, 300, 70}, {130, 129, 520}};
        for (int[] s : sizes) {
            double[] a = random(rng, s[0] * s[1]);
            double[] b = random(rng, s[1] * s[2]);
            double[] expected = naive(a, b, s[0], s[1], s[2]);
            double[] c = new double[s[0] * s[2]];
            Kernels.gemm(a, 0, b, 0, c, 0, s[0], s[1], s[2]);
            assertArrayEquals(expected, c, 1e-9, () -> "gemm " + java.util.Arrays.toString(s));
            double[] scalar = new double[s[0] * s[2]];
            Kernels.scalarGemmRows(a, 0, b, 0, scalar, 0, 0, s[0], s[1], s[2]);
            assertArrayEquals(expected, scalar, 1e-9, () -> "scalar gemm " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void packedProductAtOddSizesWithOffsetsAccumulatesLikeTheTripleLoop() {
        Random rng = new Random(4);
        // (n, k, m) past the in-place limit (k·m > 2048), so that B and A are packed: rows not a multiple of
        // the 12-row and 4-row blocks, columns off the 16- and 8-wide strips, depth across the 256 block,
        // B's rows a power of two apart, products large enough for both threads, and two past the 12-row kernel's
        // threshold (2^27 multiply-adds: its 512-bit strips, 520 = 43·12 + 4 and 515 = 42·12 + 11 rows through
        // the kernel on zero rows, 509 = 31·16 + 13 and 516 = 32·16 + 4 columns)
        int[][] sizes = {{6, 300, 16}, {7, 129, 33}, {13, 257, 47}, {30, 64, 64}, {101, 300, 130}, {64, 512, 256},
            {257, 130, 259}, {70, 700, 200}, {520, 515, 509}, {515, 512, 516}};
        for (int[] s : sizes) {
            int n = s[0], k = s[1], m = s[2];
            int aOff = 5, bOff = 3, cOff = 7;
            double[] a = random(rng, aOff + n * k);
            double[] b = random(rng, bOff + k * m);
            double[] c = random(rng, cOff + n * m + 2);
            double[] expected = c.clone();
            double[] product = naive(java.util.Arrays.copyOfRange(a, aOff, a.length),
                    java.util.Arrays.copyOfRange(b, bOff, b.length), n, k, m);
            for (int i = 0; i < n * m; i++) {
                expected[cOff + i] += product[i];
            }
            double[] scalar = c.clone();
            Kernels.gemm(a, aOff, b, bOff, c, cOff, n, k, m);
            assertArrayEquals(expected, c, 1e-10, () -> "gemm " + java.util.Arrays.toString(s));
            Kernels.scalarGemmRows(a, aOff, b, bOff, scalar, cOff, 0, n, k, m);
            assertArrayEquals(expected, scalar, 1e-10, () -> "scalar gemm " + java.util.Arrays.toString(s));
            // the entries around C are left alone
            assertTrue(c[cOff - 1] == expected[cOff - 1] && c[cOff + n * m] == expected[cOff + n * m]);
        }
    }

    @Test
    void transposedFormsAgree() {
        Random rng = new Random(2);
        int n = 33, k = 17, m = 65;
        double[] a = random(rng, n * k);
        double[] b = random(rng, n * m);
        double[] c = new double[k * m];
        Kernels.gemmTN(a, 0, b, 0, c, 0, n, k, m);
        assertArrayEquals(naive(Kernels.transpose(a, 0, n, k), b, k, n, m), c, 1e-9);
        double[] w = random(rng, k * m);
        double[] d = new double[n * k];
        double[] x = random(rng, n * m);
        Kernels.gemmNT(x, 0, w, 0, d, 0, n, k, m);
        assertArrayEquals(naive(x, Kernels.transpose(w, 0, k, m), n, m, k), d, 1e-9);
    }

    @Test
    void aProductSplitOverTwoThreadsIsBitForBitTheProductOnOne() {
        // the pieces of Kernels.gemm run the kernels the whole product would (a one-core machine, gemmSerial and
        // two threads give the same numbers): pieces of 132 and 124 rows, a last piece of 2 rows, many pieces
        Random rng = new Random(4);
        int[][] shapes = {{256, 256, 256}, {26, 300, 100}, {100, 64, 96}, {1030, 16, 40}, {13, 200, 300}, {520, 515, 509}};
        for (int[] s : shapes) {
            int n = s[0], k = s[1], m = s[2];
            double[] a = random(rng, n * k);
            double[] b = random(rng, k * m);
            double[] split = random(rng, n * m);
            double[] serial = split.clone();
            Kernels.gemm(a, 0, b, 0, split, 0, n, k, m);
            Kernels.gemmSerial(a, 0, b, 0, serial, 0, n, k, m);
            assertArrayEquals(serial, split, 0, () -> "gemm " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void transposedProductAccumulatesAtOffsetsForEveryShape() {
        // C[k×m] += Aᵀ·B: a convolution's input gradient (32 × 27 by 32 × 1,024, split over two threads by rows
        // of C), linear layers' weight gradients (C 32 × 4 and 9 × 7, narrower than a vector: through Cᵀ), edges
        // narrower than a vector block, and a product too narrow for the panels split over two threads (rows
        // 4–7 of C from a piece of the transposed A)
        Random rng = new Random(3);
        int[][] shapes = {{32, 27, 1024}, {16, 4, 32}, {16, 32, 16}, {5, 9, 8}, {33, 17, 65}, {7, 3, 100}, {9, 6, 7},
            {8000, 8, 12}, {16, 32, 4}, {20, 9, 7}};
        for (int[] s : shapes) {
            int n = s[0], k = s[1], m = s[2];
            int aOff = 3, bOff = 5, cOff = 2;
            double[] a = random(rng, aOff + n * k);
            double[] b = random(rng, bOff + n * m);
            double[] c = random(rng, cOff + k * m + 1);
            double[] expected = c.clone();
            double[] product = naive(Kernels.transpose(a, aOff, n, k), java.util.Arrays.copyOfRange(b, bOff, b.length), k, n, m);
            for (int i = 0; i < k * m; i++) {
                expected[cOff + i] += product[i];
            }
            double[] serial = c.clone();
            Kernels.gemmTN(a, aOff, b, bOff, c, cOff, n, k, m);
            assertArrayEquals(expected, c, 1e-10, () -> "gemmTN " + java.util.Arrays.toString(s));
            Kernels.gemmTNSerial(a, aOff, b, bOff, serial, cOff, n, k, m);
            assertArrayEquals(c, serial, 0, () -> "gemmTNSerial " + java.util.Arrays.toString(s) + " as gemmTN");
        }
    }

    @Test
    void zeroTimesInfinityStaysNaNInEveryForm() {
        // PyTorch keeps 0·∞ = NaN in products and their backward passes; a kernel that skips zero entries
        // drops it. Sizes that take the blocked, Vector API and two-thread paths as well as the small ones.
        for (int size : new int[] {3, 17, 96}) {
            double[] a = new double[size * size];
            java.util.Arrays.fill(a, 1);
            a[0] = 0;                                   // A[0][0] = 0
            double[] b = new double[size * size];
            java.util.Arrays.fill(b, 1);
            b[0] = Double.POSITIVE_INFINITY;            // B[0][0] = ∞
            double[] c = new double[size * size];
            Kernels.gemm(a, 0, b, 0, c, 0, size, size, size);
            assertTrue(Double.isNaN(c[0]), "gemm " + size + ": C[0][0] = " + c[0]);
            // C = Aᵀ·B: row 0 of A and of B meet A[0][0] = 0 and B[0][0] = ∞ in C[0][0]
            double[] tn = new double[size * size];
            Kernels.gemmTN(a, 0, b, 0, tn, 0, size, size, size);
            assertTrue(Double.isNaN(tn[0]), "gemmTN " + size + ": C[0][0] = " + tn[0]);
            // C = A·Bᵀ: row 0 of both again
            double[] nt = new double[size * size];
            Kernels.gemmNT(a, 0, b, 0, nt, 0, size, size, size);
            assertTrue(Double.isNaN(nt[0]), "gemmNT " + size + ": C[0][0] = " + nt[0]);
        }
    }

    @Test
    void dotProductFormAtAwkwardSizesAndOffsets() {
        Random rng = new Random(3);
        // (n, k, m): C[n×k] += A[n×m]·Bᵀ — odd rows and columns, dot lengths off the vector width, a
        // convolution's weight gradient (8, 9, 36) and a wide one (32, 27, 1024), and
        // outputs wide enough for the plain loops' panel engine either way round (Cᵀ = B·Aᵀ when n ≥ k)
        int[][] sizes = {{1, 1, 1}, {2, 3, 5}, {3, 5, 8}, {8, 9, 36}, {5, 7, 37}, {4, 70, 16}, {32, 27, 1024}, {6, 7, 100},
            {30, 70, 200}, {70, 30, 200}};
        for (int[] s : sizes) {
            int n = s[0], k = s[1], m = s[2];
            int aOff = 3, bOff = 5, cOff = 7;
            double[] a = random(rng, aOff + n * m);
            double[] b = random(rng, bOff + k * m);
            double[] c = random(rng, cOff + n * k);
            double[] expected = c.clone();
            double[] product = naive(java.util.Arrays.copyOfRange(a, aOff, a.length),
                    Kernels.transpose(b, bOff, k, m), n, m, k);
            for (int i = 0; i < n * k; i++) {
                expected[cOff + i] += product[i];
            }
            double[] serial = c.clone();
            Kernels.gemmNTSerial(a, aOff, b, bOff, serial, cOff, n, k, m);
            assertArrayEquals(expected, serial, 1e-9, () -> "gemmNTSerial " + java.util.Arrays.toString(s));
            Kernels.gemmNT(a, aOff, b, bOff, c, cOff, n, k, m);
            assertArrayEquals(expected, c, 1e-9, () -> "gemmNT " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void panelEngineAgreesWithTheTripleLoopInEveryForm() {
        // Kernels.panels runs on both paths (the plain loops' products, and Aᵀ·B with the Vector API too):
        // called directly here so that both test runs check it. Sizes cross the 64-deep and 256-wide panels
        // and leave remainders of the four-row passes; A, B and C sit at offsets inside larger arrays.
        Random rng = new Random(5);
        int[][] sizes = {{1, 1, 16}, {3, 5, 17}, {5, 63, 255}, {9, 67, 257}, {17, 130, 513}, {33, 4, 300}};
        for (int[] s : sizes) {
            int n = s[0], k = s[1], m = s[2];
            int aOff = 5, bOff = 3, cOff = 7;
            double[] a = random(rng, aOff + n * k);
            double[] b = random(rng, bOff + k * m);
            double[] a0 = java.util.Arrays.copyOfRange(a, aOff, a.length);
            double[] b0 = java.util.Arrays.copyOfRange(b, bOff, b.length);
            String size = java.util.Arrays.toString(s);
            // A·B
            double[] c = random(rng, cOff + n * m + 2);
            double[] expected = plus(c, cOff, naive(a0, b0, n, k, m));
            Kernels.panels(a, aOff, k, 1, b, bOff, m, 1, c, cOff, m, 1, 0, n, k, m);
            assertArrayEquals(expected, c, 1e-10, () -> "A·B " + size);
            // Aᵀ·B with A stored k×n (rows [1, n) only: the row range is honoured)
            double[] at = Kernels.transpose(a0, 0, n, k);
            double[] ct = random(rng, cOff + n * m + 2);
            double[] expectedT = plus(ct, cOff, naive(a0, b0, n, k, m));
            System.arraycopy(ct, cOff, expectedT, cOff, Math.min(m, n * m));
            Kernels.panels(at, 0, 1, n, b, bOff, m, 1, ct, cOff, m, 1, 1, n, k, m);
            assertArrayEquals(expectedT, ct, 1e-10, () -> "Aᵀ·B " + size);
            // A·Bᵀ with B stored m×k, C written transposed (m×n)
            double[] bt = Kernels.transpose(b0, 0, k, m);
            double[] cn = random(rng, cOff + n * m + 2);
            double[] expectedN = cn.clone();
            double[] product = naive(a0, b0, n, k, m);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    expectedN[cOff + j * n + i] += product[i * m + j];
                }
            }
            Kernels.panels(a, aOff, k, 1, bt, 0, 1, k, cn, cOff, 1, n, 0, n, k, m);
            assertArrayEquals(expectedN, cn, 1e-10, () -> "A·Bᵀ " + size);
        }
    }

    @Test
    void panelEngineKeepsZeroTimesInfinityNaN() {
        int n = 20, k = 70, m = 300;
        double[] a = new double[n * k];
        java.util.Arrays.fill(a, 1);
        a[k - 1] = 0;                                   // A[0][k-1] = 0, in the remainder of the four-row passes
        a[3] = 0;                                       // A[0][3] = 0, inside a pass
        double[] b = new double[k * m];
        java.util.Arrays.fill(b, 1);
        b[(k - 1) * m + 299] = Double.POSITIVE_INFINITY;
        b[3 * m + 5] = Double.NaN;
        double[] c = new double[n * m];
        Kernels.panels(a, 0, k, 1, b, 0, m, 1, c, 0, m, 1, 0, n, k, m);
        assertTrue(Double.isNaN(c[299]), "C[0][299] = " + c[299]);
        assertTrue(Double.isNaN(c[5]), "C[0][5] = " + c[5]);
        assertTrue(Double.isInfinite(c[m + 299]), "C[1][299] = " + c[m + 299]);
    }

    /** {@code c} with {@code product} added from {@code off} on (a copy). */
    private static double[] plus(double[] c, int off, double[] product) {
        double[] r = c.clone();
        for (int i = 0; i < product.length; i++) {
            r[off + i] += product[i];
        }
        return r;
    }

    @Test
    void parallelRangeCoversEveryItemOnceInAtMostMaxChunksPieces() {
        for (int n = 2; n <= 200; n++) {
            int[] seen = new int[n];
            int[] maxChunk = {-1};
            Kernels.parallelRange(n, Kernels.PARALLEL_THRESHOLD, (from, to, chunk) -> {
                synchronized (seen) {
                    maxChunk[0] = Math.max(maxChunk[0], chunk);
                    for (int i = from; i < to; i++) {
                        seen[i]++;
                    }
                }
            });
            int items = n;
            assertTrue(maxChunk[0] < Kernels.MAX_CHUNKS, () -> "n = " + items + ": piece " + maxChunk[0]);
            for (int i = 0; i < n; i++) {
                int item = i;
                assertTrue(seen[i] == 1, () -> "n = " + items + ": item " + item + " seen " + seen[item] + " times");
            }
        }
    }
}
