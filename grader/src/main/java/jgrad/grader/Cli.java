package jgrad.grader;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The grader's command line, behind {@code ./jgrad run | assign | grade}. Exit codes: 0 done, 1 a
 * notebook failed or {@code assign --check} found differences, 2 a usage or input error.
 */
public final class Cli {


    /** System property: the course folder (set by ./jgrad); default paths are relative to it. */
    static final String HOME = "jgrad.home";

    private final PrintStream out;
    private final PrintStream err;

    private Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs a command and exits with its code. */
    public static void main(String[] args) {
        int code;
        try {
            code = new Cli(System.out, System.err).execute(List.of(args));
        } catch (UsageException | NotebookException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("jgrad: " + e.getMessage());
            code = 2;
        }
        System.out.flush();
        // Exit explicitly: a stray non-daemon thread must not keep a command alive.
        System.exit(code);
    }

    /** A bad command line. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    int execute(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("a command is needed: run, assign or grade (./jgrad help)");
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "run": return run(rest);
            case "assign": return assign(rest);
            case "grade": return grade(rest);
            default: throw new UsageException("unknown command '" + args.get(0) + "' (./jgrad help)");
        }
    }

    // ------------------------------------------------------------------ run

    private int run(List<String> args) {
        Options o = Options.parse(args, Set.of("--timeout", "--jobs"), Set.of());
        if (o.positional.isEmpty()) {
            throw new UsageException("run: which notebooks? usage: ./jgrad run [--timeout SECONDS] [--jobs N] NOTEBOOK...");
        }
        NotebookSession.Options options = NotebookSession.Options.defaults();
        if (o.has("--timeout")) {
            options = options.withCellTimeout(seconds(o.value("--timeout"), "--timeout"));
        }
        int jobs = o.has("--jobs") ? positiveInt(o.value("--jobs"), "--jobs")
                : Math.min(o.positional.size(), Runtime.getRuntime().availableProcessors());
        // Each notebook runs in its own JVM; its session alternates between compiling here and executing
        // there, so running two at once keeps both cores busy. Reports are printed whole, in the order given.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        long start = System.nanoTime();
        try {
            List<Future<RunReport>> reports = new ArrayList<>();
            for (String name : o.positional) {
                NotebookSession.Options sessionOptions = options;
                reports.add(pool.submit(() -> runOne(Path.of(name), sessionOptions)));
            }
            int failing = 0;
            for (Future<RunReport> report : reports) {
                RunReport r = report.get();
                out.print(r.text());
                failing += r.failing();
            }
            out.printf(Locale.ROOT, "== %d notebook(s), %d failing cell(s), %.1f s in all%n", o.positional.size(),
                    failing, (System.nanoTime() - start) / 1e9);
            return failing == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run: interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** What {@code run} prints for one notebook, and how many of its cells failed. */
    private record RunReport(String text, int failing) {
    }

