package jgrad.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.io.SafeFiles;

/**
 * Grades a whole class: every sub-folder of the class folder is one student. Each student is graded in
 * its own JVM (a memory bound, a wall-clock bound, its own copy of the notebooks as working folder), in
 * parallel; the results are gathered into {@code gradebook.csv} and {@code feedback/STUDENT.md}, written
 * atomically once everyone is done. A student whose run dies still gets a row, with the reason. The
 * class folder is only read.
 */
public final class ClassGrader {

    /** Files larger than this are not copied into a student's working folder. */
    private static final long MAX_COPIED_FILE = 20L * 1024 * 1024;

    /**
     * How a class is graded.
     *
     * @param jobs            students graded at once
     * @param studentTimeout  wall-clock bound for one student (all notebooks)
     * @param cellTimeout     bound for one notebook cell
     * @param notebookHeap    -Xmx of each notebook JVM (the student's code)
     * @param graderHeap      -Xmx of each student's grading JVM (JUnit and the compiler)
     * @param courseClasspath what notebooks see
     * @param checkClasspath  where the {@link Exercise} classes are (added for the grading JVM only)
     * @param workRoot        where the students' working copies go; null for a fresh temporary folder
     */
    public record Settings(int jobs, Duration studentTimeout, Duration cellTimeout, String notebookHeap,
                           String graderHeap, List<String> courseClasspath, List<String> checkClasspath,
                           Path workRoot) {

        /** Defaults: one job per core, 5 minutes per student, 30 s per cell, 512m notebook heap. */
        public static Settings defaults(List<String> checkClasspath) {
            return new Settings(Runtime.getRuntime().availableProcessors(), Duration.ofMinutes(5),
                    Duration.ofSeconds(30), "512m", "384m", CourseClasspath.resolve(), checkClasspath, null);
        }

        /** @return these settings with other timeouts */
        public Settings withTimeouts(Duration student, Duration cell) {
            return new Settings(jobs, student, cell, notebookHeap, graderHeap, courseClasspath, checkClasspath, workRoot);
        }

        /** @return these settings with another job count, notebook heap and work root */
        public Settings with(int jobCount, String heap, Path root) {
            return new Settings(jobCount, studentTimeout, cellTimeout, heap, graderHeap, courseClasspath,
                    checkClasspath, root);
        }
    }

    /**
     * One gradebook row.
     *
     * @param student the student's folder name
     * @param scores  points per exercise (every exercise has an entry)
     * @param total   points earned
     * @param max     points available
     * @param note    why points were lost beyond failed checks: the run's failure, failing cells; empty when none
     * @param report  the detailed results, or null when the run died
     */
    public record StudentRow(String student, Map<String, Integer> scores, int total, int max, String note,
                             GradeReport report) {
    }

    private final Settings settings;
    private final List<String> exercises;

    /** @param settings how to grade; the exercises are the {@link Exercise} classes on this JVM's classpath */
    public ClassGrader(Settings settings) {
        this.settings = settings;
        this.exercises = Checks.exerciseNames();
        if (exercises.isEmpty()) {
            throw new IllegalStateException("no @Exercise check classes found in " + System.getProperty(
                    Checks.PACKAGES, Checks.DEFAULT_PACKAGES) + ": is the checks' folder on the classpath?");
        }
    }

