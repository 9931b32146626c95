package jgrad.exercises;

import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 07_cnn_shapes.ipynb (output sizes, parameter counts, the CIFAR and AlexNet models, a broken
 * model), 17 points: 1 = 2, 2 = 3, 3 = 5, 4 = 4, 5 = 3. The models are checked through their summaries
 * (shapes alone), so no 227×227 image is ever convolved.
 */
@Exercise("07_cnn_shapes")
class CnnShapesChecks {

    /** The distinct output shapes of the CIFAR model's layers (a ReLU repeats its input's shape). */
    private static final List<String> CIFAR_SHAPES = List.of("[32, 30, 30]", "[32, 15, 15]", "[64, 13, 13]",
            "[64, 6, 6]", "[64, 4, 4]");
    /** The same for AlexNet's convolutions: conv 1, pool, conv 2, pool, conv 3, (conv 4 keeps it), conv 5, pool. */
    private static final List<String> ALEXNET_SHAPES = List.of("[96, 55, 55]", "[96, 27, 27]", "[256, 27, 27]",
            "[256, 13, 13]", "[384, 13, 13]", "[256, 13, 13]", "[256, 6, 6]");

    // ------------------------------------------------------------------ helpers

    /**
     * The output shapes per example of the model built by {@code factory} (e.g. {@code "cifarModel()"}),
     * layer by layer, with consecutive repeats removed so that activations do not matter.
     */
    private static List<String> distinctShapes(NotebookSession nb, String factory, String input) {
        nb.declare("String check$shapes(jgrad.nn.Summary s) { StringBuilder b = new StringBuilder(); "
                + "for (var r : s.rows()) b.append(java.util.Arrays.toString(r.outputShape())).append(';'); "
                + "return b.toString(); }");
        String all = nb.evalString("check$shapes(" + factory + ".summary(" + input + "))");
        List<String> distinct = new ArrayList<>();
        for (String shape : all.split(";")) {
            if (!shape.isEmpty() && (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(shape))) {
                distinct.add(shape);
            }
        }
        return distinct;
    }

    // ------------------------------------------------------------------ 1: output size

    @Test
    @Points(1)
    void ex1OutputSizeOfTheCourseExamples(NotebookSession nb) {
        int cifar = nb.evalInt("outputSize(32, 3, 1, 0)");
        Failure.of("outputSize(32, 3, 1, 0) (a 3×3 filter on 32×32) should be ⌊(32 − 3)/1⌋ + 1 = 30").got(cifar)
                .likely(cifar, Mistake.of(29, "the + 1 is missing"), Mistake.of(36, "n + k instead of n − k"))
                .unless(same(30, cifar));
        int alex = nb.evalInt("outputSize(227, 11, 4, 0)");
        Failure.of("outputSize(227, 11, 4, 0) (AlexNet's first layer) should be ⌊(227 − 11)/4⌋ + 1 = 55").got(alex)
                .likely(alex, Mistake.of(217, "the stride is ignored"), Mistake.of(54, "the + 1 is missing"))
                .unless(same(55, alex));
        int padded = nb.evalInt("outputSize(27, 5, 1, 2)");
        Failure.of("outputSize(27, 5, 1, 2) (AlexNet's second convolution) should be ⌊(27 + 4 − 5)/1⌋ + 1 = 27")
                .got(padded).likely(padded, Mistake.of(23, "the padding is ignored"),
                Mistake.of(25, "the padding is counted once: use 2p (both sides)")).unless(same(27, padded));
    }

    @Test
    @Points(1)
    void ex1OutputSizeRoundsDown(NotebookSession nb) {
        int pool = nb.evalInt("outputSize(13, 2, 2, 0)");
        Failure.of("outputSize(13, 2, 2, 0) (2×2 pooling on 13×13) should be ⌊11/2⌋ + 1 = 6: round down").got(pool)
                .likely(pool, Mistake.of(7, "rounded up or to nearest instead of down (Math.round / Math.ceil?)"))
                .unless(same(6, pool));
        int firstPool = nb.evalInt("outputSize(55, 3, 2, 0)");
        Failure.of("outputSize(55, 3, 2, 0) (AlexNet's first pooling) should be ⌊52/2⌋ + 1 = 27").got(firstPool)
                .unless(same(27, firstPool));
        int strided = nb.evalInt("outputSize(8, 3, 2, 1)");
        Failure.of("outputSize(8, 3, 2, 1) should be ⌊(8 + 2 − 3)/2⌋ + 1 = ⌊3.5⌋ + 1 = 4").got(strided).likely(strided,
                Mistake.of(5, "rounded up or to nearest instead of down")).unless(same(4, strided));
    }

