package jgrad.grader;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs a notebook's code cells in order in JShell, with the student's code executing in a separate JVM
 * (so nothing it does can take the caller down), the course classpath, a timeout per cell and the
 * kernel's {@code display(...)}. A failing cell is recorded and execution goes on. Checks then read
 * results with {@link #eval(String)} and the typed helpers.
 *
 * <pre>{@code
 * try (NotebookSession nb = NotebookSession.run(Path.of("solutions/00_warmup.ipynb"))) {
 *     nb.failures().forEach(c -> System.out.println(c.describe()));
 *     double y = nb.evalDouble("affine(Value.of(3), 2, 1).data()");
 * }
 * }</pre>
 *
 * <p>One JVM per session: starting it costs about half a second, each cell then costs the JShell
 * compile (a few tens of milliseconds once warm; {@link NoDelayJdi}). Not thread-safe: use a session from one thread.
 */
public final class NotebookSession implements AutoCloseable {

    /** System property: the cell timeout in seconds (default 30). */
    public static final String CELL_TIMEOUT_PROPERTY = "jgrad.cellTimeout";
    /** System property: the notebook JVM's maximum heap, as for -Xmx (default 512m). */
    public static final String MAX_HEAP_PROPERTY = "jgrad.session.maxHeap";
    /** Set to "true" inside every notebook JVM started by the grader; {@code grade(...)} then skips. */
    public static final String GRADING_PROPERTY = "jgrad.grading";

    /** The kernel's start-up imports (rapaio-jupyter-kernel's init.jshell), so notebooks behave the same. */
    private static final List<String> KERNEL_IMPORTS = List.of(
            "import java.util.*;", "import java.io.*;", "import java.math.*;", "import java.net.*;",
            "import java.util.concurrent.*;", "import java.util.prefs.*;", "import java.util.regex.*;");

    /**
     * The kernel's display functions (static imports of its Global class), for headless runs. Single
     * static imports: they win over any on-demand static import a notebook makes.
     */
    private static final List<String> DISPLAY_FUNCTIONS = List.of(
            "import static jgrad.grader.RunnerDisplay.display;",
            "import static jgrad.grader.RunnerDisplay.updateDisplay;",
            // as the kernel's start-up does: jgrad.nn.Module wins over java.lang.Module after `import jgrad.nn.*;`
            "import jgrad.nn.Module;");

    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final Set<NotebookSession> OPEN = ConcurrentHashMap.newKeySet();

    static {
        // A grader JVM that exits with sessions open must not leave notebook JVMs behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(NotebookSession::killRemote),
                "jgrad-session-reaper"));
    }

    /**
     * How a session runs.
     *
     * @param cellTimeout    longest a cell (or an eval) may run before it is stopped
     * @param classpath      entries the notebook sees (see {@link CourseClasspath})
     * @param maxHeap        the notebook JVM's -Xmx value, such as "512m"
     * @param maxOutputChars how much of a cell's printed output is kept; the rest is counted, not stored
     * @param checksRun      a JVM that runs one notebook for its checks and ends (see {@link #forChecks()})
     */
    public record Options(Duration cellTimeout, List<String> classpath, String maxHeap, int maxOutputChars,
                          boolean checksRun) {

        /** @return defaults: timeout and heap from system properties, the resolved course classpath */
        public static Options defaults() {
            long seconds = Long.getLong(CELL_TIMEOUT_PROPERTY, 30L);
            return new Options(Duration.ofSeconds(seconds), CourseClasspath.resolve(),
                    System.getProperty(MAX_HEAP_PROPERTY, "512m"), 20_000, false);
        }

        /** @return these options with another cell timeout */
        public Options withCellTimeout(Duration timeout) {
            return new Options(timeout, classpath, maxHeap, maxOutputChars, checksRun);
        }

        /** @return these options with another classpath */
        public Options withClasspath(List<String> entries) {
            return new Options(cellTimeout, List.copyOf(entries), maxHeap, maxOutputChars, checksRun);
        }

        /** @return these options with another maximum heap for the notebook JVM */
        public Options withMaxHeap(String heap) {
            return new Options(cellTimeout, classpath, heap, maxOutputChars, checksRun);
        }

        /**
         * @return these options for a notebook run by its checks: the JVM lives for one notebook (about a
         *     second of cells), so it compiles with C1 only and lib runs its plain loops (C1 does not compile
         *     the Vector API's intrinsics: a 256 × 256 product takes 120 ms with it, 4 ms without). Measured on
         *     the course's solutions: 6 s less CPU per graded student (31 → 24 s), every mark the same.
         */
        public Options forChecks() {
            return new Options(cellTimeout, classpath, maxHeap, maxOutputChars, true);
        }
    }

    private final Options options;
    private final CappedOutput output;
    /** Bytes of dropped output already reported in a note. */
    private long droppedNoted;
    private final JShell shell;
    private final ExecutorService evaluator;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Characters read back per eval: well under JShell's limit on the text of a returned value. */
    private static final int PROBE_CHUNK = 8000;
    private final List<CellResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> baselineThreads;
    /**
     * Helper declarations of the checks, by source, with the snippets they made. Checks of one notebook often
     * declare the same helpers (12 checks of the XOR exercise declare the same model): declared again, JShell
     * would recompile each and everything that uses it; while they are still valid, they are kept instead.
     */
    private final java.util.Map<String, List<Snippet>> declared = new java.util.HashMap<>();
    /** The notebook's JVM, known from its start: a kill ends this process and nothing else. */
    private final ProcessHandle remote;
    /** The label of the cell being run (null while checks evaluate), and the cell of each snippet id. */
    private volatile String currentCell;
    private final java.util.Map<String, String> snippetCells = new ConcurrentHashMap<>();
    private Path notebook;
    private String endedBecause = "";

    private NotebookSession(Options options) {
        this.options = options;
        this.output = new CappedOutput(options.maxOutputChars());
        PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);
        this.evaluator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jgrad-session-eval");
            t.setDaemon(true);
            return t;
        });
        Set<Long> childrenBefore = childPids();
        this.shell = withEngine(JShell.builder())
                .out(stream).err(stream)
                .remoteVMOptions(remoteOptions(options))
                .build();
        shell.onShutdown(s -> ended.set(true));
        remote = remoteJvm(childrenBefore);
        OPEN.add(this); // from here on, a grader JVM that exits kills this notebook's JVM
        shell.addToClasspath(CourseClasspath.joined(options.classpath()));
        for (String snippet : KERNEL_IMPORTS) {
            shell.eval(snippet);
        }
        for (String snippet : DISPLAY_FUNCTIONS) {
            shell.eval(snippet);
        }
        baselineThreads = threadNames();
        output.take();
    }

    /**
     * The notebook JVM's options. For a notebook (not for checks) the Vector API: lib's matrix products and
     * convolutions run about four times faster with it; its "Using incubator modules" warning goes to the
     * remote JVM's own stderr, not to the cells.
     */
    private static String[] remoteOptions(Options options) {
        List<String> vm = new ArrayList<>(List.of("-Xmx" + options.maxHeap(), "-XX:+UseSerialGC", "-Xss4m",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-D" + GRADING_PROPERTY + "=true"));
        vm.add(options.checksRun() ? "-XX:TieredStopAtLevel=1" : "--add-modules=jdk.incubator.vector");
        return vm.toArray(String[]::new);
    }

    /**
     * The notebook's JVM through JDI, with the command socket's packets sent at once ({@link NoDelayJdi}: each
     * snippet costs milliseconds instead of 0.2 s); JDK's own engine if the agent's class cannot be written.
     */
    private static JShell.Builder withEngine(JShell.Builder builder) {
        try {
            NoDelayJdi.agentFolder();
            return builder.executionEngine(new NoDelayJdi(), java.util.Map.of());
        } catch (RuntimeException e) {
            return builder.executionEngine("jdi:hostname(localhost),timeout(30000)");
        }
    }

    /** Starts an empty session (no notebook) with the default options. */
    public static NotebookSession start() {
        return start(Options.defaults());
    }

    /** Starts an empty session (no notebook). */
    public static NotebookSession start(Options options) {
        return new NotebookSession(options);
    }

    /**
     * Reads a notebook and runs all its code cells with the default options.
     *
     * @throws NotebookException when the notebook is missing or malformed (naming the file)
     */
    public static NotebookSession run(Path notebook) {
        return run(notebook, Options.defaults());
    }

    /**
     * Reads a notebook and runs all its code cells. Failing cells are recorded, see {@link #failures()}.
     *
     * @throws NotebookException when the notebook is missing or malformed (naming the file)
     */
    public static NotebookSession run(Path notebook, Options options) {
        Notebook parsed = Notebook.read(notebook);
        NotebookSession session = new NotebookSession(options);
        session.notebook = notebook;
        try {
            int ordinal = 0;
            for (Notebook.Cell cell : parsed.codeCells()) {
                session.execute(cell.number(), jupyterLabel(parsed, cell, ++ordinal), cell.source());
            }
            if (session.isAlive()) {
                session.dropShadowingSnippets();
            }
            session.noteLeftoverThreads();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    /**
     * Runs one cell's code and records the result. After the notebook's JVM has ended, cells are
     * recorded as {@link CellResult.Status#NOT_RUN}.
     *
     * @param cell the cell number reported in messages
     * @param code the cell's source
     */
    public CellResult execute(int cell, String code) {
        return execute(cell, "cell " + cell, code);
    }

    /**
     * Like {@link #execute(int, String)}, naming the cell in messages by {@code label} (how Jupyter shows
     * it, see {@link CellResult#label(int, Long, String)}).
     */
    public CellResult execute(int cell, String label, String code) {
        long start = System.nanoTime();
        CellResult result;
        if (ended.get()) {
            result = new CellResult(cell, CellResult.Status.NOT_RUN, 0,
                    "not run: " + endedBecause, "", Duration.ZERO, label);
        } else {
            output.take();
            long droppedBefore = output.dropped();
            currentCell = label;
            Outcome outcome;
            try {
                outcome = runCell(code);
            } finally {
                currentCell = null;
            }
            String printed = output.take();
            noteTruncatedOutput(label, output.dropped() - droppedBefore);
            if (!outcome.value().isEmpty()) {
                printed = printed + (printed.isEmpty() || printed.endsWith("\n") ? "" : "\n") + outcome.value();
            }
            result = new CellResult(cell, outcome.status(), outcome.line(), outcome.message(), printed,
                    Duration.ofNanos(System.nanoTime() - start), label);
            if (outcome.status() == CellResult.Status.JVM_EXITED && endedBecause.isEmpty()) {
                endedBecause = "the notebook's JVM ended in " + label;
            }
        }
        results.add(result);
        return result;
    }

    /** @return the results of every cell run so far, in order */
    public List<CellResult> results() {
        return Collections.unmodifiableList(results);
    }

    /** @return the cells that did not run to the end */
    public List<CellResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** @return remarks about the run that are not cell failures (threads left running, truncated output) */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** @return the notebook file, or null for a session started empty */
    public Path notebook() {
        return notebook;
    }

    /** @return true while the notebook's JVM is running */
    public boolean isAlive() {
        return !ended.get();
    }

    /** The cell as Jupyter shows it: its saved execution count, else its place among the code cells. */
    private static String jupyterLabel(Notebook notebook, Notebook.Cell cell, int codeOrdinal) {
        Integer count = cell.executionCount();
        return CellResult.label(codeOrdinal, count == null ? null : count.longValue(), cell.source());
    }

    // ------------------------------------------------------------------ eval

    /**
     * Evaluates a Java expression in the notebook's state and returns JShell's text form of its value
     * (strings come back quoted).
     *
     * @throws EvalException when it does not compile, throws, times out, or the JVM has ended
     */
    public String eval(String expression) {
        if (ended.get()) {
            throw new EvalException("cannot evaluate `" + expression + "`: " + endedBecause);
        }
        output.take();
        long before = shell.snippets().count();
        Outcome outcome = runCell(expression);
        dropTemporaries(before);
        output.take();
        if (outcome.status() != CellResult.Status.OK) {
            throw new EvalException("`" + expression + "` " + outcome.message());
        }
        return outcome.value();
    }

    /**
     * Drops the temporary variables ({@code $12}) that checks' expressions made since snippet number
     * {@code before}. Every active snippet is imported by each later one, so 300 probes left in place make
     * each later compile resolve 300 more imports (and a student's cell never sees them anyway).
     */
    private void dropTemporaries(long before) {
        if (ended.get()) {
            return;
        }
        List<Snippet> temporaries = shell.snippets().skip(before)
                .filter(s -> s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                .filter(s -> shell.status(s).isActive()).toList();
        try {
            temporaries.forEach(shell::drop);
        } catch (IllegalStateException e) {
            // The notebook's JVM ended meanwhile: nothing is left to tidy.
        }
    }

    /**
     * Declares helper code for checks (a method, a variable) in the notebook's state without recording
     * it as a cell, for example {@code declare("double slopeCheck() { ... }")}.
     *
     * @throws EvalException when it does not compile or throws
     */
    public void declare(String code) {
        if (ended.get()) {
            eval(code); // says why nothing can be evaluated any more
            return;
        }
        List<Snippet> made = declared.get(code);
        if (made != null && made.stream().allMatch(s -> shell.status(s) == Snippet.Status.VALID)) {
            return;
        }
        long before = shell.snippets().count();
        eval(code);
        List<Snippet> now = shell.snippets().skip(before).toList();
        if (!now.isEmpty() && now.stream().allMatch(NotebookSession::isPureDeclaration)) {
            declared.put(code, now);
        } else {
            declared.remove(code);
        }
    }

    /**
     * Methods, classes and imports: declaring the same source again changes nothing (a variable would run its
     * initialiser again, so it is always re-declared).
     */
    private static boolean isPureDeclaration(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.METHOD || snippet.kind() == Snippet.Kind.TYPE_DECL
                || snippet.kind() == Snippet.Kind.IMPORT;
    }

    /** Evaluates an expression of a numeric type as a double. */
    public double evalDouble(String expression) {
        return Double.parseDouble(probe("ofDouble", expression));
    }

    /** Evaluates an int (or narrower) expression. */
    public int evalInt(String expression) {
        return Integer.parseInt(probe("ofInt", expression));
    }

    /** Evaluates a long (or narrower) expression. */
    public long evalLong(String expression) {
        return Long.parseLong(probe("ofLong", expression));
    }

    /** Evaluates a boolean expression. */
    public boolean evalBoolean(String expression) {
        return Boolean.parseBoolean(probe("ofBoolean", expression));
    }

    /** Evaluates any expression and returns {@code String.valueOf} of its value, exactly. */
    public String evalString(String expression) {
        return decode(probe("ofString", expression));
    }

    /** Evaluates a {@code double[]} expression; null gives null. */
    public double[] evalDoubleArray(String expression) {
        String text = probe("ofDoubles", expression);
        if (text.equals("null")) {
            return null;
        }
        return text.isEmpty() ? new double[0]
                : java.util.Arrays.stream(text.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Evaluates an {@code int[]} expression; null gives null. */
    public int[] evalIntArray(String expression) {
        String text = probe("ofInts", expression);
        if (text.equals("null")) {
            return null;
        }
        return text.isEmpty() ? new int[0]
                : java.util.Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private String probe(String method, String expression) {
        if (ended.get()) {
            throw new EvalException("cannot evaluate `" + expression + "`: " + endedBecause);
        }
        dropShadowingSnippets();
        // JShell cuts the text of a returned value at about 20,000 characters, silently (a long double[]
        // would lose entries), so a long probe stays in the notebook's JVM and is read back in pieces.
        String call = "jgrad.grader.Probe." + method + "(" + expression + ")";
        output.take();
        long before = shell.snippets().count();
        Outcome outcome = runCell("jgrad.grader.Probe.hold(" + call + ", " + PROBE_CHUNK + ")");
        dropTemporaries(before);
        output.take();
        if (outcome.status() != CellResult.Status.OK) {
            String why = outcome.message().replace("jgrad.grader.Probe.hold(" + call + ", " + PROBE_CHUNK + ")", expression)
                    .replace(call, expression);
            throw new EvalException("`" + expression + "` " + why);
        }
        String value = unquote(outcome.value());
        if (!value.startsWith(Probe.HELD)) {
            return value;
        }
        int length = Integer.parseInt(value.substring(Probe.HELD.length()));
        StringBuilder text = new StringBuilder(length);
        for (int from = 0; from < length; from += PROBE_CHUNK) {
            text.append(unquote(eval("jgrad.grader.Probe.held(" + from + ", " + Math.min(length, from + PROBE_CHUNK) + ")")));
        }
        if (text.length() != length) {
            throw new EvalException("`" + expression + "`: read " + text.length() + " of " + length + " characters");
        }
        return text.toString();
    }

    /**
     * Probes name {@code jgrad.grader.Probe}. A notebook's own {@code jgrad} (a class, perhaps nested, a variable,
     * a method) would obscure that package and answer in the probe's place, so every active snippet that
     * declares or uses the name other than as a package ({@code jgrad.} ...) is dropped before probing.
     */
    private void dropShadowingSnippets() {
        List<Snippet> shadows = shell.snippets().filter(s -> shell.status(s).isActive())
                .filter(s -> namesJgrad(s.source())).toList();
        shadows.forEach(shell::drop);
        if (!shadows.isEmpty()) {
            notes.add("the notebook declared its own `jgrad`, which would hide the grader's classes; "
                    + shadows.size() + " snippet(s) were removed before the checks ran");
        }
    }

    /** True when {@code jgrad} appears as a name of its own, outside strings and comments (after \\u escapes). */
    static boolean namesJgrad(String source) {
        String code = UNICODE_ESCAPE.matcher(source).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        code = code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])*'", "' '");
        return JGRAD_NAME.matcher(code).find();
    }

    private static final java.util.regex.Pattern UNICODE_ESCAPE = java.util.regex.Pattern.compile("\\\\u+([0-9a-fA-F]{4})");
    private static final java.util.regex.Pattern JGRAD_NAME = java.util.regex.Pattern.compile("(?<![\\w$.])jgrad(?![\\w$])(?!\\s*\\.)");

    /** JShell shows a String value in quotes; probes hold no characters it would escape. */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ running code

    /** How a piece of code ended: status, line in the code, message, and the last expression's value. */
    private record Outcome(CellResult.Status status, int line, String message, String value) {
        static Outcome ok(String value) {
            return new Outcome(CellResult.Status.OK, 0, "", value == null ? "" : value);
        }
    }

    /** Evaluates code snippet by snippet on the evaluator thread, under the cell timeout. */
    private Outcome runCell(String code) {
        Future<Outcome> future = evaluator.submit(() -> evaluateSnippets(code));
        try {
            return future.get(options.cellTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return stopRunaway(future);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killRemote();
            return new Outcome(CellResult.Status.JVM_EXITED, 0, "interrupted; the notebook's JVM was stopped", "");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (ended.get() || cause instanceof IllegalStateException) {
                ended.set(true);
                return new Outcome(CellResult.Status.JVM_EXITED, 0, exitMessage(), "");
            }
            return new Outcome(CellResult.Status.EXCEPTION, 0, "the runner failed: " + cause, "");
        }
    }

    /** JShell's stop() ends ordinary loops; code that swallows the stop gets its JVM killed. */
    private Outcome stopRunaway(Future<Outcome> future) {
        long seconds = options.cellTimeout().toSeconds();
        String limit = seconds > 0 ? seconds + " s" : options.cellTimeout().toMillis() + " ms";
        try {
            shell.stop();
        } catch (RuntimeException ignored) {
            // The JVM may be gone already; the wait below decides.
        }
        try {
            future.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(CellResult.Status.TIMEOUT, 0,
                    "timed out: still running after " + limit + " (an endless loop?); it was stopped", "");
        } catch (TimeoutException | ExecutionException e) {
            boolean killed = killRemote();
            ended.set(true);
            try {
                future.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // Killed: the snippet's result no longer matters.
            }
            return new Outcome(CellResult.Status.JVM_EXITED, 0, "timed out: still running after " + limit
                    + " and did not stop when asked, so the notebook's JVM was killed"
                    + (killed ? "" : "; but process " + remote.pid() + " did not end, it may still be running"), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killRemote();
            ended.set(true);
            return new Outcome(CellResult.Status.JVM_EXITED, 0, "interrupted", "");
        }
    }

    private String exitMessage() {
        return "the notebook's JVM ended (System.exit, or a crash), so the cells after it did not run";
    }

    private Outcome evaluateSnippets(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        String lastValue = "";
        while (!remaining.isBlank()) {
            int startOffset = code.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String source = info.completeness().isComplete() ? info.source() : remaining;
            String rest = info.completeness().isComplete() ? info.remaining() : "";
            int leading = leadingBlank(remaining);
            int firstLine = lineOf(code, startOffset + leading);
            List<SnippetEvent> events = shell.eval(source);
            String cell = currentCell;
            if (cell != null) {
                events.forEach(e -> snippetCells.put(e.snippet().id(), cell));
            }
            if (ended.get()) {
                return new Outcome(CellResult.Status.JVM_EXITED, firstLine, exitMessage(), "");
            }
            Optional<Outcome> failure = failureOf(events, firstLine, source, code);
            if (failure.isPresent()) {
                return failure.get();
            }
            lastValue = events.stream().filter(e -> e.causeSnippet() == null && e.value() != null)
                    .filter(e -> e.snippet().kind() == Snippet.Kind.EXPRESSION
                            || e.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND)
                    .map(SnippetEvent::value).reduce((a, b) -> b).orElse("");
            remaining = rest;
        }
        return Outcome.ok(lastValue);
    }

    /** @param code the whole cell, to quote the student's own line (JShell's source may have a ';' added) */
    private Optional<Outcome> failureOf(List<SnippetEvent> events, int firstLine, String source, String code) {
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
                if (diags.isEmpty()) {
                    return Optional.of(new Outcome(CellResult.Status.COMPILE_ERROR, firstLine,
                            "does not compile: `" + lineText(code, firstLine) + "`", ""));
                }
                Diag diag = diags.get(0);
                int position = (int) Math.max(0, diag.getStartPosition());
                int line = cellLine(firstLine, snippet.source(), lineOf(snippet.source(), position));
                return Optional.of(new Outcome(CellResult.Status.COMPILE_ERROR, line,
                        "does not compile: " + compileMessage(diag, snippet.source(), position, lineText(code, line)), ""));
            }
            if (event.exception() != null) {
                return Optional.of(exceptionOutcome(event.exception(), snippet, firstLine));
            }
        }
        return Optional.empty();
    }

    /**
     * javac's message in the student's terms, quoting the student's line: "';' expected" becomes "a ; is
     * missing after `int a = 1`" (javac points just after the text that needs it), and the location
     * "class $JShell$12" (JShell's wrapper, which the student never wrote) is left out.
     */
    static String compileMessage(Diag diag, String snippetSource, int position, String studentLine) {
        String message = oneLine(diag.getMessage(null)).replaceAll("\\s*location: class \\S*\\$JShell\\S*", "");
        if (message.equals("';' expected")) {
            int lineStart = snippetSource.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
            String before = snippetSource.substring(lineStart, Math.min(position, snippetSource.length())).strip();
            return "a ; is missing after `" + (before.isEmpty() ? studentLine : before) + "`";
        }
        return message + (studentLine.isEmpty() ? "" : ", in `" + studentLine + "`");
    }

    /** Line {@code line} (1-based) of the cell as the student wrote it, stripped and cut at 100 characters. */
    private static String lineText(String code, int line) {
        String text = code.lines().skip(Math.max(0, line - 1)).findFirst().orElse("").strip();
        return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }

    private Outcome exceptionOutcome(Throwable thrown, Snippet snippet, int firstLine) {
        if (thrown instanceof UnresolvedReferenceException) {
            var declaration = ((UnresolvedReferenceException) thrown).getSnippet();
            String missing = String.join(", ", shell.unresolvedDependencies(declaration).toList());
            return new Outcome(CellResult.Status.EXCEPTION, firstLine, "calls " + declaration.id() + " `"
                    + firstLineOf(declaration.source()) + "`, which uses " + missing
                    + " that is not defined (did the cell defining it fail?)", "");
        }
        String type = thrown instanceof jdk.jshell.EvalException
                ? ((jdk.jshell.EvalException) thrown).getExceptionClassName() : thrown.getClass().getName();
        String simple = type.substring(type.lastIndexOf('.') + 1);
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        int line = firstLine;
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (("#" + snippet.id()).equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                line = cellLine(firstLine, snippet.source(), frame.getLineNumber());
                break;
            }
        }
        String where = thrown.getStackTrace().length > 0
                ? frameText(thrown.getStackTrace()[0], snippetCells, currentCell) : "";
        return new Outcome(CellResult.Status.EXCEPTION, line,
                "threw " + simple + (message.isEmpty() ? "" : ": " + oneLine(message)) + where, "");
    }

    /**
     * " in f(...)" for an exception thrown inside a method of the notebook (with the cell that declared it,
     * when that is not the cell running), " in Tensor.matmul" inside the library; "" at top level. Names are the student's:
     * a lambda of exp is "a lambda in exp(...)", JShell's wrapper classes do not show.
     */
    static String frameText(StackTraceElement frame, java.util.Map<String, String> snippetCells, String running) {
        String file = frame.getFileName() == null ? "" : frame.getFileName();
        String method = frame.getMethodName();
        if (file.startsWith("#")) {
            if (method.isEmpty() || method.startsWith("do_it")) {
                return "";
            }
            String cell = snippetCells.get(file.substring(1));
            boolean elsewhere = cell != null && !cell.equals(running);
            return " in " + StudentText.methodName(method) + "(...)" + (elsewhere ? ", declared in " + cell : "");
        }
        String type = StudentText.clean(frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1));
        return " in " + type + "." + StudentText.methodName(method);
    }

    /** Line in the cell of line {@code lineInSource} of a snippet whose first non-blank text is on {@code firstLine}. */
    private static int cellLine(int firstLine, String source, int lineInSource) {
        int blankLines = lineOf(source, leadingBlank(source)) - 1;
        return Math.max(firstLine, firstLine + lineInSource - 1 - blankLines);
    }

    private static int leadingBlank(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLineOf(String source) {
        String trimmed = source.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s*\\R\\s*", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    // ------------------------------------------------------------------ threads and the remote JVM

    private Set<String> threadNames() {
        try {
            Outcome outcome = runCell("jgrad.grader.Probe.nonDaemonThreads()");
            if (outcome.status() != CellResult.Status.OK) {
                return Set.of();
            }
            String value = outcome.value();
            String names = decode(value.substring(1, value.length() - 1));
            return names.isEmpty() ? Set.of() : Set.of(names.split("\n"));
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private void noteLeftoverThreads() {
        if (ended.get()) {
            return;
        }
        List<String> left = threadNames().stream().filter(t -> !baselineThreads.contains(t)).sorted().toList();
        if (!left.isEmpty()) {
            notes.add("the notebook left " + left.size() + " thread(s) running (" + String.join(", ", left)
                    + "); they were stopped with the notebook's JVM");
        }
        output.take();
    }

    /**
     * Says, when it happens, that a cell printed more than is kept: the note must be there when the
     * session's notes are read, which is before the session is closed.
     */
    private void noteTruncatedOutput(String cell, long dropped) {
        if (dropped <= 0) {
            return;
        }
        droppedNoted += dropped;
        notes.add((cell.isEmpty() ? "" : cell + ": ") + "output was truncated: only the first "
                + options.maxOutputChars() + " characters were kept, " + dropped + " more bytes were printed");
    }

    /**
     * The notebook's JVM, asked for its own process id before any notebook code runs, and checked to be a
     * process this JVM started (JShell launches it as a child). Its command line is not consulted: some
     * platforms do not show other processes' arguments. In a sandbox with its own PID namespace (grade --class)
     * the id it reports means nothing here: then the one process this JVM started meanwhile is taken, the
     * sandbox's launcher, whose descendants the JVM is.
     */
    private ProcessHandle remoteJvm(Set<Long> childrenBefore) {
        List<SnippetEvent> events = shell.eval("ProcessHandle.current().pid()");
        String value = events.isEmpty() ? null : events.get(0).value();
        events.forEach(e -> shell.drop(e.snippet())); // leaves no $1 behind for the notebook to see
        long self = ProcessHandle.current().pid();
        ProcessHandle handle;
        try {
            handle = ProcessHandle.of(Long.parseLong(String.valueOf(value))).orElse(null);
        } catch (NumberFormatException e) {
            handle = null;
        }
        boolean ours = handle != null && handle.parent().map(p -> p.pid() == self).orElseGet(() -> ProcessHandle
                .current().descendants().anyMatch(d -> d.pid() == Long.parseLong(value)));
        if (!ours) {
            List<ProcessHandle> started = ProcessHandle.current().children()
                    .filter(c -> !childrenBefore.contains(c.pid())).toList();
            if (started.size() == 1) {
                return started.get(0);
            }
            shell.close();
            throw new IllegalStateException("cannot start a notebook session: the notebook's JVM reported process id "
                    + value + ", which is not a process this JVM started");
        }
        return handle;
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(java.util.stream.Collectors.toSet());
    }

    /** The notebook's JVM (for tests: it must be gone after close or a kill). */
    ProcessHandle remoteProcess() {
        return remote;
    }

    /**
     * Kills the notebook's JVM (and anything it started) and waits for it to end.
     *
     * @return whether it is gone
     */
    private boolean killRemote() {
        if (remote.isAlive()) {
            remote.descendants().forEach(ProcessHandle::destroyForcibly);
            remote.destroyForcibly();
        }
        try {
            remote.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return !remote.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !remote.isAlive();
    }

    /** Ends the notebook's JVM (killing it if it does not end by itself) and frees the session. */
    @Override
    public void close() {
        if (!OPEN.remove(this)) {
            return;
        }
        noteTruncatedOutput("", output.dropped() - droppedNoted);
        Thread closer = new Thread(shell::close, "jgrad-session-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killRemote();
        ended.set(true);
        evaluator.shutdownNow();
    }

    /** Keeps the first {@code limit} characters of what the notebook prints, counts the rest. */
    private static final class CappedOutput extends OutputStream {
        private final int limit;
        private final StringBuilder kept = new StringBuilder();
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        private long droppedTotal;
        private long droppedNow;

        CappedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.length() + pending.size() < limit) {
                pending.write(b);
            } else {
                droppedNow++;
                droppedTotal++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = Math.max(0, limit - kept.length() - pending.size());
            int keep = Math.min(room, len);
            pending.write(b, off, keep);
            droppedNow += len - keep;
            droppedTotal += len - keep;
        }

        synchronized String take() {
            kept.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            String text = kept.toString();
            if (droppedNow > 0) {
                text = text + "\n[output truncated: " + droppedNow + " more bytes were printed]\n";
            }
            kept.setLength(0);
            droppedNow = 0;
            return text;
        }

        synchronized long dropped() {
            return droppedTotal;
        }
    }
}
