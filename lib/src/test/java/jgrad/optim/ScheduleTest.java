package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

class ScheduleTest {

    @Test
    void ratesFollowTheirFormulas() {
        assertEquals(0.1, LearningRateSchedule.constant(0.1).rate(1000));
        LearningRateSchedule inv = LearningRateSchedule.inverseTime(1, 1);
        assertEquals(1.0, inv.rate(0));
        assertEquals(1.0 / 10, inv.rate(9));
        LearningRateSchedule step = LearningRateSchedule.stepDecay(0.8, 0.5, 10);
        assertEquals(0.8, step.rate(9));
        assertEquals(0.4, step.rate(10));
        assertEquals(0.2, step.rate(25));
    }

    @Test
    void sgdWithInverseTimeStepsIsTheRunningMean() {
        // L = ½(x − y)², ∂L/∂x = x − y; with ρₜ = 1/(t+1), x after n steps is the mean of the n samples
        double[] ys = {3, -1, 4, 1, 5, 9, 2, 6};
        Tensor x = Tensor.zeros(1).requiresGrad();
        Optimizer opt = new SGD(List.of(x), 1).schedule(LearningRateSchedule.inverseTime(1, 1));
        double sum = 0;
        for (int t = 0; t < ys.length; t++) {
            opt.zeroGrad();
            x.sub(ys[t]).pow(2).mul(0.5).sum().backward();
            opt.step();
            sum += ys[t];
            assertEquals(sum / (t + 1), x.item(), 1e-12);
        }
        assertEquals(8, opt.steps());
    }

    @Test
    void badSettingsAreExplained() {
        Tensor p = Tensor.zeros(1).requiresGrad();
        assertEquals("SGD: the learning rate -0.1 must be a finite number, 0 or more",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -0.1)).getMessage());
        assertEquals("SGD: parameter 0 of shape (2) does not require gradients; mark it with requiresGrad()",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(Tensor.zeros(2)), 0.1)).getMessage());
    }
}
