package jgrad.tensor;

/** Anomaly mode's checks: the first operation whose output or input gradient is not finite is named. */
final class Anomaly {

    private Anomaly() {
    }

    /** Throws when the result of {@code op} holds NaN or infinity. */
    static void checkForward(String op, Tensor result, Tensor[] inputs) {
        int bad = firstNonFinite(result.data);
        if (bad < 0) {
            return;
        }
        StringBuilder ins = new StringBuilder();
        boolean inputWasBad = false;
        for (int i = 0; i < inputs.length; i++) {
            ins.append(i == 0 ? "" : ", ").append(Shape.format(inputs[i].shape));
            inputWasBad |= firstNonFinite(inputs[i].data) >= 0;
        }
        throw new ArithmeticException("anomaly: forward of '" + op + "' produced " + describe(result.data[bad])
                + " at flat index " + bad + " of its result of shape " + Shape.format(result.shape)
                + " (inputs " + ins + ")"
                + (inputWasBad ? "; an input already held a non-finite value (it was created that way)"
                        : "; its inputs were all finite, so this operation is where it starts"));
    }

    /** Throws when the backward of {@code op} left NaN or infinity in an input's gradient. */
    static void checkBackward(String op, Tensor[] inputs) {
        if (inputs == null) {
            return;
        }
        for (int i = 0; i < inputs.length; i++) {
            double[] g = inputs[i].grad;
            if (g == null) {
                continue;
            }
            int bad = firstNonFinite(g);
            if (bad >= 0) {
                throw new ArithmeticException("anomaly: backward of '" + op + "' produced " + describe(g[bad])
                        + " in the gradient of its input " + i + " (shape " + Shape.format(inputs[i].shape)
                        + ") at flat index " + bad + "; the input value there is " + inputs[i].data[bad]);
            }
        }
    }

    private static int firstNonFinite(double[] d) {
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "+infinity" : "-infinity";
    }
}
