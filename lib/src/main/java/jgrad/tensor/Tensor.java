package jgrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jgrad.display.HtmlDisplayable;

/**
 * An n-dimensional array of doubles with reverse-mode automatic differentiation: micrograd's
 * {@code Value}, one array at a time.
 *
 * <p>Data is row-major in one {@code double[]}. Operations return new tensors and, when any input
 * requires gradients (and no {@link #noGrad()} scope is open), remember their inputs and how to pass a
 * gradient back to them. {@link #backward()} on a one-element result (a loss) fills the gradients of
 * every tensor it was computed from. Binary operations broadcast like NumPy and sum the gradient back
 * over the broadcast dimensions.
 *
 * <pre>{@code
 * var rng = new Random(42);
 * var w = Tensor.randn(rng, 3, 1).requiresGrad();
 * var x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
 * var loss = x.matmul(w).pow(2).mean();
 * loss.backward();
 * w.grad();      // ∂loss/∂w, shape (3, 1)
 * }</pre>
 *
 * <p>Random tensors take a {@link Random} so that one seeded generator drives a whole notebook:
 * {@code var rng = new Random(0); Tensor.randn(rng, 2, 3)}.
 */
public final class Tensor implements HtmlDisplayable {

    /** How a result passes its gradient {@code outGrad} back to its inputs (adds into their {@link #gradStorage()}). */
    @FunctionalInterface
    public interface GradFn {
        /** Accumulates this operation's contribution into the gradients of its inputs. */
        void backward(double[] outGrad);
    }

    /** A scope that restores the previous mode when closed; use with try-with-resources. */
    public static final class Scope implements AutoCloseable {
        private final Runnable restore;
        private boolean closed;

