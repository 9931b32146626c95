package jgrad.nn;

import static jgrad.tensor.Seq.seq;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import jgrad.check.GradCheck;
import jgrad.check.TensorGradCheck;
import jgrad.tensor.Tensor;

/**
 * Batch normalisation against PyTorch 1.13 float64 (lib/src/test/python/torch_reference_ops.py, section
 * "batch norm"): outputs and gradients in training and evaluation, and the running statistics after
 * several training steps.
 */
class BatchNormTest {

    private static final double TOL = 1e-12;

    static final double[] BN1_Y = {1.4034165747861835, 2.9415796497921596, 2.8206190078590865, 1.788051372734115, 0.1907286411598668, -0.7687301366880509, -3.581387519700683, -3.7647968011736777, -1.6056320687317869, -1.5261267902731834, 0.7834615396785809, 2.364008819841408, 2.9093930164288753, 2.672239337518248, 1.397089301758826};
    static final double[] BN1_GRAD_X = {-0.008678209792076728, 0.1850869129336096, 0.2803699268482907, 0.7396640330579063, 0.7240083819258154, 0.4001856355502737, 0.360141390355933, -0.009704075653248467, -0.361391452173107, -0.7110663314211652, -0.8917520799390295, -0.638668384797466, -0.3800608822005988, -0.007639139267147574, 0.3195042745720095};
    static final double[] BN1_GRAD_W = {1.1592149304551798, 1.4067324398354288, 1.3684524616069171};
    static final double[] BN1_GRAD_B = {9.965134174216065, 10.371058077934702, 10.686134023072043};
    static final double[] BN1_RUNNING_MEAN = {0.6891566252291284, 0.7152485871515379, 0.6967834813213094};
    static final double[] BN1_RUNNING_VAR = {2.2592484806711024, 2.348888055964905, 2.4100647693007966};
    static final double[] BN1_EVAL_Y = {-0.13498524493971195, 0.711229995773695, -0.7096837314172493, -1.9019504234349272, 0.7771608957103334, 0.5225517938340962};
    static final double[] BN1_EVAL_GRAD_X = {3.3405588032734297, 4.031671725895311, 3.239110972220166, 4.771927109202782, 4.5010251403798005, 2.8181956806891386};
    static final double[] BN2_Y = {1.3135701851835477, 1.0711162724307157, 0.7283568624637656, 0.3179681902051048, -0.12092621841344336, -0.5464853040799424, -0.9181393019615505, -1.200457373424829, -1.3665253292229689, -1.4005114361374207, -1.299175701387997, -1.0721787504117228, -0.741160851808333, -0.33767888863853895, 0.099802049498041, 0.5295756534733695, 0.9106703763697344, 1.2067553682354102, 1.3896039999250895, 1.4417847883909125, 1.3584370929664822, 1.147278087065807, 0.8285566720694079, 0.4326574720849925, -0.0026773097907254206, -0.43594596364454963, -0.8258437494572111, -1.1352005961103997, -1.3345246305813783, -1.4048137225517277, -1.339367011841045, -1.1444237205739334, -0.838568350289256, -0.45095896825252163, -0.018547485504724393, 0.4174430745081147, 0.8154484846673116, 1.137525750835944, 1.3529703260155548, 1.4412432626335452, 1.3938133873135752, 1.2154328487899146, 0.9229887010494172, 0.544360481153292, 0.11564390026749047, -0.3222902637247272, -0.7276924943781764, -1.0619146375016237, -1.2930943402393802, -1.3991925803026681, -1.3700947090010362, -1.2085747096322297, -0.9300307457201978, -0.5610172100440783, -0.13671321842293377, 0.3024311160155969, 0.7145509078163056, 1.0603575984700322, 1.306884447070582, 1.4306293440177225, 1.4199126301358345, 1.2755245826532102, 1.0113480208362258, 0.6525676519282393, 0.23338703469111993, -0.2062321436815431, -0.6243797295041531, -0.9811925174225589, -1.2426545237983728, -1.383839827722688, -1.391288830350156, -1.2642913969544505, -1.0149545561028745, -0.6670483019941644, -0.25373953292390705, 0.18556984399487, 0.608999209335272, 0.9761818305946331, 1.2521131382620658, 1.4104878115510275, 1.436089344815136, 1.3267082296311823, 1.0926553049017713, 0.7562435053862164, 0.3495439301469847, -0.08867158705463155, -0.5166267075672486, -0.8935232457029404, -1.183430576470987, -1.3587110048280326, -1.402654546196715, -1.3110719370897836, -1.0926940095805988, -0.7683393561093994, -0.36892963352003705, 0.06745828692993451, 0.4992222966148249, 0.8852010975476203, 1.1885982266477917, 1.3804899678130944, 1.4427012859274408, 1.3690715298912366, 1.166735161474816, 0.8549814854075883, 0.46353087131579956, 0.029701425879068575, -0.4051486490177647, -0.7995638519641656, -1.1159434535456136, -1.3241260814253872, -1.4042650902377982, -1.3487205990568791, -1.1627878230968456, -0.8641922657002058, -0.4813998954051366, -0.05090340374552501, 0.3862567474103434, 0.7884048304748239, 1.1172029184539343, 1.3413057491829548};
    static final double[] BN2_GRAD_X = {-0.02203883758604669, 0.3217324545695768, 0.5724215160732832, 0.6713741360921388, 0.5976237893747766, 0.37271413748008386, 0.05509196294881807, -0.27452496718123454, -0.5331919229590253, -0.6562588067375319, -0.6133245345333406, -0.41570602331819917, -0.11359066163768808, 0.21642324481676173, 0.49033112850753474, 0.6375950120723615, 0.6187450208112051, 0.4353685024370028, 0.13001003664351596, -0.22402070197058727, -0.5382702663104836, -0.7394558189947985, -0.7743214066397607, -0.6319037463792487, -0.3440569909806023, 0.02205888278754131, 0.3801051552837955, 0.6453885701284156, 0.7553141578468296, 0.6844860954231334, 0.45078079377978697, 0.11091910381756899, -0.2533734162289197, -0.5552342521425746, -0.7237088764243874, -0.7208415131776942, -0.5506541344476805, -0.25784524167268547, 0.08344281126580647, 0.3880102582883155, 0.5782870943621617, 0.6125273413104628, 0.481342036097651, 0.219173377760245, -0.10678241142648287, -0.4133138441888584, -0.6218919596983153, -0.6782286507871184, -0.5658753445169367, -0.31050333205477787, 0.026206359269028905, 0.3615842720341401, 0.6122349243292642, 0.7145772702479333, 0.6406225313461003, 0.40510632289924503, 0.06220223644679084, -0.3074091293714143, -0.61598144663091, -0.7899240995680525, -0.7853218964369659, -0.6075810677853387, -0.29678437230921983, 0.07298594733666487, 0.4139292290454726, 0.6457626053285708, 0.7150727525950001, 0.6080742019701063, 0.3536809561270616, 0.016168311182902278, -0.3207537811204342, -0.5745383200262242, -0.684017047945245, -0.6242843817240569, -0.41261416640961146, -0.10397787923522098, 0.2227143392853143, 0.48425254859926237, 0.6138070845574602, 0.5775573415968925, 0.3807609495436754, 0.07589589876678288, -0.26389269133889287, -0.5535531790343775, -0.719493791757611, -0.7178552626891611, -0.5455571501159454, -0.2413839489101114, 0.12318656595845695, 0.461198123737459, 0.691286304917073, 0.7574666284207023, 0.6428082215111846, 0.3736484541531944, 0.01331003546815046, -0.3531569221639036, -0.6394956170992244, -0.7790307041235025, -0.7406657189128494, -0.536204230094654, -0.21483717923810364, 0.1399171789839808, 0.4440014304678997, 0.6245058778361535, 0.6396106507822849, 0.4885983568558112, 0.21174555760742034, -0.1198532690713535, -0.4220078082487339, -0.6183309519245669, -0.6591706972549303, -0.533917814964218, -0.27366153415654054, 0.056462506770063314, 0.3733547106494204, 0.5965139612182675, 0.6680249852020375, 0.5670505422787964, 0.3152504567987668, -0.028229530447191467};
    static final double[] BN2_RUNNING_MEAN = {0.39502151015701686, 0.39485641961623924};
    static final double[] BN2_RUNNING_VAR = {1.6650150856906771, 1.6757643045212327};

