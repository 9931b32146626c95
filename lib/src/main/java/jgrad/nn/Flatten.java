package jgrad.nn;

import jgrad.tensor.Tensor;

/** (N, d1, d2, ...) → (N, d1·d2·...), the bridge from convolutions to dense layers. */
public class Flatten extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return Functional.flatten(x);
    }

    @Override
    public int[] outputShape(int... inputShape) {
        if (inputShape.length < 1) {
            throw new IllegalArgumentException("flatten: a scalar has no batch dimension to keep");
        }
        int rest = 1;
        for (int i = 1; i < inputShape.length; i++) {
            rest *= inputShape[i];
        }
        return new int[] {inputShape[0], rest};
    }

    @Override
    public String toString() {
        return "Flatten()";
    }

}
