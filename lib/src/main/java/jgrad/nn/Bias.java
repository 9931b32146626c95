package jgrad.nn;

import jgrad.tensor.Tensor;

/** The optional bias of {@link Linear} and {@link Conv2d}: what their {@code bias()} and {@code bias(boolean)} do. */
final class Bias {

    private Bias() {
    }

    /** {@code bias}, or the error that explains that {@code layer} has none. */
    static Tensor required(Module layer, Tensor bias) {
        if (bias == null) {
            throw new IllegalStateException(layer + " has no bias: it was removed with bias(false); check hasBias() first");
        }
        return bias;
    }

    /** The bias {@code layer} keeps after {@code bias(on)}: null once removed (and unregistered). */
    static Tensor switched(Module layer, Tensor bias, boolean on) {
        if (on && bias == null) {
            throw new IllegalStateException(layer + ": bias(true) after bias(false): the removed bias is gone;"
                    + " build a new layer to have one");
        }
        if (!on && bias != null) {
            layer.unregister("bias");
            return null;
        }
        return bias;
    }
}
