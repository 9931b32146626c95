package jgrad.exercises;

import static jgrad.exercises.Failure.near;

import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/** Checks of 00_warmup.ipynb: four small tasks on Value, 10 points. Tolerance: {@link Failure#TOLERANCE}. */
@Exercise("00_warmup")
class WarmupChecks {

    @Test
    @Points(1)
    void task1AffineValue(NotebookSession nb) {
        double value = nb.evalDouble("affine(Value.of(3.0), 2.0, 1.0).data()");
        Failure.of("affine(x = 3, w = 2, b = 1) should be 2·3 + 1 = 7").got(value)
                .likely(value, Mistake.of(6.0, "b is not added"), Mistake.of(4.0, "x + w instead of x·w"))
                .unless(near(7.0, value));
        double other = nb.evalDouble("affine(Value.of(-1.0), 0.5, 4.0).data()");
        Failure.of("affine(x = -1, w = 0.5, b = 4) should be 3.5").got(other).unless(near(3.5, other));
    }

    @Test
    @Points(1)
    void task1AffineGradientReachesX(NotebookSession nb) {
        nb.declare("double check$affineGrad() { Value x = Value.of(3.0); affine(x, 2.0, 1.0).backward(); "
                + "return x.grad(); }");
        double grad = nb.evalDouble("check$affineGrad()");
        Failure.of("after affine(x, w = 2, b = 1).backward(), x.grad() should be w = 2").got(grad)
                .then(": build the result from x with Value operations, not from x.data()")
                .unless(near(2.0, grad));
    }

    @Test
    @Points(2)
    void task2SlopeAt(NotebookSession nb) {
        double[][] cases = {{1.0, 5.0}, {-2.0, -1.0}, {0.5, 4.0}};
        String[] why = {"2·1 + 3 = 5", "2·(-2) + 3 = -1", "4"};
        for (int i = 0; i < cases.length; i++) {
            double x = cases[i][0];
            double slope = nb.evalDouble("slopeAt(" + x + ")");
            Failure.of("slopeAt(" + Show.num(x) + ") should be " + why[i]).got(slope).unless(near(cases[i][1], slope));
        }
    }

    @Test
    @Points(1)
    void task3NeuronValue(NotebookSession nb) {
        double first = nb.evalDouble("neuron(Value.of(1.0), Value.of(2.0), 0.5, -0.25, 0.1).data()");
        Failure.of("neuron(x1 = 1, x2 = 2, w1 = 0.5, w2 = -0.25, b = 0.1) should be tanh(0.5 - 0.5 + 0.1) = tanh(0.1) = "
                + Show.num(Math.tanh(0.1))).got(first)
                .likely(first, Mistake.of(0.1, "tanh is not applied"))
                .unless(near(Math.tanh(0.1), first));
        double second = nb.evalDouble("neuron(Value.of(-1.0), Value.of(0.0), 2.0, 7.0, 0.5).data()");
        Failure.of("neuron(x1 = -1, x2 = 0, w1 = 2, w2 = 7, b = 0.5) should be tanh(-1.5) = " + Show.num(Math.tanh(-1.5)))
                .got(second).likely(second, Mistake.of(-1.5, "tanh is not applied"))
                .unless(near(Math.tanh(-1.5), second));
    }

    @Test
    @Points(2)
    void task3NeuronGradients(NotebookSession nb) {
        nb.declare("double[] check$neuronGrads() { Value x1 = Value.of(1.0); Value x2 = Value.of(2.0); "
                + "neuron(x1, x2, 0.5, -0.25, 0.1).backward(); return new double[] {x1.grad(), x2.grad()}; }");
        double slope = 1 - Math.tanh(0.1) * Math.tanh(0.1);
        double[] expected = {0.5 * slope, -0.25 * slope};
        double[] grads = nb.evalDoubleArray("check$neuronGrads()");
        Failure.of("at x1 = 1, x2 = 2, w1 = 0.5, w2 = -0.25, b = 0.1 the gradients [dx1, dx2] should be "
                + "[w1·(1 - tanh²(0.1)), w2·(1 - tanh²(0.1))] = " + Show.list(expected)).got(grads)
                .likely(grads, Mistake.of(new double[] {0.5, -0.25}, "the tanh's derivative 1 - tanh² is missing"),
                        Mistake.of(new double[] {0, 0}, "no gradient reaches x1 and x2: use Value operations"))
                .unless(near(expected, grads));
    }

    @Test
    @Points(1)
    void task4MseValue(NotebookSession nb) {
        double mse = nb.evalDouble("mse(List.of(Value.of(1.0), Value.of(2.0), Value.of(3.0)), "
                + "List.of(Value.of(1.0), Value.of(1.0), Value.of(1.0))).data()");
        Failure.of("mse([1, 2, 3], [1, 1, 1]) should be (0 + 1 + 4) / 3 = 5/3").got(mse)
                .likely(mse, Mistake.of(5.0, "the sum of the squares instead of their mean"),
                        Mistake.of(1.0, "the mean of |p − t| instead of (p − t)²"))
                .unless(near(5.0 / 3.0, mse));
        double zero = nb.evalDouble("mse(List.of(Value.of(4.0)), List.of(Value.of(4.0))).data()");
        Failure.of("mse([4], [4]) should be 0").got(zero).unless(near(0.0, zero));
    }

    @Test
    @Points(2)
    void task4MseGradients(NotebookSession nb) {
        nb.declare("double[] check$mseGrads() { List<Value> p = List.of(Value.of(1.0), Value.of(2.0), Value.of(3.0)); "
                + "mse(p, List.of(Value.of(1.0), Value.of(1.0), Value.of(1.0))).backward(); "
                + "return new double[] {p.get(0).grad(), p.get(1).grad(), p.get(2).grad()}; }");
        double[] grads = nb.evalDoubleArray("check$mseGrads()");
        Failure.of("for p = [1, 2, 3], t = [1, 1, 1] the gradients dmse/dp should be 2(p - t)/n = [0, 2/3, 4/3]")
                .got(grads).likely(grads, Mistake.of(new double[] {0, 2, 4}, "the sum instead of the mean (missing the 1/n)"))
                .unless(near(new double[] {0.0, 2.0 / 3.0, 4.0 / 3.0}, grads));
    }
}
