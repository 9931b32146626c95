package jgrad.bench.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import jgrad.bench.TensorWorkloads;
import jgrad.bench.Workload;
import jgrad.data.Moons;
import jgrad.nn.Module;
import jgrad.nn.Sequential;
import jgrad.tensor.Tensor;

/**
 * jgrad's benchmark workloads on DJL's PyTorch engine (float64, CPU), written as a DJL user writes them
 * with NDArrays and a GradientCollector (SGD by hand, as jgrad's and PyTorch's SGD do it). Each model
 * starts from the parameters of jgrad's model for the same workload and sees the same data in the same
 * order, so that {@link #check} can compare the losses step by step.
 */
public final class DjlWorkloads {

    private final NDManager manager;

    DjlWorkloads(NDManager manager) {
        this.manager = manager;
    }

    /** The workloads under jgrad's names, with jgrad's warm-up and run counts. */
    List<Workload> all() {
        List<Workload> list = new ArrayList<>();
        list.add(Workload.of("micrograd", 300, 51, this::micrograd).inCell(5, 10));
        list.add(Workload.of("xor", 3, 7, () -> () -> xor(5000)));
        list.add(Workload.of("iris", 3, 7, () -> () -> iris(100)));
        for (int n : new int[] {256, 512, 1024}) {
            list.add(new Workload("matmul" + n, n < 1024 ? 5 : 2, n < 1024 ? 11 : 5, () -> matmul(n),
                    Workload.gflops(2.0 * n * n * n)));
        }
        list.add(Workload.of("conv2d", 3, 9, this::conv2d));
        list.add(Workload.of("tinycnn", 5, 11, () -> () -> tinyCnn(100)));
        return list;
    }

    /** A float64 array with jgrad tensor's values and shape. */
    NDArray of(Tensor t) {
        long[] shape = new long[t.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.shape()[i];
        }
        return manager.create(t.data(), new Shape(shape));
    }

