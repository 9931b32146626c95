package jgrad.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark workloads and prints one line each: {@code name  median ms [extra]}.
 * {@code python3 bench/pytorch_reference.py} prints the same lines for PyTorch.
 *
 * <pre>
 * ./jgrad bench                 every workload
 * ./jgrad bench xor matmul1024  only these
 * ./jgrad bench --list          the names
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<Workload> all = TensorWorkloads.all();
        if (args.length == 1 && args[0].equals("--list")) {
            all.forEach(w -> System.out.println(w.name()));
            return;
        }
        List<Workload> chosen = new ArrayList<>();
        for (String name : args) {
            Workload w = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (w == null) {
                System.err.println("bench: no workload named '" + name + "'; try --list");
                System.exit(2);
            }
            chosen.add(w);
        }
        for (Workload w : chosen.isEmpty() ? all : chosen) {
            System.out.println(w.line(w.measure()));
        }
    }
}
