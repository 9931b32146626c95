package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/**
 * Adamax, AdamW, RMSProp with momentum and centered, SGD with dampening (five steps on the function of
 * {@link OptimizerReferenceTest}), and the cosine and multi-step schedules, against PyTorch 1.13
 * (lib/src/test/python/torch_reference_ops.py, sections "optimizers" and "schedules").
 */
class MoreOptimizersReferenceTest {

    private static final double TOL = 1e-12;

    static final double[] ADAMAX = {-0.039209698879674196, 0.4162620494061332, 0.5136165648471211, -0.013169693405125076, -0.09615566795465938, -1.3767129239025728};
    static final double[] ADAMAX_WD = {-0.010997458259222038, 0.33651499445372135, 0.42997755972880186, -0.053349832348276595, -0.023956655922655168, -1.356637516813514};
    static final double[] ADAMW = {-0.02137440497891037, 0.35298516990904916, 0.4547832982369013, -0.09635802797793455, -0.04375996393325987, -1.4727612364927467};
    static final double[] ADAMW_WD = {0.00607651848786445, 0.23240822518127074, 0.30959731811855246, -0.09069032448053795, 0.007701522895022156, -1.2293063413298617};
    static final double[] RMSPROP_MOMENTUM = {0.006873717565978288, 0.02718451114116121, 0.11566638964360325, -0.2628835990716897, 0.2401820330412318, -2.1914705405577455};
    static final double[] RMSPROP_CENTERED = {0.015383522248744468, 0.7229392870648604, 0.8272935498774536, 0.22215984797193516, -0.41012579461035775, -1.143256775984401};
    static final double[] RMSPROP_BOTH = {0.018015205159177903, 0.3607082059388215, 0.45663948303966767, -0.028654080018048325, -0.054243754285907775, -1.705711537224683};
    static final double[] SGD_DAMPENING = {-0.01055434764293799, -0.5175708564001679, -0.6789669530277724, -0.16507417187181297, -0.058112931333933644, -1.1711635225762933};
    static final double[] COSINE = {0.5, 0.48898771616640957, 0.45702882373436315, 0.40725168176580645, 0.34452882373436317, 0.275, 0.20547117626563688, 0.1427483182341936, 0.09297117626563686, 0.06101228383359046, 0.05, 0.06101228383359046, 0.092971176265637, 0.14274831823419395, 0.20547117626563755, 0.275000000000001, 0.3445288237343645, 0.40725168176580806, 0.4570288237343651, 0.4889877161664116, 0.5000000000000021, 0.4889877161664116, 0.4570288237343652, 0.40725168176580817, 0.34452882373436455};
    static final double[] MULTISTEP = {0.5, 0.5, 0.5, 0.1, 0.1, 0.1, 0.1, 0.020000000000000004, 0.004000000000000001, 0.004000000000000001, 0.004000000000000001, 0.004000000000000001};

    @Test
    void adamaxMatchesPyTorch() {
        assertArrayEquals(ADAMAX, OptimizerReferenceTest.run(p -> new Adamax(p, 0.1)), TOL);
        assertArrayEquals(ADAMAX_WD, OptimizerReferenceTest.run(p -> new Adamax(p, 0.1).betas(0.8, 0.9).eps(1e-6)
                .weightDecay(0.1)), TOL);
    }

    @Test
    void adamWDecaysTheWeightsApartFromTheGradient() {
        assertArrayEquals(ADAMW, OptimizerReferenceTest.run(p -> new AdamW(p, 0.1)), TOL);
        assertArrayEquals(ADAMW_WD, OptimizerReferenceTest.run(p -> new AdamW(p, 0.1).betas(0.8, 0.99).weightDecay(0.5)), TOL);
    }

    @Test
    void rmsPropWithMomentumAndCentered() {
        assertArrayEquals(RMSPROP_MOMENTUM, OptimizerReferenceTest.run(p -> new RMSProp(p, 0.01).momentum(0.9)), TOL);
        assertArrayEquals(RMSPROP_CENTERED, OptimizerReferenceTest.run(p -> new RMSProp(p, 0.01).alpha(0.9).centered(true)
                .weightDecay(0.1)), TOL);
        assertArrayEquals(RMSPROP_BOTH, OptimizerReferenceTest.run(p -> new RMSProp(p, 0.01).momentum(0.5).centered(true)), TOL);
    }

    @Test
    void sgdWithDampening() {
        assertArrayEquals(SGD_DAMPENING, OptimizerReferenceTest.run(p -> new SGD(p, 0.1).momentum(0.9).dampening(0.3)), TOL);
        List<Tensor> ps = List.of(Tensor.zeros(1).requiresGrad());
        assertEquals("SGD: dampening 0.3 with Nesterov momentum: Nesterov needs dampening 0 (PyTorch's rule too)",
                assertThrows(IllegalArgumentException.class,
                        () -> new SGD(ps, 0.1).momentum(0.9).nesterov(true).dampening(0.3)).getMessage());
    }

    @Test
    void cosineAndMultiStepSchedulesGiveTorchsRates() {
        LearningRateSchedule cosine = LearningRateSchedule.cosineAnnealing(0.5, 10, 0.05);
        LearningRateSchedule multi = LearningRateSchedule.multiStep(0.5, new int[] {3, 7, 8}, 0.2);
        for (int t = 0; t < COSINE.length; t++) {
            assertEquals(COSINE[t], cosine.rate(t), 1e-12, "cosine step " + t);
        }
        for (int t = 0; t < MULTISTEP.length; t++) {
            assertEquals(MULTISTEP[t], multi.rate(t), 1e-15, "multi-step step " + t);
        }
        assertEquals(0.5, LearningRateSchedule.cosineAnnealing(0.5, 4).rate(0));
        assertEquals(0.0, LearningRateSchedule.cosineAnnealing(0.5, 4).rate(4), 1e-17);
        Adamax opt = new Adamax(List.of(Tensor.zeros(1).requiresGrad())).schedule(cosine);
        assertEquals(0.5, opt.lr());
        assertEquals("multiStep: milestones [5, 3] must be steps 0 or more in increasing order",
                assertThrows(IllegalArgumentException.class,
                        () -> LearningRateSchedule.multiStep(0.1, new int[] {5, 3}, 0.1)).getMessage());
    }
}