    /** The parameters of jgrad's model as DJL arrays that record gradients, in the same order. */
    private List<NDArray> parameters(Module model) {
        List<NDArray> params = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            NDArray a = of(p);
            a.setRequiresGradient(true);
            params.add(a);
        }
        return params;
    }

    /** {@code p -= lr·grad} for every parameter, then the gradients zeroed (libtorch accumulates them). */
    private static void sgd(List<NDArray> params, double lr) {
        for (NDArray p : params) {
            NDArray g = p.getGradient();
            p.subi(g.mul(lr));
            g.subi(g);
        }
    }

    private static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.matMul(w.transpose()).add(b);
    }

    /** Mean cross-entropy of {@code logits} (n×c) against one-hot rows {@code oneHot}. */
    private static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return logits.logSoftmax(1).mul(oneHot).sum().neg().div(logits.getShape().get(0));
    }

    private NDArray oneHot(int[] labels, int classes) {
        double[] h = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            h[i * classes + labels[i]] = 1;
        }
        return manager.create(h, new Shape(labels.length, classes));
    }

    /** One training step: the loss of {@code forward}, backward, SGD; returns the loss. */
    private static double step(List<NDArray> params, double lr, java.util.function.Supplier<NDArray> forward) {
        try (NDScope scope = new NDScope()) {
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = forward.get();
                gc.backward(l);
                loss = l.getDouble();
            }
            sgd(params, lr);
            return loss;
        }
    }

    /** XOR 2-2-1 as in jgrad's workload; returns the loss of each step. */
    double[] xor(int steps) {
        try (NDScope outer = new NDScope()) {
            List<NDArray> p = parameters(TensorWorkloads.xorModel());
            NDArray x = of(TensorWorkloads.XOR_X);
            NDArray y = of(TensorWorkloads.XOR_Y);
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                losses[s] = step(p, 0.1, () -> linear(Activation.sigmoid(linear(x, p.get(0), p.get(1))), p.get(2), p.get(3))
                        .sub(y).square().mean());
            }
            return losses;
        }
    }

    /** Iris-sized MLP 4-32-16-3, minibatches of 16 in jgrad's order; returns the loss of each step. */
    double[] iris(int epochs) {
        try (NDScope outer = new NDScope()) {
            Random rng = new Random(0);
            List<NDArray> p = parameters(TensorWorkloads.irisModel(rng));
            NDArray x = of(TensorWorkloads.IRIS_X);
            int[] labels = TensorWorkloads.irisLabels();
            NDArray oneHot = oneHot(labels, 3);
            int[] order = new int[150];
            for (int i = 0; i < 150; i++) {
                order[i] = i;
            }
            double[] losses = new double[epochs * 10];
            int s = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int[] batch : TensorWorkloads.irisBatches(order, rng)) {
                    long[] rows = new long[batch.length];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = batch[i];
                    }
                    losses[s++] = step(p, 0.01, () -> {
                        NDArray index = manager.create(rows);
                        NDArray h = Activation.relu(linear(x.get(index), p.get(0), p.get(1)));
                        h = Activation.relu(linear(h, p.get(2), p.get(3)));
                        return crossEntropy(linear(h, p.get(4), p.get(5)), oneHot.get(index));
                    });
                }
            }
            return losses;
        }
    }

    /** The n×n product of jgrad's factors; returns the timed body. */
    Runnable matmul(int n) {
        Tensor[] ab = TensorWorkloads.matmulInputs(n);
        NDArray a = of(ab[0]);
        NDArray b = of(ab[1]);
        return () -> a.matMul(b).close();
    }

    /** The product itself, for the check. */
    double[] product(int n) {
        Tensor[] ab = TensorWorkloads.matmulInputs(n);
        try (NDScope scope = new NDScope()) {
            return of(ab[0]).matMul(of(ab[1])).toDoubleArray();
        }
    }

    /** conv2d forward and backward on jgrad's inputs; returns the timed body. */
    Runnable conv2d() {
        NDArray[] xwb = convInputs();
        return () -> convGradients(xwb);
    }

    private NDArray[] convInputs() {
        Tensor[] t = TensorWorkloads.conv2dInputs();
        NDArray[] xwb = {of(t[0]), of(t[1]), of(t[2])};
        for (NDArray a : xwb) {
            a.setRequiresGradient(true);
        }
        return xwb;
    }

    /** Forward, sum, backward; the gradients zeroed again for the next run. */
    private static void convGradients(NDArray[] xwb) {
        try (NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Conv2d.conv2d(xwb[0], xwb[1], xwb[2], new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().sum());
            }
            for (NDArray a : xwb) {
                NDArray g = a.getGradient();
                g.subi(g);
            }
        }
    }

    /** The sum of the convolution and its three gradients, for the check. */
    double[][] convCheck() {
        NDArray[] xwb = convInputs();
        try (NDScope scope = new NDScope()) {
            double[][] out = new double[4][];
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray s = Conv2d.conv2d(xwb[0], xwb[1], xwb[2], new Shape(1, 1), new Shape(1, 1)).singletonOrThrow().sum();
                gc.backward(s);
                out[3] = new double[] {s.getDouble()};
            }
            for (int i = 0; i < 3; i++) {
                out[i] = xwb[i].getGradient().toDoubleArray();
            }
            return out;
        }
    }

    /** The tiny CNN, full batch; returns the loss of each step. */
    double[] tinyCnn(int steps) {
        try (NDScope outer = new NDScope()) {
            List<NDArray> p = parameters(TensorWorkloads.tinyCnnModel());
            NDArray x = of(TensorWorkloads.CNN_X);
            NDArray oneHot = oneHot(TensorWorkloads.cnnLabels(), 10);
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                losses[s] = step(p, 0.01, () -> {
                    NDArray h = Activation.relu(Conv2d.conv2d(x, p.get(0), p.get(1)).singletonOrThrow());
                    h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                    return crossEntropy(linear(h.reshape(32, 72), p.get(2), p.get(3)), oneHot);
                });
            }
            return losses;
        }
    }

    /**
     * micrograd's demo step as in pytorch_reference.py: MLP 2-16-16-1 ReLU on 100 moons points, max-margin
     * loss plus 1e-4·Σp², SGD lr 0.5; returns the timed body (one step).
     */
    Runnable micrograd() {
        Moons data = Moons.make(100, 0.1, 1);
        double[] xs = new double[200];
        for (int i = 0; i < 100; i++) {
            xs[2 * i] = data.x()[i][0];
            xs[2 * i + 1] = data.x()[i][1];
        }
        NDArray x = manager.create(xs, new Shape(100, 2));
        NDArray y = manager.create(data.signedLabels(), new Shape(100, 1));
        Random rng = new Random(1337);
        Sequential model = new Sequential(new jgrad.nn.Linear(2, 16, rng), new jgrad.nn.ReLU(), new jgrad.nn.Linear(16, 16, rng),
                new jgrad.nn.ReLU(), new jgrad.nn.Linear(16, 1, rng));
        List<NDArray> p = parameters(model);
        return () -> step(p, 0.5, () -> {
            NDArray h = Activation.relu(linear(x, p.get(0), p.get(1)));
            h = Activation.relu(linear(h, p.get(2), p.get(3)));
            NDArray scores = linear(h, p.get(4), p.get(5));
            NDArray dataLoss = Activation.relu(scores.mul(y).neg().add(1)).mean();
            NDArray reg = p.get(0).square().sum();
            for (int i = 1; i < p.size(); i++) {
                reg = reg.add(p.get(i).square().sum());
            }
            return dataLoss.add(reg.mul(1e-4));
        });
    }
}
