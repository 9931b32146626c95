package jgrad.grader;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks' JVM of one student, started by {@link ClassGrader} (inside the sandbox when there is one):
 * runs every exercise's checks on the notebooks of a working folder and hands the report back on its
 * standard output, framed by a secret the grader sent on standard input.
 *
 * <p>Why this channel: a report <i>file</i> can be written by anyone who learns its name; a dead JVM leaves
 * whatever the file holds. Here the grader keeps the only reading end of the checks' JVM's stdout; the
 * secret (a per-run random nonce) is known only to the grader and this JVM's memory, which the student's
 * JVM (in its own PID namespace) cannot read. Everything else this JVM prints goes to stderr, so no text a
 * student controls reaches the channel from here, and a report line is only accepted with the nonce. A
 * checks' JVM that dies writes no line: "no result", never a stale or forged file.
 */
public final class StudentRun {

    /** Starts the one report line on stdout; then the nonce, a space, the report as Base64 JSON. */
    static final String REPORT_TAG = "jgrad-report ";
    /** The argument of the run that only loads what grading loads, for {@link ChecksArchive}. */
    static final String WARM_UP = "--warm-up";
    /** Cells of the warm-up's notebook session: what a course notebook and its checks make JShell compile. */
    private static final List<String> WARM_UP_CELLS = List.of(
            "import jgrad.tensor.*;\nimport jgrad.nn.*;\nimport jgrad.optim.*;\nimport jgrad.autograd.*;\n"
                    + "import jgrad.plot.*;\nimport jgrad.data.*;\nimport org.knowm.xchart.*;\nimport tech.tablesaw.api.*;",
            "record Point(double x, double y) {}\nvar points = new ArrayList<Point>();\n"
                    + "for (int i = 0; i < 10; i++) { points.add(new Point(i, 2 * i + 1)); }",
            "double loss(double w) {\n    return points.stream().mapToDouble(p -> Math.pow(w * p.x() - p.y(), 2)).sum();\n}",
            "class Counter { int n; void add() { n++; } }\nint[] counts = {1, 2, 3};\nString.format(\"%.3f\", loss(2.0))",
            "throw new IllegalStateException(\"warm-up\");");

    private StudentRun() {
    }

    /**
     * @param args the working folder, the cell timeout in ms, the notebook JVM's heap, and the one exercise to
     *             grade (optional; every exercise without it)
     */
    public static void main(String[] args) throws IOException {
        PrintStream channel = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length == 2 && args[0].equals(WARM_UP)) {
            warmUp(Path.of(args[1]));
            System.exit(0);
        }
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: StudentRun WORKDIR CELL_TIMEOUT_MS NOTEBOOK_HEAP [EXERCISE] (nonce on stdin)");
            System.exit(2);
        }
        String nonce = readNonce(System.in);
        Map<String, String> config = new LinkedHashMap<>();
        config.put(NotebookSession.CELL_TIMEOUT_PROPERTY, Double.toString(Long.parseLong(args[1]) / 1000.0));
        config.put(NotebookSession.MAX_HEAP_PROPERTY, args[2]);
        GradeReport report = args.length == 4 ? Checks.runExercise(args[3], Path.of(args[0]), config)
                : Checks.runAll(Path.of(args[0]), config);
        // A leading newline: whatever else reached this descriptor cannot glue itself to the report's line.
        channel.print("\n" + line(nonce, report));
        channel.flush();
        System.exit(channel.checkError() ? 3 : 0);
    }

    /** Runs what grading runs, minus a student: a session with a few cells and probes, then every check. */
    private static void warmUp(Path emptyFolder) {
        try (NotebookSession session = NotebookSession.start(NotebookSession.Options.defaults().forChecks())) {
            for (int i = 0; i < WARM_UP_CELLS.size(); i++) {
                session.execute(i + 1, WARM_UP_CELLS.get(i));
            }
            session.evalDouble("loss(2.0)");
            session.evalDoubleArray("new double[] {1, 2}");
            session.evalIntArray("counts");
            session.evalString("\"x\"");
        } catch (RuntimeException e) {
            System.err.println("warm-up: " + e);
        }
        Checks.runAll(emptyFolder, Map.of());
    }

    private static String readNonce(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(128);
        String nonce = new String(bytes, StandardCharsets.US_ASCII).strip();
        if (!nonce.matches("[0-9a-f]{32,64}")) {
            throw new IOException("no nonce on stdin: this command is started by grade --class");
        }
        return nonce;
    }

    /** @return the report line for this nonce (without its newline prefix) */
    static String line(String nonce, GradeReport report) {
        return REPORT_TAG + nonce + " "
                + Base64.getEncoder().encodeToString(report.toJson().getBytes(StandardCharsets.UTF_8)) + "\n";
    }

    /**
     * Finds the report line with this nonce in what the checks' JVM printed.
     *
     * @return the report, or empty when there is none (the JVM died, or nothing carried the nonce)
     * @throws IllegalArgumentException when the line carries the nonce but not a readable report
     */
    static Optional<GradeReport> parse(String stdout, String nonce) {
        String tag = REPORT_TAG + nonce + " ";
        Optional<GradeReport> found = Optional.empty();
        for (String line : stdout.split("\n")) {
            int at = line.indexOf(tag);
            if (at >= 0) {
                if (found.isPresent()) {
                    throw new IllegalArgumentException("two report lines");
                }
                String json = new String(Base64.getDecoder().decode(line.substring(at + tag.length()).strip()),
                        StandardCharsets.UTF_8);
                found = Optional.of(GradeReport.fromJson(json));
            }
        }
        return found;
    }
}
