package jgrad.nn;

import static jgrad.tensor.Seq.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;
import jgrad.tensor.Tensor;

/**
 * binaryCrossEntropy (with logits), nllLoss and crossEntropy with class weights and label smoothing
 * against PyTorch 1.13 float64 (lib/src/test/python/torch_reference_ops.py, section "losses").
 */
class LossesTest {

    private static final double TOL = 1e-12;
    private static final int[] TARGETS = {2, 0, 1, 2};
    private static final double[] CLASS_WEIGHTS = {0.2, 1.0, 3.0};

    static final double[] BCE = {1.165349051909508};
    static final double[] BCE_GRAD = {-0.044873572879628176, -0.08517985293979911, -0.07292969875225658, -0.4046363488565023, -0.653056761614559, 0.057644018831319144, 0.8153177103152897, 1.4261337941316379, 0.12685835632925424, -0.5056642896844874, -0.9560687635459711, -0.14831130013425317};
    static final double[] BCEL = {9.558917678171536};
    static final double[] BCEL_GRAD_Z = {0.009027998175581817, 0.0001043755581564924, 0.005699384529453418, -0.059474160787160196, -0.03509392941068479, -0.012990677300619336, 0.0823970882095484, 0.08024227843027602, 0.06266625685379938, -0.04236724585214935, -0.0657683235158479, -0.01968633409137398};
    static final double[] BCEL_GRAD_T = {-1.1985638465105075, -2.4989340076037627, -1.0684497005845743, 1.5296447273567981, 2.4561315315608314, 0.6985387454973147, -1.822422600314691, -2.3518263916994315, -0.31113605876765427, 2.069566172714134, 2.188630436721071, -0.08405761805284617};
    static final double[] NLL_W = {0.9538009298464243};
    static final double[] NLL_W_GRAD = {0.0, 0.0, -0.4166666666666667, -0.02777777777777778, 0.0, 0.0, 0.0, -0.1388888888888889, 0.0, 0.0, 0.0, -0.4166666666666667};
    static final double[] CE_W_LS = {1.0334775880666105};
    static final double[] CE_W_LS_GRAD = {0.054405853952297474, 0.2585800523356506, -0.31298590628794803, -0.008947552228423509, -0.0042830647124276885, 0.0132306169408512, 0.04731824916913894, -0.027558895329221185, -0.01975935383991776, 0.022763558276777444, 0.012078869563536291, -0.034842427840313744};
    static final double[] CE_LS = {1.0687528621931208};
    static final double[] CE_LS_GRAD = {0.02945169295303561, 0.1715587416184718, -0.20101043457150738, -0.17145210760112647, 0.012023826176432181, 0.15942828142469428, 0.07361683503498465, -0.07864754159808471, 0.005030706563100024, 0.008199404812760968, 0.005998245726753228, -0.014197650539514217};

    private static Tensor bceTargets() {
        return seq(0.6, 0.9, 4, 3).add(1).div(2);
    }

    @Test
    void binaryCrossEntropyOfProbabilities() {
        Tensor p = seq(1.1, 0.5, 4, 3).mul(3).sigmoid().detach().requiresGrad();
        Tensor loss = Functional.binaryCrossEntropy(p, bceTargets());
        loss.backward();
        assertArrayEquals(BCE, loss.data(), TOL);
        assertArrayEquals(BCE_GRAD, p.grad().data(), TOL);
    }

    @Test
    void binaryCrossEntropyWithLogitsIsStableForLargeScores() {
        Tensor z = seq(1.1, 0.5, 4, 3).mul(30).requiresGrad();   // scores up to ±30: sigmoid saturates
        Tensor t = bceTargets().requiresGrad();
        Tensor loss = Functional.binaryCrossEntropyWithLogits(z, t);
        loss.backward();
        assertArrayEquals(BCEL, loss.data(), TOL);
        assertArrayEquals(BCEL_GRAD_Z, z.grad().data(), TOL);
        assertArrayEquals(BCEL_GRAD_T, t.grad().data(), TOL);
        Tensor huge = Tensor.of(new double[] {1000, -1000});
        assertArrayEquals(new double[] {1000},
                Functional.binaryCrossEntropyWithLogits(huge, Tensor.of(new double[] {0, 1})).data(), 1e-9);
    }

