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
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
        return () -> {
            Random rng = new Random(0);
            Sequential model = new Sequential(new Linear(2, 2, rng), new Sigmoid(), new Linear(2, 1, rng));
            SGD opt = new SGD(model.parameters(), 0.1);
            for (int step = 0; step < 5000; step++) {
                opt.zeroGrad();
                Functional.mse(model.forward(x), y).backward();
                opt.step();
            }
        };
    }

    /** Iris-sized: MLP 4-32-16-3 ReLU, cross-entropy, minibatches of 16, 100 epochs over 150 rows, SGD lr 0.01. */
    static Runnable iris() {
        Random data = new Random(1);
        Tensor x = Tensor.randn(data, 150, 4);
        int[] labels = new int[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = i % 3;
        }
        return () -> {
            Random rng = new Random(0);
            Sequential model = new Sequential(new Linear(4, 32, rng), new ReLU(), new Linear(32, 16, rng), new ReLU(),
                    new Linear(16, 3, rng));
            SGD opt = new SGD(model.parameters(), 0.01);
            int[] order = new int[150];
            for (int i = 0; i < 150; i++) {
                order[i] = i;
            }
            for (int epoch = 0; epoch < 100; epoch++) {
                shuffle(order, rng);
                for (int start = 0; start < 150; start += 16) {
                    int len = Math.min(16, 150 - start);
                    int[] batch = new int[len];
                    int[] targets = new int[len];
                    for (int i = 0; i < len; i++) {
                        batch[i] = order[start + i];
                        targets[i] = labels[batch[i]];
                    }
                    opt.zeroGrad();
                    Functional.crossEntropy(model.forward(x.rows(batch)), targets).backward();
                    opt.step();
                }
            }
        };
    }

    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** An n×n by n×n product. */
    static Runnable matmul(int n) {
        Random rng = new Random(2);
        Tensor a = Tensor.randn(rng, n, n);
        Tensor b = Tensor.randn(rng, n, n);
        return () -> a.matmul(b);
    }

    /** conv2d forward and backward: input 64×3×32×32, 32 filters 3×3, stride 1, padding 1. */
    static Runnable conv2d() {
        Random rng = new Random(3);
        Tensor x = Tensor.randn(rng, 64, 3, 32, 32).requiresGrad();
        Tensor w = Tensor.randn(rng, 32, 3, 3, 3).requiresGrad();
        Tensor b = Tensor.randn(rng, 32).requiresGrad();
        return () -> {
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Functional.conv2d(x, w, b, 1, 1).sum().backward();
        };
    }

    /** Tiny CNN: conv(1→8, 3×3), ReLU, max-pool 2, linear 72→10, cross-entropy, batch 32 of 1×8×8, 100 SGD steps. */
    static Runnable tinyCnn() {
        Random data = new Random(4);
        Tensor x = Tensor.randn(data, 32, 1, 8, 8);
        int[] labels = new int[32];
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 10;
        }
        return () -> {
            Random rng = new Random(0);
            Sequential model = new Sequential(new Conv2d(1, 8, 3, 1, 0, rng), new ReLU(), new MaxPool2d(2), new Flatten(),
                    new Linear(72, 10, rng));
            SGD opt = new SGD(model.parameters(), 0.01);
            for (int step = 0; step < 100; step++) {
                opt.zeroGrad();
                Functional.crossEntropy(model.forward(x), labels).backward();
                opt.step();
            }
        };
    }
}
