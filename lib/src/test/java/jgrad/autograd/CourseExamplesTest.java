package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The worked examples of the course slides (COURSE.md §02 and §03). */
class CourseExamplesTest {

    @Test
    void productWithUpstreamGradient() {
        Value x = Value.of(2.0);
        Value y = Value.of(3.0);
        Value z = x.mul(y);
        Value loss = z.mul(5.0); // dL/dz = 5
        loss.backward();

        assertEquals(6.0, z.data());
        assertEquals(5.0, z.grad());
        assertEquals(15.0, x.grad());
        assertEquals(10.0, y.grad());
    }

    @Test
    void squaredErrorOfLinearModel() {
        Value x = Value.of(1), y = Value.of(2), w = Value.of(1);
        Value yHat = x.mul(w);
        Value loss = yHat.sub(y).pow(2);
        loss.backward();

        assertEquals(1.0, yHat.data());
        assertEquals(1.0, loss.data());
        assertEquals(-2.0, w.grad());
    }

    @Test
    void sigmoidNeuronOfTheSlides() {
        Value w0 = Value.of(2.0), x0 = Value.of(-1.0);
        Value w1 = Value.of(-3.0), x1 = Value.of(-2.0);
        Value w2 = Value.of(-3.0);
        Value f = w0.mul(x0).add(w1.mul(x1)).add(w2).neg().exp().add(1).pow(-1);
        f.backward();

        assertEquals(0.731, f.data(), 5e-4);
        assertEquals(-0.197, w0.grad(), 5e-4);
        assertEquals(0.393, x0.grad(), 5e-4);
        assertEquals(-0.393, w1.grad(), 5e-4);
        assertEquals(-0.590, x1.grad(), 5e-4);
        assertEquals(0.197, w2.grad(), 5e-4);

        Value viaSigmoid = Value.of(1.0);
        Value s = viaSigmoid.sigmoid();
        s.backward();
        assertEquals(f.data(), s.data(), 1e-15);
        assertEquals(0.19661193324148185, viaSigmoid.grad(), 1e-15);
    }

    @Test
    void polynomialExerciseOfSlideTwo() {
        // ŷ = x²·w2 + x·w1 + b, loss = (ŷ − y)² at x = 2, y = 3, w1 = 0.5, w2 = −1, b = 0.25
        Value x = Value.of(2), y = Value.of(3);
        Value w1 = Value.of(0.5), w2 = Value.of(-1), b = Value.of(0.25);
        Value loss = x.pow(2).mul(w2).add(x.mul(w1)).add(b).sub(y).pow(2);
        loss.backward();

        assertEquals(33.0625, loss.data());
        assertEquals(-23.0, w1.grad());
        assertEquals(-46.0, w2.grad());
        assertEquals(-11.5, b.grad());
    }
}
