package jgrad.nn;

import jgrad.tensor.Tensor;

/** The tanh activation as a layer: {@code x.tanh()} elementwise; no parameters. */
public class Tanh extends Module {

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }

    @Override
    public int[] outputShape(int... inputShape) {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        return "Tanh()";
    }
}
