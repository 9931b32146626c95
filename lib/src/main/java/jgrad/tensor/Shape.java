package jgrad.tensor;

import java.util.Arrays;

/**
 * Shape rules shared by every tensor operation, and the error messages that explain them.
 *
 * <p>A shape is an {@code int[]} of dimensions, outermost first; {@code ()} is a scalar. Broadcasting
 * follows NumPy: align the shapes from the right; each pair of dimensions must be equal or one of them
 * must be 1; missing leading dimensions count as 1.
 */
public final class Shape {

    private Shape() {
    }

    /** {@code (4, 3)}; a scalar is {@code ()} and a vector {@code (5)}. */
    public static String format(int... shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** The number of elements, the product of the dimensions (1 for a scalar). */
    public static int size(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + format(shape) + " has " + n
                    + " elements, more than a Java array can hold (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    /** Checks that every dimension is at least 0 and returns a private copy. */
    static int[] checked(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": shape " + format(shape)
                        + " has a negative dimension; every dimension must be 0 or more");
            }
        }
        return shape.clone();
    }

    /**
     * The broadcast shape of {@code a} and {@code b}, or an error naming the operation, both shapes and
     * the rule. {@code symbol} is how the operation reads between its operands, e.g. {@code "+"}.
     */
    public static int[] broadcast(String op, String symbol, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, rank - 1 - i);
            int db = dimFromRight(b, rank - 1 - i);
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new IllegalArgumentException(op + ": " + format(a) + " " + symbol + " " + format(b)
                        + ": shapes broadcast when, aligned from the right, each pair of dimensions is equal"
                        + " or one of them is 1; here " + da + " and " + db + " clash");
            }
        }
        return out;
    }

    /** The dimension {@code fromRight} places from the last one, 1 when the shape is shorter. */
    private static int dimFromRight(int[] shape, int fromRight) {
        int i = shape.length - 1 - fromRight;
        return i >= 0 ? shape[i] : 1;
    }

    /** A non-negative axis for {@code axis} (negative counts from the end), or an error that explains the range. */
    public static int axis(String op, int axis, int[] shape) {
        int rank = shape.length;
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of shape "
                    + format(shape) + " (rank " + rank + "); use 0.." + (rank - 1)
                    + (rank > 0 ? " or -" + rank + "..-1" : ""));
        }
        return a;
    }

    /** Row-major strides: the distance in the data between neighbours along each axis. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }

    /** The shape without dimension {@code axis}, or with a 1 in its place when {@code keepDim}. */
    static int[] reduced(int[] shape, int axis, boolean keepDim) {
        if (keepDim) {
            int[] out = shape.clone();
            out[axis] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != axis) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** The product of the dimensions before {@code axis}. */
    static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** The product of the dimensions after {@code axis}. */
    static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    static boolean same(int[] a, int[] b) {
        return Arrays.equals(a, b);
    }
}
