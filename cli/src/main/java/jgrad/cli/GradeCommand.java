package jgrad.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import jgrad.grader.Checks;
import jgrad.grader.ClassGradebook;
import jgrad.grader.ClassGrader;
import jgrad.grader.GradeReport;
import jgrad.grader.NotebookSession;
import jgrad.grader.lms.ClassroomReport;
import jgrad.grader.lms.GradescopeResults;
import jgrad.grader.lms.LatePolicy;
import jgrad.grader.lms.Roster;
import jgrad.io.SafeFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./jgrad grade [DIR]} scores one student's notebooks; {@code ./jgrad grade --class DIR} grades a
 * whole class. The options of the class form are in {@link ClassOptions}: a new one is a field there
 * and a line in {@link ClassOptions#settings}; giving it without {@code --class} is then refused by name.
 */
@Command(name = "grade", sortOptions = false, customSynopsis = {
        "./jgrad grade [OPTIONS] [DIR]",
        "       ./jgrad grade --class=DIR [OPTIONS]"}, description = {
        "Scores one student's notebooks, or with --class a whole class.",
        "Without --class: runs the checks on the notebooks in DIR, prints the score table and writes it to "
                + "OUT/grades.json and OUT/grades.md. With --class: grades every sub-folder of the class folder "
                + "as one student, each in its own JVM working on a copy, in parallel, and writes OUT/gradebook.csv "
                + "(a row per student, a column per exercise) and OUT/feedback/STUDENT.md. Submissions are only read."})
final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1",
            description = "one student's notebook folder (default: exercises/ in the course folder)")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where the results go (default: target/grades/ in the course folder; with --class: grades/)")
    Path out;

    @Option(names = "--cell-timeout", paramLabel = "SECONDS", converter = Values.Seconds.class,
            description = "longest a notebook cell may run (default: 30)")
    Duration cellTimeout;

    @Option(names = "--exercise", paramLabel = "NAME",
            description = "grade one exercise, such as 04_xor (default: every exercise that has checks)")
    String exercise;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (the score table, default), classroom "
            + "(prints result=BASE64 for GitHub Classroom's reporter; the table goes to stderr) or gradescope "
            + "(writes OUT/results.json as Gradescope's autograder reads it); with --class: csv (gradebook.csv "
            + "only, default), moodle (also OUT/moodle.csv, Moodle's grading worksheet) or canvas (also "
            + "OUT/canvas.csv, Canvas's gradebook import)")
    String format;

    /** What {@code grade} without {@code --class} writes. */
    enum Format { text, classroom, gradescope }

    @ArgGroup(exclusive = false, validate = false, heading = "%nGrading a class (these need --class):%n")
    ClassOptions classOptions;

    @Mixin
    HelpOption help;

    /** The options of {@code grade --class}; each may be given only with {@code --class}. */
    static final class ClassOptions {

        @Option(names = "--class", paramLabel = "DIR", description = "the class folder: each sub-folder holds one student's NAME.ipynb files")
        Path classDir;

        @Option(names = "--jobs", paramLabel = "N", converter = Values.PositiveInt.class,
                description = "students graded at once (default: one per core)")
        Integer jobs;

        @Option(names = "--student-timeout", paramLabel = "SECONDS", converter = Values.Seconds.class,
                description = "wall-clock limit for one student's notebooks (default: 300)")
        Duration studentTimeout;

        @Option(names = "--max-heap", paramLabel = "SIZE", converter = Values.HeapSize.class,
                description = "heap limit of the JVM that runs a student's notebook (default: 512m)")
        String maxHeap;

        @Option(names = "--work", paramLabel = "DIR", description = "keep the students' working copies (each runs in a copy of its folder) in a new "
                        + "folder under DIR (default: a temporary folder, deleted afterwards)")
        Path work;

        @Option(names = "--roster", paramLabel = "FILE", description = "the class list (CSV: folder or username, "
                + "id, name, email, extension such as 2d): maps folders to students; students who handed nothing in get a row")
        Path roster;

        @Option(names = "--due", paramLabel = "DATE", description = "the due date, such as 2026-12-15T23:59 (local "
                + "time) or with an offset; the submission time is the last git commit touching the folder, else the newest "
                + "file's time; the roster's extensions apply; adds a late_by column")
        String due;

        @Option(names = "--late-penalty", paramLabel = "RULE", description = "points lost for late work, such as "
                + "10%%/day or 5%%/hour,max=50%% (needs --due; default: lateness is reported, no points lost)")
        String latePenalty;

        @Option(names = "--no-sandbox", description = "grade without bubblewrap's sandbox (where it cannot run); "
                + "every note then says so. Without this option grade --class refuses when bwrap is missing")
        boolean noSandbox;

        /** The command line's choices over the grader's defaults. */
        ClassGrader.Settings settings(ClassGrader.Settings defaults, Duration cellTimeout) {
            ClassGrader.Settings s = defaults.withTimeouts(or(studentTimeout, defaults.studentTimeout()),
                    or(cellTimeout, defaults.cellTimeout()));
            return s.with(or(jobs, s.jobs()), or(maxHeap, s.notebookHeap()), work).withSandbox(!noSandbox);
        }

        private static <T> T or(T value, T fallback) {
            return value != null ? value : fallback;
        }
    }

    @Override
    public Integer call() {
        if (classOptions == null || classOptions.classDir == null) {
            refuseClassOptions();
            return gradeOne();
        }
        if (dir != null) {
            throw new ParameterException(spec.commandLine(),
                    "DIR applies only without --class (the class folder is --class " + classOptions.classDir + ")");
        }
        return gradeClass();
    }

    /** Without --class, an option of the class form would be silently ignored: refuse it by name. */
    private void refuseClassOptions() {
        ArgGroupSpec group = spec.argGroups().get(0);
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (group.options().contains(option)) {
                throw new ParameterException(spec.commandLine(), option.longestName() + " applies only with --class");
            }
        }
    }

    private int gradeOne() {
        Path notebooks = dir != null ? dir : Course.home().resolve(Checks.DEFAULT_NOTEBOOKS);
        if (!Files.isDirectory(notebooks)) {
            throw new IllegalArgumentException(notebooks + " is not a folder of notebooks");
        }
        Map<String, String> config = new LinkedHashMap<>();
        if (cellTimeout != null) {
            config.put(NotebookSession.CELL_TIMEOUT_PROPERTY, Double.toString(cellTimeout.toMillis() / 1000.0));
        }
        Format format = oneFormat();
        GradeReport report = exercise != null ? Checks.runExercise(exercise, notebooks, config)
                : Checks.runAll(notebooks, config);
        PrintWriter printer = spec.commandLine().getOut();
        if (format == Format.classroom) {
            // stdout goes to $GITHUB_OUTPUT: only the result line there; the student reads the table in the log
            spec.commandLine().getErr().print(report);
            spec.commandLine().getErr().flush();
            String file = exercise != null ? "exercises/" + exercise + ".ipynb" : "exercises/";
            printer.println(ClassroomReport.outputLine(ClassroomReport.json(report.checks(), file, null)));
            return 0;
        }
        if (format == Format.gradescope) {
            Path results = (out != null ? out : Course.home().resolve("results")).resolve("results.json");
            writeAtomically(results, GradescopeResults.json(report.checks(), String.join("\n", report.notes())));
            printer.print(report);
            printer.println("wrote " + results);
            return 0;
        }
        printer.print(fitted(report, terminalWidth()));
        Path grades = out != null ? out : Course.home().resolve("target").resolve("grades");
        Checks.writeGrades(grades, report);
        printer.println("wrote " + grades.resolve("grades.json") + " and " + grades.resolve("grades.md"));
        return 0;
    }

    private Format oneFormat() {
        try {
            return format == null ? Format.text : Format.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format " + format
                    + ": without --class, write text, classroom or gradescope");
        }
    }

    /** The class form's gradebook options, each checked with a one-line error. */
    ClassGradebook.Options gradebookOptions() {
        ClassGradebook.Format lms;
        try {
            lms = format == null ? ClassGradebook.Format.csv : ClassGradebook.Format.valueOf(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--format " + format + ": with --class, write csv, moodle or canvas");
        }
        if (classOptions.latePenalty != null && classOptions.due == null) {
            throw new ParameterException(spec.commandLine(), "--late-penalty needs --due (late after what date?)");
        }
        Optional<LatePolicy> late = Optional.empty();
        if (classOptions.due != null) {
            Instant due = parseDue(classOptions.due);
            late = Optional.of(classOptions.latePenalty != null ? LatePolicy.parse(due, classOptions.latePenalty)
                    : LatePolicy.reportOnly(due));
        }
        Optional<Roster> roster = Optional.ofNullable(classOptions.roster).map(Roster::read);
        return new ClassGradebook.Options(roster, Optional.ofNullable(exercise), late, lms);
    }

    private Instant parseDue(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new ParameterException(spec.commandLine(), "--due '" + text
                        + "': write a date and time such as 2026-12-15T23:59 or 2026-12-15T23:59+01:00");
            }
        }
    }

    private int gradeClass() {
        Path outDir = out != null ? out : Path.of("grades");
        ClassGradebook.Options options = gradebookOptions();
        ClassGrader.Settings settings = classOptions.settings(ClassGrader.Settings.defaults(checkClasspath()), cellTimeout);
        long start = System.nanoTime();
        int count = classEntryCount(classOptions.classDir);
        Progress progress = new Progress(spec.commandLine().getErr(), count, start);
        ClassGrader grader = new ClassGrader(settings);
        List<ClassGrader.StudentRow> rows = grader.gradeClass(classOptions.classDir, outDir, options, progress::finished);
        grader.leftOut().forEach(why -> spec.commandLine().getErr().println("left out of " + format + ".csv: " + why));
        PrintWriter printer = spec.commandLine().getOut();
        for (ClassGrader.StudentRow row : rows) {
            printer.printf("%-24s %4d%s%n", ClassGrader.visible(row.student()), row.total(),
                    row.note().isEmpty() ? "" : "   " + abbreviate(row.note(), 100));
        }
        printer.printf(Locale.ROOT, "graded %d students in %.1f s; wrote %s and %s%n", rows.size(),
                (System.nanoTime() - start) / 1e9, outDir.resolve("gradebook.csv"), outDir.resolve("feedback"));
        return 0;
    }

    /** The terminal's width from $COLUMNS (set by shells for their children), else 100. */
    static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip());
            return Math.max(40, columns);
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /**
     * The score table with each line cut to the width (the whole messages are in grades.md), then one
     * subtotal per exercise.
     */
    static String fitted(GradeReport report, int width) {
        StringBuilder text = new StringBuilder();
        for (String line : report.toString().lines().toList()) {
            text.append(line.length() <= width ? line : line.substring(0, width - 3) + "...").append('\n');
        }
        Map<String, Integer> max = new LinkedHashMap<>();
        report.checks().forEach(c -> max.merge(c.exercise(), c.max(), Integer::sum));
        if (max.size() > 1) {
            StringBuilder line = new StringBuilder("subtotals:");
            for (Map.Entry<String, Integer> e : max.entrySet()) {
                String item = " " + e.getKey() + " " + report.totalsByExercise().getOrDefault(e.getKey(), 0)
                        + "/" + e.getValue();
                if (line.length() + item.length() > width) {
                    text.append(line).append('\n');
                    line = new StringBuilder("          ");
                }
                line.append(item);
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static int classEntryCount(Path classDir) {
        try (java.util.stream.Stream<Path> entries = Files.list(classDir)) {
            return (int) entries.filter(Files::isDirectory).count();
        } catch (java.io.IOException e) {
            return 0; // the grader names the problem
        }
    }

    /** A line per student as they finish, with an estimate of the time left, on stderr. */
    static final class Progress {
        private final PrintWriter err;
        private final int count;
        private final long start;
        private int done;

        Progress(PrintWriter err, int count, long start) {
            this.err = err;
            this.count = count;
            this.start = start;
        }

        synchronized void finished(ClassGrader.StudentRow row) {
            done++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            String left = done < count ? String.format(Locale.ROOT, ", about %.0f s left", elapsed / done * (count - done)) : "";
            err.printf(Locale.ROOT, "[%d/%d] %-24s %4d  (%.1f s%s)%n", done, count, ClassGrader.visible(row.student()),
                    row.total(), elapsed, left);
            err.flush();
        }
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

    private static void writeAtomically(Path file, String text) {
        try {
            SafeFiles.writeAtomically(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }
}