    // ------------------------------------------------------------------ 2: parameter counts

    @Test
    @Points(2)
    void ex2ConvParams(NotebookSession nb) {
        int first = nb.evalInt("convParams(3, 3, 32)");
        Failure.of("convParams(3, 3, 32) should be 3·3·3·32 + 32 = 896").got(first).likely(first,
                Mistake.of(864, "the biases (one per filter) are missing"),
                Mistake.of(867, "one bias per input channel instead of one per filter"),
                Mistake.of(320, "the input channels are missing: each filter spans all C_in channels"))
                .unless(same(896, first));
        int second = nb.evalInt("convParams(3, 32, 64)");
        Failure.of("convParams(3, 32, 64) should be 3·3·32·64 + 64 = 18,496").got(second).likely(second,
                Mistake.of(18_432, "the biases (one per filter) are missing"),
                Mistake.of(18_464, "one bias per input channel instead of one per filter"))
                .unless(same(18_496, second));
        int alex = nb.evalInt("convParams(11, 3, 96)");
        Failure.of("convParams(11, 3, 96) (AlexNet's first layer) should be 11·11·3·96 + 96 = 34,944").got(alex)
                .likely(alex, Mistake.of(3_264, "the kernel counts once: a k×k window has k·k weights per channel"))
                .unless(same(34_944, alex));
    }

    @Test
    @Points(1)
    void ex2LinearParams(NotebookSession nb) {
        int small = nb.evalInt("linearParams(64, 10)");
        Failure.of("linearParams(64, 10) should be 64·10 + 10 = 650").got(small).likely(small,
                Mistake.of(640, "the biases (one per output) are missing"),
                Mistake.of(704, "one bias per input instead of per output")).unless(same(650, small));
        int alex = nb.evalInt("linearParams(9216, 4096)");
        Failure.of("linearParams(9216, 4096) (AlexNet's first dense layer) should be 9216·4096 + 4096 = 37,752,832")
                .got(alex).likely(alex, Mistake.of(37_748_736, "the biases are missing"))
                .unless(same(37_752_832, alex));
    }

    // ------------------------------------------------------------------ 3: CIFAR

    @Test
    @Points(2)
    void ex3CifarModelHas56320Parameters(NotebookSession nb) {
        int total = nb.evalInt("cifarModel().summary(3, 32, 32).totalParams()");
        Failure.of("cifarModel() should have 896 + 18,496 + 36,928 = 56,320 parameters; compare its summary with the lecture's")
                .got(total).likely(total, Mistake.of(19_392, "the third convolution Conv2d(64, 64, 3) is missing"),
                Mistake.of(122_570, "only the convolution part: no Flatten or dense layers"))
                .unless(same(56_320, total));
    }

    @Test
    @Points(2)
    void ex3CifarShapesLayerByLayer(NotebookSession nb) {
        int[] out = nb.evalIntArray("cifarModel().summary(3, 32, 32).outputShape()");
        Failure.of("cifarModel() on (3, 32, 32) should output (64, 4, 4), got " + Arrays.toString(out)
                + (out.length == 3 && out[1] > 4 ? ": is a padding set? Keras's convolutions have none" : ""))
                .unless(same(new int[] {64, 4, 4}, out));
        List<String> shapes = distinctShapes(nb, "cifarModel()", "3, 32, 32");
        Failure.of("cifarModel()'s layers should output, in order, (32, 30, 30) after the first convolution, (32, "
                + "15, 15) after the 2×2 pooling, (64, 13, 13), (64, 6, 6) and (64, 4, 4)")
                .got(shapes).unless(same(CIFAR_SHAPES, shapes));
    }

    @Test
    @Points(1) // Keras's layers have activation='relu': without it the stack is one linear map per position.
    void ex3CifarHasAReluAfterEachConvolution(NotebookSession nb) {
        nb.declare("String check$kinds(jgrad.nn.Sequential m) { StringBuilder b = new StringBuilder(); "
                + "for (var l : m.layers()) b.append(l instanceof jgrad.nn.Conv2d ? \"C\" : l instanceof jgrad.nn.ReLU ? \"R\" "
                + ": l instanceof jgrad.nn.MaxPool2d ? \"P\" : \"?\"); return b.toString(); }");
        String kinds = nb.evalString("check$kinds(cifarModel())");
        Failure.of("cifarModel()'s layers should be Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, MaxPool2d, Conv2d, ReLU "
                + "(C = Conv2d, R = ReLU, P = MaxPool2d, ? = another layer); got "
                + kinds).unless(same("CRPCRPCR", kinds));
    }

