package jgrad.nn;

import jgrad.tensor.Tensor;

/** The relu activation as a layer: {@code x.relu()} elementwise; no parameters. */
public class ReLU extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
