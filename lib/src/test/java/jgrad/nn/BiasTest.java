package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/** bias(false) on Linear and Conv2d, like PyTorch's bias=False. */
class BiasTest {

    @Test
    void linearWithoutBiasComputesXTimesWTransposed() {
        Linear fc = new Linear(3, 2, new Random(1)).bias(false);
        assertFalse(fc.hasBias());
        assertEquals(List.of("weight"), List.copyOf(fc.namedParameters().keySet()));
        assertEquals(6, fc.parameterCount());
        Tensor x = Tensor.randn(new Random(2), 4, 3);
        assertArrayEquals(x.matmul(fc.weight().transpose()).data(), fc.forward(x).data(), 0.0);
        assertEquals("Linear(3 -> 2, no bias)", fc.toString());
        fc.forward(x).sum().backward();
        assertTrue(fc.weight().hasGrad());
    }

    @Test
    void conv2dWithoutBiasIsTheConvolutionAlone() {
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, new Random(1)).bias(false);
        Tensor x = Tensor.randn(new Random(2), 2, 2, 5, 5);
        assertArrayEquals(Functional.conv2d(x, conv.weight(), null, 1, 1).data(), conv.forward(x).data(), 0.0);
        assertEquals(List.of("weight"), List.copyOf(conv.namedParameters().keySet()));
        assertEquals("Conv2d(2 -> 3, 3x3, padding 1, no bias)", conv.toString());
    }

    @Test
    void theWeightsAndLaterLayersDrawTheSameNumbersAsWithABias() {
        Init.manualSeed(7);
        Linear withBias = new Linear(4, 3);
        Conv2d convWithBias = new Conv2d(2, 2, 3);
        Linear after = new Linear(3, 2);
        Init.manualSeed(7);
        Linear without = new Linear(4, 3).bias(false);
        Conv2d convWithout = new Conv2d(2, 2, 3).bias(false);
        Linear afterWithout = new Linear(3, 2);
        assertArrayEquals(withBias.weight().data(), without.weight().data(), 0.0);
        assertArrayEquals(convWithBias.weight().data(), convWithout.weight().data(), 0.0);
        assertArrayEquals(after.weight().data(), afterWithout.weight().data(), 0.0);
        assertArrayEquals(after.bias().data(), afterWithout.bias().data(), 0.0);
    }

    @Test
    void summaryCountsOnlyTheWeights() {
        Sequential model = new Sequential(new Conv2d(3, 8, 3).bias(false), new ReLU(), new Flatten(),
                new Linear(8 * 30 * 30, 10).bias(false));
        Summary s = model.summary(3, 32, 32);
        assertEquals(3 * 8 * 9, s.rows().get(0).params());
        assertEquals(8 * 30 * 30 * 10, s.rows().get(3).params());
        assertEquals(model.parameterCount(), s.totalParams());
    }

    @Test
    void aMissingBiasIsExplained() {
        Linear fc = new Linear(2, 2, new Random(1)).bias(false);
        assertEquals("Linear(2 -> 2, no bias) has no bias: it was removed with bias(false); check hasBias() first",
                assertThrows(IllegalStateException.class, fc::bias).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> fc.bias(true)).getMessage()
                .contains("bias(true) after bias(false)"));
        Linear kept = new Linear(2, 2, new Random(1));
        assertTrue(kept.bias(true).hasBias());
    }
}