    // ------------------------------------------------------------------ 4: AlexNet

    @Test
    @Points(2)
    void ex4AlexNetEndsAt256By6By6(NotebookSession nb) {
        int[] out = nb.evalIntArray("alexNetFeatures().summary(3, 227, 227).outputShape()");
        if (Arrays.equals(out, new int[] {9216})) {
            Failure.of("alexNetFeatures() should stop at the last pooling with output (256, 6, 6); it ends with 9216 = "
                    + "256·6·6 numbers: remove the Flatten").fail();
        }
        Failure.of("alexNetFeatures() on (3, 227, 227) should output (256, 6, 6), got " + Arrays.toString(out))
                .unless(same(new int[] {256, 6, 6}, out));
    }

    @Test
    @Points(1)
    void ex4AlexNetShapesLayerByLayer(NotebookSession nb) {
        List<String> shapes = distinctShapes(nb, "alexNetFeatures()", "3, 227, 227");
        // What comes after the last pooling (a Flatten) is the other check's business.
        List<String> first = shapes.subList(0, Math.min(shapes.size(), ALEXNET_SHAPES.size()));
        Failure.of("alexNetFeatures()'s layers should output, in order, (96, 55, 55), (96, 27, 27) after the 3×3 "
                + "stride-2 pooling, (256, 27, 27), (256, 13, 13), (384, 13, 13) twice, (256, 13, 13) and (256, 6, "
                + "6); compare each with outputSize(n, k, s, p)")
                .got(first).unless(same(ALEXNET_SHAPES, first));
    }

    @Test
    @Points(1)
    void ex4AlexNetConvolutionParameters(NotebookSession nb) {
        int total = nb.evalInt("alexNetFeatures().summary(3, 227, 227).totalParams()");
        Failure.of("alexNetFeatures() should have 34,944 + 614,656 + 885,120 + 1,327,488 + 884,992 = 3,747,200 parameters")
                .got(total).likely(total, Mistake.of(2_419_712, "the fourth convolution (384 -> 384) is missing"))
                .unless(same(3_747_200, total));
    }

    // ------------------------------------------------------------------ 5: the broken model

    @Test
    @Points(1)
    void ex5BrokenLayerIsTheFiveByFiveConvolution(NotebookSession nb) {
        int layer = nb.evalInt("brokenLayer");
        if (layer == -1) {
            Failure.of("not done yet: exercise 5a, set brokenLayer to the index of the wrong layer").fail();
        }
        Failure.of("brokenLayer should be the index of the first layer whose output leaves the design").got(layer)
                .likely(layer,
                Mistake.of(10, "layer 10 is where the error is reported (the dense layer checks its input), not the "
                        + "layer that made the images too small"),
                Mistake.of(9, "Flatten only reshapes what it gets; look at the layers before it"),
                Mistake.of(8, "the pooling halves correctly; its input is already 6×6 instead of 8×8"),
                Mistake.of(7, "ReLU keeps the shape; look at the layer before it")).unless(same(6, layer));
    }

    @Test
    @Points(2)
    void ex5FixedModelMatchesTheDesign(NotebookSession nb) {
        int[] out = nb.evalIntArray("fixedModel().summary(3, 32, 32).outputShape()");
        Failure.of("fixedModel() on (3, 32, 32) should output 10 class scores, got " + Arrays.toString(out))
                .unless(same(new int[] {10}, out));
        int total = nb.evalInt("fixedModel().summary(3, 32, 32).totalParams()");
        Failure.of("fixedModel() should have 896 + 18,496 + 73,856 + 20,490 = 113,738 parameters; layers by output: "
                + distinctShapes(nb, "fixedModel()", "3, 32, 32")).got(total).likely(total,
                Mistake.of(235_850, "the dense layer was adapted to the wrong shape (Linear(1152, 10)) and the 5×5 "
                        + "convolution kept: fix the convolution instead, the design says 3×3 filters and 2048 inputs"),
                Mistake.of(244_810, "a 5×5 convolution with padding 2 keeps 8×8, but the design says 3×3 filters"))
                .unless(same(113_738, total));
    }
}
