package jgrad.nn;

import java.util.Random;

import jgrad.tensor.Kernels;
import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * The layer operations as static functions on tensors, like {@code torch.nn.functional}; notebooks use
 * {@code import static jgrad.nn.Functional.*;}. Images are NCHW: (batch, channels, height, width).
 */
public final class Functional {

    private Functional() {
    }

    // ------------------------------------------------------------------ activations (for static import)

    /** {@code x.relu()}. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** {@code x.sigmoid()}. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** {@code x.tanh()}. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code x.softmax(axis)}. */
    public static Tensor softmax(Tensor x, int axis) {
        return x.softmax(axis);
    }

    /** {@code x.logSoftmax(axis)}. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return x.logSoftmax(axis);
    }

    // ------------------------------------------------------------------ linear

    /**
     * {@code x · wᵀ + b}: x is (..., in), w is (out, in) as in PyTorch, b is (out) or null; the result is
     * (..., out). One graph node, so a dense layer costs one operation.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int[] ys = linearOutputShape(xs, ws);
        int out = ws[0];
        int in = ws[1];
        if (b != null && (b.rank() != 1 || b.size() != out)) {
            throw new IllegalArgumentException("linear: bias " + Shape.format(b.shape()) + " for weight " + Shape.format(ws)
                    + ": the bias must be a vector of length out-features (" + out + ")");
        }
        int rows = x.size() / Math.max(1, in);
        double[] xd = x.storage();
        double[] wd = w.storage();
        double[] y = new double[rows * out];
        if (b != null) {
            double[] bd = b.storage();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bd, 0, y, r * out, out);
            }
        }
        Kernels.gemmNT(xd, 0, wd, 0, y, 0, rows, out, in);
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.derived("linear", y, ys, g -> {
            if (x.needsGrad()) {
                Kernels.gemm(g, 0, wd, 0, x.gradStorage(), 0, rows, out, in);
            }
            if (w.needsGrad()) {
                Kernels.gemmTN(g, 0, xd, 0, w.gradStorage(), 0, rows, out, in);
            }
            if (b != null && b.needsGrad()) {
                double[] gb = b.gradStorage();
                for (int r = 0; r < rows; r++) {
                    int base = r * out;
                    for (int j = 0; j < out; j++) {
                        gb[j] += g[base + j];
                    }
                }
            }
        }, inputs);
    }

    /** The shape {@link #linear} returns for an input of shape {@code xs} and a weight of shape {@code ws}, or its error. */
    public static int[] linearOutputShape(int[] xs, int[] ws) {
        if (ws.length != 2) {
            throw new IllegalArgumentException("linear: the weight must be 2-D (out, in), got " + Shape.format(ws));
        }
        if (xs.length == 0 || xs[xs.length - 1] != ws[1]) {
            throw new IllegalArgumentException("linear: input " + Shape.format(xs) + " with weight " + Shape.format(ws)
                    + ": the last dimension of the input must equal the weight's in-features (" + ws[1] + ")");
        }
        int[] ys = xs.clone();
        ys[ys.length - 1] = ws[0];
        return ys;
    }

    // ------------------------------------------------------------------ convolution

    /** The output length of a convolution or pooling window: ⌊(n + 2·padding − kernel) / stride⌋ + 1. */
    public static int outputSize(int n, int kernel, int stride, int padding) {
        return Math.floorDiv(n + 2 * padding - kernel, stride) + 1;
    }

    /**
     * 2-D convolution (cross-correlation, as in every deep-learning library). x is (N, C, H, W), w is
     * (O, C, KH, KW), b is (O) or null; the result is (N, O, OH, OW) with OH = ⌊(H + 2p − KH)/s⌋ + 1.
     * Computed as im2col + a matrix product per image, the images split over two threads when large; small
     * output images (under 256 pixels) side by side in one product, with the same results.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        return conv2d(x, w, b, stride, stride, padding, padding);
    }

    /**
     * {@link #conv2d(Tensor, Tensor, Tensor, int, int)} with a stride and a padding per axis, as PyTorch's
     * {@code stride=(sh, sw), padding=(ph, pw)}: OH = ⌊(H + 2·ph − KH)/sh⌋ + 1, OW = ⌊(W + 2·pw − KW)/sw⌋ + 1.
     * The kernel's height and width come from the weight (O, C, KH, KW) and may differ.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int strideH, int strideW, int padH, int padW) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int[] ys = conv2dOutputShape(xs, ws, strideH, strideW, padH, padW);
        int n = xs[0], c = xs[1], h = xs[2], wi = xs[3];
        int o = ws[0], kh = ws[2], kw = ws[3];
        int oh = ys[2], ow = ys[3];
        if (b != null && (b.rank() != 1 || b.size() != o)) {
            throw new IllegalArgumentException("conv2d: bias " + Shape.format(b.shape()) + " for weight " + Shape.format(ws)
                    + ": the bias must be a vector with one entry per output channel (" + o + ")");
        }
        ConvGeometry geo = new ConvGeometry(n, c, h, wi, o, kh, kw, oh, ow, strideH, strideW, padH, padW);
        if (n > 1 && geo.p < BATCHED_WIDTH && (long) geo.k * n * geo.p <= keepUnfoldedLimit) {
            return conv2dBatched(x, w, b, geo);
        }
        double[] xd = x.storage();
        double[] wd = w.storage();
        double[] bd = b == null ? null : b.storage();
        double[] y = new double[n * o * oh * ow];
        long work = (long) n * o * geo.k * geo.p;
        // The backward pass needs each image's unfolded windows for the weight gradient: keep them when they
        // fit in the cache; larger, writing them out and reading them back costs more than unfolding again.
        boolean keep = w.needsGrad() && Tensor.isGradEnabled()
                && (long) n * geo.k * geo.p <= Math.min(keepUnfoldedLimit, KEEP_PER_IMAGE_LIMIT);
        double[] unfolded = keep ? new double[n * geo.k * geo.p] : null;
        Kernels.parallelRange(n, work, (from, to, chunk) -> {
            double[] scratch = keep ? null : new double[geo.k * geo.p];
            for (int i = from; i < to; i++) {
                double[] cols = keep ? unfolded : scratch;
                int colsOff = keep ? i * geo.k * geo.p : 0;
                im2col(xd, i * c * h * wi, geo, cols, colsOff);
                int yOff = i * o * geo.p;
                if (bd != null) {
                    for (int f = 0; f < o; f++) {
                        java.util.Arrays.fill(y, yOff + f * geo.p, yOff + (f + 1) * geo.p, bd[f]);
                    }
                }
                Kernels.gemmSerial(wd, 0, cols, colsOff, y, yOff, o, geo.k, geo.p);
            }
        });
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.derived("conv2d", y, new int[] {n, o, oh, ow},
                g -> conv2dBackward(g, x, w, b, geo, work, unfolded), inputs);
    }

    /**
     * Output images narrower than this (OH·OW pixels) are unfolded side by side and convolved as one product:
     * per image, a product only OH·OW wide is too narrow for the vectorised loops (a tiny CNN's 6×6 outputs).
     */
    static final int BATCHED_WIDTH = 256;