        Scope(Runnable restore) {
            this.restore = restore;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                restore.run();
            }
        }
    }

    /** Per-thread switches read once per operation. */
    static final class Mode {
        boolean gradEnabled = true;
        boolean anomaly;
    }

    private static final ThreadLocal<Mode> MODE = ThreadLocal.withInitial(Mode::new);
    private static long visitEpoch;

    final double[] data;
    final int[] shape;
    double[] grad;
    boolean requiresGrad;
    private Tensor[] parents;
    private GradFn gradFn;
    private String op = "leaf";
    private boolean graphFreed;
    private long visited;

    Tensor(double[] data, int[] shape) {
        this.data = data;
        this.shape = shape;
    }

    // ------------------------------------------------------------------ creation

    /**
     * A tensor holding a copy of {@code data} with the given shape (row-major). With no shape, a vector:
     * {@code Tensor.of(new double[] {1, 2, 3})} has shape (3).
     */
    public static Tensor of(double[] data, int... shape) {
        if (shape.length == 0) {
            return new Tensor(data.clone(), new int[] {data.length});
        }
        int[] s = Shape.checked("Tensor.of", shape);
        int n = Shape.size(s);
        if (n != data.length) {
            throw new IllegalArgumentException("Tensor.of: shape " + Shape.format(s) + " holds " + n
                    + " elements but the data has " + data.length + "; the product of the dimensions must equal the data length");
        }
        return new Tensor(data.clone(), s);
    }

    /** A 2-D tensor from rows of equal length, e.g. {@code Tensor.of(new double[][] {{0, 0}, {0, 1}})}. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols + "; every row of a matrix must have the same length");
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(d, new int[] {rows.length, cols});
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int[] s = Shape.checked("zeros", shape);
        return new Tensor(new double[Shape.size(s)], s);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        int[] s = Shape.checked("full", shape);
        double[] d = new double[Shape.size(s)];
        Arrays.fill(d, value);
        return new Tensor(d, s);
    }

    /** A zero-dimensional tensor (shape {@code ()}) holding one value. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0]);
    }

    /** {@code 0, 1, ..., n-1} as a vector. */
    public static Tensor arange(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return new Tensor(d, new int[] {n});
    }

    /** Standard normal samples N(0, 1) drawn from {@code rng} in row-major order. */
    public static Tensor randn(Random rng, int... shape) {
        int[] s = Shape.checked("randn", shape);
        double[] d = new double[Shape.size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(d, s);
    }

    /** Uniform samples in [0, 1) drawn from {@code rng} in row-major order. */
    public static Tensor rand(Random rng, int... shape) {
        return uniform(rng, 0, 1, shape);
    }

    /** Uniform samples in [low, high) drawn from {@code rng} in row-major order. */
    public static Tensor uniform(Random rng, double low, double high, int... shape) {
        int[] s = Shape.checked("uniform", shape);
        double[] d = new double[Shape.size(s)];
        double width = high - low;
        for (int i = 0; i < d.length; i++) {
            d[i] = low + width * rng.nextDouble();
        }
        return new Tensor(d, s);
    }

    /**
     * A result of a custom operation: {@code data} (not copied) with {@code shape}, computed from
     * {@code inputs}; {@code gradFn} adds the result's gradient into the inputs' {@link #gradStorage()}.
     * Used by {@code jgrad.nn.Functional}; students can write their own operations with it.
     */
    public static Tensor derived(String op, double[] data, int[] shape, GradFn gradFn, Tensor... inputs) {
        if (Shape.size(shape) != data.length) {
            throw new IllegalArgumentException(op + ": result shape " + Shape.format(shape) + " does not match "
                    + data.length + " values");
        }
        return make(op, data, shape.clone(), gradFn, inputs);
    }

    /** Builds a result, recording the graph only when an input needs gradients and grad mode is on. */
    private static Tensor make(String op, double[] data, int[] shape, GradFn fn, Tensor... inputs) {
        Mode mode = MODE.get();
        Tensor t = new Tensor(data, shape);
        t.op = op;
        if (mode.gradEnabled) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    t.requiresGrad = true;
                    t.parents = inputs;
                    t.gradFn = fn;
                    break;
                }
            }
        }
        if (mode.anomaly) {
            Anomaly.checkForward(op, t, inputs);
        }
        return t;
    }

    // ------------------------------------------------------------------ reading

    /** The dimensions, outermost first (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The length of dimension {@code axis} (negative counts from the end). */
    public int size(int axis) {
        return shape[Shape.axis("size", axis, shape)];
    }

    /** A copy of the data, row-major. */
    public double[] data() {
        return data.clone();
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item(): only a one-element tensor has a single value; this one has shape "
                    + Shape.format(shape) + " (" + data.length + " elements). Use get(i, j, ...) or data()");
        }
        return data[0];
    }

    /** The element at {@code index} (one index per dimension). */
    public double get(int... index) {
        return data[flatIndex("get", index)];
    }

    private int flatIndex(String what, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(what + ": a tensor of shape " + Shape.format(shape) + " needs "
                    + shape.length + " indices, got " + index.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException(what + ": index " + index[i] + " is out of range for dimension "
                        + i + " of shape " + Shape.format(shape) + " (0.." + (shape[i] - 1) + ")");
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** The 2-D data as rows (a copy), handy for printing and plotting. */
    public double[][] toArray2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2d(): needs a 2-D tensor, this one has shape " + Shape.format(shape));
        }
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * True when both tensors have the same shape and every pair of elements differs by at most
     * {@code tolerance} (e.g. a hand-written gradient against autograd's).
     */
    public boolean allClose(Tensor other, double tolerance) {
        if (!Shape.same(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i] - other.data[i]) <= tolerance) && data[i] != other.data[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The live data array, not a copy: for optimizers and custom operations. Changing it changes this
     * tensor (and every tensor sharing its data, such as reshapes); do it outside the graph.
     */
    public double[] storage() {
        return data;
    }

    /** The name of the operation that produced this tensor ({@code "leaf"} for created tensors). */
    public String op() {
        return op;
    }

    // ------------------------------------------------------------------ autograd

    /** Marks this tensor as a leaf whose gradient backward() computes (a parameter); returns this tensor. */
    public Tensor requiresGrad() {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad(): this tensor was computed by '" + op
                    + "' and already takes part in the graph; only created tensors (leaves) are marked."
                    + " Use detach().requiresGrad() for a new leaf with the same values");
        }
        requiresGrad = true;
        return this;
    }

    /** True when gradients flow to or through this tensor. */
    public boolean needsGrad() {
        return requiresGrad;
    }

    /** True for a tensor created directly (not computed by an operation). */
    public boolean isLeaf() {
        return gradFn == null && !graphFreed;
    }

    /**
     * The gradient accumulated by backward(), as a new tensor of the same shape (zeros before any
     * backward()).
     */
    public Tensor grad() {
        if (!requiresGrad) {
            throw new IllegalStateException("grad(): this tensor does not require gradients, so none is computed."
                    + " Mark parameters with requiresGrad() before using them");
        }
        return new Tensor(grad == null ? new double[data.length] : grad.clone(), shape.clone());
    }

    /** The live gradient array (allocated on first use), for optimizers and custom operations. */
    public double[] gradStorage() {
        if (grad == null) {
            grad = new double[data.length];
        }
        return grad;
    }

    /** True when backward() has written a gradient here since creation. */
    public boolean hasGrad() {
        return grad != null;
    }

    /** Sets the gradient to zero (keeps the array, so training loops allocate nothing for it). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
    }

    /** The same values (shared, not copied) cut off from the graph: no gradient flows through the result. */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** A new leaf with a copy of the data and no gradient. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /**
     * Backpropagates from this one-element tensor: adds ∂this/∂t to the gradient of every tensor t that
     * requires gradients and this was computed from. Leaves accumulate across calls (call zeroGrad()
     * between training steps); the graph is freed afterwards, so each step builds a new one.
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward(): only a one-element tensor (a loss) can start backpropagation;"
                    + " this one has shape " + Shape.format(shape) + ". Reduce it first, e.g. with sum() or mean()");
        }
        if (graphFreed) {
            throw new IllegalStateException("backward(): the graph behind this tensor was already used by a previous"
                    + " backward() and has been freed; recompute the forward pass (each step builds a new graph)");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): this tensor does not depend on any tensor that requires"
                    + " gradients (mark parameters with requiresGrad()), or it was computed inside a noGrad() scope");
        }
        List<Tensor> order = topologicalOrder();
        for (Tensor t : order) {
            if (t.gradFn != null) {
                t.grad = null;
            }
        }
        gradStorage()[0] += 1;
        boolean anomaly = MODE.get().anomaly;
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.gradFn != null && t.grad != null) {
                t.gradFn.backward(t.grad);
                if (anomaly) {
                    Anomaly.checkBackward(t.op, t.parents);
                }
            }
        }
        for (Tensor t : order) {
            if (t.gradFn != null) {
                t.gradFn = null;
                t.parents = null;
                t.graphFreed = true;
            }
        }
    }

    /** Every tensor requiring gradients this one depends on, inputs before results, this one last. */
    private List<Tensor> topologicalOrder() {
        long epoch = ++visitEpoch;
        List<Tensor> order = new ArrayList<>();
        Tensor[] stack = new Tensor[16];
        int[] next = new int[16];
        int top = 0;
        stack[0] = this;
        visited = epoch;
        while (top >= 0) {
            Tensor t = stack[top];
            Tensor[] ps = t.parents;
            if (ps != null && next[top] < ps.length) {
                Tensor p = ps[next[top]++];
                if (p.requiresGrad && p.visited != epoch) {
                    p.visited = epoch;
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                        next = Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = p;
                    next[top] = 0;
                }
            } else {
                order.add(t);
                top--;
            }
        }
        return order;
    }

    /**
     * Opens a scope in which operations record no graph (evaluation, manual parameter updates):
     * {@code try (var scope = Tensor.noGrad()) { ... }}.
     */
    public static Scope noGrad() {
        Mode mode = MODE.get();
        boolean previous = mode.gradEnabled;
        mode.gradEnabled = false;
        return new Scope(() -> mode.gradEnabled = previous);
    }

    /** False inside a {@link #noGrad()} scope. */
    public static boolean isGradEnabled() {
        return MODE.get().gradEnabled;
    }

    /**
     * Opens a scope in anomaly mode: the first operation whose result (forward) or input gradient
     * (backward) holds NaN or infinity throws an {@link ArithmeticException} naming it.
     */
    public static Scope detectAnomaly() {
        Mode mode = MODE.get();
        boolean previous = mode.anomaly;
        mode.anomaly = true;
        return new Scope(() -> mode.anomaly = previous);
    }

    /** Turns anomaly mode on or off for this thread (see {@link #detectAnomaly()}). */
    public static void setAnomalyDetection(boolean enabled) {
        MODE.get().anomaly = enabled;
    }

    /** True while anomaly mode is on. */
    public static boolean isAnomalyDetectionEnabled() {
        return MODE.get().anomaly;
    }

    Tensor[] parents() {
        return parents;
    }

    // ------------------------------------------------------------------ in-place updates (outside the graph)

    /** Copies {@code values} (same shape) into this tensor; for leaves and tensors outside the graph. */
    public Tensor setData(Tensor values) {
        checkInPlace("setData");
        if (!Shape.same(shape, values.shape)) {
            throw new IllegalArgumentException("setData: cannot put a tensor of shape " + Shape.format(values.shape)
                    + " into one of shape " + Shape.format(shape) + "; the shapes must be equal");
        }
        System.arraycopy(values.data, 0, data, 0, data.length);
        return this;
    }

    /** Copies {@code values} (one per element, row-major) into this tensor. */
    public Tensor setData(double[] values) {
        checkInPlace("setData");
        if (values.length != data.length) {
            throw new IllegalArgumentException("setData: got " + values.length + " values for a tensor of shape "
                    + Shape.format(shape) + " (" + data.length + " elements)");
        }
        System.arraycopy(values, 0, data, 0, data.length);
        return this;
    }

    /** {@code this -= other} in place (same shape or one element), e.g. a manual SGD step inside noGrad(). */
    public Tensor subInPlace(Tensor other) {
        return addScaledInPlace(-1, other, "subInPlace");
    }

    /** {@code this += other} in place (same shape or one element). */
    public Tensor addInPlace(Tensor other) {
        return addScaledInPlace(1, other, "addInPlace");
    }

    /** {@code this *= factor} in place. */
    public Tensor mulInPlace(double factor) {
        checkInPlace("mulInPlace");
        for (int i = 0; i < data.length; i++) {
            data[i] *= factor;
        }
        return this;
    }

    private Tensor addScaledInPlace(double scale, Tensor other, String what) {
        checkInPlace(what);
        if (other.data.length == 1) {
            double v = scale * other.data[0];
            for (int i = 0; i < data.length; i++) {
                data[i] += v;
            }
        } else if (Shape.same(shape, other.shape)) {
            double[] o = other.data;
            for (int i = 0; i < data.length; i++) {
                data[i] += scale * o[i];
            }
        } else {
            throw new IllegalArgumentException(what + ": " + Shape.format(shape) + " and " + Shape.format(other.shape)
                    + ": an in-place update needs the same shape (or a one-element tensor)");
        }
        return this;
    }

    private void checkInPlace(String what) {
        if (gradFn != null && MODE.get().gradEnabled) {
            throw new IllegalStateException(what + ": this tensor was computed by '" + op + "' and is part of a graph;"
                    + " changing it in place would corrupt the gradients. Update leaves (parameters) instead");
        }
    }

    // ------------------------------------------------------------------ elementwise binary

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return binary(BinaryOp.ADD, other);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return binary(BinaryOp.SUB, other);
    }

    /** {@code this * other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return binary(BinaryOp.MUL, other);
    }

    /** {@code this / other} elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return binary(BinaryOp.DIV, other);
    }

    /**
     * {@code this op b}, broadcasting: {@link Broadcast} lays the operands out and sums the gradients back
     * to their shapes; {@link BinaryOp} holds the operation's loops and its backward rule.
     */
    Tensor binary(BinaryOp op, Tensor b) {
        Tensor a = this;
        Broadcast bc = Broadcast.of(op, a.shape, b.shape);
        double[] out = bc.apply(op, a.data, b.data);
        if (!needsGraph(a, b)) {
            return make(op.label, out, bc.outShape, null, a, b);
        }
        return make(op.label, out, bc.outShape, g -> {
            if (a.requiresGrad) {
                bc.reduceIntoLeft(a.gradStorage(), op.leftGrad(g, bc, a.data, b.data, out));
            }
            if (b.requiresGrad) {
                bc.reduceIntoRight(b.gradStorage(), op.rightGrad(g, bc, a.data, b.data, out));
            }
        }, a, b);
    }

    private static boolean needsGraph(Tensor a, Tensor b) {
        return (a.requiresGrad || b.requiresGrad) && MODE.get().gradEnabled;
    }

    private static boolean needsGraph(Tensor a) {
        return a.requiresGrad && MODE.get().gradEnabled;
    }

    // ------------------------------------------------------------------ with a number

    /** {@code this + s}. */
    public Tensor add(double s) {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + s;
        }
        return make("add", out, shape, needsGraph(this) ? g -> accumulate(this, g, 1) : null, this);
    }

    /** {@code this - s}. */
    public Tensor sub(double s) {
        return add(-s);
    }

    /** {@code this * s}. */
    public Tensor mul(double s) {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * s;
        }
        return make("mul", out, shape, needsGraph(this) ? g -> accumulate(this, g, s) : null, this);
    }

    /** {@code this / s}. */
    public Tensor div(double s) {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] / s;
        }
        return make("div", out, shape, needsGraph(this) ? g -> accumulate(this, g, 1 / s) : null, this);
    }

    /** {@code s - this}, e.g. {@code y.rsub(1)} for 1 − y. */
    public Tensor rsub(double s) {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = s - x[i];
        }
        return make("rsub", out, shape, needsGraph(this) ? g -> accumulate(this, g, -1) : null, this);
    }

    /** {@code -this}. */
    public Tensor neg() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = -x[i];
        }
        return make("neg", out, shape, needsGraph(this) ? g -> accumulate(this, g, -1) : null, this);
    }

    /** {@code t.grad += scale * g}. */
    private static void accumulate(Tensor t, double[] g, double scale) {
        if (!t.requiresGrad) {
            return;
        }
        double[] tg = t.gradStorage();
        for (int i = 0; i < g.length; i++) {
            tg[i] += scale * g[i];
        }
    }

    // ------------------------------------------------------------------ elementwise unary

    /** Each element to the power {@code p}. */
    public Tensor pow(double p) {
        double[] x = data;
        double[] out = new double[x.length];
        if (p == 2) {
            for (int i = 0; i < out.length; i++) {
                out[i] = x[i] * x[i];
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.pow(x[i], p);
            }
        }
        return make("pow", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            if (p == 2) {
                for (int i = 0; i < g.length; i++) {
                    tg[i] += 2 * x[i] * g[i];
                }
            } else {
                for (int i = 0; i < g.length; i++) {
                    tg[i] += p * Math.pow(x[i], p - 1) * g[i];
                }
            }
        }, this);
    }

    /** e to each element. */
    public Tensor exp() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.exp(x[i]);
        }
        return make("exp", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += out[i] * g[i];
            }
        }, this);
    }

    /** The natural logarithm of each element. */
    public Tensor log() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(x[i]);
        }
        return make("log", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += g[i] / x[i];
            }
        }, this);
    }

    /** The square root of each element. */
    public Tensor sqrt() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(x[i]);
        }
        return make("sqrt", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += g[i] * 0.5 / out[i];
            }
        }, this);
    }

    /** The absolute value of each element (gradient 0 at 0). */
    public Tensor abs() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return make("abs", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += g[i] * Math.signum(x[i]);
            }
        }, this);
    }

    /** The hyperbolic tangent of each element. */
    public Tensor tanh() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.tanh(x[i]);
        }
        return make("tanh", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += (1 - out[i] * out[i]) * g[i];
            }
        }, this);
    }

    /** The logistic function 1 / (1 + e^−x) of each element, computed without overflow. */
    public Tensor sigmoid() {
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            double v = x[i];
            if (v >= 0) {
                out[i] = 1 / (1 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                out[i] = e / (1 + e);
            }
        }
        return make("sigmoid", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += out[i] * (1 - out[i]) * g[i];
            }
        }, this);
    }

    /**
     * max(0, x) for each element, like PyTorch: gradient 0 at 0 and below; NaN stays NaN (whatever its
     * sign bit) and passes its gradient through, as PyTorch's {@code where(x <= 0, 0, grad)} does.
     */
    public Tensor relu() {
        double[] x = data;
        double[] out = new double[x.length];
        Kernels.relu(x, out);
        return make("relu", out, shape, !needsGraph(this) ? null : g -> {
            Kernels.reluBackward(x, g, gradStorage());
        }, this);
    }

    // ------------------------------------------------------------------ reductions

    /**
     * The sum of all elements, a scalar: numpy's pairwise summation ({@link Kernels#sum}), so the same double
     * as {@code np.sum} of the same values, and a rounding error that grows with the log of the size.
     */
    public Tensor sum() {
        double s = Kernels.sum(data, 0, data.length); // numpy's pairwise summation: np.sum to the last bit
        return make("sum", new double[] {s}, new int[0], !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            double v = g[0];
            for (int i = 0; i < tg.length; i++) {
                tg[i] += v;
            }
        }, this);
    }

    /** The mean of all elements (their pairwise sum, as {@link #sum}, over their count), a scalar; NaN (0/0) for an empty tensor, as in PyTorch. */
    public Tensor mean() {
        double s = Kernels.sum(data, 0, data.length);
        int n = data.length;
        return make("mean", new double[] {s / n}, new int[0], !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            double v = g[0] / n;
            for (int i = 0; i < tg.length; i++) {
                tg[i] += v;
            }
        }, this);
    }

    /** Sums along {@code axis}, which disappears from the shape. */
    public Tensor sum(int axis) {
        return sumAlong("sum", axis, false, 1);
    }

    /** Sums along {@code axis}; with {@code keepDim} it stays as a dimension of length 1 (for broadcasting back). */
    public Tensor sum(int axis, boolean keepDim) {
        return sumAlong("sum", axis, keepDim, 1);
    }

    /** Means along {@code axis}, which disappears from the shape. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /**
     * Means along {@code axis}, keeping it as length 1 when {@code keepDim}. Along an empty axis each mean
     * is NaN (0/0), as in PyTorch: {@code zeros(0, 3).mean(0)} is three NaNs.
     */
    public Tensor mean(int axis, boolean keepDim) {
        int a = Shape.axis("mean", axis, shape);
        return sumAlong("mean", axis, keepDim, 1.0 / shape[a]);
    }

    private Tensor sumAlong(String op, int axis, boolean keepDim, double scale) {
        int a = Shape.axis(op, axis, shape);
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        double[] x = data;
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            for (int k = 0; k < len; k++) {
                int xb = (o * len + k) * inner;
                for (int i = 0; i < inner; i++) {
                    out[ob + i] += x[xb + i];
                }
            }
        }
        if (scale != 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = len == 0 ? Double.NaN : out[i] * scale;   // an empty mean is 0/0, not 0·∞
            }
        }
        return make(op, out, Shape.reduced(shape, a, keepDim), !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int o = 0; o < outer; o++) {
                int ob = o * inner;
                for (int k = 0; k < len; k++) {
                    int xb = (o * len + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        tg[xb + i] += scale * g[ob + i];
                    }
                }
            }
        }, this);
    }

    /**
     * The largest element of the whole tensor, a scalar. A NaN anywhere makes the result NaN (NaN
     * propagates, as in PyTorch). The gradient is shared evenly among the elements equal to the result
     * (among the NaNs when it is NaN), as PyTorch 2.x documents for {@code max()} and {@code amax()}.
     */
    public Tensor max() {
        return extreme("max()", true);
    }

    /** The smallest element of the whole tensor, a scalar; NaN and ties as in {@link #max()}. */
    public Tensor min() {
        return extreme("min()", false);
    }

    private Tensor extreme(String op, boolean largest) {
        if (data.length == 0) {
            throw new IllegalStateException(op + ": the tensor of shape " + Shape.format(shape) + " is empty;"
                    + " the largest or smallest of no elements is undefined (PyTorch raises here too)");
        }
        double best = data[0];
        for (double v : data) {
            if (best == best && (v != v || (largest ? v > best : v < best))) {
                best = v;
            }
        }
        final double result = best;
        return make(largest ? "max" : "min", new double[] {result}, new int[0], !needsGraph(this) ? null : g -> {
            int ties = 0;
            for (double v : data) {
                ties += sameExtreme(v, result) ? 1 : 0;
            }
            double share = g[0] / ties;
            double[] tg = gradStorage();
            for (int i = 0; i < data.length; i++) {
                if (sameExtreme(data[i], result)) {
                    tg[i] += share;
                }
            }
        }, this);
    }

    /** True when {@code v} is the extreme {@code result}: equal to it, or NaN when it is NaN. */
    private static boolean sameExtreme(double v, double result) {
        return v == result || (v != v && result != result);
    }

    /**
     * The largest values along {@code axis}, which disappears from the shape. The gradient goes to the
     * position {@link #argmax(int)} returns: the first maximum, or the first NaN (NaN wins, as in PyTorch).
     */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** The largest values along {@code axis}, keeping it as length 1 when {@code keepDim}. */
    public Tensor max(int axis, boolean keepDim) {
        return extremeAlong("max", axis, keepDim, true);
    }

    /** The smallest values along {@code axis}, which disappears from the shape; NaN and ties as in {@link #max(int)}. */
    public Tensor min(int axis) {
        return min(axis, false);
    }

    /** The smallest values along {@code axis}, keeping it as length 1 when {@code keepDim}. */
    public Tensor min(int axis, boolean keepDim) {
        return extremeAlong("min", axis, keepDim, false);
    }

    private Tensor extremeAlong(String op, int axis, boolean keepDim, boolean largest) {
        int a = Shape.axis(op, axis, shape);
        int[] idx = extremeFlat(op, a, largest);
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = data[idx[i]];
        }
        return make(op, out, Shape.reduced(shape, a, keepDim), !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < idx.length; i++) {
                tg[idx[i]] += g[i];
            }
        }, this);
    }

    /**
     * The position of the largest value along {@code axis} for every other index, row-major over the
     * remaining dimensions: for a (N, C) matrix of scores, {@code argmax(1)} is the predicted class of each
     * row. Among equal values the first wins; a NaN counts as larger than any number (as in PyTorch).
     */
    public int[] argmax(int axis) {
        return positions("argmax", axis, true);
    }

    /** The position of the smallest value along {@code axis}, as {@link #argmax(int)} (a NaN counts as smallest). */
    public int[] argmin(int axis) {
        return positions("argmin", axis, false);
    }

    private int[] positions(String op, int axis, boolean largest) {
        int a = Shape.axis(op, axis, shape);
        int[] flat = extremeFlat(op, a, largest);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        int[] pos = new int[flat.length];
        for (int i = 0; i < flat.length; i++) {
            pos[i] = (flat[i] / inner) % len;
        }
        return pos;
    }

    /** For each output position, the flat index of the first extreme along the axis (the first NaN if any). */
    private int[] extremeFlat(String op, int a, boolean largest) {
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        if (len == 0) {
            throw new IllegalStateException(op + ": axis " + a + " of shape " + Shape.format(shape) + " is empty;"
                    + " there is no largest or smallest of no elements");
        }
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * len * inner + i;
                for (int k = 1; k < len; k++) {
                    int at = (o * len + k) * inner + i;
                    double v = data[at];
                    double b = data[best];
                    if (b == b && (v != v || (largest ? v > b : v < b))) {
                        best = at;
                    }
                }
                idx[o * inner + i] = best;
            }
        }
        return idx;
    }

    // ------------------------------------------------------------------ variance

    /** The unbiased variance of all elements (divided by n − 1, PyTorch's default), a scalar. */
    public Tensor var() {
        return var(true);
    }

    /** The variance of all elements, divided by n − 1 when {@code unbiased} and by n otherwise. */
    public Tensor var(boolean unbiased) {
        return reshape(-1).spread("var", 0, false, unbiased, false);
    }

    /** The unbiased variance along {@code axis}, which disappears from the shape. */
    public Tensor var(int axis) {
        return var(axis, false, true);
    }

    /** The unbiased variance along {@code axis}, keeping it as length 1 when {@code keepDim}. */
    public Tensor var(int axis, boolean keepDim) {
        return var(axis, keepDim, true);
    }

    /**
     * The variance along {@code axis}: Σ(x − mean)² / (n − 1) when {@code unbiased} (Bessel's correction,
     * PyTorch's default, {@code correction=1}), / n otherwise. With n − 1 = 0 the result is NaN, as in PyTorch.
     */
    public Tensor var(int axis, boolean keepDim, boolean unbiased) {
        return spread("var", axis, keepDim, unbiased, false);
    }

    /** The unbiased standard deviation of all elements, a scalar. */
    public Tensor std() {
        return std(true);
    }

    /** The standard deviation of all elements, √{@link #var(boolean) var(unbiased)}. */
    public Tensor std(boolean unbiased) {
        return reshape(-1).spread("std", 0, false, unbiased, true);
    }

    /** The unbiased standard deviation along {@code axis}, which disappears from the shape. */
    public Tensor std(int axis) {
        return std(axis, false, true);
    }

    /** The unbiased standard deviation along {@code axis}, keeping it as length 1 when {@code keepDim}. */
    public Tensor std(int axis, boolean keepDim) {
        return std(axis, keepDim, true);
    }

    /**
     * The standard deviation along {@code axis}, √{@link #var(int, boolean, boolean)}. Where it is 0 (all
     * values equal) its gradient is 0, as PyTorch defines it, rather than the 0/0 of the formula.
     */
    public Tensor std(int axis, boolean keepDim, boolean unbiased) {
        return spread("std", axis, keepDim, unbiased, true);
    }

    /** Variance or standard deviation along an axis, with ∂var/∂xₖ = 2(xₖ − mean)/(n − c) beside it. */
    private Tensor spread(String op, int axis, boolean keepDim, boolean unbiased, boolean sqrt) {
        int a = Shape.axis(op, axis, shape);
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        double divisor = len - (unbiased ? 1 : 0);
        double[] x = data;
        double[] mean = new double[outer * inner];
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double s = 0;
                for (int k = 0; k < len; k++) {
                    s += x[base + k * inner];
                }
                double m = s / len;
                double ss = 0;
                for (int k = 0; k < len; k++) {
                    double d = x[base + k * inner] - m;
                    ss += d * d;
                }
                double v = divisor > 0 ? ss / divisor : Double.NaN;
                mean[o * inner + i] = m;
                out[o * inner + i] = sqrt ? Math.sqrt(v) : v;
            }
        }
        return make(op, out, Shape.reduced(shape, a, keepDim), !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int r = o * inner + i;
                    // d var = 2(x − m)/(n − c); d std = d var / (2 std), 0 where std is 0 (PyTorch)
                    double scale = sqrt ? (out[r] == 0 ? 0 : g[r] / (out[r] * divisor)) : 2 * g[r] / divisor;
                    int base = o * len * inner + i;
                    for (int k = 0; k < len; k++) {
                        tg[base + k * inner] += scale * (x[base + k * inner] - mean[r]);
                    }
                }
            }
        }, this);
    }

    // ------------------------------------------------------------------ clamp, comparisons, where, gather

    /**
     * Each element limited to [min, max], like {@code torch.clamp}: the gradient is 1 where
     * min ≤ x ≤ max (bounds included, as in PyTorch) and 0 outside. NaN stays NaN (gradient 0). When
     * min &gt; max every element becomes max, as in PyTorch. Use ±{@code Double.POSITIVE_INFINITY} for no bound.
     */
    public Tensor clamp(double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("clamp: bounds " + min + " and " + max + " must be numbers;"
                    + " use Double.NEGATIVE_INFINITY or POSITIVE_INFINITY for a side without a bound");
        }
        double[] x = data;
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(x[i], min), max);
        }
        return make("clamp", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += x[i] >= min && x[i] <= max ? g[i] : 0.0;
            }
        }, this);
    }

    /** {@code clamp(min, +∞)}: each element at least {@code min}. */
    public Tensor clampMin(double min) {
        return clamp(min, Double.POSITIVE_INFINITY);
    }

    /** {@code clamp(−∞, max)}: each element at most {@code max}. */
    public Tensor clampMax(double max) {
        return clamp(Double.NEGATIVE_INFINITY, max);
    }

    /** 1 where the element is greater than {@code s}, else 0: a mask for {@link #where}, outside the graph. */
    public Tensor gt(double s) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] > s ? 1 : 0;
        }
        return new Tensor(out, shape.clone());
    }

    /** 1 where the element is less than {@code s}, else 0: a mask for {@link #where}, outside the graph. */
    public Tensor lt(double s) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[i] < s ? 1 : 0;
        }
        return new Tensor(out, shape.clone());
    }

    /**
     * {@code a} where {@code condition} is non-zero, {@code b} elsewhere, like {@code torch.where}; the
     * three shapes broadcast together. The gradient goes to {@code a} where the condition holds and to
     * {@code b} elsewhere (summed over broadcast dimensions); the condition gets none.
     * {@code Tensor.where(x.gt(0), x, x.mul(0.01))} is a leaky ReLU.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        int[] ab = Shape.broadcast("where", "and", a.shape, b.shape);
        int[] out = Shape.broadcast("where", "(condition) with", condition.shape, ab);
        int[] ci = Broadcast.index(condition.shape, out);
        int[] ai = Broadcast.index(a.shape, out);
        int[] bi = Broadcast.index(b.shape, out);
        int n = ci.length;
        boolean[] take = new boolean[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            take[i] = condition.data[ci[i]] != 0;
            y[i] = take[i] ? a.data[ai[i]] : b.data[bi[i]];
        }
        return make("where", y, out, !needsGraph(a, b) ? null : g -> {
            double[] ga = a.requiresGrad ? a.gradStorage() : null;
            double[] gb = b.requiresGrad ? b.gradStorage() : null;
            for (int i = 0; i < n; i++) {
                if (take[i] && ga != null) {
                    ga[ai[i]] += g[i];
                } else if (!take[i] && gb != null) {
                    gb[bi[i]] += g[i];
                }
            }
        }, a, b);
    }

    /**
     * The values at {@code index} along {@code axis}, like {@code torch.gather}: for a 2-D tensor and
     * axis 1, {@code out[i][j] = this[i][index[i][j]]}. {@code index} holds whole numbers, has this
     * tensor's rank, and is no larger than it along every other axis; the result has its shape. The
     * gradient adds back into the positions read (twice for a position read twice).
     * {@code logProbs.gather(1, Tensor.of(targets, n, 1))} picks each row's target column.
     */
    public Tensor gather(int axis, Tensor index) {
        int a = Shape.axis("gather", axis, shape);
        int[] is = index.shape;
        if (is.length != shape.length) {
            throw new IllegalArgumentException("gather: index of shape " + Shape.format(is) + " for a tensor of shape "
                    + Shape.format(shape) + ": the index must have the same number of dimensions (" + shape.length + ")");
        }
        for (int d = 0; d < is.length; d++) {
            if (d != a && is[d] > shape[d]) {
                throw new IllegalArgumentException("gather: index of shape " + Shape.format(is) + " for a tensor of shape "
                        + Shape.format(shape) + " along axis " + a + ": on every other axis the index may not be longer"
                        + " than the tensor, here axis " + d + " has " + is[d] + " > " + shape[d]);
            }
        }
        int[] strides = Shape.strides(shape);
        int[] rowStride = strides.clone();
        rowStride[a] = 0;
        int[] src = Broadcast.gather(is, rowStride);
        for (int i = 0; i < src.length; i++) {
            double v = index.data[i];
            if (v != Math.rint(v) || v < 0 || v >= shape[a]) {
                throw new IndexOutOfBoundsException("gather: index value " + v + " at position " + i + " is not a"
                        + " position along axis " + a + " of shape " + Shape.format(shape) + " (whole numbers 0.."
                        + (shape[a] - 1) + ")");
            }
            src[i] += (int) v * strides[a];
        }
        double[] out = new double[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[src[i]];
        }
        return make("gather", out, is.clone(), !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[src[i]] += g[i];
            }
        }, this);
    }

    // ------------------------------------------------------------------ softmax

    /** Softmax along {@code axis} (stable: the maximum is subtracted first). */
    public Tensor softmax(int axis) {
        int a = Shape.axis("softmax", axis, shape);
        double[] out = softmaxData(a, false);
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        return make("softmax", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * len * inner + i;
                    double dot = 0;
                    for (int k = 0; k < len; k++) {
                        dot += g[base + k * inner] * out[base + k * inner];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = base + k * inner;
                        tg[at] += out[at] * (g[at] - dot);
                    }
                }
            }
        }, this);
    }

    /** log(softmax) along {@code axis}, computed as x − max − log Σ exp(x − max) so it never overflows. */
    public Tensor logSoftmax(int axis) {
        int a = Shape.axis("logSoftmax", axis, shape);
        double[] out = softmaxData(a, true);
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        return make("logSoftmax", out, shape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * len * inner + i;
                    double sum = 0;
                    for (int k = 0; k < len; k++) {
                        sum += g[base + k * inner];
                    }
                    for (int k = 0; k < len; k++) {
                        int at = base + k * inner;
                        tg[at] += g[at] - Math.exp(out[at]) * sum;
                    }
                }
            }
        }, this);
    }

    private double[] softmaxData(int a, boolean log) {
        int outer = Shape.outer(shape, a);
        int len = shape[a];
        int inner = Shape.inner(shape, a);
        double[] x = data;
        double[] out = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * len * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < len; k++) {
                    max = Math.max(max, x[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    double e = Math.exp(x[base + k * inner] - max);
                    out[base + k * inner] = e;
                    sum += e;
                }
                if (log) {
                    double logSum = Math.log(sum) + max;
                    for (int k = 0; k < len; k++) {
                        out[base + k * inner] = x[base + k * inner] - logSum;
                    }
                } else {
                    for (int k = 0; k < len; k++) {
                        out[base + k * inner] /= sum;
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ matmul

    /**
     * The matrix product, as {@code torch.matmul}. {@code (n, k) @ (k, m) → (n, m)}; with more dimensions
     * the last two are the matrices and the others are batch dimensions, which broadcast:
     * {@code (..., n, k) @ (k, m)} multiplies every matrix of the stack by the same right operand,
     * {@code (B..., n, k) @ (B..., k, m)} multiplies the stacks pairwise, and {@code (2, 1, n, k) @ (3, k, m)}
     * gives {@code (2, 3, n, m)}. A vector on the left is a row (1, k), on the right a column (k, 1), and
     * that added dimension is removed from the result: vector @ vector is their dot product, a scalar.
     */
    public Tensor matmul(Tensor other) {
        Tensor a = this;
        Tensor b = other;
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape) + " @ " + Shape.format(b.shape)
                    + ": a scalar has no rows or columns; multiply by a number with mul instead");
        }
        int k = a.shape[a.rank() - 1];
        int kb = b.shape[Math.max(0, b.rank() - 2)];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape) + " @ " + Shape.format(b.shape)
                    + ": columns of the left (" + k + ") must equal rows of the right (" + kb + ")"
                    + (a.rank() == 1 || b.rank() == 1 ? "; a vector counts as a row on the left and a column on the right" : ""));
        }
        if (a.rank() == 1 || b.rank() == 1) {
            return vectorMatmul(a, b);
        }
        int n = a.shape[a.rank() - 2];
        int m = b.shape[b.rank() - 1];
        if (b.rank() == 2) {
            int rows = a.size() / Math.max(1, k);
            if (k == 0) {
                rows = Shape.outer(a.shape, a.rank() - 1);
            }
            int[] outShape = a.shape.clone();
            outShape[outShape.length - 1] = m;
            double[] out = new double[rows * m];
            Kernels.gemm(a.data, 0, b.data, 0, out, 0, rows, k, m);
            final int r = rows;
            return make("matmul", out, outShape, !needsGraph(a, b) ? null : g -> {
                if (a.requiresGrad) {
                    Kernels.gemmNT(g, 0, b.data, 0, a.gradStorage(), 0, r, k, m);
                }
                if (b.requiresGrad) {
                    Kernels.gemmTN(a.data, 0, g, 0, b.gradStorage(), 0, r, k, m);
                }
            }, a, b);
        }
        int[] batchA = Arrays.copyOf(a.shape, a.rank() - 2);
        int[] batchB = Arrays.copyOf(b.shape, b.rank() - 2);
        if (!Shape.same(batchA, batchB)) {
            return broadcastMatmul(a, b, batchA, batchB, n, k, m);
        }
        int batches = Shape.size(batchA);
        int[] outShape = a.shape.clone();
        outShape[outShape.length - 1] = m;
        double[] out = new double[batches * n * m];
        for (int t = 0; t < batches; t++) {
            Kernels.gemm(a.data, t * n * k, b.data, t * k * m, out, t * n * m, n, k, m);
        }
        return make("matmul", out, outShape, !needsGraph(a, b) ? null : g -> {
            for (int t = 0; t < batches; t++) {
                if (a.requiresGrad) {
                    Kernels.gemmNT(g, t * n * m, b.data, t * k * m, a.gradStorage(), t * n * k, n, k, m);
                }
                if (b.requiresGrad) {
                    Kernels.gemmTN(a.data, t * n * k, g, t * n * m, b.gradStorage(), t * k * m, n, k, m);
                }
            }
        }, a, b);
    }

    /** matmul with a vector operand: as a row (left) or column (right), the added dimension removed after. */
    private static Tensor vectorMatmul(Tensor a, Tensor b) {
        Tensor am = a.rank() == 1 ? a.view("reshape", new int[] {1, a.shape[0]}) : a;
        Tensor bm = b.rank() == 1 ? b.view("reshape", new int[] {b.shape[0], 1}) : b;
        Tensor r = am.matmul(bm);
        int[] rs = r.shape;
        int drop = (a.rank() == 1 ? 1 : 0) + (b.rank() == 1 ? 1 : 0);
        int[] s = Arrays.copyOf(rs, rs.length - drop);
        if (b.rank() != 1) {
            s[s.length - 1] = rs[rs.length - 1];   // a vector on the left: drop the row dimension, keep the columns
        }
        return r.view("matmul", s);
    }

    /** Stacks of matrices whose batch dimensions differ but broadcast: each result matrix reads its operands' matrices in place. */
    private static Tensor broadcastMatmul(Tensor a, Tensor b, int[] batchA, int[] batchB, int n, int k, int m) {
        int[] batch;
        try {
            batch = Shape.broadcast("matmul", "@", batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: " + Shape.format(a.shape) + " @ " + Shape.format(b.shape)
                    + ": the batch dimensions " + Shape.format(batchA) + " and " + Shape.format(batchB) + " (all but the"
                    + " last two) must broadcast: aligned from the right, each pair equal or one of them 1", e);
        }
        int[] ia = Broadcast.index(batchA, batch);
        int[] ib = Broadcast.index(batchB, batch);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = n;
        outShape[batch.length + 1] = m;
        double[] out = new double[ia.length * n * m];
        for (int t = 0; t < ia.length; t++) {
            Kernels.gemm(a.data, ia[t] * n * k, b.data, ib[t] * k * m, out, t * n * m, n, k, m);
        }
        return make("matmul", out, outShape, !needsGraph(a, b) ? null : g -> {
            for (int t = 0; t < ia.length; t++) {
                if (a.requiresGrad) {
                    Kernels.gemmNT(g, t * n * m, b.data, ib[t] * k * m, a.gradStorage(), ia[t] * n * k, n, k, m);
                }
                if (b.requiresGrad) {
                    Kernels.gemmTN(a.data, ia[t] * n * k, g, t * n * m, b.gradStorage(), ib[t] * k * m, n, k, m);
                }
            }
        }, a, b);
    }

    // ------------------------------------------------------------------ shape changes

    /**
     * The same data (shared, not copied) with a new shape of the same size; one dimension may be -1 and
     * is then inferred.
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: " + Shape.format(shape) + " to " + Shape.format(newShape)
                            + ": only one dimension can be -1 (inferred)");
                }
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: " + Shape.format(shape) + " to " + Shape.format(newShape)
                        + ": dimensions must be 0 or more, or -1 for one inferred dimension");
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException("reshape: " + Shape.format(shape) + " to " + Shape.format(newShape)
                        + ": " + data.length + " elements cannot be split into blocks of " + known);
            }
            s[unknown] = (int) (data.length / known);
        } else if (known != data.length) {
            throw new IllegalArgumentException("reshape: " + Shape.format(shape) + " (" + data.length + " elements) to "
                    + Shape.format(newShape) + " (" + known + " elements): a reshape must keep the number of elements");
        }
        return view("reshape", s);
    }

    /** The same data (shared) under another shape of the same size; the gradient passes through unchanged. */
    private Tensor view(String op, int[] s) {
        return make(op, data, s, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[i] += g[i];
            }
        }, this);
    }

    /** Removes every dimension of length 1, like {@code torch.squeeze}: (2, 1, 3, 1) → (2, 3). Shares the data. */
    public Tensor squeeze() {
        int kept = 0;
        for (int d : shape) {
            kept += d == 1 ? 0 : 1;
        }
        int[] s = new int[kept];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (shape[i] != 1) {
                s[j++] = shape[i];
            }
        }
        return view("squeeze", s);
    }

    /**
     * Removes dimension {@code axis} when its length is 1; otherwise returns the same shape, as
     * {@code torch.squeeze(dim)} does. Shares the data.
     */
    public Tensor squeeze(int axis) {
        int a = Shape.axis("squeeze", axis, shape);
        return view("squeeze", shape[a] == 1 ? Shape.reduced(shape, a, false) : shape.clone());
    }

    /**
     * Inserts a dimension of length 1 at {@code axis} (0..rank, negative counts from the end of the
     * result, as in {@code torch.unsqueeze}): a vector (3) becomes a row (1, 3) with 0, a column (3, 1) with 1.
     */
    public Tensor unsqueeze(int axis) {
        int rank = shape.length + 1;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " for shape " + Shape.format(shape)
                    + ": the new dimension goes at 0.." + (rank - 1) + " (or -" + rank + "..-1), one more position than"
                    + " the tensor has dimensions");
        }
        int[] s = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            s[i] = i == a ? 1 : shape[j++];
        }
        return view("unsqueeze", s);
    }

    /** The matrix transpose; for more than 2 dimensions, swaps the last two. */
    public Tensor transpose() {
        if (rank() < 2) {
            throw new IllegalArgumentException("transpose: shape " + Shape.format(shape)
                    + " has fewer than 2 dimensions; reshape a vector to (1, n) or (n, 1) first");
        }
        int[] perm = new int[rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[rank() - 1] = rank() - 2;
        perm[rank() - 2] = rank() - 1;
        return permute(perm);
    }

    /** Reorders the dimensions: result dimension i is dimension {@code order[i]} of this tensor (a copy). */
    public Tensor permute(int... order) {
        int r = rank();
        boolean[] seen = new boolean[r];
        boolean valid = order.length == r;
        for (int i = 0; valid && i < r; i++) {
            valid = order[i] >= 0 && order[i] < r && !seen[order[i]];
            if (valid) {
                seen[order[i]] = true;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(order) + " for shape " + Shape.format(shape)
                    + ": give each of the " + r + " dimensions 0.." + (r - 1) + " exactly once");
        }
        int[] outShape = new int[r];
        int[] inStrides = Shape.strides(shape);
        int[] srcStride = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = shape[order[i]];
            srcStride[i] = inStrides[order[i]];
        }
        int[] map = Broadcast.gather(outShape, srcStride);
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[map[i]];
        }
        return make("permute", out, outShape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int i = 0; i < g.length; i++) {
                tg[map[i]] += g[i];
            }
        }, this);
    }

    /** The rows (entries along axis 0) at {@code indices}, in that order: a minibatch {@code x.rows(batch)}. */
    public Tensor rows(int... indices) {
        if (rank() == 0) {
            throw new IllegalArgumentException("rows: a scalar has no rows");
        }
        int rowSize = data.length / Math.max(1, shape[0]);
        if (shape[0] == 0) {
            rowSize = Shape.inner(shape, 0);
        }
        for (int i : indices) {
            if (i < 0 || i >= shape[0]) {
                throw new IndexOutOfBoundsException("rows: index " + i + " is out of range for shape "
                        + Shape.format(shape) + " (rows 0.." + (shape[0] - 1) + ")");
            }
        }
        int[] idx = indices.clone();
        double[] out = new double[idx.length * rowSize];
        for (int r = 0; r < idx.length; r++) {
            System.arraycopy(data, idx[r] * rowSize, out, r * rowSize, rowSize);
        }
        int[] outShape = shape.clone();
        outShape[0] = idx.length;
        final int rs = rowSize;
        return make("rows", out, outShape, !needsGraph(this) ? null : g -> {
            double[] tg = gradStorage();
            for (int r = 0; r < idx.length; r++) {
                int src = idx[r] * rs;
                int dst = r * rs;
                for (int j = 0; j < rs; j++) {
                    tg[src + j] += g[dst + j];
                }
            }
        }, this);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) along axis 0. */
    public Tensor slice(int from, int to) {
        if (rank() == 0 || from < 0 || to > shape[0] || from > to) {
            throw new IndexOutOfBoundsException("slice: rows " + from + " to " + to + " (exclusive) for shape "
                    + Shape.format(shape) + ": need 0 <= from <= to <= " + (rank() == 0 ? 0 : shape[0]));
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return rows(idx);
    }

    /** Joins tensors along {@code axis}; every other dimension must agree. */
    public static Tensor cat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: needs at least one tensor");
        }
        int[] first = tensors[0].shape;
        int a = Shape.axis("cat", axis, first);
        int total = 0;
        for (int t = 0; t < tensors.length; t++) {
            int[] s = tensors[t].shape;
            boolean fits = s.length == first.length;
            for (int i = 0; fits && i < s.length; i++) {
                fits = i == a || s[i] == first[i];
            }
            if (!fits) {
                throw new IllegalArgumentException("cat: tensor " + t + " has shape " + Shape.format(s) + " but tensor 0 has "
                        + Shape.format(first) + "; along axis " + a + " they may differ, every other dimension must agree");
            }
            total += s[a];
        }
        int outer = Shape.outer(first, a);
        int inner = Shape.inner(first, a);
        int[] outShape = first.clone();
        outShape[a] = total;
        double[] out = new double[outer * total * inner];
        int[] offsets = new int[tensors.length];
        int offset = 0;
        for (int t = 0; t < tensors.length; t++) {
            offsets[t] = offset;
            int block = tensors[t].shape[a] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[t].data, o * block, out, o * total * inner + offset * inner, block);
            }
            offset += tensors[t].shape[a];
        }
        Tensor[] inputs = tensors.clone();
        final int totalLen = total;
        boolean graph = false;
        for (Tensor t : inputs) {
            graph |= t.requiresGrad;
        }
        return make("cat", out, outShape, !(graph && isGradEnabled()) ? null : g -> {
            for (int t = 0; t < inputs.length; t++) {
                if (!inputs[t].requiresGrad) {
                    continue;
                }
                double[] tg = inputs[t].gradStorage();
                int block = inputs[t].shape[a] * inner;
                for (int o = 0; o < outer; o++) {
                    int src = o * totalLen * inner + offsets[t] * inner;
                    for (int j = 0; j < block; j++) {
                        tg[o * block + j] += g[src + j];
                    }
                }
            }
        }, inputs);
    }

    // ------------------------------------------------------------------ display

    /** Like PyTorch: {@code tensor([[1.0000, 2.0000], [3.0000, 4.0000]], shape=(2, 2))}, summarised when large. */
    @Override
    public String toString() {
        return TensorFormat.text(this);
    }

    /** A compact HTML table of the values (summarised when large) with the shape as caption. */
    @Override
    public String toHtml() {
        return TensorFormat.html(this);
    }
}
