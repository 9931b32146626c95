package jgrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Functional;
import jgrad.nn.Linear;
import jgrad.nn.MaxPool2d;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.nn.Sigmoid;
import jgrad.optim.SGD;
import jgrad.tensor.Tensor;

/**
 * The registry: the workloads on tensors, mirrored one for one by bench/pytorch_reference.py.
 * Add a workload by adding it to the list in {@link #all()}.
 */
public final class TensorWorkloads {

    private TensorWorkloads() {
    }

    /** Every workload, in the order they are printed. */
    public static List<Workload> all() {
        List<Workload> list = new ArrayList<>();
        list.add(Workload.of("xor", 3, 7, TensorWorkloads::xor));
        list.add(Workload.of("iris", 3, 7, TensorWorkloads::iris));
        for (int n : new int[] {256, 512, 1024}) {
            list.add(new Workload("matmul" + n, n < 1024 ? 5 : 2, n < 1024 ? 11 : 5, () -> matmul(n),
                    Workload.gflops(2.0 * n * n * n)));
        }
        list.add(Workload.of("conv2d", 3, 9, TensorWorkloads::conv2d));
        list.add(Workload.of("tinycnn", 5, 11, TensorWorkloads::tinyCnn));
        return list;
    }

    /** XOR: 2-2-1, sigmoid hidden, linear output, MSE, full-batch SGD lr 0.1, 5,000 steps. */
    static Runnable xor() {
        return () -> xorTrain(xorModel(), 5000);
    }

    /** The XOR inputs, 4×2. */
    public static final Tensor XOR_X = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    /** The XOR targets, 4×1. */
    public static final Tensor XOR_Y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);

    /** The XOR model as the workload starts it (seed 0). */
    public static Sequential xorModel() {
        Random rng = new Random(0);
        return new Sequential(new Linear(2, 2, rng), new Sigmoid(), new Linear(2, 1, rng));
    }

    /** Trains the XOR model {@code steps} steps; returns the loss of each step (before its update). */
    public static double[] xorTrain(Sequential model, int steps) {
        SGD opt = new SGD(model.parameters(), 0.1);
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor loss = Functional.mse(model.forward(XOR_X), XOR_Y);
            loss.backward();
            opt.step();
            losses[step] = loss.item();
        }
        return losses;
    }

    /** Iris-sized: MLP 4-32-16-3 ReLU, cross-entropy, minibatches of 16, 100 epochs over 150 rows, SGD lr 0.01. */
    static Runnable iris() {
        return () -> {
            Random rng = new Random(0);
            irisTrain(irisModel(rng), rng, 100);
        };
    }

    /** The iris-sized inputs (150×4, standard normal, seed 1). */
    public static final Tensor IRIS_X = Tensor.randn(new Random(1), 150, 4);

    /** The class of row i: i mod 3. */
    public static int[] irisLabels() {
        int[] labels = new int[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = i % 3;
        }
        return labels;
    }

    /** The iris model, initialised from {@code rng} (the workload goes on shuffling with the same generator). */
    public static Sequential irisModel(Random rng) {
        return new Sequential(new Linear(4, 32, rng), new ReLU(), new Linear(32, 16, rng), new ReLU(), new Linear(16, 3, rng));
    }

    /** The minibatches of one epoch: row indices, in {@code order} (shuffled from {@code rng} first), 16 at a time. */
    public static int[][] irisBatches(int[] order, Random rng) {
        shuffle(order, rng);
        int[][] batches = new int[(150 + 15) / 16][];
        for (int b = 0, start = 0; start < 150; b++, start += 16) {
            batches[b] = java.util.Arrays.copyOfRange(order, start, Math.min(150, start + 16));
        }
        return batches;
    }

    /** Trains {@code epochs} epochs; returns the loss of each step. */
    public static double[] irisTrain(Sequential model, Random rng, int epochs) {
        int[] labels = irisLabels();
        SGD opt = new SGD(model.parameters(), 0.01);
        int[] order = new int[150];
        for (int i = 0; i < 150; i++) {
            order[i] = i;
        }
        double[] losses = new double[epochs * 10];
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int[] batch : irisBatches(order, rng)) {
                int[] targets = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    targets[i] = labels[batch[i]];
                }
                opt.zeroGrad();
                Tensor loss = Functional.crossEntropy(model.forward(IRIS_X.rows(batch)), targets);
                loss.backward();
                opt.step();
                losses[step++] = loss.item();
            }
        }
        return losses;
    }

    /** Fisher–Yates, as the iris workload shuffles its rows each epoch. */
    public static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** An n×n by n×n product. */
    static Runnable matmul(int n) {
        Tensor[] ab = matmulInputs(n);
        return () -> ab[0].matmul(ab[1]);
    }

    /** The two n×n factors (standard normal, seed 2). */
    public static Tensor[] matmulInputs(int n) {
        Random rng = new Random(2);
        return new Tensor[] {Tensor.randn(rng, n, n), Tensor.randn(rng, n, n)};
    }

    /** conv2d forward and backward: input 64×3×32×32, 32 filters 3×3, stride 1, padding 1. */
    static Runnable conv2d() {
        Tensor[] xwb = conv2dInputs();
        Tensor x = xwb[0], w = xwb[1], b = xwb[2];
        return () -> {
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Functional.conv2d(x, w, b, 1, 1).sum().backward();
        };
    }

    /** The convolution's input, weight and bias (standard normal, seed 3), requiring gradients. */
    public static Tensor[] conv2dInputs() {
        Random rng = new Random(3);
        return new Tensor[] {Tensor.randn(rng, 64, 3, 32, 32).requiresGrad(), Tensor.randn(rng, 32, 3, 3, 3).requiresGrad(),
                Tensor.randn(rng, 32).requiresGrad()};
    }

    /** Tiny CNN: conv(1→8, 3×3), ReLU, max-pool 2, linear 72→10, cross-entropy, batch 32 of 1×8×8, 100 SGD steps. */
    static Runnable tinyCnn() {
        return () -> tinyCnnTrain(tinyCnnModel(), 100);
    }

    /** The tiny CNN's inputs: 32 images 1×8×8, standard normal, seed 4. */
    public static final Tensor CNN_X = Tensor.randn(new Random(4), 32, 1, 8, 8);

    /** The class of image i: i mod 10. */
    public static int[] cnnLabels() {
        int[] labels = new int[32];
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }

    /** The tiny CNN as the workload starts it (seed 0). */
    public static Sequential tinyCnnModel() {
        Random rng = new Random(0);
        return new Sequential(new Conv2d(1, 8, 3, 1, 0, rng), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(72, 10, rng));
    }

    /** Trains {@code steps} full-batch steps; returns the loss of each step. */
    public static double[] tinyCnnTrain(Sequential model, int steps) {
        int[] labels = cnnLabels();
        SGD opt = new SGD(model.parameters(), 0.01);
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor loss = Functional.crossEntropy(model.forward(CNN_X), labels);
            loss.backward();
            opt.step();
            losses[step] = loss.item();
        }
        return losses;
    }
}
