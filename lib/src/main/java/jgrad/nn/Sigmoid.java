package jgrad.nn;

import jgrad.tensor.Tensor;

/** The sigmoid activation as a layer: {@code x.sigmoid()} elementwise; no parameters. */
public class Sigmoid extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        return "Sigmoid()";
    }
}