    /**
     * Grades every student folder of {@code classDir} and writes the gradebook and feedback into {@code outDir}.
     *
     * @return the rows, ordered by student
     * @throws IllegalArgumentException when the class folder is missing or the output folder is inside it
     */
    public List<StudentRow> gradeClass(Path classDir, Path outDir) {
        Path classAbs = classDir.toAbsolutePath().normalize();
        Path outAbs = outDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(classAbs)) {
            throw new IllegalArgumentException("grade --class: " + classDir + " is not a folder of student folders");
        }
        if (outAbs.startsWith(classAbs) || classAbs.startsWith(outAbs)) {
            throw new IllegalArgumentException("grade --class: the output folder " + outDir
                    + " must be outside the class folder " + classDir + " (and not contain it)");
        }
        List<Path> students = studentFolders(classAbs);
        Path workRoot = prepareWorkRoot();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.jobs()));
        try {
            List<Future<StudentRow>> futures = new ArrayList<>();
            for (Path student : students) {
                futures.add(pool.submit(() -> gradeStudent(student, workRoot)));
            }
            List<StudentRow> rows = new ArrayList<>();
            for (int i = 0; i < students.size(); i++) {
                rows.add(await(futures.get(i), students.get(i)));
            }
            writeOutputs(outAbs, rows);
            return rows;
        } finally {
            pool.shutdownNow();
            if (settings.workRoot() == null) {
                deleteQuietly(workRoot);
            }
        }
    }

    private StudentRow await(Future<StudentRow> future, Path student) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return deadRow(student.getFileName().toString(), "the grader failed on this student: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deadRow(student.getFileName().toString(), "grading was interrupted");
        }
    }

    private static List<Path> studentFolders(Path classDir) {
        try (Stream<Path> entries = Files.list(classDir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    private Path prepareWorkRoot() {
        try {
            if (settings.workRoot() != null) {
                Files.createDirectories(settings.workRoot());
                return Files.createTempDirectory(settings.workRoot(), "grading-");
            }
            return Files.createTempDirectory("jgrad-grading-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ one student

    private StudentRow gradeStudent(Path studentDir, Path workRoot) throws IOException, InterruptedException {
        String student = studentDir.getFileName().toString();
        // The student's code runs with cwd = a copy: relative writes land in the sandbox, inputs stay untouched.
        Path sandbox = Files.createDirectories(workRoot.resolve("students").resolve(safeName(student)));
        Path work = Files.createDirectories(sandbox.resolve("work"));
        copyInputs(studentDir, work);
        Set<String> before = listFiles(sandbox);
        // Results and logs live outside the sandbox, under a name the student's code is not told.
        Path privateDir = Files.createTempDirectory(workRoot, "result-");
        Path result = privateDir.resolve("report.json");
        Path log = privateDir.resolve("grader.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.graderHeap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-modules=jdk.incubator.vector"); // lib's Vector API kernels, as in the notebooks' JVMs
        command.add("-D" + CourseClasspath.PROPERTY + "=" + CourseClasspath.joined(settings.courseClasspath()));
        command.add("-D" + Checks.PACKAGES + "=" + System.getProperty(Checks.PACKAGES, Checks.DEFAULT_PACKAGES));
        command.add("-cp");
        List<String> classpath = new ArrayList<>(settings.courseClasspath());
        classpath.addAll(settings.checkClasspath());
        command.add(CourseClasspath.joined(classpath));
        command.add(Cli.class.getName());
        command.add(Cli.STUDENT_COMMAND);
        command.add(work.toString());
        command.add(result.toString());
        command.add(Long.toString(settings.cellTimeout().toMillis()));
        command.add(settings.notebookHeap());

        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(settings.studentTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            killTree(process);
            return deadRow(student, "stopped: grading this student took longer than "
                    + settings.studentTimeout().toSeconds() + " s (the per-student limit)");
        }
        killTree(process); // notebook JVMs left behind, if any
        List<String> extra = newFiles(sandbox, before);
        if (!Files.isRegularFile(result)) {
            return deadRow(student, "the grading JVM died (exit code " + process.exitValue() + "): " + tail(log));
        }
        GradeReport report;
        try {
            report = GradeReport.fromJson(Files.readString(result, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return deadRow(student, "unreadable results (" + e.getMessage() + ")");
        }
        report = withoutWorkPaths(report, work);
        List<String> notes = new ArrayList<>(report.notes());
        if (!extra.isEmpty()) {
            notes.add("the notebooks wrote files, which were discarded: " + String.join(", ", extra));
        }
        return row(student, report, String.join("; ", notes));
    }

    /** Messages name the student's files as they handed them in, not the working copy's absolute path. */
    private static GradeReport withoutWorkPaths(GradeReport report, Path work) {
        String prefix = work.toString() + java.io.File.separator;
        List<CheckResult> checks = report.checks().stream().map(c -> new CheckResult(c.exercise(), c.check(),
                c.points(), c.max(), c.message().replace(prefix, ""))).toList();
        List<String> notes = report.notes().stream().map(n -> n.replace(prefix, "")).toList();
        return new GradeReport(report.title(), checks, notes);
    }

    private StudentRow row(String student, GradeReport report, String note) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        exercises.forEach(e -> scores.put(e, report.totalsByExercise().getOrDefault(e, 0)));
        GradeReport withNotes = new GradeReport(student, report.checks(),
                note.isEmpty() ? List.of() : List.of(note.split("; ")));
        return new StudentRow(student, scores, report.total(), report.max(), note, withNotes);
    }

    private StudentRow deadRow(String student, String reason) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        exercises.forEach(e -> scores.put(e, 0));
        return new StudentRow(student, scores, 0, -1, reason, null);
    }

    private static void killTree(Process process) {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyInputs(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && attrs.size() <= MAX_COPIED_FILE) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Set<String> listFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> newFiles(Path root, Set<String> before) {
        try {
            Set<String> after = listFiles(root);
            after.removeAll(before);
            return after.stream().map(s -> s.startsWith("work/") ? s.substring(5) : "../" + s).limit(10).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String text = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
            return text.isEmpty() ? "no output" : text.length() > 400 ? text.substring(0, 400) + "..." : text;
        } catch (IOException | UncheckedIOException e) {
            return "no log";
        }
    }

    // ------------------------------------------------------------------ outputs

    private void writeOutputs(Path outDir, List<StudentRow> rows) {
        try {
            writeOutputFiles(outDir, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void writeOutputFiles(Path outDir, List<StudentRow> rows) throws IOException {
        StringBuilder csv = new StringBuilder("student");
        exercises.forEach(e -> csv.append(',').append(csvField(e)));
        csv.append(",total,note\n");
        for (StudentRow row : rows) {
            csv.append(csvField(row.student()));
            exercises.forEach(e -> csv.append(',').append(row.scores().get(e)));
            csv.append(',').append(row.total()).append(',').append(csvField(row.note())).append('\n');
        }
        for (StudentRow row : rows) {
            SafeFiles.writeAtomically(outDir.resolve("feedback").resolve(safeName(row.student()) + ".md"), feedback(row));
        }
        // Last, so a complete gradebook means everything else is in place too.
        SafeFiles.writeAtomically(outDir.resolve("gradebook.csv"), csv.toString());
    }

    private static String feedback(StudentRow row) {
        StringBuilder md = new StringBuilder("# Feedback: ").append(row.student()).append("\n\n");
        if (row.report() == null) {
            md.append("Your notebooks could not be graded: ").append(row.note()).append("\n\nScore: 0\n");
            return md.toString();
        }
        md.append("Score: ").append(row.total()).append(" / ").append(row.max()).append("\n\n");
        md.append(row.report().toMarkdown());
        return md.toString();
    }

    static String csvField(String text) {
        String flat = text.replaceAll("\\R", " ");
        boolean quote = flat.contains(",") || flat.contains("\"") || flat.startsWith("=") || flat.startsWith("+")
                || flat.startsWith("-") || flat.startsWith("@");
        // A leading quote mark stops spreadsheets from running a submission-controlled formula.
        String safe = flat.startsWith("=") || flat.startsWith("+") || flat.startsWith("-") || flat.startsWith("@")
                ? "'" + flat : flat;
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    static String safeName(String student) {
        String safe = student.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    private static void deleteQuietly(Path root) {
        try {
            SafeFiles.deleteRecursively(root); // copes with read-only folders a submission may hold
        } catch (IOException ignored) {
            // Best effort: a leftover temp file is not worth failing the gradebook for.
        }
    }
}
