package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba): running means of the gradient (β₁) and of its square (β₂), bias-corrected;
 * p ← p − lr · m̂ / (√v̂ + ε). Weight decay, when set, is added to the gradient (L2, like PyTorch's Adam).
 */
public class Adam extends Optimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final double[][] m;
    private final double[][] v;
    private final int[] t;

    /** lr 0.001, β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** β₁ 0.9, β₂ 0.999, ε 1e-8. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Every option. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("Adam", params, lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam: betas " + beta1 + ", " + beta2 + " must be in [0, 1), eps " + eps
                    + " positive and weight decay " + weightDecay + " 0 or more");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new double[params.size()][];
        this.v = new double[params.size()][];
        this.t = new int[params.size()];
    }

    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        double[] mi = state(m, index, p.length);
        double[] vi = state(v, index, p.length);
        int step = ++t[index];
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + weightDecay * p[i];
            mi[i] = beta1 * mi[i] + (1 - beta1) * g;
            vi[i] = beta2 * vi[i] + (1 - beta2) * g * g;
            p[i] -= lr * (mi[i] / c1) / (Math.sqrt(vi[i] / c2) + eps);
        }
    }
}
