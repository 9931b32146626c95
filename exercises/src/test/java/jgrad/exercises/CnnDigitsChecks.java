package jgrad.exercises;

import static jgrad.exercises.Failure.near;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import jgrad.nn.Functional;
import jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of 12_cnn_digits.ipynb, the residual block, 14 points: exercise 1 (the constructor) = 5, exercise 2
 * (forward, and the gradient it lets through) = 9; three checks hidden (other channels, kernels and image sizes
 * than the notebook's, so that fixed numbers fail). The block's structure is read from its convolutions' weight
 * shapes and output sizes. For values, the notebook's block gets weights drawn from a seeded generator, and this
 * JVM draws the same numbers and computes skip(x) + conv2(relu(conv1(x))) with {@link Functional#conv2d}; a wrong
 * output is compared with the block's usual slips (no skip, a ReLU after the sum, a ReLU on the branch's output,
 * none between the convolutions) to name the mistake.
 */
@Exercise("12_cnn_digits")
class CnnDigitsChecks {

    /** Weights are drawn as 0.3·N(0, 1): outputs of order 1, and the ReLU cuts about half of them. */
    private static final double WEIGHT_SCALE = 0.3;
    /** The notebook's and this JVM's float64 convolutions may add in different orders. */
    private static final double TOLERANCE = 1e-9;

    /** One convolution as int[7]: present (0/1), the weight's shape (out, in, kh, kw), the output's height and width. */
    private static final String DESCRIBE = "int[] check$conv(jgrad.nn.Conv2d c, int[] input) {"
            + " if (c == null) return new int[] {0, -1, -1, -1, -1, -1, -1};"
            + " int[] w = c.weight().shape(); int[] r = {1, w[0], w[1], w[2], w[3], -1, -1};"
            + " try { int[] y = c.outputShape(input); r[5] = y[2]; r[6] = y[3]; } catch (RuntimeException e) { }"
            + " return r; }";
    private static final String STRUCTURE = "int[] check$structure(int in, int out, int k, int h, int w) {"
            + " ResidualBlock b = new ResidualBlock(in, out, k); int[] r = new int[21];"
            + " System.arraycopy(check$conv(b.conv1, new int[] {1, in, h, w}), 0, r, 0, 7);"
            + " System.arraycopy(check$conv(b.conv2, new int[] {1, out, h, w}), 0, r, 7, 7);"
            + " System.arraycopy(check$conv(b.projection, new int[] {1, in, h, w}), 0, r, 14, 7);"
            + " return r; }";
    /** mode 0: the output; 1: the input's gradient of sum(y ⊙ g); 2: the same with conv2 set to zero. */
    private static final String RUN = "double[] check$run(int in, int out, int k, long seed, int n, int h, int w, int mode) {"
            + " ResidualBlock b = new ResidualBlock(in, out, k); java.util.Random r = new java.util.Random(seed);"
            + " b.conv1.weight().setData(jgrad.tensor.Tensor.randn(r, out, in, k, k).mul(" + WEIGHT_SCALE + "));"
            + " b.conv1.bias().setData(jgrad.tensor.Tensor.randn(r, out).mul(" + WEIGHT_SCALE + "));"
            + " b.conv2.weight().setData(jgrad.tensor.Tensor.randn(r, out, out, k, k).mul(" + WEIGHT_SCALE + "));"
            + " b.conv2.bias().setData(jgrad.tensor.Tensor.randn(r, out).mul(" + WEIGHT_SCALE + "));"
            + " if (b.projection != null) {"
            + " b.projection.weight().setData(jgrad.tensor.Tensor.randn(r, out, in, 1, 1).mul(" + WEIGHT_SCALE + "));"
            + " b.projection.bias().setData(jgrad.tensor.Tensor.randn(r, out).mul(" + WEIGHT_SCALE + ")); }"
            + " if (mode == 2) { b.conv2.weight().setData(jgrad.tensor.Tensor.zeros(out, out, k, k));"
            + " b.conv2.bias().setData(jgrad.tensor.Tensor.zeros(out)); }"
            + " jgrad.tensor.Tensor x = jgrad.tensor.Tensor.randn(r, n, in, h, w);"
            + " if (mode == 0) return b.forward(x).data();"
            + " x.requiresGrad(); jgrad.tensor.Tensor g = jgrad.tensor.Tensor.randn(r, n, out, h, w);"
            + " b.forward(x).mul(g).sum().backward(); return x.grad().data(); }";

    // ------------------------------------------------------------------ 1: the constructor

    @Test
    @Points(2)
    void ex1ConvolutionsKeepTheShape(NotebookSession nb) {
        structureProblem(nb, 4, 4, 3, 6, 6).ifPresent(problem -> Failure.of(problem).fail());
    }

    @Test
    @Points(1)
    void ex1ProjectionWhenTheChannelsChange(NotebookSession nb) {
        structureProblem(nb, 4, 8, 3, 6, 6).ifPresent(problem -> Failure.of(problem).fail());
    }

    @Test
    @Points(2)
    @Hidden
    void ex1OtherChannelsKernelsAndSizes(NotebookSession nb) {
        structureProblem(nb, 3, 3, 5, 7, 6).ifPresent(problem -> Failure.of(problem).fail());
        structureProblem(nb, 2, 5, 1, 5, 5).ifPresent(problem -> Failure.of(problem).fail());
    }

    // ------------------------------------------------------------------ 2: forward and the gradient

    @Test
    @Points(2)
    void ex2ForwardIsSkipPlusBranch(NotebookSession nb) {
        checkForward(nb, new Case(4, 4, 3, 21, 2, 6, 6));
    }

    @Test
    @Points(2)
    void ex2ForwardWithAProjection(NotebookSession nb) {
        checkForward(nb, new Case(4, 8, 3, 22, 1, 6, 6));
    }

    @Test
    @Points(2)
    @Hidden
    void ex2ForwardOnOtherShapes(NotebookSession nb) {
        checkForward(nb, new Case(3, 3, 5, 23, 2, 7, 6));
        checkForward(nb, new Case(3, 5, 3, 24, 1, 5, 7));
    }

    @Test
    @Points(2)
    void ex2SkipPathCarriesTheGradientUnchanged(NotebookSession nb) {
        Case c = new Case(4, 4, 3, 25, 2, 6, 6);
        requireStructure(nb, c);
        Drawn d = c.draw(true);
        double[] yours = run(nb, c, 2, "with conv2 set to zero, the gradient reaching x should be the gradient "
                + "arriving at y");
        double[] upstream = d.g().data();
        if (near(upstream, yours, TOLERANCE)) {
            return;
        }
        Failure.of(c.block() + " with conv2's weights and bias set to zero is the identity (F(x) = 0), so for the loss "
                        + "sum(y ⊙ g) the gradient reaching x should be g itself, " + head(upstream))
                .got(head(yours))
                .likely(yours, Mistake.of(new double[upstream.length], "the skip is missing: y = F(x) lets no gradient "
                                + "through when the branch is silent; add x to the branch's output"),
                        Mistake.of(d.gradient(v -> v.relu()), "a ReLU after the sum: it stops the gradient wherever "
                                + "x + F(x) < 0; the block's output is the sum itself"))
                .fail();
    }

    @Test
    @Points(1)
    @Hidden
    void ex2GradientMatchesAutograd(NotebookSession nb) {
        Case c = new Case(3, 3, 5, 26, 1, 7, 6);
        requireStructure(nb, c);
        Drawn d = c.draw(false);
        double[] yours = run(nb, c, 1, "the gradient reaching x should follow skip(x) + F(x)");
        double[] expected = d.gradient(UnaryOperator.identity());
        if (near(expected, yours, TOLERANCE)) {
            return;
        }
        Failure.of(c.block() + ": the gradient of sum(y ⊙ g) reaching x should be g + (∂F/∂x)ᵀg = " + head(expected))
                .got(head(yours)).likely(yours, d.gradientMistakes()).fail();
    }

    // ------------------------------------------------------------------ forward

    private static void checkForward(NotebookSession nb, Case c) {
        requireStructure(nb, c);
        Drawn d = c.draw(false);
        double[] yours = run(nb, c, 0, c.block() + ".forward(x) should be skip(x) + conv2(relu(conv1(x)))");
        double[] expected = d.output().data();
        if (near(expected, yours, TOLERANCE)) {
            return;
        }
        Failure.of(String.format(Locale.ROOT, "%s.forward(x) on x of shape [%d, %d, %d, %d] with the checks' weights "
                        + "should be skip(x) + conv2(relu(conv1(x))) = %s", c.block(), c.n, c.in, c.h, c.w, head(expected)))
                .got(head(yours)).likely(yours, d.outputMistakes()).fail();
    }

    /** The first values of a long array and its length: enough to see a difference, short enough to read the hint. */
    private static String head(double[] values) {
        if (values == null || values.length <= 4) {
            return Show.list(values);
        }
        String first = Show.list(Arrays.copyOf(values, 4));
        return first.substring(0, first.length() - 1) + ", ...] (" + values.length + " values)";
    }

    private static double[] run(NotebookSession nb, Case c, int mode, String expectation) {
        nb.declare(RUN);
        String call = String.format(Locale.ROOT, "check$run(%d, %d, %d, %dL, %d, %d, %d, %d)", c.in, c.out, c.k,
                c.seed, c.n, c.h, c.w, mode);
        return CheckSupport.attempt(expectation, () -> CheckSupport.evalShownAs(call, c.block() + " with the checks' "
                + "weights", nb::evalDoubleArray));
    }

    /** Values are only checked on a block whose convolutions have the right shapes: that is exercise 1's part. */
    private static void requireStructure(NotebookSession nb, Case c) {
        structureProblem(nb, c.in, c.out, c.k, c.h, c.w).ifPresent(problem ->
                Failure.of(c.block() + ".forward can only be checked once the constructor is right (exercise 1): "
                        + problem).fail());
    }

    // ------------------------------------------------------------------ structure

    /** What is wrong with ResidualBlock(in, out, k)'s convolutions for h×w images, or empty when nothing is. */
    private static Optional<String> structureProblem(NotebookSession nb, int in, int out, int k, int h, int w) {
        nb.declare(DESCRIBE);
        nb.declare(STRUCTURE);
        String block = "ResidualBlock(" + in + ", " + out + ", " + k + ")";
        int[] r = CheckSupport.attempt(block + " should build its convolutions", () -> CheckSupport.evalShownAs(
                String.format(Locale.ROOT, "check$structure(%d, %d, %d, %d, %d)", in, out, k, h, w), block,
                nb::evalIntArray));
        Optional<String> problem = convProblem(block, "conv1", Arrays.copyOfRange(r, 0, 7), in, out, k, h, w);
        if (problem.isEmpty()) {
            problem = convProblem(block, "conv2", Arrays.copyOfRange(r, 7, 14), out, out, k, h, w);
        }
        return problem.isPresent() ? problem : projectionProblem(block, Arrays.copyOfRange(r, 14, 21), in, out, h, w);
    }

    /** @param c present, weight shape (4), output height and width, as check$conv gives them */
    private static Optional<String> convProblem(String block, String name, int[] c, int in, int out, int k, int h, int w) {
        String should = String.format(Locale.ROOT, "%s's %s should be a %d×%d convolution from %d to %d channels "
                + "(weight of shape [%d, %d, %d, %d])", block, name, k, k, in, out, out, in, k, k);
        if (c[0] == 0) {
            return Optional.of(Failure.of(should).got("null: the constructor must create it").message());
        }
        int[] weight = Arrays.copyOfRange(c, 1, 5);
        if (weight[0] != out || weight[1] != in) {
            String why = "";
            if (weight[1] == out && weight[0] == out && in != out) {
                why = name + " reads the block's input, which has in = " + in + " channels, not out";
            } else if (weight[0] == in && in != out) {
                why = name + " should make out = " + out + " channels, not in";
            } else if (weight[0] == 4 && weight[1] == 4) {
                why = "the channels are fixed numbers (the notebook's 4?) instead of the arguments in and out";
            }
            return Optional.of(Failure.of(should).got("weight of shape " + Show.list(weight)).likely(why).message());
        }
        if (weight[2] != k || weight[3] != k) {
            return Optional.of(Failure.of(should).got("weight of shape " + Show.list(weight))
                    .likely(weight[2] == 3 ? "a 3×3 kernel whatever kernelSize is" : "").message());
        }
        if (c[5] != h || c[6] != w) {
            int padding = (c[5] - h + k - 1) / 2;
            String why = padding == 1 && k != 3 ? "padding 1, which keeps the size of 3×3 kernels only"
                    : padding == 0 ? "no padding: each k×k convolution takes k − 1 rows and columns off" : "";
            return Optional.of(Failure.of(String.format(Locale.ROOT, "%s's %s should keep the image's size, "
                            + "%d×%d: the output height is H + 2p − k + 1 (stride 1), so the padding must be p = (k − 1)/2 = %d",
                    block, name, h, w, (k - 1) / 2)).got(c[5] + "×" + c[6]).likely(why).message());
        }
        return Optional.empty();
    }

    private static Optional<String> projectionProblem(String block, int[] p, int in, int out, int h, int w) {
        if (in == out) {
            return p[0] == 0 ? Optional.empty() : Optional.of(Failure.of(block + ": with in == out the skip path is x "
                    + "itself, so projection should stay null").got("a convolution with weight of shape "
                    + Show.list(Arrays.copyOfRange(p, 1, 5))).then(" (a 1×1 convolution there mixes the channels, and "
                    + "the skip path no longer passes the gradient unchanged)").message());
        }
        String should = String.format(Locale.ROOT, "%s: in = %d ≠ out = %d, so x cannot be added to the branch's %d "
                + "channels; projection should be a 1×1 convolution from %d to %d channels (weight of shape [%d, %d, 1, 1]) "
                + "keeping %d×%d", block, in, out, out, in, out, out, in, h, w);
        if (p[0] == 0) {
            return Optional.of(Failure.of(should).got("null").likely("the channel mismatch is not handled: when "
                    + "in ≠ out the skip needs the projection").message());
        }
        int[] weight = Arrays.copyOfRange(p, 1, 5);
        if (!Arrays.equals(weight, new int[] {out, in, 1, 1})) {
            return Optional.of(Failure.of(should).got("weight of shape " + Show.list(weight)).message());
        }
        if (p[5] != h || p[6] != w) {
            return Optional.of(Failure.of(should).got("an output of " + p[5] + "×" + p[6])
                    .likely("padding on the 1×1 convolution: it needs none").message());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ the reference, in this JVM

    /** A block, its seed, and the input's shape (n, in, h, w). */
    private record Case(int in, int out, int k, long seed, int n, int h, int w) {

        String block() {
            return "ResidualBlock(" + in + ", " + out + ", " + k + ")";
        }

        /** The notebook's draws, in check$run's order; {@code silenced}: conv2 set to zero. */
        Drawn draw(boolean silenced) {
            Random r = new Random(seed);
            Tensor w1 = Tensor.randn(r, out, in, k, k).mul(WEIGHT_SCALE);
            Tensor b1 = Tensor.randn(r, out).mul(WEIGHT_SCALE);
            Tensor w2 = Tensor.randn(r, out, out, k, k).mul(WEIGHT_SCALE);
            Tensor b2 = Tensor.randn(r, out).mul(WEIGHT_SCALE);
            Tensor wp = null;
            Tensor bp = null;
            if (in != out) {
                wp = Tensor.randn(r, out, in, 1, 1).mul(WEIGHT_SCALE);
                bp = Tensor.randn(r, out).mul(WEIGHT_SCALE);
            }
            if (silenced) {
                w2 = Tensor.zeros(out, out, k, k);
                b2 = Tensor.zeros(out);
            }
            Tensor x = Tensor.randn(r, n, in, h, w);
            Tensor g = Tensor.randn(r, n, out, h, w);
            return new Drawn(this, w1, b1, w2, b2, wp, bp, x, g);
        }
    }

    /** Weights, input and upstream gradient as the notebook's block gets them. */
    private record Drawn(Case c, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor wp, Tensor bp, Tensor x, Tensor g) {

        /** How a block could combine its skip path s and its branch: the right way and the usual slips. */
        private enum Variant { RIGHT, NO_SKIP, RELU_AFTER_SUM, RELU_ON_BRANCH, NO_RELU_INSIDE }

        private Tensor combine(Tensor input, Variant v) {
            int p = (c.k - 1) / 2;
            Tensor hidden = Functional.conv2d(input, w1, b1, 1, p);
            Tensor branch = Functional.conv2d(v == Variant.NO_RELU_INSIDE ? hidden : hidden.relu(), w2, b2, 1, p);
            Tensor skip = wp == null ? input : Functional.conv2d(input, wp, bp, 1, 0);
            return switch (v) {
                case RIGHT, NO_RELU_INSIDE -> skip.add(branch);
                case NO_SKIP -> branch;
                case RELU_AFTER_SUM -> skip.add(branch).relu();
                case RELU_ON_BRANCH -> skip.add(branch.relu());
            };
        }

        /** The right output. */
        Tensor output() {
            return combine(x, Variant.RIGHT);
        }

        /** The input's gradient of sum(after(y) ⊙ g). */
        double[] gradient(UnaryOperator<Tensor> after) {
            return gradientOf(input -> after.apply(combine(input, Variant.RIGHT)));
        }

        private double[] gradientOf(UnaryOperator<Tensor> block) {
            Tensor input = x.detach().requiresGrad();
            block.apply(input).mul(g).sum().backward();
            return input.grad().data();
        }

        @SuppressWarnings("unchecked")
        Mistake<double[]>[] outputMistakes() {
            return new Mistake[] {
                Mistake.of(combine(x, Variant.NO_SKIP).data(), "the skip is missing: that is conv2(relu(conv1(x))) "
                        + "alone; add skip(x)"),
                Mistake.of(combine(x, Variant.RELU_AFTER_SUM).data(), "a ReLU after the sum (the 2015 ResNet's "
                        + "block); here, as in the lecture, the block's output is the sum itself, so that the skip path "
                        + "stays an identity"),
                Mistake.of(combine(x, Variant.RELU_ON_BRANCH).data(), "a ReLU on conv2's output before the sum; "
                        + "the only ReLU is between the two convolutions"),
                Mistake.of(combine(x, Variant.NO_RELU_INSIDE).data(), "no ReLU between conv1 and conv2: without it "
                        + "the branch is one linear map"),
            };
        }

        @SuppressWarnings("unchecked")
        Mistake<double[]>[] gradientMistakes() {
            return new Mistake[] {
                Mistake.of(gradientOf(input -> combine(input, Variant.NO_SKIP)), "the skip is missing: the gradient "
                        + "lacks its g term"),
                Mistake.of(gradientOf(input -> combine(input, Variant.RELU_AFTER_SUM)), "a ReLU after the sum "
                        + "stops the gradient wherever skip(x) + F(x) < 0"),
                Mistake.of(gradientOf(input -> combine(input, Variant.RELU_ON_BRANCH)), "a ReLU on conv2's output "
                        + "before the sum"),
                Mistake.of(gradientOf(input -> combine(input, Variant.NO_RELU_INSIDE)), "no ReLU between conv1 and "
                        + "conv2"),
            };
        }
    }
}
