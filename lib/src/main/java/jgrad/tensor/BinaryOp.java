package jgrad.tensor;

/**
 * The elementwise binary operations of {@link Tensor}, each with its forward loops and, beside them, its
 * backward rule (micrograd's style: an operation is written once, with its derivative).
 *
 * <p>Every constant must implement every method: a new operation (maximum, a tensor power) cannot be
 * added without its backward rule, and no {@code default} branch computes some other operation for it.
 * The forward loops come in the four forms {@link Broadcast} needs, so each loop stays a plain
 * monomorphic array loop the JIT can vectorise.
 */
enum BinaryOp {

    ADD("add", "+") {
        @Override
        void rows(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n) {
            for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] + y[yo + i];
        }

        @Override
        void withScalar(double[] x, double s, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[i] + s;
        }

        @Override
        void scalarWith(double s, double[] y, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = s + y[i];
        }

        @Override
        void gather(double[] x, int[] ix, double[] y, int[] iy, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[ix[i]] + y[iy[i]];
        }

        /** ∂(a + b)/∂a = 1. */
        @Override
        double[] leftGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return g;
        }

        /** ∂(a + b)/∂b = 1. */
        @Override
        double[] rightGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return g;
        }
    },

    SUB("sub", "-") {
        @Override
        void rows(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n) {
            for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] - y[yo + i];
        }

        @Override
        void withScalar(double[] x, double s, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[i] - s;
        }

        @Override
        void scalarWith(double s, double[] y, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = s - y[i];
        }

        @Override
        void gather(double[] x, int[] ix, double[] y, int[] iy, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[ix[i]] - y[iy[i]];
        }

        /** ∂(a − b)/∂a = 1. */
        @Override
        double[] leftGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return g;
        }

        /** ∂(a − b)/∂b = −1. */
        @Override
        double[] rightGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            double[] r = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                r[i] = -g[i];
            }
            return r;
        }
    },

    MUL("mul", "*") {
        @Override
        void rows(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n) {
            for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] * y[yo + i];
        }

        @Override
        void withScalar(double[] x, double s, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[i] * s;
        }

        @Override
        void scalarWith(double s, double[] y, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = s * y[i];
        }

        @Override
        void gather(double[] x, int[] ix, double[] y, int[] iy, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[ix[i]] * y[iy[i]];
        }

        /** ∂(a · b)/∂a = b. */
        @Override
        double[] leftGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return bc.withRight(MUL, g, b);
        }

        /** ∂(a · b)/∂b = a. */
        @Override
        double[] rightGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return bc.withLeft(MUL, g, a);
        }
    },

    DIV("div", "/") {
        @Override
        void rows(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n) {
            for (int i = 0; i < n; i++) out[oo + i] = x[xo + i] / y[yo + i];
        }

        @Override
        void withScalar(double[] x, double s, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[i] / s;
        }

        @Override
        void scalarWith(double s, double[] y, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = s / y[i];
        }

        @Override
        void gather(double[] x, int[] ix, double[] y, int[] iy, double[] out) {
            for (int i = 0; i < out.length; i++) out[i] = x[ix[i]] / y[iy[i]];
        }

        /** ∂(a / b)/∂a = 1 / b. */
        @Override
        double[] leftGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            return bc.withRight(DIV, g, b);
        }

        /** ∂(a / b)/∂b = −a / b² = −(a / b) / b: the result is reused, so no square is formed. */
        @Override
        double[] rightGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out) {
            double[] t = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                t[i] = -g[i] * out[i];
            }
            return bc.withRight(DIV, t, b);
        }
    };

    /** The operation's name, as {@link Tensor#op()} reports it and the public method is called. */
    final String label;
    /** How the operation reads between its operands in a shape error, e.g. {@code (2, 3) + (4)}. */
    final String symbol;

    BinaryOp(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    /** {@code out[oo + i] = x[xo + i] op y[yo + i]} for {@code i < n}: operands laid out alike. */
    abstract void rows(double[] x, int xo, double[] y, int yo, double[] out, int oo, int n);

    /** {@code out[i] = x[i] op s} for the whole of {@code out}: a one-element right operand. */
    abstract void withScalar(double[] x, double s, double[] out);

    /** {@code out[i] = s op y[i]} for the whole of {@code out}: a one-element left operand. */
    abstract void scalarWith(double s, double[] y, double[] out);

    /** {@code out[i] = x[ix[i]] op y[iy[i]]}: operands reached through broadcast index maps. */
    abstract void gather(double[] x, int[] ix, double[] y, int[] iy, double[] out);

    /**
     * The gradient with respect to the left operand, result-shaped (before it is summed over the
     * broadcast dimensions), from the result's gradient {@code g}; {@code a}, {@code b} and {@code out}
     * are the operands' and the result's data, laid out by {@code bc}.
     */
    abstract double[] leftGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out);

    /** The gradient with respect to the right operand, result-shaped, as {@link #leftGrad}. */
    abstract double[] rightGrad(double[] g, Broadcast bc, double[] a, double[] b, double[] out);
}
