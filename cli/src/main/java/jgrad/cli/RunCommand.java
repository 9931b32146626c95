package jgrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jgrad.grader.CellResult;
import jgrad.grader.NotebookException;
import jgrad.grader.NotebookSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./jgrad run NOTEBOOK...}: runs notebooks headless and reports each cell. */
@Command(name = "run", sortOptions = false, description = {
        "Runs notebooks headless and reports each cell.",
        "Each notebook runs in its own JVM from a fresh start; every cell is reported with its output, its time "
                + "and why it failed. Exits 1 when a cell failed."})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NOTEBOOK", arity = "1..*", description = "the .ipynb files to run")
    List<Path> notebooks;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Values.Seconds.class,
            description = "longest a cell may run before it is stopped (default: 30)")
    Duration timeout;

    @Option(names = "--jobs", paramLabel = "N", converter = Values.PositiveInt.class,
            description = "notebooks run at once (default: one per core, at most one per notebook)")
    Integer jobs;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws InterruptedException {
        NotebookSession.Options options = NotebookSession.Options.defaults();
        if (timeout != null) {
            options = options.withCellTimeout(timeout);
        }
        int threads = jobs != null ? jobs : Math.min(notebooks.size(), Runtime.getRuntime().availableProcessors());
        PrintWriter out = spec.commandLine().getOut();
        // Each notebook runs in its own JVM; its session alternates between compiling here and executing
        // there, so running two at once keeps both cores busy. Reports are printed whole, in the order given.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        long start = System.nanoTime();
        try {
            List<Future<RunReport>> reports = new ArrayList<>();
            for (Path notebook : notebooks) {
                NotebookSession.Options sessionOptions = options;
                reports.add(pool.submit(() -> runOne(notebook, sessionOptions)));
            }
            int failing = 0;
            for (Future<RunReport> report : reports) {
                RunReport r = report.get();
                out.print(r.text());
                out.flush();
                failing += r.failing();
            }
            out.printf(Locale.ROOT, "== %d notebook(s), %d failing cell(s), %.1f s in all%n", notebooks.size(),
                    failing, (System.nanoTime() - start) / 1e9);
            return failing == 0 ? 0 : 1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
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
}
