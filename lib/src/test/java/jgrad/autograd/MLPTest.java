package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MLPTest {

    @Test
    void micrograDemoModelHas337Parameters() {
        MLP model = new MLP(2, new int[] {16, 16, 1}, 1337);
        assertEquals(337, model.parameters().size());
        assertEquals(3, model.layers().size());
    }

    @Test
    void sameSeedSameWeights() {
        List<Value> a = new MLP(3, new int[] {4, 1}, 7).parameters();
        List<Value> b = new MLP(3, new int[] {4, 1}, 7).parameters();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).data(), b.get(i).data());
        }
    }

    @Test
    void lastLayerIsLinear() {
        MLP model = new MLP(1, new int[] {1}, 3);
        Value w = model.parameters().get(0);
        w.setData(-2.0);
        assertEquals(-2.0, model.forward(1.0).get(0).data(), "no ReLU on the output layer");
    }

    @Test
    void wrongInputSizeIsExplained() {
        MLP model = new MLP(2, new int[] {3, 1}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.forward(1.0, 2.0, 3.0));
        assertEquals("Neuron.forward: expected 2 inputs, got 3", e.getMessage());
    }

    @Test
    void learnsXorWithGradientDescent() {
        double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] ys = {-1, 1, 1, -1};
        MLP model = new MLP(2, new int[] {8, 1}, 42);
        double loss = Double.NaN;
        for (int step = 0; step < 300; step++) {
            List<Value> errors = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) {
                errors.add(model.forward(xs[i]).get(0).sub(ys[i]).pow(2));
            }
            Value total = Value.sum(errors);
            model.zeroGrad();
            total.backward();
            for (Value p : model.parameters()) {
                p.setData(p.data() - 0.05 * p.grad());
            }
            loss = total.data();
        }
        assertTrue(loss < 1e-3, "loss after 300 steps: " + loss);
    }
}
