package jgrad.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 *                               run, the median of the next three (micrograd: 15 steps, median of 5–14);
 *                               the median of that over 5 fresh JVMs, with their range
 * ./jgrad bench --cell --processes 1   one fresh JVM per workload
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

    @Option(names = "--processes", paramLabel = "N", description = "with --cell: fresh JVMs per workload, "
            + "the median of theirs is printed with their range (default: ${DEFAULT-VALUE})")
    int processes = CELL_PROCESSES;

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
        if (processes < 1) {
            throw new ParameterException(spec.commandLine(), "--processes needs 1 or more fresh JVMs, not " + processes);
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
     * Fresh JVMs per workload in a cell measurement: one JVM's median of three is as noisy as the JIT's
     * timing on a shared machine (the same build's conv2d took 40 to 100 ms in one JVM after another), the
     * median over five is steady enough to compare peers.
     */
    public static final int CELL_PROCESSES = 5;

    /**
     * The command line shared by the peers: {@code [--list | --cell [--processes N]] [NAME...]}, or
     * {@code --cell-child NAME} (one cell measurement in this JVM, what {@code --cell} starts per workload,
     * {@code N} times). Returns the exit status.
     */
    public static int run(List<Workload> all, String[] args, Class<?> mainClass) throws Exception {
        List<String> names = new ArrayList<>(List.of(args));
        boolean cell = names.remove("--cell");
        int processes = CELL_PROCESSES;
        for (int at = 0; at < names.size(); at++) {
            String word = names.get(at);
            if (word.equals("--processes") || word.startsWith("--processes=")) {
                boolean joined = word.contains("=");
                String value = joined ? word.substring(word.indexOf('=') + 1) : at + 1 < names.size() ? names.get(at + 1) : "";
                try {
                    processes = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    processes = 0;
                }
                if (processes < 1) {
                    System.err.println("bench: --processes needs a whole number of fresh JVMs, 1 or more (got '" + value + "')");
                    return 2;
                }
                names.subList(at, joined ? at + 1 : Math.min(names.size(), at + 2)).clear();
                break;
            }
        }
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
                // to the nanosecond: the parent computes the GFLOP/s of the median from it
                System.out.println(String.format(Locale.ROOT, "%s %.6f ms", w.name(), w.measureCell()));
            } else if (cell) {
                int status = cellInFreshProcesses(w, mainClass, processes);
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
     * Measures {@code w} as a cell in {@code processes} fresh JVMs one after the other and prints its line
     * for the median of their results, then their range; returns the first failing child's status, or 0.
     */
    private static int cellInFreshProcesses(Workload w, Class<?> mainClass, int processes) throws Exception {
        double[] ms = new double[processes];
        for (int i = 0; i < processes; i++) {
            StringBuilder out = new StringBuilder();
            int status = relaunch(List.of(), Map.of(), mainClass, new String[] {"--cell-child", w.name()}, out);
            Double value = status == 0 ? milliseconds(out.toString(), w.name()) : null;
            if (value == null) {
                System.out.print(out);
                System.err.println("bench: the cell measurement of " + w.name() + " in a fresh JVM "
                        + (status == 0 ? "printed no line for it" : "exited with " + status));
                return status == 0 ? 1 : status;
            }
            ms[i] = value;
        }
        double median = median(ms);
        Arrays.sort(ms);
        System.out.println(w.line(median) + (processes == 1 ? "" : "  (" + processes + " JVMs: " + range(w, ms[0], ms[processes - 1]) + ")"));
        return 0;
    }

    /** From the slowest to the fastest result: in the workload's extra unit where it has one (GFLOP/s), else ms. */
    private static String range(Workload w, double fastestMs, double slowestMs) {
        String[] low = w.extra().apply(slowestMs).trim().split("\\s+");
        String[] high = w.extra().apply(fastestMs).trim().split("\\s+");
        if (low.length == 2 && high.length == 2) {
            return low[0] + "–" + high[0] + " " + low[1];
        }
        return String.format(Locale.ROOT, "%.1f–%.1f ms", fastestMs, slowestMs);
    }

    /** The milliseconds of the line {@code name  12.3 ms ...} in a child's output, or null. */
    static Double milliseconds(String output, String name) {
        for (String line : output.split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[0].equals(name) && words[2].equals("ms")) {
                try {
                    return Double.parseDouble(words[1]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
        return relaunch(extraJvmOptions, env, mainClass, args, null);
    }

    /** The same, with the child's output collected into {@code output} rather than passed through (when not null). */
    private static int relaunch(List<String> extraJvmOptions, Map<String, String> env, Class<?> mainClass, String[] args,
                                StringBuilder output) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(extraJvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (output == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        Thread collector = null;
        if (output != null) {
            collector = new Thread(() -> {
                try {
                    output.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append("(output lost: ").append(e.getMessage()).append(")\n");
                }
            });
            collector.start();
        }
        try (var err = new BufferedReader(new InputStreamReader(p.getErrorStream()))) {
            err.lines().filter(line -> !line.startsWith("WARNING: Using incubator modules")).forEach(System.err::println);
        }
        int status = p.waitFor();
        if (collector != null) {
            collector.join();
        }
        return status;
    }
}
