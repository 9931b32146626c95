package jgrad.autograd;

import java.util.List;

/** Something with trainable scalar parameters: a {@link Neuron}, a {@link Layer} or an {@link MLP}. */
public interface ScalarModule {

    /** Every trainable parameter, in a fixed order. */
    List<Value> parameters();

    /** Sets the gradient of every parameter to 0, before the next backward pass. */
    default void zeroGrad() {
        for (Value p : parameters()) {
            p.zeroGrad();
        }
    }
}
