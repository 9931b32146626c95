package jgrad.tensor;

/**
 * The broadcasting engine of elementwise binary operations: how each operand of {@code a op b} is laid
 * out in the result, the forward loop that follows those layouts, and the sum that brings a
 * result-shaped gradient back to an operand's shape.
 *
 * <p>An operand is laid out in one of three ways. {@link Kind#SAME}: it has the result's shape.
 * {@link Kind#REPEAT}: without its leading 1s it equals the result's trailing dimensions, so its data
 * repeats block after block (a bias row, a scalar); no index arithmetic is needed. {@link Kind#MAP}:
 * anything else, through a map from each result element to the operand element broadcasting puts
 * there. The shape rule itself and its error message are {@link Shape#broadcast}.
 */
final class Broadcast {

    /** How an operand is laid out in the result. */
    enum Kind { SAME, REPEAT, MAP }

    /** One operand: its shape, its layout and, for {@link Kind#MAP}, its index map. */
    record Layout(int[] shape, Kind kind, int[] map) {

        static Layout of(int[] s, int[] out) {
            if (Shape.same(s, out)) {
                return new Layout(s, Kind.SAME, null);
            }
            if (repeatsAsSuffix(s, out)) {
                return new Layout(s, Kind.REPEAT, null);
            }
            return new Layout(s, Kind.MAP, index(s, out));
        }

        /** The index map, computed now when the layout did not need one. */
        int[] mapTo(int[] out) {
            return kind == Kind.MAP ? map : index(shape, out);
        }
    }

    final int[] outShape;
    final int size;
    final Layout left;
    final Layout right;

    private Broadcast(int[] outShape, Layout left, Layout right) {
        this.outShape = outShape;
        this.size = Shape.size(outShape);
        this.left = left;
        this.right = right;
    }

    /** The layouts of {@code a op b}, or the shape error naming the operation and both shapes. */
    static Broadcast of(BinaryOp op, int[] a, int[] b) {
        if (Shape.same(a, b)) {
            Layout same = new Layout(a, Kind.SAME, null);
            return new Broadcast(a, same, same);
        }
        int[] out = Shape.broadcast(op.label, op.symbol, a, b);
        return new Broadcast(out, Layout.of(a, out), Layout.of(b, out));
    }

    /** {@code a op b}, both broadcast to the result's shape. */
    double[] apply(BinaryOp op, double[] a, double[] b) {
        double[] out = new double[size];
        if (left.kind == Kind.SAME && right.kind != Kind.MAP) {
            repeat(op, a, b, out, false);
        } else if (right.kind == Kind.SAME && left.kind != Kind.MAP) {
            repeat(op, b, a, out, true);
        } else {
            op.gather(a, left.mapTo(outShape), b, right.mapTo(outShape), out);
        }
        return out;
    }

    /** {@code x op b} for a result-shaped {@code x}, with the right operand's data broadcast. */
    double[] withRight(BinaryOp op, double[] x, double[] b) {
        return withOperand(op, x, b, right);
    }

    /** {@code x op a} for a result-shaped {@code x}, with the left operand's data broadcast. */
    double[] withLeft(BinaryOp op, double[] x, double[] a) {
        return withOperand(op, x, a, left);
    }

    private static double[] withOperand(BinaryOp op, double[] x, double[] operand, Layout layout) {
        double[] r = new double[x.length];
        return switch (layout.kind) {
            case SAME, REPEAT -> {
                repeat(op, x, operand, r, false);
                yield r;
            }
            case MAP -> {
                int[] id = new int[x.length];
                for (int i = 0; i < id.length; i++) {
                    id[i] = i;
                }
                op.gather(x, id, operand, layout.map, r);
                yield r;
            }
        };
    }

    /** Adds a result-shaped gradient into the left operand's gradient, summing over the broadcast dimensions. */
    void reduceIntoLeft(double[] target, double[] contrib) {
        reduceInto(target, contrib, left);
    }

    /** Adds a result-shaped gradient into the right operand's gradient, summing over the broadcast dimensions. */
    void reduceIntoRight(double[] target, double[] contrib) {
        reduceInto(target, contrib, right);
    }

    private static double[] reduceInto(double[] target, double[] contrib, Layout layout) {
        return switch (layout.kind) {
            case SAME -> sumSame(target, contrib);
            case REPEAT -> sumRepeated(target, contrib);
            case MAP -> sumMapped(target, contrib, layout.map);
        };
    }

    private static double[] sumSame(double[] target, double[] contrib) {
        for (int i = 0; i < contrib.length; i++) {
            target[i] += contrib[i];
        }
        return target;
    }

    /** Sums the blocks of {@code contrib} into {@code target} (one block per repetition), in order. */
    private static double[] sumRepeated(double[] target, double[] contrib) {
        int m = target.length;
        if (m == 1) {
            double sum = 0;
            for (double c : contrib) {
                sum += c;
            }
            target[0] += sum;
        } else {
            for (int base = 0; base < contrib.length; base += m) {
                for (int j = 0; j < m; j++) {
                    target[j] += contrib[base + j];
                }
            }
        }
        return target;
    }

    private static double[] sumMapped(double[] target, double[] contrib, int[] map) {
        for (int i = 0; i < contrib.length; i++) {
            target[map[i]] += contrib[i];
        }
        return target;
    }

    /**
     * {@code out = big op small} where {@code small} repeats block after block over {@code big}
     * (same shape, a bias row or a scalar); {@code swapped} computes {@code small op big} instead.
     */
    private static void repeat(BinaryOp op, double[] big, double[] small, double[] out, boolean swapped) {
        int n = out.length;
        int m = small.length;
        if (m == 1) {
            if (swapped) {
                op.scalarWith(small[0], big, out);
            } else {
                op.withScalar(big, small[0], out);
            }
            return;
        }
        for (int base = 0; base < n; base += m) {
            if (swapped) {
                op.rows(small, 0, big, base, out, base, m);
            } else {
                op.rows(big, base, small, 0, out, base, m);
            }
        }
    }

    /**
     * True when {@code small}, without its leading 1s, equals the trailing dimensions of {@code big}:
     * then broadcasting {@code small} to {@code big} repeats its data block after block (a bias row, a scalar).
     */
    static boolean repeatsAsSuffix(int[] small, int[] big) {
        int start = 0;
        while (start < small.length && small[start] == 1) {
            start++;
        }
        int len = small.length - start;
        if (len > big.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (small[start + i] != big[big.length - len + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * For each element of a tensor of shape {@code out} (row-major), the index of the element of a tensor
     * of shape {@code in} that broadcasting maps onto it: a broadcast dimension has stride 0.
     */
    static int[] index(int[] in, int[] out) {
        int rank = out.length;
        int[] inStride = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int j = in.length - rank + i;
            int d = j >= 0 ? in[j] : 1;
            inStride[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return gather(out, inStride);
    }

    /**
     * For each element of {@code outShape} (row-major), its source index given the source's stride along
     * each output axis: what broadcasting (stride 0) and {@link Tensor#permute} (reordered strides) read.
     */
    static int[] gather(int[] outShape, int[] srcStride) {
        int n = Shape.size(outShape);
        int r = outShape.length;
        int[] map = new int[n];
        int[] counter = new int[r];
        int offset = 0;
        for (int k = 0; k < n; k++) {
            map[k] = offset;
            for (int i = r - 1; i >= 0; i--) {
                counter[i]++;
                offset += srcStride[i];
                if (counter[i] < outShape[i]) {
                    break;
                }
                offset -= srcStride[i] * counter[i];
                counter[i] = 0;
            }
        }
        return map;
    }
}