    @Test
    void nllLossWithClassWeightsDividesByTheTargetsWeights() {
        Tensor lp = seq(1.1, 0.5, 4, 3).logSoftmax(1).detach().requiresGrad();
        Tensor loss = Functional.nllLoss(lp, TARGETS, CLASS_WEIGHTS);
        loss.backward();
        assertArrayEquals(NLL_W, loss.data(), TOL);
        assertArrayEquals(NLL_W_GRAD, lp.grad().data(), TOL);
        Tensor plain = seq(1.1, 0.5, 4, 3).logSoftmax(1);
        assertEquals(Functional.crossEntropy(seq(1.1, 0.5, 4, 3), TARGETS).item(), Functional.nllLoss(plain, TARGETS).item(), TOL);
    }

    @Test
    void crossEntropyWithWeightsAndLabelSmoothing() {
        Tensor logits = seq(1.1, 0.5, 4, 3).mul(3).requiresGrad();
        Tensor loss = Functional.crossEntropy(logits, TARGETS, CLASS_WEIGHTS, 0.2);
        loss.backward();
        assertArrayEquals(CE_W_LS, loss.data(), TOL);
        assertArrayEquals(CE_W_LS_GRAD, logits.grad().data(), TOL);
        Tensor logits2 = seq(1.1, 0.5, 4, 3).mul(3).requiresGrad();
        Tensor smooth = Functional.crossEntropy(logits2, TARGETS, 0.1);
        smooth.backward();
        assertArrayEquals(CE_LS, smooth.data(), TOL);
        assertArrayEquals(CE_LS_GRAD, logits2.grad().data(), TOL);
        Tensor z = seq(1.1, 0.5, 4, 3).mul(3);
        assertEquals(Functional.crossEntropy(z, TARGETS).item(), Functional.crossEntropy(z, TARGETS, null, 0).item(), TOL);
    }

    @Test
    void gradientsAgreeWithCentralDifferences() {
        Random rng = new Random(5);
        assertPasses(t -> Functional.binaryCrossEntropy(t[0].sigmoid(), bceTargets()), Tensor.randn(rng, 4, 3));
        assertPasses(t -> Functional.binaryCrossEntropyWithLogits(t[0], t[1]), Tensor.randn(rng, 4, 3), bceTargets());
        assertPasses(t -> Functional.nllLoss(t[0].logSoftmax(1), TARGETS, CLASS_WEIGHTS), Tensor.randn(rng, 4, 3));
        assertPasses(t -> Functional.crossEntropy(t[0], TARGETS, CLASS_WEIGHTS, 0.3), Tensor.randn(rng, 4, 3));
        // scores made by broadcasting: a shared bias row added to every example
        assertPasses(t -> Functional.crossEntropy(t[0].add(t[1]), TARGETS, null, 0.1), Tensor.randn(rng, 4, 3),
                Tensor.randn(rng, 3));
        assertPasses(t -> Functional.binaryCrossEntropyWithLogits(t[0].mul(t[1]), bceTargets()), Tensor.randn(rng, 4, 1),
                Tensor.randn(rng, 3));
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = TensorGradCheck.check(f, inputs);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void errorsNameTheLossAndTheRule() {
        assertEquals("binaryCrossEntropy: prediction 1.5 at position 1 is not a probability in [0, 1]; apply sigmoid"
                        + " first, or use binaryCrossEntropyWithLogits on the raw scores",
                assertThrows(IllegalArgumentException.class, () -> Functional.binaryCrossEntropy(
                        Tensor.of(new double[] {0.5, 1.5}), Tensor.of(new double[] {0, 1}))).getMessage());
        assertEquals("nllLoss: 2 class weights for 3 classes: give one weight per class",
                assertThrows(IllegalArgumentException.class,
                        () -> Functional.nllLoss(Tensor.zeros(4, 3), TARGETS, new double[] {1, 2})).getMessage());
        assertEquals("binaryCrossEntropyWithLogits: prediction (4, 1) and target (4): the shapes must be equal (the loss"
                        + " does not broadcast, so that an (N, 1) versus (N) mix-up is caught); reshape one of them",
                assertThrows(IllegalArgumentException.class,
                        () -> Functional.binaryCrossEntropyWithLogits(Tensor.zeros(4, 1), Tensor.zeros(4))).getMessage());
    }
}
