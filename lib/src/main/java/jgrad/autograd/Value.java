package jgrad.autograd;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A scalar node of a computation graph with reverse-mode automatic differentiation, after
 * Andrej Karpathy's micrograd.
 *
 * <p>Every operation returns a new {@code Value} that remembers its inputs ({@link #parents()}), the
 * name of the operation ({@link #op()}) and how to push its gradient back to its inputs: the local
 * derivative is written right beside the forward rule, so each method reads as "forward; backward".
 * {@link #backward()} then visits the graph from the output to the leaves and applies the chain rule.
 *
 * <pre>{@code
 * Value x = Value.of(2.0), y = Value.of(3.0);
 * Value z = x.mul(y);        // z = 6
 * z.backward();              // dz/dx = 3, dz/dy = 2
 * }</pre>
 *
 * <p>Gradients accumulate: a value used twice ({@code a.mul(a)}) receives both contributions, and
 * leaves keep accumulating across calls of {@code backward()} until {@link #zeroGrad()} (as in
 * PyTorch). Arithmetic follows IEEE 754 like PyTorch: {@code log(0) = -Infinity}, {@code log(-1) = NaN},
 * {@code 1/0 = Infinity}; nothing throws on such inputs.
 *
 * <p>Not thread-safe: build and differentiate a graph on one thread.
 */
public final class Value implements jgrad.display.SvgDisplayable {

    /**
     * Which local backward rule pushes this node's gradient to its parents ({@link #backwardStep()}); LEAF
     * for leaves. An op code rather than a lambda per node: a capturing lambda is one more object per node,
     * and before the JIT has warmed up (a notebook cell) allocation and indirection per node dominate.
     */
    private enum Kind { LEAF, ADD, SUB, MUL, DIV, POW, NEG, RELU, TANH, EXP, LOG, SIGMOID, SUM }

    private static final Value[] NO_PARENTS = new Value[0];

    /** Incremented at every {@link #backward()} so that nodes can be marked visited without a set. */
    private static int visitEpoch;

    private double data;
    private double grad;
    private final Value[] parents;
    private final String op;
    private String label = "";
    private final Kind kind;
    /** The constant exponent of a {@link #pow} node (unused otherwise). */
    private double exponent;
    private int visitedAt;

    private Value(double data, Value[] parents, String op, Kind kind) {
        this.data = data;
        this.parents = parents;
        this.op = op;
        this.kind = kind;
    }

    /** A leaf holding {@code data}, with gradient 0. */
    public static Value of(double data) {
        return new Value(data, NO_PARENTS, "", Kind.LEAF);
    }

    /** A labelled leaf: the label is shown when the graph is drawn ({@link GraphSvg}). */
    public static Value of(double data, String label) {
        return of(data).label(label);
    }

    private static Value result(double data, String op, Kind kind, Value... parents) {
        return new Value(data, parents, op, kind);
    }

    // ---------------------------------------------------------------- binary operations

    /** {@code this + other}; both inputs receive the output gradient unchanged. */
    public Value add(Value other) {
        return result(data + other.data, "+", Kind.ADD, this, other);
    }

    /** {@code this + c} for a constant {@code c}. */
    public Value add(double c) {
        return add(of(c));
    }

    /** {@code this - other}; d/dthis = 1, d/dother = -1. */
    public Value sub(Value other) {
        return result(data - other.data, "-", Kind.SUB, this, other);
    }

    /** {@code this - c} for a constant {@code c}. */
    public Value sub(double c) {
        return sub(of(c));
    }

    /** {@code this * other}; each input's gradient is the other input's value times the output gradient. */
    public Value mul(Value other) {
        return result(data * other.data, "*", Kind.MUL, this, other);
    }

    /** {@code this * c} for a constant {@code c}. */
    public Value mul(double c) {
        return mul(of(c));
    }

    /**
     * {@code this / other}; d/dthis = 1/other, d/dother = -this/other². Division by 0 gives ±Infinity or
     * NaN. The divisor's gradient stays finite wherever its true value is, even when other² alone
     * under- or overflows (see {@link #divisorGradient}).
     */
    public Value div(Value other) {
        return result(data / other.data, "/", Kind.DIV, this, other);
    }

    /**
     * −g·a/b², the gradient reaching the divisor b of a / b, computed so that no intermediate result
     * overflows or underflows when the true value is a finite non-zero number: the three numbers are
     * split into mantissa and power of two (a = mₐ·2^eₐ), the mantissas combined, the powers added.
     * a = 1e-300, b = 1e-200: b² underflows to 0 and −a/b² would be −∞, but the gradient is −1e100. When
     * g, a or b is 0, infinite or NaN, IEEE arithmetic in PyTorch's order, −g·((a/b)/b), decides (so
     * 0·∞ gives NaN, as in PyTorch). {@code Tensor.div} uses it too.
     */
    public static double divisorGradient(double g, double a, double b) {
        double plain = -g * ((a / b) / b);
        if (!(Double.isFinite(g) && Double.isFinite(a) && Double.isFinite(b)) || g == 0 || a == 0 || b == 0) {
            return plain;
        }
        int eg = Math.getExponent(g);
        int ea = Math.getExponent(a);
        int eb = Math.getExponent(b);
        double mb = Math.scalb(b, -eb);
        double m = -(Math.scalb(g, -eg) * Math.scalb(a, -ea)) / (mb * mb);
        return Math.scalb(m, eg + ea - 2 * eb);
    }

    /** {@code this / c} for a constant {@code c}. */
    public Value div(double c) {
        return div(of(c));
    }

    // ---------------------------------------------------------------- unary operations

    /**
     * {@code this} raised to a constant power; d/dx xⁿ = n·xⁿ⁻¹. A negative base with a non-integer
     * exponent gives NaN, as {@link Math#pow} and PyTorch do; the exponent 0 has derivative 0 everywhere.
     */
    public Value pow(double n) {
        Value out = result(Math.pow(data, n), "^" + formatExponent(n), Kind.POW, this);
        out.exponent = n;
        return out;
    }

    /** {@code -this}. */
    public Value neg() {
        return result(-data, "neg", Kind.NEG, this);
    }

    /**
     * max(0, this); the derivative is 1 where the input is positive and 0 elsewhere, including at 0. NaN
     * stays NaN and passes its gradient on, as in PyTorch.
     */
    public Value relu() {
        return result(data <= 0 ? 0.0 : data, "relu", Kind.RELU, this);
    }

    /** Hyperbolic tangent; d/dx tanh(x) = 1 − tanh²(x). */
    public Value tanh() {
        return result(Math.tanh(data), "tanh", Kind.TANH, this);
    }

    /** eˣ; its derivative is itself. */
    public Value exp() {
        return result(Math.exp(data), "exp", Kind.EXP, this);
    }

    /** Natural logarithm; d/dx ln x = 1/x. {@code log(0) = -Infinity}, a negative input gives NaN. */
    public Value log() {
        return result(Math.log(data), "log", Kind.LOG, this);
    }

    /** The logistic function 1/(1 + e⁻ˣ), computed without overflow; σ'(x) = σ(x)(1 − σ(x)). */
    public Value sigmoid() {
        return result(sigmoid(data), "sigmoid", Kind.SIGMOID, this);
    }

    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** The sum of {@code values} as one node, cheaper than a chain of {@link #add}: every input gets the output gradient. */
    public static Value sum(Collection<Value> values) {
        return sumOwned(values.toArray(NO_PARENTS));
    }

    /** {@link #sum(Collection)} of an array that becomes the node's parents (the caller must not change it). */
    static Value sumOwned(Value[] inputs) {
        double total = 0;
        for (Value v : inputs) {
            total += v.data;
        }
        return result(total, "sum", Kind.SUM, inputs);
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Computes d(this)/d(node) for every node of the graph that produced this value, by the chain rule
     * in reverse topological order. The graph is ordered with an explicit stack, so graphs of millions
     * of nodes do not overflow the call stack. Intermediate gradients are recomputed at each call;
     * leaf gradients accumulate until {@link #zeroGrad()}.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value v : order) {
            if (v.kind != Kind.LEAF) {
                v.grad = 0;
            }
        }
        grad = kind != Kind.LEAF ? 1 : grad + 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            order.get(i).backwardStep();
        }
    }

    /**
     * This node's local backward rule: adds d(output)/d(parent) to each parent's gradient, given this
     * node's gradient {@code g}. The derivative of each op, as its forward method's Javadoc states it.
     */
    private void backwardStep() {
        double g = grad;
        Value a = parents.length > 0 ? parents[0] : null;
        switch (kind) {
            case LEAF -> { }
            case ADD -> {
                a.grad += g;
                parents[1].grad += g;
            }
            case SUB -> {
                a.grad += g;
                parents[1].grad -= g;
            }
            case MUL -> {
                Value b = parents[1];
                a.grad += b.data * g;
                b.grad += a.data * g;
            }
            case DIV -> {
                Value b = parents[1];
                a.grad += g / b.data;
                double d = -a.data / (b.data * b.data) * g;
                b.grad += Double.isFinite(d) && d != 0 ? d : divisorGradient(g, a.data, b.data);
            }
            case POW -> {
                if (exponent != 0) {
                    a.grad += exponent * Math.pow(a.data, exponent - 1) * g;
                }
            }
            case NEG -> a.grad -= g;
            case RELU -> {
                if (!(a.data <= 0)) {
                    a.grad += g;
                }
            }
            case TANH -> a.grad += (1 - data * data) * g;
            case EXP -> a.grad += data * g;
            case LOG -> a.grad += g / a.data;
            case SIGMOID -> a.grad += data * (1 - data) * g;
            case SUM -> {
                for (Value v : parents) {
                    v.grad += g;
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    /** The nodes of this value's graph, every node after all of its parents, this value last. */
    public List<Value> topologicalOrder() {
        int epoch = ++visitEpoch;
        List<Value> order = new ArrayList<>();
        // Iterative post-order depth-first search: a node is emitted once all its parents have been.
        Value[] stack = new Value[64];
        int[] nextParent = new int[64];
        int top = 0;
        stack[0] = this;
        nextParent[0] = 0;
        visitedAt = epoch;
        while (top >= 0) {
            Value node = stack[top];
            int i = nextParent[top];
            if (i < node.parents.length) {
                nextParent[top] = i + 1;
                Value parent = node.parents[i];
                if (parent.visitedAt != epoch) {
                    parent.visitedAt = epoch;
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        nextParent = java.util.Arrays.copyOf(nextParent, top * 2);
                    }
                    stack[top] = parent;
                    nextParent[top] = 0;
                }
            } else {
                order.add(node);
                stack[top--] = null;
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- accessors and training support

    /** The value computed by the forward pass. */
    public double data() {
        return data;
    }

    /** d(output)/d(this) after {@link #backward()} was called on an output; 0 before. */
    public double grad() {
        return grad;
    }

    /** Replaces the data of a parameter in place, e.g. {@code p.setData(p.data() - lr * p.grad())}. */
    public void setData(double data) {
        this.data = data;
    }

    /** Sets the gradient to 0, before the next backward pass of a training loop. */
    public void zeroGrad() {
        grad = 0;
    }

    /** The operation that produced this value ({@code "+"}, {@code "*"}, {@code "tanh"}, ...), empty for a leaf. */
    public String op() {
        return op;
    }

    /** The inputs of the operation that produced this value, empty for a leaf. */
    public List<Value> parents() {
        return List.of(parents);
    }

    /** The name shown for this value when the graph is drawn; empty unless set. */
    public String label() {
        return label;
    }

    /** Names this value for drawings of the graph and returns it, e.g. {@code x.mul(w).label("xw")}. */
    public Value label(String label) {
        this.label = label == null ? "" : label;
        return this;
    }

    /** The graph that produced this value as a standalone SVG document, each node with its data and gradient. */
    @Override
    public String toSvg() {
        return GraphSvg.render(this);
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + ")";
    }

    private static String formatExponent(double n) {
        return n == Math.rint(n) && Math.abs(n) < 1e15 ? Long.toString((long) n) : Double.toString(n);
    }
}