    private static Tensor weighted(Tensor y) {
        return y.mul(seq(0.5, 0.1, y.shape()).add(2)).sum();
    }

    @Test
    void batchNorm1dTrainsAndEvaluatesAsPyTorch() {
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.weight().setData(seq(0.9, 1.1, 3).add(1.5));
        bn.bias().setData(seq(0.4, 0.2, 3));
        for (int step = 0; step < 4; step++) {
            Tensor x = seq(0.3 + 0.1 * step, 0.2 * step, 5, 3).mul(step + 1).add(step).requiresGrad();
            Tensor y = bn.forward(x);
            if (step == 3) {
                weighted(y).backward();
                assertArrayEquals(BN1_Y, y.data(), TOL);
                assertArrayEquals(BN1_GRAD_X, x.grad().data(), TOL);
                assertArrayEquals(BN1_GRAD_W, bn.weight().grad().data(), 1e-11);
                assertArrayEquals(BN1_GRAD_B, bn.bias().grad().data(), 1e-11);
            }
        }
        assertArrayEquals(BN1_RUNNING_MEAN, bn.runningMean().data(), TOL);
        assertArrayEquals(BN1_RUNNING_VAR, bn.runningVar().data(), TOL);
        bn.eval();
        Tensor xe = seq(1.7, 0.5, 2, 3).requiresGrad();
        Tensor ye = bn.forward(xe);
        weighted(ye).backward();
        assertArrayEquals(BN1_EVAL_Y, ye.data(), TOL);
        assertArrayEquals(BN1_EVAL_GRAD_X, xe.grad().data(), TOL);
        assertArrayEquals(BN1_RUNNING_MEAN, bn.runningMean().data(), 0, "evaluation leaves the running mean alone");
    }

