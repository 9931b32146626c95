package jgrad.check;

import java.util.Random;
import java.util.function.Function;

import jgrad.tensor.Tensor;

/**
 * {@link GradCheck} for tensors: compares the gradients backward() computes with central differences.
 *
 * <p>The function may return any shape: a non-scalar result y is reduced to Σ y·r with fixed random
 * weights r, so every output element takes part with a different weight.
 *
 * <pre>{@code
 * var rng = new Random(0);
 * GradCheck.Result r = TensorGradCheck.check(t -> t[0].matmul(t[1]).tanh(),
 *         Tensor.randn(rng, 3, 4), Tensor.randn(rng, 4, 2));
 * r.passed();
 * }</pre>
 */
public final class TensorGradCheck {

    private TensorGradCheck() {
    }

    /** Checks {@code f} at {@code inputs} (not modified) with {@link GradCheck#DEFAULT_TOLERANCE}. */
    public static GradCheck.Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(GradCheck.DEFAULT_TOLERANCE, f, inputs);
    }

    /**
     * Checks {@code f} at {@code inputs}: the gradients with respect to every input, flattened and
     * concatenated in input order, against central differences with step {@link GradCheck#DEFAULT_STEP}.
     */
    @SuppressWarnings("try") // the scope is used only for its effect
    public static GradCheck.Result check(double tolerance, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        int total = 0;
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].copy().requiresGrad();
            total += inputs[i].size();
        }
        Tensor out = f.apply(leaves);
        Tensor weights = out.size() == 1 ? null : Tensor.uniform(new Random(1234), 0.5, 1.5, out.shape());
        (weights == null ? out.sum() : out.mul(weights).sum()).backward();
        double[] analytic = new double[total];
        double[] point = new double[total];
        int at = 0;
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(leaves[i].grad().data(), 0, analytic, at, inputs[i].size());
            System.arraycopy(inputs[i].data(), 0, point, at, inputs[i].size());
            at += inputs[i].size();
        }
        double[] numerical = GradCheck.numericalGradient(x -> {
            Tensor[] ts = new Tensor[inputs.length];
            int offset = 0;
            for (int i = 0; i < inputs.length; i++) {
                double[] d = new double[inputs[i].size()];
                System.arraycopy(x, offset, d, 0, d.length);
                ts[i] = Tensor.zeros(inputs[i].shape()).setData(d);
                offset += d.length;
            }
            try (var scope = Tensor.noGrad()) {
                Tensor y = f.apply(ts);
                return weights == null ? y.item() : y.mul(weights).sum().item();
            }
        }, point, GradCheck.DEFAULT_STEP);
        return GradCheck.compare(analytic, numerical, tolerance);
    }
}
