package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/** Checks of 00_warmup.ipynb: four small tasks on Value, 10 points. */
@Exercise("00_warmup")
class WarmupChecks {

    private static final double EPS = 1e-9;

    @Test
    @Points(1)
    void task1AffineValue(NotebookSession nb) {
        assertEquals(7.0, nb.evalDouble("affine(Value.of(3.0), 2.0, 1.0).data()"), EPS,
                "affine(x = 3, w = 2, b = 1) should be 2·3 + 1 = 7");
        assertEquals(3.5, nb.evalDouble("affine(Value.of(-1.0), 0.5, 4.0).data()"), EPS,
                "affine(x = -1, w = 0.5, b = 4) should be 3.5");
    }

    @Test
    @Points(1)
    void task1AffineGradientReachesX(NotebookSession nb) {
        nb.declare("double check$affineGrad() { Value x = Value.of(3.0); affine(x, 2.0, 1.0).backward(); "
                + "return x.grad(); }");
        assertEquals(2.0, nb.evalDouble("check$affineGrad()"), EPS,
                "after affine(x, w = 2, b = 1).backward(), x.grad() should be w = 2: build the result from x "
                        + "with Value operations, not from x.data()");
    }

    @Test
    @Points(2)
    void task2SlopeAt(NotebookSession nb) {
        assertEquals(5.0, nb.evalDouble("slopeAt(1.0)"), EPS, "slopeAt(1) should be 2·1 + 3 = 5");
        assertEquals(-1.0, nb.evalDouble("slopeAt(-2.0)"), EPS, "slopeAt(-2) should be 2·(-2) + 3 = -1");
        assertEquals(4.0, nb.evalDouble("slopeAt(0.5)"), EPS, "slopeAt(0.5) should be 4");
    }

    @Test
    @Points(1)
    void task3NeuronValue(NotebookSession nb) {
        assertEquals(Math.tanh(0.1), nb.evalDouble("neuron(Value.of(1.0), Value.of(2.0), 0.5, -0.25, 0.1).data()"),
                EPS, "neuron(x1 = 1, x2 = 2, w1 = 0.5, w2 = -0.25, b = 0.1) should be tanh(0.5 - 0.5 + 0.1) = tanh(0.1)");
        assertEquals(Math.tanh(-1.5), nb.evalDouble("neuron(Value.of(-1.0), Value.of(0.0), 2.0, 7.0, 0.5).data()"),
                EPS, "neuron(x1 = -1, x2 = 0, w1 = 2, w2 = 7, b = 0.5) should be tanh(-1.5)");
    }

    @Test
    @Points(2)
    void task3NeuronGradients(NotebookSession nb) {
        nb.declare("double[] check$neuronGrads() { Value x1 = Value.of(1.0); Value x2 = Value.of(2.0); "
                + "neuron(x1, x2, 0.5, -0.25, 0.1).backward(); return new double[] {x1.grad(), x2.grad()}; }");
        double slope = 1 - Math.tanh(0.1) * Math.tanh(0.1);
        assertArrayEquals(new double[] {0.5 * slope, -0.25 * slope}, nb.evalDoubleArray("check$neuronGrads()"), EPS,
                "at x1 = 1, x2 = 2, w1 = 0.5, w2 = -0.25, b = 0.1 the gradients [dx1, dx2] should be "
                        + "[w1·(1 - tanh²(0.1)), w2·(1 - tanh²(0.1))]");
    }

    @Test
    @Points(1)
    void task4MseValue(NotebookSession nb) {
        assertEquals(5.0 / 3.0, nb.evalDouble("mse(List.of(Value.of(1.0), Value.of(2.0), Value.of(3.0)), "
                + "List.of(Value.of(1.0), Value.of(1.0), Value.of(1.0))).data()"), EPS,
                "mse([1, 2, 3], [1, 1, 1]) should be (0 + 1 + 4) / 3 = 5/3");
        assertEquals(0.0, nb.evalDouble("mse(List.of(Value.of(4.0)), List.of(Value.of(4.0))).data()"), EPS,
                "mse([4], [4]) should be 0");
    }

    @Test
    @Points(2)
    void task4MseGradients(NotebookSession nb) {
        nb.declare("double[] check$mseGrads() { List<Value> p = List.of(Value.of(1.0), Value.of(2.0), Value.of(3.0)); "
                + "mse(p, List.of(Value.of(1.0), Value.of(1.0), Value.of(1.0))).backward(); "
                + "return new double[] {p.get(0).grad(), p.get(1).grad(), p.get(2).grad()}; }");
        assertArrayEquals(new double[] {0.0, 2.0 / 3.0, 4.0 / 3.0}, nb.evalDoubleArray("check$mseGrads()"), EPS,
                "for p = [1, 2, 3], t = [1, 1, 1] the gradients dmse/dp should be 2(p - t)/n = [0, 2/3, 4/3]");
    }
}
