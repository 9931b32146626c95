package jgrad.bench;

import java.util.ArrayList;
import java.util.List;

import jgrad.tensor.Kernels;

/**
 * Runs the benchmark workloads and prints one line each: {@code name  median ms [extra]}.
 * {@code python3 bench/pytorch_reference.py} prints the same lines for PyTorch.
 *
 * <pre>
 * ./jgrad bench                 every workload
 * ./jgrad bench xor matmul1024  only these
 * ./jgrad bench --list          the names
 * </pre>
 *
 * <p>Matrix products are about twice as fast with the JDK's Vector API, which needs
 * {@code --add-modules jdk.incubator.vector}; started without it, Main starts itself again with it
 * (same java, same class path). {@code -Djgrad.vector=false} measures the plain loops instead.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (!Kernels.usesVectorApi() && System.getProperty("jgrad.vector") == null) {
            System.exit(relaunchWithVectorApi(args));
        }
        List<Workload> all = new ArrayList<>();
        // micrograd's demo on scalar Values: one training step (graph, backward, update) per run
        all.add(Workload.of("micrograd", 300, 51, () -> new MicrogradDemo()::step));
        all.addAll(TensorWorkloads.all());
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

    private static int relaunchWithVectorApi(String[] args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Djgrad.vector=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        // pass the child's errors on, without the JDK's notice that an incubator module is in use
        try (var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()))) {
            err.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).forEach(System.err::println);
        }
        return p.waitFor();
    }
}
