package jgrad.optim;

import java.util.List;

import jgrad.tensor.Tensor;

/**
 * RMSProp (Hinton): a running mean of the squared gradient scales each step,
 * s ← α·s + (1 − α)·g²; p ← p − lr · g / (√s + ε), with PyTorch's defaults α = 0.99, ε = 1e-8.
 */
public class RMSProp extends Optimizer {

    private final double alpha;
    private final double eps;
    private final double[][] square;

    /** lr 0.01, α 0.99, ε 1e-8. */
    public RMSProp(List<Tensor> params) {
        this(params, 0.01);
    }

    /** α 0.99, ε 1e-8. */
    public RMSProp(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8);
    }

    /** Every option. */
    public RMSProp(List<Tensor> params, double lr, double alpha, double eps) {
        super("RMSProp", params, lr);
        if (!(alpha >= 0 && alpha < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("RMSProp: alpha " + alpha + " must be in [0, 1) and eps " + eps + " positive");
        }
        this.alpha = alpha;
        this.eps = eps;
        this.square = new double[params.size()][];
    }

    @Override
    protected void update(int index, double[] p, double[] grad, double lr) {
        double[] s = state(square, index, p.length);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i];
            s[i] = alpha * s[i] + (1 - alpha) * g * g;
            p[i] -= lr * g / (Math.sqrt(s[i]) + eps);
        }
    }
}