    @Test
    void batchNorm2dKeepsRunningStatisticsWithItsMomentum() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.3);
        Tensor x = null;
        Tensor y = null;
        for (int step = 0; step < 3; step++) {
            x = seq(0.21 + 0.05 * step, step, 3, 2, 4, 5).mul(2).add(0.5 * step).requiresGrad();
            y = bn.forward(x);
        }
        weighted(y).backward();
        assertArrayEquals(BN2_Y, y.data(), TOL);
        assertArrayEquals(BN2_GRAD_X, x.grad().data(), TOL);
        assertArrayEquals(BN2_RUNNING_MEAN, bn.runningMean().data(), TOL);
        assertArrayEquals(BN2_RUNNING_VAR, bn.runningVar().data(), TOL);
    }

    @Test
    void gradientsAgreeWithCentralDifferences() {
        Random rng = new Random(3);
        assertPasses(t -> Functional.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, 1e-5),
                Tensor.randn(rng, 6, 3), Tensor.randn(rng, 3), Tensor.randn(rng, 3));
        assertPasses(t -> Functional.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, 1e-5),
                Tensor.randn(rng, 2, 3, 4), Tensor.randn(rng, 3), Tensor.randn(rng, 3));
        assertPasses(t -> Functional.batchNorm(t[0], null, null, t[1], null, true, 0.1, 1e-5),
                Tensor.randn(rng, 2, 2, 3, 3), Tensor.randn(rng, 2));
        Tensor rm = Tensor.randn(rng, 3);
        Tensor rv = Tensor.uniform(rng, 0.5, 2, 3);
        assertPasses(t -> Functional.batchNorm(t[0], rm, rv, t[1], t[2], false, 0.1, 1e-5),
                Tensor.randn(rng, 4, 3, 2), Tensor.randn(rng, 3), Tensor.randn(rng, 3));
        // broadcasting after the layer: a per-feature scale learnt beside it
        assertPasses(t -> Functional.batchNorm(t[0], null, null, null, null, true, 0.1, 1e-5).mul(t[1]),
                Tensor.randn(rng, 5, 4), Tensor.randn(rng, 4));
    }

    private static void assertPasses(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = TensorGradCheck.check(f, inputs);
        assertTrue(r.passed(), r::toString);
    }

    @Test
    void runningStatisticsAreBuffersNotParameters() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        Sequential net = new Sequential(new Linear(3, 4), new BatchNorm1d(4), new ReLU());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(net.namedParameters().keySet()));
        net.eval();
        assertTrue(!net.get(1).isTraining());
    }

    @Test
    void errorsSayWhatTheLayerExpects() {
        assertEquals("BatchNorm2d(4): expected input of shape (N, C, H, W) with C = 4, got (2, 4)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(4).forward(Tensor.zeros(2, 4))).getMessage());
        assertEquals("BatchNorm1d(3): expected input of shape (N, C) or (N, C, L) with C = 3, got (2, 4)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(2, 4))).getMessage());
        assertEquals("batchNorm: input of shape (1, 3) has 1 value per channel; training needs more than 1 to estimate"
                        + " a variance (PyTorch's rule too). Use a larger batch, or eval() mode",
                assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3))).getMessage());
        assertArrayEquals(new double[] {0, 0, 0}, new BatchNorm1d(3).eval().forward(Tensor.zeros(1, 3)).data(), 0);
    }
}
