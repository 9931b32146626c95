package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

class ModuleTest {

    @Test
    void parametersHaveNamesAndRequireGradients() {
        Linear first = new Linear(4, 3, new Random(1));
        Sequential model = new Sequential(first, new ReLU(), new Linear(3, 2, new Random(2)));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertSame(first.weight(), model.parameter("0.weight"));
        assertArrayEquals(new int[] {3, 4}, first.weight().shape());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, model.parameterCount());
        assertTrue(model.parameters().stream().allMatch(Tensor::needsGrad));
    }

    @Test
    void initialisationIsSeededAndBounded() {
        Linear a = new Linear(16, 8, new Random(3));
        Linear b = new Linear(16, 8, new Random(3));
        assertArrayEquals(a.weight().data(), b.weight().data());
        for (double w : a.weight().data()) {
            assertTrue(Math.abs(w) <= 0.25);
        }
        Init.manualSeed(42);
        double[] first = new Linear(2, 2).weight().data();
        Init.manualSeed(42);
        assertArrayEquals(first, new Linear(2, 2).weight().data());
        assertNotEquals(first[0], new Linear(2, 2).weight().data()[0]);
    }

    @Test
    void theCourseInitialisationCanBeSet() {
        Linear fc = new Linear(4, 32);
        Random rng = new Random(0);
        fc.weight().setData(Tensor.rand(rng, 32, 4).mul(0.1));
        fc.bias().setData(Tensor.zeros(32));
        assertEquals(0.0, fc.bias().sum().item());
        assertTrue(fc.weight().needsGrad());
    }

    @Test
    void evalTurnsDropoutOffAndZeroGradClears() {
        Sequential model = new Sequential(new Linear(3, 3, new Random(1)), new Dropout(0.5, new Random(2)));
        Tensor x = Tensor.ones(4, 3);
        model.eval();
        assertFalse(model.get(1).isTraining());
        assertArrayEquals(model.forward(x).data(), model.forward(x).data());
        model.train();
        Tensor y = model.forward(x);
        assertTrue(java.util.Arrays.stream(y.data()).anyMatch(v -> v == 0.0));
        y.sum().backward();
        model.zeroGrad();
        assertEquals(0.0, model.parameter("0.weight").grad().abs().sum().item());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Sequential(\n  (0): Linear(2 -> 2)\n  (1): Sigmoid()\n  (2): Linear(2 -> 1)\n)",
                new Sequential(new Linear(2, 2), new Sigmoid(), new Linear(2, 1)).toString());
    }
}
