package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnomalyTest {

    @Test
    void namesTheFirstForwardOperationThatMakesANaN() {
        Tensor x = Tensor.of(new double[] {1, -1}).requiresGrad();
        try (var scope = Tensor.detectAnomaly()) {
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> x.mul(2).log().exp().sum());
            assertTrue(e.getMessage().startsWith("anomaly: forward of 'log' produced NaN at flat index 1"), e.getMessage());
        }
        assertFalse(Tensor.isAnomalyDetectionEnabled());
        assertEquals(Double.NaN, x.mul(2).log().sum().item());
    }

    @Test
    void namesTheBackwardOperationThatMakesAnInfinity() {
        Tensor x = Tensor.of(new double[] {0, 4}).requiresGrad();
        try (var scope = Tensor.detectAnomaly()) {
            Tensor y = x.sqrt().sum();
            ArithmeticException e = assertThrows(ArithmeticException.class, y::backward);
            assertTrue(e.getMessage().startsWith("anomaly: backward of 'sqrt' produced +infinity in the gradient of its input 0"),
                    e.getMessage());
        }
    }
}
