package jgrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code python3 bench/pytorch_reference.py} prints the same lines for PyTorch, {@code jgrad.bench.djl.DjlMain}
 * (bench/djl, the {@code djl} Maven profile) for DJL. The {@code bench} command
 * of {@code ./jgrad} (jgrad.cli.Jgrad); runs on its own as well.
 *
 * <pre>
 * ./jgrad bench                 every workload, warm (after at least a second of warm-up)
 * ./jgrad bench xor matmul1024  only these
 * ./jgrad bench --cell          as a notebook cell runs them: each workload in a fresh JVM, one warm-up
 *                               run, the median of the next three (micrograd: 15 steps, median of 5–14)
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

    @Option(names = "--cell", description = "measure as a notebook cell runs a workload: each in a fresh JVM, "
            + "one warm-up run, the median of the next three")
    boolean cell;

    @Option(names = "--cell-child", hidden = true, description = "one cell measurement in this JVM (what --cell starts)")
    boolean cellChild;

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
        return run(all, benchArguments().toArray(String[]::new), Main.class);
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
        return relaunch(List.of("--add-modules", "jdk.incubator.vector", "-Djgrad.vector=true"), Main.class,
                args.toArray(String[]::new));
    }

    /** jgrad's workloads: micrograd's demo step on scalar Values, then the tensor workloads. */
    public static List<Workload> workloads() {
        List<Workload> all = new ArrayList<>();
        // one training step (graph, backward, update) per run; in a cell: 15 steps, the median of steps 5–14
        // (4 untimed, then 10 timed)
        all.add(Workload.of("micrograd", 300, 51, () -> new MicrogradDemo()::step).inCell(4, 10));
        all.addAll(TensorWorkloads.all());
        return all;
    }

    /**
     * The command line shared by the peers: {@code [--list | --cell] [NAME...]}, or
     * {@code --cell-child NAME} (one cell measurement in this JVM, what {@code --cell} starts per workload).
     * Returns the exit status.
     */
    public static int run(List<Workload> all, String[] args, Class<?> mainClass) throws Exception {
        List<String> names = new ArrayList<>(List.of(args));
        boolean cell = names.remove("--cell");
        if (names.equals(List.of("--list"))) {
            all.forEach(w -> System.out.println(w.name()));
            return 0;
        }
        boolean child = names.remove("--cell-child");
        List<Workload> chosen = new ArrayList<>();
        for (String name : names) {
            Workload w = all.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
            if (w == null) {
                System.err.println("bench: no workload named '" + name + "'; try --list");
                return 2;
            }
            chosen.add(w);
        }
        for (Workload w : chosen.isEmpty() ? all : chosen) {
            if (child) {
                System.out.println(w.line(w.measureCell()));
            } else if (cell) {
                int status = relaunch(List.of(), mainClass, new String[] {"--cell-child", w.name()});
                if (status != 0) {
                    return status;
                }
            } else {
                System.out.println(w.line(w.measure()));
            }
        }
        return 0;
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM: the same java, class path and JVM options as
     * this one plus {@code extraJvmOptions}; its output passes through (without the JDK's notice that an
     * incubator module is in use). Returns its exit status.
     */
    public static int relaunch(List<String> extraJvmOptions, Class<?> mainClass, String[] args) throws IOException,
            InterruptedException {
        return relaunch(extraJvmOptions, Map.of(), mainClass, args);
    }

    /** {@link #relaunch(List, Class, String[])} with {@code env} added to the child's environment. */
    public static int relaunch(List<String> extraJvmOptions, Map<String, String> env, Class<?> mainClass, String[] args)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (var err = new BufferedReader(new InputStreamReader(p.getErrorStream()))) {
            err.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).forEach(System.err::println);
        }
        return p.waitFor();
    }
}
