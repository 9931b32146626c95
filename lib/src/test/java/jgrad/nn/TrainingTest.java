package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import jgrad.optim.SGD;
import jgrad.tensor.Tensor;

class TrainingTest {

    private static final Tensor XOR_X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    private static final Tensor XOR_Y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);

    @Test
    void xorIsLearnedByTwoSigmoidHiddenUnits() {
        Random rng = new Random(1);
        Sequential model = new Sequential(new Linear(2, 2, rng), new Sigmoid(), new Linear(2, 1, rng));
        SGD opt = new SGD(model.parameters(), 0.5).momentum(0.9);
        double loss = Double.NaN;
        for (int step = 0; step < 2000; step++) {
            opt.zeroGrad();
            Tensor l = Functional.mse(model.forward(XOR_X), XOR_Y);
            l.backward();
            opt.step();
            loss = l.item();
        }
        assertTrue(loss < 0.01, "final loss " + loss);
        double[] p = model.forward(XOR_X).data();
        assertArrayEquals(new double[] {0, 1, 1, 0}, new double[] {Math.rint(p[0]) + 0.0, Math.rint(p[1]) + 0.0, Math.rint(p[2]) + 0.0, Math.rint(p[3]) + 0.0});
    }

    @Test
    void aHundredThousandStepsRunInConstantMemory() {
        Random rng = new Random(2);
        Sequential model = new Sequential(new Linear(2, 4, rng), new Tanh(), new Linear(4, 1, rng));
        SGD opt = new SGD(model.parameters(), 0.05);
        long afterWarmUp = 0;
        for (int step = 1; step <= 100_000; step++) {
            opt.zeroGrad();
            Tensor l = Functional.mse(model.forward(XOR_X), XOR_Y);
            l.backward();
            opt.step();
            if (step == 10_000) {
                afterWarmUp = usedHeap();
            }
        }
        long growth = usedHeap() - afterWarmUp;
        assertTrue(growth < 4_000_000, "heap grew by " + growth + " bytes over 90,000 steps");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