    /**
     * {@link #conv2d} for small images: every image unfolded into one (C·KH·KW) × (N·OH·OW) matrix U (image i's
     * windows in columns i·P … i·P + P − 1), then Z = W·U + b in one product and Z's columns put back per image.
     * Each output is the same sum in the same order as the per-image products; the backward pass runs on U too.
     */
    private static Tensor conv2dBatched(Tensor x, Tensor w, Tensor b, ConvGeometry geo) {
        int n = geo.n, o = geo.o, p = geo.p, np = n * p;
        int imageSize = geo.c * geo.h * geo.w;
        double[] xd = x.storage();
        double[] u = new double[geo.k * np];
        for (int i = 0; i < n; i++) {
            im2col(xd, i * imageSize, geo, u, i * p, np);
        }
        double[] z = BATCH_SCRATCH.get().z(o * np);
        if (b != null) {
            double[] bd = b.storage();
            for (int f = 0; f < o; f++) {
                java.util.Arrays.fill(z, f * np, (f + 1) * np, bd[f]);
            }
        } else {
            java.util.Arrays.fill(z, 0, o * np, 0);
        }
        Kernels.gemm(w.storage(), 0, u, 0, z, 0, o, geo.k, np);
        double[] y = new double[n * o * p];
        for (int f = 0; f < o; f++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(z, f * np + i * p, y, (i * o + f) * p, p);
            }
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        return Tensor.derived("conv2d", y, new int[] {n, o, geo.oh, geo.ow},
                g -> conv2dBatchedBackward(g, x, w, b, geo, u), inputs);
    }

    /**
     * The batched convolution's temporaries, one set per thread, grown and never shrunk (a training loop then
     * allocates only the unfolded windows, which the backward pass needs, and the output).
     */
    private static final class BatchScratch {
        private double[] z = new double[0];
        private double[] gz = new double[0];
        private double[] cols = new double[0];

        double[] z(int size) {
            return z.length >= size ? z : (z = new double[size]);
        }

        double[] gz(int size) {
            return gz.length >= size ? gz : (gz = new double[size]);
        }

        double[] cols(int size) {
            return cols.length >= size ? cols : (cols = new double[size]);
        }
    }

    private static final ThreadLocal<BatchScratch> BATCH_SCRATCH = ThreadLocal.withInitial(BatchScratch::new);