    private static RunReport runOne(Path notebook, NotebookSession.Options options) {
        StringBuilder text = new StringBuilder("== " + notebook + "\n");
        long start = System.nanoTime();
        try (NotebookSession session = NotebookSession.run(notebook, options)) {
            for (CellResult cell : session.results()) {
                text.append(String.format(Locale.ROOT, "-- cell %d %s (%.2f s)%n", cell.cell(),
                        cell.ok() ? "ok" : "FAILED", cell.time().toMillis() / 1000.0));
                if (!cell.output().isEmpty()) {
                    text.append(indent(cell.output()));
                }
                if (!cell.ok()) {
                    text.append("   ").append(cell.describe()).append('\n');
                }
            }
            session.notes().forEach(n -> text.append("note: ").append(n).append('\n'));
            text.append(String.format(Locale.ROOT, "== %s: %d cells, %d failed, %.1f s%n", notebook,
                    session.results().size(), session.failures().size(), (System.nanoTime() - start) / 1e9));
            return new RunReport(text.toString(), session.failures().size());
        } catch (NotebookException e) {
            return new RunReport(text.append("   ").append(e.getMessage()).append('\n').toString(), 1);
        }
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("   ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ assign

    private int assign(List<String> args) {
        Options o = Options.parse(args, Set.of("--solutions", "--exercises"), Set.of("--check"));
        Path solutions = o.has("--solutions") ? Path.of(o.value("--solutions")) : home().resolve("solutions");
        Path exercises = o.has("--exercises") ? Path.of(o.value("--exercises")) : home().resolve("exercises");
        if (o.flag("--check")) {
            List<String> problems = Assign.check(solutions, exercises);
            if (problems.isEmpty()) {
                out.println("assign --check: " + exercises + " is up to date with " + solutions);
                return 0;
            }
            problems.forEach(p -> out.println("assign --check: " + p));
            out.println("run ./jgrad assign to regenerate the student notebooks");
            return 1;
        }
        for (Path written : Assign.generate(solutions, exercises)) {
            out.println("wrote " + written);
        }
        return 0;
    }

    // ------------------------------------------------------------------ grade

    private int grade(List<String> args) {
        Options o = Options.parse(args, Set.of("--class", "--out", "--jobs", "--student-timeout", "--cell-timeout",
                "--max-heap", "--work"), Set.of("--no-sandbox"));
        if (o.has("--class")) {
            return gradeClass(o);
        }
        Path dir = o.positional.isEmpty() ? home().resolve(Checks.DEFAULT_NOTEBOOKS) : Path.of(o.positional.get(0));
        if (!Files.isDirectory(dir)) {
            throw new UsageException("grade: " + dir + " is not a folder of notebooks");
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (o.has("--cell-timeout")) {
            config.put(NotebookSession.CELL_TIMEOUT_PROPERTY, o.value("--cell-timeout"));
        }
        GradeReport report = Checks.runAll(dir, config);
        out.print(report);
        Path grades = o.has("--out") ? Path.of(o.value("--out")) : home().resolve("target").resolve("grades");
        Checks.writeGrades(grades, report);
        out.println("wrote " + grades.resolve("grades.json") + " and " + grades.resolve("grades.md"));
        return 0;
    }

    private int gradeClass(Options o) {
        Path classDir = Path.of(o.value("--class"));
        Path outDir = Path.of(o.valueOr("--out", "grades"));
        ClassGrader.Settings settings = ClassGrader.Settings.defaults(checkClasspath());
        Duration studentTimeout = o.has("--student-timeout") ? seconds(o.value("--student-timeout"), "--student-timeout")
                : settings.studentTimeout();
        Duration cellTimeout = o.has("--cell-timeout") ? seconds(o.value("--cell-timeout"), "--cell-timeout")
                : settings.cellTimeout();
        int jobs = o.has("--jobs") ? positiveInt(o.value("--jobs"), "--jobs") : settings.jobs();
        settings = settings.withTimeouts(studentTimeout, cellTimeout)
                .with(jobs, o.valueOr("--max-heap", settings.notebookHeap()),
                        o.has("--work") ? Path.of(o.value("--work")) : null)
                .withSandbox(!o.has("--no-sandbox"));
        long start = System.nanoTime();
        List<ClassGrader.StudentRow> rows = new ClassGrader(settings).gradeClass(classDir, outDir);
        for (ClassGrader.StudentRow row : rows) {
            out.printf("%-24s %4d%s%n", ClassGrader.visible(row.student()), row.total(),
                    row.note().isEmpty() ? "" : "   " + abbreviate(row.note(), 100));
        }
        out.printf(Locale.ROOT, "graded %d students in %.1f s; wrote %s and %s%n", rows.size(),
                (System.nanoTime() - start) / 1e9, outDir.resolve("gradebook.csv"), outDir.resolve("feedback"));
        return 0;
    }

    /** Where the check classes come from: the code sources of the discovered @Exercise classes. */
    private static List<String> checkClasspath() {
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        for (Class<?> checks : Checks.exerciseClasses()) {
            try {
                entries.add(Path.of(checks.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | RuntimeException e) {
                throw new IllegalStateException("cannot tell where " + checks.getName() + " was loaded from", e);
            }
        }
        return List.copyOf(entries);
    }

    // ------------------------------------------------------------------ options

    private static Path home() {
        return Path.of(System.getProperty(HOME, "."));
    }

    private static Duration seconds(String text, String option) {
        try {
            double value = Double.parseDouble(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis((long) (value * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a positive number of seconds, not '" + text + "'");
        }
    }

    private static int positiveInt(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " takes a positive whole number, not '" + text + "'");
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** Options of the form {@code --name VALUE} and {@code --flag}, then positional arguments. */
    private static final class Options {
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> positional = new ArrayList<>();

        static Options parse(List<String> args, Set<String> valued, Set<String> flags) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (valued.contains(arg)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    o.values.put(arg, args.get(++i));
                } else if (flags.contains(arg)) {
                    o.values.put(arg, "true");
                } else if (arg.startsWith("--")) {
                    throw new UsageException("unknown option " + arg + " (known: " + valued + " " + flags + ")");
                } else {
                    o.positional.add(arg);
                }
            }
            return o;
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        boolean flag(String name) {
            return values.containsKey(name);
        }

        String value(String name) {
            return values.get(name);
        }

        String valueOr(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }
    }
}
