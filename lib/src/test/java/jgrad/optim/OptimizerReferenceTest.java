package jgrad.optim;

import static jgrad.tensor.Seq.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/**
 * Five steps on f(p) = Σ c·p² + Σ p³/3 from the same start as torch_reference_values.py; the
 * parameters must land where PyTorch 1.13's optimizers put them.
 */
class OptimizerReferenceTest {

    private static final double TOL = 1e-12;

    static final double[] SGD_PLAIN = {0.047946379583740824, 0.22745717800929688, 0.2172373122203056, 0.1023731905193676, -0.3028339900541146, -1.0810310405792798};
    static final double[] SGD_MOMENTUM = {-0.02864549602341152, -0.642698834043489, -0.8041909044674475, -0.21705733824094472, 0.04059232225265419, -1.2146918809582548};
    static final double[] SGD_NESTEROV = {-0.02872577737051334, -0.43651720234872293, -0.5071073803412478, -0.15109992367285427, 0.08905084998110897, -1.3441699180123416};
    static final double[] ADAM = {-0.021588044698760474, 0.35601863814343615, 0.4583528206401256, -0.09597790899598728, -0.04524856472464764, -1.4784448078534687};
    static final double[] ADAM_WD = {-0.00012263068037499103, 0.3634850072687914, 0.46496923062231466, -0.07794787526870647, -0.05417211149535188, -1.4764598625893004};
    static final double[] RMSPROP = {-1.935102181311859e-09, 0.5491268891707067, 0.6502000655669881, 0.09011898054979234, -0.23352700515109698, -1.40209612160053};

    static double[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor p = seq(0.9, 0.1, 6).requiresGrad();
        Optimizer opt = make.apply(List.of(p));
        Tensor c = seq(0.4, 0.7, 6);
        for (int i = 0; i < 5; i++) {
            opt.zeroGrad();
            c.mul(p).mul(p).sum().add(p.pow(3).sum().div(3)).backward();
            opt.step();
        }
        return p.data();
    }

    @Test
    void sgd() {
        assertArrayEquals(SGD_PLAIN, run(ps -> new SGD(ps, 0.1)), TOL);
    }

    @Test
    void sgdWithMomentumAndWeightDecay() {
        assertArrayEquals(SGD_MOMENTUM, run(ps -> new SGD(ps, 0.1).momentum(0.9).weightDecay(0.01)), TOL);
    }

    @Test
    void sgdWithNesterov() {
        assertArrayEquals(SGD_NESTEROV, run(ps -> new SGD(ps, 0.1).momentum(0.9).nesterov(true).weightDecay(0.01)), TOL);
    }

    @Test
    void adam() {
        assertArrayEquals(ADAM, run(ps -> new Adam(ps, 0.1)), TOL);
        assertArrayEquals(ADAM_WD, run(ps -> new Adam(ps, 0.1).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1)), TOL);
    }

    @Test
    void rmsProp() {
        assertArrayEquals(RMSPROP, run(ps -> new RMSProp(ps, 0.01)), TOL);
    }
}
