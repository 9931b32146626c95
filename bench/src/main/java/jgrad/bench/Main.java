package jgrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jgrad.tensor.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs the benchmark workloads and prints one line each: {@code name  median ms [extra]}.
 * {@code python3 bench/pytorch_reference.py} prints the same lines for PyTorch. The {@code bench} command
 * of {@code ./jgrad} (jgrad.cli.Jgrad); runs on its own as well.
 *
 * <pre>
 * ./jgrad bench                 every workload
 * ./jgrad bench xor matmul1024  only these
 * ./jgrad bench --list          the names
 * </pre>
 *
 * <p>Matrix products are about twice as fast with the JDK's Vector API, which needs
 * {@code --add-modules jdk.incubator.vector}; started without it, Main starts itself again with it
 * (same java, same class path, the bench arguments as given, so a new option is just a field here;
 * {@code --list} goes through that too, which is how a test checks it). {@code -Djgrad.vector=false}
 * measures the plain loops instead.
 */
@Command(name = "bench", sortOptions = false, description = {
        "Runs the benchmark workloads and prints one line each.",
        "Each line is a workload's median time in ms over several runs after warm-up; "
                + "python3 bench/pytorch_reference.py and bench/micrograd_reference.py print the same lines."})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "the workloads to run (default: all; --list names them)")
    List<String> names = new ArrayList<>();

    @Option(names = "--list", description = "print the workloads' names and exit")
    boolean list;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    /** Runs the benchmarks as the command line says, and exits with the code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Workload> all = workloads();
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow(() ->
                    new ParameterException(spec.commandLine(), "no workload named '" + name + "'; try --list")));
        }
        if (!Kernels.usesVectorApi() && System.getProperty("jgrad.vector") == null) {
            return relaunchWithVectorApi(benchArguments());
        }
        if (list) {
            all.forEach(w -> spec.commandLine().getOut().println(w.name()));
            return 0;
        }
        for (Workload w : chosen.isEmpty() ? all : chosen) {
            System.out.println(w.line(w.measure()));
        }
        return 0;
    }

    private static List<Workload> workloads() {
        List<Workload> all = new ArrayList<>();
        // micrograd's demo on scalar Values: one training step (graph, backward, update) per run
        all.add(Workload.of("micrograd", 300, 51, () -> new MicrogradDemo()::step));
        all.addAll(TensorWorkloads.all());
        return all;
    }

    /** The arguments given to this command, as typed: without the command names before it ("bench" under ./jgrad). */
    private List<String> benchArguments() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int depth = 0;
        for (CommandSpec parent = spec.parent(); parent != null; parent = parent.parent()) {
            depth++;
        }
        return args.subList(depth, args.size());
    }

    private static int relaunchWithVectorApi(List<String> args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Djgrad.vector=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        // pass the child's errors on, without the JDK's notice that an incubator module is in use
        try (var err = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream()))) {
            err.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).forEach(System.err::println);
        }
        return p.waitFor();
    }
}