    /** The backward pass of {@link #conv2dBatched}: the upstream gradient laid out as Z, then two products on U. */
    private static void conv2dBatchedBackward(double[] g, Tensor x, Tensor w, Tensor b, ConvGeometry geo, double[] u) {
        int n = geo.n, o = geo.o, p = geo.p, np = n * p;
        BatchScratch scratch = BATCH_SCRATCH.get();
        double[] gz = scratch.gz(o * np);
        for (int f = 0; f < o; f++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(g, (i * o + f) * p, gz, f * np + i * p, p);
            }
        }
        if (w.needsGrad()) {
            Kernels.gemmNT(gz, 0, u, 0, w.gradStorage(), 0, o, geo.k, np); // gW += G·Uᵀ
        }
        if (x.needsGrad()) {
            double[] cols = scratch.cols(geo.k * np);
            java.util.Arrays.fill(cols, 0, geo.k * np, 0);
            Kernels.gemmTN(w.storage(), 0, gz, 0, cols, 0, o, geo.k, np); // ∂U = Wᵀ·G
            double[] gx = x.gradStorage();
            int imageSize = geo.c * geo.h * geo.w;
            for (int i = 0; i < n; i++) {
                col2im(cols, i * p, np, geo, gx, i * imageSize);
            }
        }
        if (b != null && b.needsGrad()) {
            double[] gb = b.gradStorage();
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < o; f++) {
                    gb[f] += Kernels.sum(g, (i * o + f) * p, p);
                }
            }
        }
    }

    /** The shape {@link #conv2d} returns for input shape {@code xs} and weight shape {@code ws}, or its error. */
    public static int[] conv2dOutputShape(int[] xs, int[] ws, int stride, int padding) {
        return conv2dOutputShape(xs, ws, stride, stride, padding, padding);
    }

    /** The shape {@link #conv2d(Tensor, Tensor, Tensor, int, int, int, int)} returns, or its error. */
    public static int[] conv2dOutputShape(int[] xs, int[] ws, int strideH, int strideW, int padH, int padW) {
        if (xs.length != 4) {
            throw new IllegalArgumentException("conv2d: input of shape " + Shape.format(xs)
                    + " must be 4-D (N, C, H, W): a batch of images with channels; a single image needs reshape(1, C, H, W)");
        }
        if (ws.length != 4) {
            throw new IllegalArgumentException("conv2d: weight of shape " + Shape.format(ws)
                    + " must be 4-D (out channels, in channels, kernel height, kernel width)");
        }
        if (strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("conv2d: stride " + pair(strideH, strideW) + " and padding " + pair(padH, padW)
                    + ": the stride must be at least 1 and the padding at least 0 along each axis");
        }
        int n = xs[0], c = xs[1], h = xs[2], wi = xs[3];
        int o = ws[0], kh = ws[2], kw = ws[3];
        if (ws[1] != c) {
            throw new IllegalArgumentException("conv2d: input " + Shape.format(xs) + " has " + c + " channels but the weight "
                    + Shape.format(ws) + " expects " + ws[1] + ": the weight's second dimension (in channels) must equal"
                    + " the input's second dimension (channels)");
        }
        int oh = outputSize(h, kh, strideH, padH);
        int ow = outputSize(wi, kw, strideW, padW);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv2d: the " + kh + "x" + kw + " kernel does not fit in the input "
                    + h + "x" + wi + " with padding " + pair(padH, padW) + " (input " + Shape.format(xs) + "): the output size ⌊(n + 2p − k)/s⌋ + 1"
                    + " must be at least 1");
        }
        return new int[] {n, o, oh, ow};
    }

    /** The most doubles (32 MB) conv2d keeps from its forward pass for the backward pass (tests lower it). */
    static long keepUnfoldedLimit = 1L << 22;

    /**
     * The most doubles (2 MB, a core's L2 cache) of unfolded windows the per-image convolution keeps for its
     * backward pass. Unfolding an image again costs 1/O of its products; windows kept beyond the cache are
     * written to memory and read back (64×3×32×32 by 32 3×3 filters, 14 MB of windows: 23.1 → 21.4 ms per
     * forward and backward with the Vector API, 31.4 → 30.7 ms with plain loops).
     */
    static final long KEEP_PER_IMAGE_LIMIT = 1L << 18;

    /** The sizes of one convolution: k = C·KH·KW rows of the im2col matrix, p = OH·OW columns. */
    private record ConvGeometry(int n, int c, int h, int w, int o, int kh, int kw, int oh, int ow,
                                int sh, int sw, int ph, int pw, int k, int p) {
        ConvGeometry(int n, int c, int h, int w, int o, int kh, int kw, int oh, int ow, int sh, int sw, int ph, int pw) {
            this(n, c, h, w, o, kh, kw, oh, ow, sh, sw, ph, pw, c * kh * kw, oh * ow);
        }
    }

    /** "2" when both axes agree, "(2, 1)" when they differ (height first, as PyTorch's tuples). */
    private static String pair(int h, int w) {
        return h == w ? Integer.toString(h) : "(" + h + ", " + w + ")";
    }

    private static void conv2dBackward(double[] g, Tensor x, Tensor w, Tensor b, ConvGeometry geo, long work,
                                       double[] unfolded) {
        double[] xd = x.storage();
        double[] wd = w.storage();
        boolean needX = x.needsGrad();
        boolean needW = w.needsGrad();
        double[] gx = needX ? x.gradStorage() : null;
        double[][] gwParts = new double[Kernels.MAX_CHUNKS][];
        int imageSize = geo.c * geo.h * geo.w;
        // each image's bias gradient summed while its G_i is in the cache for the products below; added up
        // in image order afterwards, as one loop over the images would
        boolean needB = b != null && b.needsGrad();
        double[] biasSums = needB ? new double[geo.n * geo.o] : null;
        Kernels.parallelRange(geo.n, 2 * work, (from, to, chunk) -> {
            // unfolded windows of one image: for the input gradient, or to unfold again when not kept
            double[] cols = needX || (needW && unfolded == null) ? new double[geo.k * geo.p] : null;
            double[] gw = needW ? new double[geo.o * geo.k] : null;
            for (int i = from; i < to; i++) {
                int gOff = i * geo.o * geo.p;
                if (needB) {
                    for (int f = 0; f < geo.o; f++) {
                        biasSums[i * geo.o + f] = Kernels.sum(g, gOff + f * geo.p, geo.p);
                    }
                }
                if (needW) {
                    // gW += G_i · unfolded_iᵀ: dot products of a row of G_i with a row of unfolded windows
                    if (unfolded != null) {
                        Kernels.gemmNTSerial(g, gOff, unfolded, i * geo.k * geo.p, gw, 0, geo.o, geo.k, geo.p);
                    } else {
                        im2col(xd, i * imageSize, geo, cols, 0);
                        Kernels.gemmNTSerial(g, gOff, cols, 0, gw, 0, geo.o, geo.k, geo.p);
                    }
                }
                if (needX) {
                    java.util.Arrays.fill(cols, 0);
                    Kernels.gemmTNSerial(wd, 0, g, gOff, cols, 0, geo.o, geo.k, geo.p);
                    col2im(cols, geo, gx, i * imageSize);
                }
            }
            gwParts[chunk] = gw;
        });
        if (needW) {
            double[] target = w.gradStorage();
            for (double[] part : gwParts) {
                if (part != null) {
                    for (int j = 0; j < part.length; j++) {
                        target[j] += part[j];
                    }
                }
            }
        }
        if (needB) {
            double[] gb = b.gradStorage();
            for (int i = 0; i < geo.n; i++) {
                for (int f = 0; f < geo.o; f++) {
                    gb[f] += biasSums[i * geo.o + f];
                }
            }
        }
    }

    /** Unfolds one image into a (C·KH·KW) × (OH·OW) matrix: column q holds the window of output pixel q. */
    private static void im2col(double[] x, int xOff, ConvGeometry g, double[] cols, int colsOff) {
        im2col(x, xOff, g, cols, colsOff, g.p);
    }

    /** {@link #im2col} into rows {@code rowStride} apart (images side by side: row r of image i at r·n·p + i·p). */
    private static void im2col(double[] x, int xOff, ConvGeometry g, double[] cols, int colsOff, int rowStride) {
        int row = 0;
        for (int ch = 0; ch < g.c; ch++) {
            int chOff = xOff + ch * g.h * g.w;
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++, row++) {
                    int out = colsOff + row * rowStride;
                    // output columns [qLo, qHi) read inside the row; the ones left and right of them, padding
                    int qLo = firstInside(j, g);
                    int qHi = endInside(j, g);
                    for (int r = 0; r < g.oh; r++) {
                        int y = r * g.sh + i - g.ph;
                        int dst = out + r * g.ow;
                        if (y < 0 || y >= g.h) {
                            java.util.Arrays.fill(cols, dst, dst + g.ow, 0);
                            continue;
                        }
                        int src = chOff + y * g.w + j - g.pw;
                        for (int q = 0; q < qLo; q++) {
                            cols[dst + q] = 0;
                        }
                        for (int q = qLo; q < qHi; q++) {
                            cols[dst + q] = x[src + q * g.sw];
                        }
                        for (int q = qHi; q < g.ow; q++) {
                            cols[dst + q] = 0;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of im2col: adds each column entry back onto the input pixel it came from. */
    private static void col2im(double[] cols, ConvGeometry g, double[] gx, int xOff) {
        col2im(cols, 0, g.p, g, gx, xOff);
    }

    /** {@link #col2im} of columns at {@code colsOff} in rows {@code rowStride} apart (see {@link #im2col}). */
    private static void col2im(double[] cols, int colsOff, int rowStride, ConvGeometry g, double[] gx, int xOff) {
        int row = 0;
        for (int ch = 0; ch < g.c; ch++) {
            int chOff = xOff + ch * g.h * g.w;
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++, row++) {
                    int in = colsOff + row * rowStride;
                    int qLo = firstInside(j, g);
                    int qHi = endInside(j, g);
                    for (int r = 0; r < g.oh; r++) {
                        int y = r * g.sh + i - g.ph;
                        if (y < 0 || y >= g.h) {
                            continue;
                        }
                        int dst = chOff + y * g.w + j - g.pw;
                        int src = in + r * g.ow;
                        for (int q = qLo; q < qHi; q++) {
                            gx[dst + q * g.sw] += cols[src + q];
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose window, at kernel column j, starts inside the row (not in the padding). */
    private static int firstInside(int j, ConvGeometry g) {
        // smallest q with q·sw + j − pw ≥ 0
        return Math.min(g.ow, Math.max(0, Math.floorDiv(g.pw - j + g.sw - 1, g.sw)));
    }

    /** One past the last output column whose window, at kernel column j, is still inside the row. */
    private static int endInside(int j, ConvGeometry g) {
        // largest q with q·sw + j − pw ≤ w − 1, plus one
        // (may fall below firstInside when the window is in the padding: the loops then copy nothing)
        return Math.max(0, Math.min(g.ow, Math.floorDiv(g.w - 1 + g.pw - j, g.sw) + 1));
    }

    // ------------------------------------------------------------------ pooling

    /**
     * Max pooling over {@code kernel×kernel} windows moved by {@code stride}, per channel: (N, C, H, W) →
     * (N, C, ⌊(H − k)/s⌋ + 1, ⌊(W − k)/s⌋ + 1). The gradient goes to the (first) maximum of each window.
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        return maxPool2d(x, kernel, stride, 0);
    }

    /**
     * {@link #maxPool2d(Tensor, int, int)} over the input padded by {@code padding} on every side with −∞,
     * as PyTorch's {@code max_pool2d(x, kernel, stride, padding)}: the padding is never a window's maximum,
     * so it must be at most half the kernel (every window then holds at least one input pixel). Output
     * (N, C, ⌊(H + 2p − k)/s⌋ + 1, ⌊(W + 2p − k)/s⌋ + 1).
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        int[] xs = x.shape();
        int[] ys = maxPool2dOutputShape(xs, kernel, stride, padding);
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3];
        int oh = ys[2], ow = ys[3];
        double[] xd = x.storage();
        double[] y = new double[n * c * oh * ow];
        int[] arg = new int[y.length];
        maxPoolPlanes(xd, y, arg, n * c, h, w, kernel, stride, padding, oh, ow);
        return Tensor.derived("maxPool2d", y, new int[] {n, c, oh, ow}, g -> {
            double[] gx = x.gradStorage();
            for (int i = 0; i < g.length; i++) {
                gx[arg[i]] += g[i];
            }
        }, x);
    }

    /** The shape {@link #maxPool2d} returns for input shape {@code xs}, or its error. */
    public static int[] maxPool2dOutputShape(int[] xs, int kernel, int stride) {
        return maxPool2dOutputShape(xs, kernel, stride, 0);
    }

    /** The shape {@link #maxPool2d(Tensor, int, int, int)} returns for input shape {@code xs}, or its error. */
    public static int[] maxPool2dOutputShape(int[] xs, int kernel, int stride, int padding) {
        if (xs.length != 4) {
            throw new IllegalArgumentException("maxPool2d: input of shape " + Shape.format(xs) + " must be 4-D (N, C, H, W)");
        }
        if (kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("maxPool2d: kernel " + kernel + " and stride " + stride + " must be at least 1");
        }
        int n = xs[0], c = xs[1], h = xs[2], w = xs[3];
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("maxPool2d: padding " + padding + " for a " + kernel + "x" + kernel
                    + " window: the padding must be between 0 and half the kernel (" + kernel / 2
                    + "), as in PyTorch, so that every window holds at least one input pixel");
        }
        int oh = outputSize(h, kernel, stride, padding);
        int ow = outputSize(w, kernel, stride, padding);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("maxPool2d: the " + kernel + "x" + kernel + " window does not fit in the "
                    + h + "x" + w + " input " + Shape.format(xs) + (padding > 0 ? " padded by " + padding : "")
                    + ": the kernel must be at most the (padded) height and width");
        }
        return new int[] {n, c, oh, ow};
    }

    /**
     * The maximum of each window of each plane into {@code y}, its index into {@code arg}. A NaN wins
     * over any number (as in PyTorch, NaN propagates); among equals the first one in the window wins.
     */
    private static void maxPoolPlanes(double[] x, double[] y, int[] arg, int planes, int h, int w, int kernel,
                                      int stride, int padding, int oh, int ow) {
        if (padding == 0 && kernel == 2) {
            maxPool2x2(x, y, arg, planes, h, w, stride, oh, ow);
            return;
        }
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int r = 0; r < oh; r++) {
                // the window's rows and columns inside the input: the padding (−∞) never wins
                int r0 = Math.max(0, r * stride - padding), r1 = Math.min(h, r * stride - padding + kernel);
                for (int q = 0; q < ow; q++, o++) {
                    int c0 = Math.max(0, q * stride - padding), c1 = Math.min(w, q * stride - padding + kernel);
                    int best = base + r0 * w + c0;
                    double max = x[best];
                    for (int i = r0; i < r1; i++) {
                        int row = base + i * w;
                        for (int j = c0; j < c1; j++) {
                            // selects rather than branches: on real images the larger pixel is a coin toss
                            double v = x[row + j];
                            boolean wins = v > max || (v != v && max == max);
                            max = wins ? v : max;
                            best = wins ? row + j : best;
                        }
                    }
                    y[o] = max;
                    arg[o] = best;
                }
            }
        }
    }

    /**
     * {@link #maxPoolPlanes} for 2×2 windows without padding (the usual pooling): the four pixels compared in the
     * same order (top left, top right, bottom left, bottom right), with no window bounds to compute.
     */
    private static void maxPool2x2(double[] x, double[] y, int[] arg, int planes, int h, int w, int stride,
                                   int oh, int ow) {
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int r = 0; r < oh; r++) {
                int top = base + r * stride * w;
                for (int q = 0; q < ow; q++, o++) {
                    int at = top + q * stride;
                    int best = at;
                    double max = x[at];
                    double v = x[at + 1];
                    boolean wins = v > max || (v != v && max == max);
                    max = wins ? v : max;
                    best = wins ? at + 1 : best;
                    v = x[at + w];
                    wins = v > max || (v != v && max == max);
                    max = wins ? v : max;
                    best = wins ? at + w : best;
                    v = x[at + w + 1];
                    wins = v > max || (v != v && max == max);
                    y[o] = wins ? v : max;
                    arg[o] = wins ? at + w + 1 : best;
                }
            }
        }
    }

    // ------------------------------------------------------------------ losses

    /**
     * Cross-entropy of raw scores (logits, (N, C)) against class indices (length N), averaged over the
     * batch: mean of −log softmax(logits)[i, targets[i]]. Softmax is built in (do not apply it first).
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        int[] s = logits.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + Shape.format(s)
                    + " must be 2-D (batch, classes)");
        }
        int n = s[0], c = s[1];
        if (targets.length != n) {
            throw new IllegalArgumentException("crossEntropy: logits " + Shape.format(s) + " and " + targets.length
                    + " targets: there must be one target class per row of logits (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= c) {
                throw new IllegalArgumentException("crossEntropy: target " + targets[i] + " at row " + i
                        + " is not a class index for " + c + " classes (0.." + (c - 1) + ")");
            }
        }
        double[] z = logits.storage();
        double[] p = new double[n * c];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int base = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, z[base + j]);
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                double e = Math.exp(z[base + j] - max);
                p[base + j] = e;
                sum += e;
            }
            for (int j = 0; j < c; j++) {
                p[base + j] /= sum;
            }
            loss -= z[base + targets[i]] - max - Math.log(sum);
        }
        int[] t = targets.clone();
        return Tensor.derived("crossEntropy", new double[] {loss / n}, new int[0], g -> {
            double[] gz = logits.gradStorage();
            double scale = g[0] / n;
            for (int i = 0; i < n; i++) {
                int base = i * c;
                for (int j = 0; j < c; j++) {
                    gz[base + j] += scale * (p[base + j] - (j == t[i] ? 1 : 0));
                }
            }
        }, logits);
    }

    /** One row per target with a 1 in the target's column: (N) class indices → (N, classes). */
    public static Tensor oneHot(int[] targets, int classes) {
        double[] d = new double[targets.length * classes];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || targets[i] >= classes) {
                throw new IllegalArgumentException("oneHot: target " + targets[i] + " at row " + i
                        + " is not a class index for " + classes + " classes (0.." + (classes - 1) + ")");
            }
            d[i * classes + targets[i]] = 1;
        }
        return Tensor.of(d, targets.length, classes);
    }

    /**
     * Mean squared error, mean of (pred − target)². The shapes must be equal: broadcasting (N, 1) against
     * (N) would silently compare every prediction with every target.
     */
    public static Tensor mse(Tensor pred, Tensor target) {
        if (!java.util.Arrays.equals(pred.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Shape.format(pred.shape()) + " and target "
                    + Shape.format(target.shape()) + ": the shapes must be equal (mse does not broadcast, so that an"
                    + " (N, 1) versus (N) mix-up is caught); reshape one of them");
        }
        double[] a = pred.storage();
        double[] b = target.storage();
        int n = a.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Tensor.derived("mse", new double[] {s / n}, new int[0], g -> {
            double scale = 2 * g[0] / n;
            if (pred.needsGrad()) {
                double[] gp = pred.gradStorage();
                for (int i = 0; i < n; i++) {
                    gp[i] += scale * (a[i] - b[i]);
                }
            }
            if (target.needsGrad()) {
                double[] gt = target.gradStorage();
                for (int i = 0; i < n; i++) {
                    gt[i] -= scale * (a[i] - b[i]);
                }
            }
        }, pred, target);
    }

    /**
     * Binary cross-entropy of probabilities p in [0, 1] against targets in [0, 1] (same shape), averaged:
     * mean of −(t·log p + (1 − t)·log(1 − p)), each log clamped at −100 as PyTorch does so that p = 0 or 1
     * gives a large finite loss. The gradient (p − t)/(p(1 − p)) has its denominator held at least 1e-12,
     * as in PyTorch. No gradient flows to the target. For raw scores prefer
     * {@link #binaryCrossEntropyWithLogits}, which is stable.
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor target) {
        sameShape("binaryCrossEntropy", p, target);
        double[] a = p.storage();
        double[] t = target.storage();
        int n = a.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            if (!(a[i] >= 0 && a[i] <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: prediction " + a[i] + " at position " + i
                        + " is not a probability in [0, 1]; apply sigmoid first, or use binaryCrossEntropyWithLogits on the raw scores");
            }
            s -= t[i] * Math.max(Math.log(a[i]), -100) + (1 - t[i]) * Math.max(Math.log1p(-a[i]), -100);
        }
        return Tensor.derived("binaryCrossEntropy", new double[] {s / n}, new int[0], g -> {
            double[] gp = p.gradStorage();
            double scale = g[0] / n;
            for (int i = 0; i < n; i++) {
                gp[i] += scale * (a[i] - t[i]) / Math.max((1 - a[i]) * a[i], 1e-12);
            }
        }, p);
    }

    /**
     * Binary cross-entropy of raw scores z against targets in [0, 1] (same shape), averaged: the loss of
     * {@code binaryCrossEntropy(sigmoid(z), t)} computed as max(z, 0) − z·t + log(1 + e^−|z|), which never
     * overflows (PyTorch's {@code binary_cross_entropy_with_logits}). Gradients: σ(z) − t for z, −z for t.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        sameShape("binaryCrossEntropyWithLogits", logits, target);
        double[] z = logits.storage();
        double[] t = target.storage();
        int n = z.length;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.max(z[i], 0) - z[i] * t[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
        }
        return Tensor.derived("binaryCrossEntropyWithLogits", new double[] {s / n}, new int[0], g -> {
            double scale = g[0] / n;
            if (logits.needsGrad()) {
                double[] gz = logits.gradStorage();
                for (int i = 0; i < n; i++) {
                    double e = Math.exp(-Math.abs(z[i]));   // σ(z) without overflow, either sign
                    double sig = z[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
                    gz[i] += scale * (sig - t[i]);
                }
            }
            if (target.needsGrad()) {
                double[] gt = target.gradStorage();
                for (int i = 0; i < n; i++) {
                    gt[i] -= scale * z[i];
                }
            }
        }, logits, target);
    }

    /**
     * Negative log-likelihood of log-probabilities (N, C) (e.g. {@code logSoftmax(1)}) against class
     * indices: −Σᵢ w[tᵢ]·logProbs[i, tᵢ] / Σᵢ w[tᵢ], PyTorch's weighted mean ({@code nll_loss}). With
     * {@code weights} null every class weighs 1 and it is the plain mean.
     */
    public static Tensor nllLoss(Tensor logProbs, int[] targets, double[] weights) {
        int c = checkClassification("nllLoss", logProbs, targets, weights);
        int n = targets.length;
        double[] lp = logProbs.storage();
        double total = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[targets[i]];
            total += w;
            s -= w * lp[i * c + targets[i]];
        }
        int[] t = targets.clone();
        double[] wt = weights == null ? null : weights.clone();
        double denominator = total;
        return Tensor.derived("nllLoss", new double[] {s / denominator}, new int[0], g -> {
            double[] gl = logProbs.gradStorage();
            for (int i = 0; i < n; i++) {
                gl[i * c + t[i]] -= g[0] * (wt == null ? 1 : wt[t[i]]) / denominator;
            }
        }, logProbs);
    }

    /** {@link #nllLoss(Tensor, int[], double[])} with every class weighing 1: the mean of −logProbs[i, tᵢ]. */
    public static Tensor nllLoss(Tensor logProbs, int[] targets) {
        return nllLoss(logProbs, targets, null);
    }

    /**
     * Cross-entropy with class weights and label smoothing ε, exactly PyTorch's {@code cross_entropy(logits,
     * targets, weight, label_smoothing)} with the mean reduction: with lp = logSoftmax(logits) and
     * W = Σᵢ w[tᵢ] (the weights of the targets),
     * loss = [(1 − ε)·Σᵢ w[tᵢ]·(−lp[i, tᵢ]) + (ε / C)·Σᵢ Σ_c w[c]·(−lp[i, c])] / W.
     * {@code weights} may be null (all 1, W = N); ε = 0 is {@link #crossEntropy(Tensor, int[])}.
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, double[] weights, double labelSmoothing) {
        int c = checkClassification("crossEntropy", logits, targets, weights);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: label smoothing " + labelSmoothing + " must be in [0, 1]");
        }
        int n = targets.length;
        double[] lp = logits.detach().logSoftmax(1).storage();
        double[] coef = new double[n * c];   // ∂loss/∂lp[i, c] · (−1)
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += weights == null ? 1 : weights[targets[i]];
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double w = weights == null ? 1 : weights[j];
                double k = (j == targets[i] ? (1 - labelSmoothing) * w : 0) + labelSmoothing / c * w;
                coef[i * c + j] = k / total;
                loss -= coef[i * c + j] * lp[i * c + j];
            }
        }
        return Tensor.derived("crossEntropy", new double[] {loss}, new int[0], g -> {
            // d/dz of −Σ_j k_j·lp_j is p·Σ_j k_j − k (softmax p = exp(lp))
            double[] gz = logits.gradStorage();
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += coef[i * c + j];
                }
                for (int j = 0; j < c; j++) {
                    int at = i * c + j;
                    gz[at] += g[0] * (Math.exp(lp[at]) * sum - coef[at]);
                }
            }
        }, logits);
    }

    /** {@link #crossEntropy(Tensor, int[], double[], double)} with class weights and no label smoothing. */
    public static Tensor crossEntropy(Tensor logits, int[] targets, double[] weights) {
        return crossEntropy(logits, targets, weights, 0);
    }

    /** {@link #crossEntropy(Tensor, int[], double[], double)} with label smoothing ε and no class weights. */
    public static Tensor crossEntropy(Tensor logits, int[] targets, double labelSmoothing) {
        return crossEntropy(logits, targets, null, labelSmoothing);
    }

    /** The number of classes of (N, C) scores against N targets and C weights (or null), or the error. */
    private static int checkClassification(String op, Tensor scores, int[] targets, double[] weights) {
        int[] s = scores.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(op + ": scores of shape " + Shape.format(s) + " must be 2-D (batch, classes)");
        }
        int n = s[0], c = s[1];
        if (targets.length != n) {
            throw new IllegalArgumentException(op + ": scores " + Shape.format(s) + " and " + targets.length
                    + " targets: there must be one target class per row (" + n + ")");
        }
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= c) {
                throw new IllegalArgumentException(op + ": target " + targets[i] + " at row " + i
                        + " is not a class index for " + c + " classes (0.." + (c - 1) + ")");
            }
        }
        if (weights != null && weights.length != c) {
            throw new IllegalArgumentException(op + ": " + weights.length + " class weights for " + c
                    + " classes: give one weight per class");
        }
        return c;
    }

    private static void sameShape(String op, Tensor pred, Tensor target) {
        if (!java.util.Arrays.equals(pred.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": prediction " + Shape.format(pred.shape()) + " and target "
                    + Shape.format(target.shape()) + ": the shapes must be equal (the loss does not broadcast, so that an"
                    + " (N, 1) versus (N) mix-up is caught); reshape one of them");
        }
    }

    // ------------------------------------------------------------------ batch normalisation

    /**
     * Batch normalisation over the channel axis 1 of x, (N, C), (N, C, L) or (N, C, H, W), like
     * {@code torch.nn.functional.batch_norm}: y = (x − mean) / √(var + eps) · weight + bias per channel.
     * In training the mean and the biased variance are the batch's (over every axis but 1), and the
     * running estimates, when given, move towards them: running ← (1 − momentum)·running + momentum·batch,
     * with the <em>unbiased</em> batch variance for runningVar, as PyTorch keeps them. Not in training the
     * running estimates normalise instead (and are not changed). weight and bias (each (C)) may be null.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        int[] xs = x.shape();
        if (xs.length < 2) {
            throw new IllegalArgumentException("batchNorm: input of shape " + Shape.format(xs)
                    + " needs a batch and a channel axis, (N, C) or (N, C, ...)");
        }
        int n = xs[0], c = xs[1];
        int inner = channelInner(xs);
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias}) {
            if (t != null && (t.rank() != 1 || t.size() != c)) {
                throw new IllegalArgumentException("batchNorm: input " + Shape.format(xs) + " has " + c + " channels (axis 1)"
                        + " but a statistic or affine parameter has shape " + Shape.format(t.shape()) + "; each must be (" + c + ")");
            }
        }
        int count = n * inner;
        double[] mean = new double[c];
        double[] invStd = new double[c];
        double[] xd = x.storage();
        if (training) {
            if (count <= 1) {
                throw new IllegalArgumentException("batchNorm: input of shape " + Shape.format(xs) + " has " + count
                        + " value per channel; training needs more than 1 to estimate a variance (PyTorch's rule too)."
                        + " Use a larger batch, or eval() mode");
            }
            double[] var = channelMoments(xd, n, c, inner, mean);
            for (int ch = 0; ch < c; ch++) {
                invStd[ch] = 1 / Math.sqrt(var[ch] + eps);
            }
            updateRunning(runningMean, mean, momentum, 1);
            updateRunning(runningVar, var, momentum, count / (count - 1.0));
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batchNorm: not training needs the running mean and variance");
            }
            double[] rm = runningMean.storage();
            double[] rv = runningVar.storage();
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = rm[ch];
                invStd[ch] = 1 / Math.sqrt(rv[ch] + eps);
            }
        }
        double[] w = weight == null ? null : weight.storage();
        double[] b = bias == null ? null : bias.storage();
        double[] xhat = new double[xd.length];
        double[] y = new double[xd.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * inner;
                double scale = w == null ? 1 : w[ch];
                double shift = b == null ? 0 : b[ch];
                for (int q = base; q < base + inner; q++) {
                    xhat[q] = (xd[q] - mean[ch]) * invStd[ch];
                    y[q] = xhat[q] * scale + shift;
                }
            }
        }
        Tensor[] inputs = weight == null ? new Tensor[] {x} : bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.derived("batchNorm", y, xs, g -> batchNormBackward(g, x, weight, bias, xhat, invStd, n, c, inner, training),
                inputs);
    }

    /** The product of the dimensions after the channel axis 1. */
    private static int channelInner(int[] xs) {
        int inner = 1;
        for (int i = 2; i < xs.length; i++) {
            inner *= xs[i];
        }
        return inner;
    }

    /** Per-channel mean (into {@code mean}) and biased variance (returned) over every axis but 1, in two passes. */
    private static double[] channelMoments(double[] x, int n, int c, int inner, double[] mean) {
        int count = n * inner;
        double[] var = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * inner;
                for (int q = base; q < base + inner; q++) {
                    s += x[q];
                }
            }
            double m = s / count;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * inner;
                for (int q = base; q < base + inner; q++) {
                    ss += (x[q] - m) * (x[q] - m);
                }
            }
            mean[ch] = m;
            var[ch] = ss / count;
        }
        return var;
    }

    private static void updateRunning(Tensor running, double[] batch, double momentum, double factor) {
        if (running == null) {
            return;
        }
        double[] r = running.storage();
        for (int ch = 0; ch < r.length; ch++) {
            r[ch] = (1 - momentum) * r[ch] + momentum * factor * batch[ch];
        }
    }

    /**
     * dγ = Σ g·x̂, dβ = Σ g; in training dx = (invStd / m)·(m·dx̂ − Σ dx̂ − x̂·Σ dx̂·x̂) with dx̂ = g·γ, since
     * the batch's mean and variance depend on x; in evaluation they are constants and dx = g·γ·invStd.
     */
    private static void batchNormBackward(double[] g, Tensor x, Tensor weight, Tensor bias, double[] xhat, double[] invStd,
                                          int n, int c, int inner, boolean training) {
        double[] w = weight == null ? null : weight.storage();
        double[] sumG = new double[c];
        double[] sumGX = new double[c];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * inner;
                for (int q = base; q < base + inner; q++) {
                    sumG[ch] += g[q];
                    sumGX[ch] += g[q] * xhat[q];
                }
            }
        }
        if (weight != null && weight.needsGrad()) {
            double[] gw = weight.gradStorage();
            for (int ch = 0; ch < c; ch++) {
                gw[ch] += sumGX[ch];
            }
        }
        if (bias != null && bias.needsGrad()) {
            double[] gb = bias.gradStorage();
            for (int ch = 0; ch < c; ch++) {
                gb[ch] += sumG[ch];
            }
        }
        if (!x.needsGrad()) {
            return;
        }
        double[] gx = x.gradStorage();
        int count = n * inner;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                int base = (i * c + ch) * inner;
                double scale = (w == null ? 1 : w[ch]) * invStd[ch];
                double meanG = training ? sumG[ch] / count : 0;
                double meanGX = training ? sumGX[ch] / count : 0;
                for (int q = base; q < base + inner; q++) {
                    gx[q] += scale * (g[q] - meanG - xhat[q] * meanGX);
                }
            }
        }
    }

    // ------------------------------------------------------------------ dropout, flatten

    /**
     * Inverted dropout: in training, zeroes each element with probability p (drawn from {@code rng}) and
     * scales the rest by 1/(1 − p), so evaluation needs no change; when not training, returns x.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Random rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: probability " + p + " must be in [0, 1)");
        }
        if (!training || p == 0) {
            return x;
        }
        double keep = 1 - p;
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0 : 1 / keep;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    /**
     * (N, d1, d2, ...) → (N, d1·d2·...): keeps the batch dimension. The sizes are multiplied, not inferred,
     * so zero-size tensors flatten as in PyTorch: (0, 3, 4) → (0, 12).
     */
    public static Tensor flatten(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("flatten: a scalar has no batch dimension to keep");
        }
        int[] s = x.shape();
        int rest = 1;
        for (int i = 1; i < s.length; i++) {
            rest *= s[i];
        }
        return x.reshape(s[0], rest);
    }
}
