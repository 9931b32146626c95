package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TensorBasicsTest {

    @Test
    void creationAndReading() {
        Tensor t = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6.0, t.get(1, 2));
        assertArrayEquals(new int[] {3}, Tensor.of(new double[] {1, 2, 3}).shape());
        assertArrayEquals(new int[0], Tensor.scalar(2.5).shape());
        assertEquals(2.5, Tensor.scalar(2.5).item());
        assertArrayEquals(new double[] {0, 0}, Tensor.zeros(2).data());
        assertArrayEquals(new double[] {1, 1, 1}, Tensor.ones(3, 1).data());
        assertArrayEquals(new double[] {1, 2, 3, 4}, Tensor.of(new double[][] {{1, 2}, {3, 4}}).data());
    }

    @Test
    void dataIsACopyAndOfCopiesItsInput() {
        double[] src = {1, 2};
        Tensor t = Tensor.of(src);
        src[0] = 99;
        t.data()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, t.data());
    }

    @Test
    void seededRandomTensorsRepeat() {
        assertArrayEquals(Tensor.randn(new Random(5), 3, 2).data(), Tensor.randn(new Random(5), 3, 2).data());
        Tensor u = Tensor.uniform(new Random(1), -2, -1, 100);
        for (double v : u.data()) {
            assertTrue(v >= -2 && v < -1);
        }
    }

    @Test
    void backwardFillsLeafGradientsAndAccumulates() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().data());
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {5, 7, 9}, x.grad().data());
        x.zeroGrad();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().data());
    }

    @Test
    void theGraphIsFreedAfterBackward() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        Tensor y = x.mul(x);
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("already used by a previous backward()"), e.getMessage());
    }

    @Test
    void noGradScopeRecordsNothingAndRestores() {
        Tensor w = Tensor.ones(2).requiresGrad();
        try (var scope = Tensor.noGrad()) {
            assertFalse(Tensor.isGradEnabled());
            Tensor y = w.mul(2);
            assertFalse(y.needsGrad());
            w.subInPlace(w.grad().mul(0.1));
        }
        assertTrue(Tensor.isGradEnabled());
        assertTrue(w.mul(2).needsGrad());
    }

    @Test
    void detachSharesValuesButNotTheGraph() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad();
        Tensor d = x.mul(2).detach();
        assertFalse(d.needsGrad());
        assertArrayEquals(new double[] {2, 4}, d.data());
    }

    @Test
    void shapeOperationsMoveTheRightElements() {
        Tensor t = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, t.transpose().data());
        assertArrayEquals(new int[] {3, 2}, t.reshape(-1, 2).shape());
        assertArrayEquals(new double[] {3, 4, 5, 0, 1, 2}, t.rows(1, 0).data());
        assertArrayEquals(new double[] {0, 1, 2, 9, 3, 4, 5, 9}, Tensor.cat(1, t, Tensor.full(9, 2, 1)).data());
        Tensor p = Tensor.arange(24).reshape(2, 3, 4).permute(1, 2, 0);
        assertArrayEquals(new int[] {3, 4, 2}, p.shape());
        assertEquals(13.0, p.get(0, 1, 1));
        assertArrayEquals(new int[] {2, 0}, Tensor.of(new double[] {1, 0, 5, 9, 2, 3}, 2, 3).argmax(1));
        assertArrayEquals(new double[] {5, 9}, Tensor.of(new double[] {1, 0, 5, 9, 2, 3}, 2, 3).max(1).data());
        assertArrayEquals(new double[] {10, 2, 8}, Tensor.of(new double[] {1, 0, 5, 9, 2, 3}, 2, 3).sum(0).data());
        assertArrayEquals(new double[] {2, 14.0 / 3}, Tensor.of(new double[] {1, 0, 5, 9, 2, 3}, 2, 3).mean(1).data(), 1e-15);
    }

    @Test
    void softmaxIsStableForLargeInputs() {
        Tensor s = Tensor.of(new double[] {1000, 1001, 1002}).softmax(0);
        assertEquals(1.0, s.sum().item(), 1e-12);
        Tensor ls = Tensor.of(new double[] {-1000, 0}).logSoftmax(0);
        assertEquals(-1000.0, ls.get(0), 1e-9);
    }

    @Test
    void toStringLooksLikePyTorch() {
        assertEquals("tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]], shape=(2, 2))",
                Tensor.of(new double[][] {{1.5, 2}, {3, 4}}).toString());
        assertEquals("tensor([1., 2.], shape=(2), requiresGrad=true)", Tensor.of(new double[] {1, 2}).requiresGrad().toString());
        assertEquals("tensor(0.2500, shape=())", Tensor.scalar(0.25).toString());
        String big = Tensor.zeros(100, 100).toString();
        assertTrue(big.contains("...") && big.length() < 1000, big);
    }

    @Test
    void toHtmlIsACompactTable() {
        String html = Tensor.arange(6).reshape(2, 3).toHtml();
        assertTrue(html.contains("<table") && html.contains("shape (2, 3)") && html.contains(">5.<"), html);
        String big = Tensor.zeros(3, 100, 100).toHtml();
        assertTrue(big.length() < 20_000, "summarised: " + big.length());
    }

    @Test
    void inPlaceChangesOfGraphTensorsAreRefused() {
        Tensor y = Tensor.ones(2).requiresGrad().mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.setData(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("would corrupt the gradients"), e.getMessage());
        assertNotSame(y, y.detach());
    }
}
