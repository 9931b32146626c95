package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/**
 * Xavier and He initialisers: PyTorch's fans, bounds and standard deviations for a (64, 32, 3, 3) weight
 * (lib/src/test/python/torch_reference_ops.py, section "initialisers"; PyTorch's own random numbers
 * differ from Java's, so the samples are compared through their largest magnitude and their spread).
 */
class InitTest {

    static final double[] FANS = {288.0, 576.0};
    static final double[] XAVIER_UNIFORM_MAX = {0.1388748286171671};
    static final double[] XAVIER_NORMAL_STD = {0.04825462160995877};
    static final double[] HE_UNIFORM_MAX = {0.14433663030450392};
    static final double[] HE_NORMAL_STD = {0.08376117588007606};

    private static Tensor weight() {
        return Tensor.zeros(64, 32, 3, 3).requiresGrad();
    }

    private static double maxAbs(Tensor t) {
        return t.abs().max().item();
    }

    @Test
    void fansAreComputedFromTheShapeAsInPyTorch() {
        assertArrayEquals(new int[] {(int) FANS[0], (int) FANS[1]}, Init.fans("test", weight()));
        assertArrayEquals(new int[] {4, 8}, Init.fans("test", Tensor.zeros(8, 4)));
    }

    @Test
    void uniformInitialisersReachPyTorchsBounds() {
        Random rng = new Random(1);
        double xavier = maxAbs(Init.xavierUniform(rng, weight(), 5.0 / 3));
        double he = maxAbs(Init.heUniform(rng, weight()));
        // the bounds themselves: gain·√(6 / (fanIn + fanOut)) and √(6 / fanIn); 18 432 samples come within 0.1% of them
        assertEquals(5.0 / 3 * Math.sqrt(6.0 / (288 + 576)), xavier, 1.5e-4);
        assertEquals(Math.sqrt(6.0 / 288), he, 1.5e-4);
        assertEquals(XAVIER_UNIFORM_MAX[0], xavier, 2e-4);
        assertEquals(HE_UNIFORM_MAX[0], he, 2e-4);
        assertTrue(xavier <= 5.0 / 3 * Math.sqrt(6.0 / 864) && he <= Math.sqrt(6.0 / 288));
    }

    @Test
    void normalInitialisersHavePyTorchsSpread() {
        Random rng = new Random(2);
        double xavier = Init.xavierNormal(rng, weight(), 1).std().item();
        double he = Init.heNormal(rng, weight()).std().item();
        assertEquals(Math.sqrt(2.0 / 864), xavier, 0.02 * xavier);
        assertEquals(Math.sqrt(2.0 / 288), he, 0.02 * he);
        assertEquals(XAVIER_NORMAL_STD[0], xavier, 0.02 * xavier);
        assertEquals(HE_NORMAL_STD[0], he, 0.02 * he);
    }

    @Test
    void theDefaultGeneratorIsSeededByManualSeed() {
        Init.manualSeed(42);
        double[] first = Init.heNormal(Tensor.zeros(3, 4)).data();
        Init.manualSeed(42);
        assertArrayEquals(first, Init.heNormal(Tensor.zeros(3, 4)).data(), 0);
        Init.manualSeed(0);
        assertEquals("xavierUniform: a weight of shape (5) has no fan-in and fan-out; they need at least 2 dimensions,"
                        + " (out, in) or (out, in, kernel...). Biases are set otherwise",
                assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(Tensor.zeros(5))).getMessage());
    }
}
