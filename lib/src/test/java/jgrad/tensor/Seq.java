package jgrad.tensor;

/** The test inputs of torch_reference_values.py: element i is sin(a·i + b). */
public final class Seq {

    private Seq() {
    }

    /** sin(0.7·i + 0.3) in the given shape. */
    public static Tensor seq(int... shape) {
        return seq(0.7, 0.3, shape);
    }

    /** sin(a·i + b) in the given shape. */
    public static Tensor seq(double a, double b, int... shape) {
        double[] d = new double[Shape.size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sin(a * i + b);
        }
        return Tensor.zeros(shape).setData(d);
    }
}
