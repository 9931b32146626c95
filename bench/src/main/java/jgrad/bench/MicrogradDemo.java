package jgrad.bench;

import java.util.ArrayList;
import java.util.List;

import jgrad.autograd.MLP;
import jgrad.autograd.Value;
import jgrad.data.Moons;

/**
 * micrograd's demo workload on scalar {@link Value}s: MLP(2, [16, 16, 1]) on 100 two-moons points,
 * max-margin loss {@code relu(1 − y·score)} averaged plus 1e-4·Σp², full batch. One step builds the
 * graph, backpropagates and updates every parameter, exactly as the demo notebook's loop does.
 */
public final class MicrogradDemo {
    private final MLP model = new MLP(2, new int[] {16, 16, 1}, 1337);
    private final Moons data = Moons.make(100, 0.1, 1);
    private final double[] labels = data.signedLabels();
    private int k;

    /** One training step; returns the total loss before the update. */
    public double step() {
        List<Value> losses = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            Value score = model.forward(data.x()[i]).get(0);
            losses.add(score.mul(-labels[i]).add(1).relu());
        }
        Value dataLoss = Value.sum(losses).mul(1.0 / losses.size());
        List<Value> squares = new ArrayList<>();
        for (Value p : model.parameters()) {
            squares.add(p.mul(p));
        }
        Value total = dataLoss.add(Value.sum(squares).mul(1e-4));

        model.zeroGrad();
        total.backward();
        double learningRate = 1.0 - 0.9 * (k % 100) / 100;
        for (Value p : model.parameters()) {
            p.setData(p.data() - learningRate * p.grad());
        }
        k++;
        return total.data();
    }

    /** Share of points on the right side of the boundary. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double score = model.forward(data.x()[i]).get(0).data();
            correct += (score > 0) == (labels[i] > 0) ? 1 : 0;
        }
        return (double) correct / data.size();
    }

    /** Runs 100 steps (micrograd's demo) after warm-up and prints the median time per step. */
    public static void main(String[] args) {
        int warmup = 200;
        int runs = 100;
        MicrogradDemo warm = new MicrogradDemo();
        for (int i = 0; i < warmup; i++) {
            warm.step();
        }
        MicrogradDemo demo = new MicrogradDemo();
        double[] ms = new double[runs];
        double loss = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            loss = demo.step();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(java.util.Locale.ROOT, "micrograd %10.3f ms/step   (loss %.4f, accuracy %.0f%% after %d steps)%n",
                ms[runs / 2], loss, 100 * demo.accuracy(), runs);
    }
}
