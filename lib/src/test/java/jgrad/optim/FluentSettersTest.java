package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/** Every optimizer is configured by setters that return its own type, schedule() included. */
class FluentSettersTest {

    private final List<Tensor> params = List.of(Tensor.zeros(3).requiresGrad());
    private final LearningRateSchedule decay = LearningRateSchedule.stepDecay(0.1, 0.5, 10);

    @Test
    void scheduleKeepsTheOptimizersTypeSoSettersChainAfterIt() {
        SGD sgd = new SGD(params, 0.1).schedule(decay).momentum(0.9).nesterov(true);
        Adam adam = new Adam(params, 0.1).schedule(decay).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1);
        RMSProp rms = new RMSProp(params, 0.1).schedule(decay).alpha(0.9).eps(1e-6);
        for (Optimizer opt : List.of(sgd, adam, rms)) {
            assertEquals(0.1, opt.lr());
        }
        SGD same = new SGD(params, 0.1);
        assertSame(same, same.momentum(0.5).weightDecay(0.01).schedule(decay));
    }

    @Test
    void theDefaultsAreWhatTheSettersWouldSet() {
        assertArrayEquals(OptimizerReferenceTest.run(ps -> new Adam(ps, 0.1)),
                OptimizerReferenceTest.run(ps -> new Adam(ps, 0.1).betas(0.9, 0.999).eps(1e-8).weightDecay(0)), 0.0);
        assertArrayEquals(OptimizerReferenceTest.RMSPROP,
                OptimizerReferenceTest.run(ps -> new RMSProp(ps, 0.01).alpha(0.99).eps(1e-8)), 1e-12);
        double[] otherAlpha = OptimizerReferenceTest.run(ps -> new RMSProp(ps, 0.01).alpha(0.5));
        assertFalse(Arrays.equals(OptimizerReferenceTest.RMSPROP, otherAlpha));
    }

    @Test
    void badSettingsNameTheOptimizerAndTheRule() {
        assertEquals("Adam: betas 0.9, 1.0 must each be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(params).betas(0.9, 1.0)).getMessage());
        assertEquals("Adam: eps 0.0 must be positive",
                assertThrows(IllegalArgumentException.class, () -> new Adam(params).eps(0)).getMessage());
        assertEquals("Adam: weight decay -1.0 must be 0 or more",
                assertThrows(IllegalArgumentException.class, () -> new Adam(params).weightDecay(-1)).getMessage());
        assertEquals("RMSProp: alpha 1.0 must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new RMSProp(params).alpha(1)).getMessage());
        assertEquals("RMSProp: eps -1.0E-8 must be positive",
                assertThrows(IllegalArgumentException.class, () -> new RMSProp(params).eps(-1e-8)).getMessage());
        assertEquals("SGD: momentum 1.0 must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new SGD(params, 0.1).momentum(1)).getMessage());
    }
}
