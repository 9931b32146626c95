package jgrad.grader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.grader.lms.CanvasFlatDownload;
import jgrad.grader.lms.SubmissionNames;
import jgrad.io.SafeFiles;

/**
 * Grades a whole class: every sub-folder of the class folder is one student. Each student is graded in
 * its own {@link Sandbox} (bubblewrap: the checks' JVM and, nested, the notebook's JVM; a memory bound,
 * process, file-size and CPU limits, a wall-clock bound, its own copy of the notebooks as the only writable
 * folder), in parallel. The checks' JVM hands its report back on a channel only it holds ({@link StudentRun});
 * the grader checks the report against the check classes it knows. The results are gathered into
 * {@code gradebook.csv} and {@code feedback/KEY.md}, written atomically once everyone is done. Every
 * folder gets exactly one row: a student whose run dies gets the reason, a hidden or linked folder is
 * listed as not graded. The class folder is only read.
 */
public final class ClassGrader {

    /** Files larger than this are not copied into a student's working folder. */
    private static final long MAX_COPIED_FILE = 20L * 1024 * 1024;
    /** Bytes of the checks' JVM's stdout kept (the report line is far smaller). */
    private static final int MAX_CHANNEL_BYTES = 8 << 20;
    /** Bytes of the checks' JVM's stderr kept for the reason of a death. */
    private static final int MAX_LOG_BYTES = 64 << 10;
    /** Said in every note when the class was graded without a sandbox. */
    static final String UNSANDBOXED = "graded WITHOUT a sandbox (--no-sandbox): this result could have been forged";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** From this many students on, a class run makes the checks' JVM's class-data archive first. */
    static final int ARCHIVE_MIN_STUDENTS = 3;

    /**
     * Per-student resource limits (inside the sandbox, set with prlimit).
     *
     * @param processes      tasks (processes and threads) one student may have at once, all JVMs together
     * @param fileSize       largest file a student's process may write, in bytes
     * @param cpuSeconds     CPU time of each process, in seconds
     * @param extraAddressMb address space allowed to each JVM beyond its heap (native memory, stacks), in MiB
     * @param diskMb         size of the student's working copy plus /tmp (a tmpfs, when the grader may mount one)
     */
    public record Limits(int processes, long fileSize, long cpuSeconds, long extraAddressMb, long diskMb) {

        /** Defaults: 1024 tasks, 64 MiB files, 2 CPU-seconds per wall-clock second, 2 GiB beyond the heap, 256 MiB disk. */
        public static Limits defaults(Duration studentTimeout) {
            return new Limits(1024, 64L << 20, Math.max(60, 2 * studentTimeout.toSeconds()), 2048, 256);
        }
    }

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
     * @param sandbox         grade each student in a bubblewrap sandbox (false: --no-sandbox)
     * @param limits          per-student resource limits (used with the sandbox)
     */
    public record Settings(int jobs, Duration studentTimeout, Duration cellTimeout, String notebookHeap,
                           String graderHeap, List<String> courseClasspath, List<String> checkClasspath,
                           Path workRoot, boolean sandbox, Limits limits) {

        /** Defaults: one job per core, 5 minutes per student, 30 s per cell, 512m notebook heap, sandboxed. */
        public static Settings defaults(List<String> checkClasspath) {
            Duration student = Duration.ofMinutes(5);
            return new Settings(Runtime.getRuntime().availableProcessors(), student, Duration.ofSeconds(30),
                    "512m", "384m", CourseClasspath.resolve(), checkClasspath, null, true, Limits.defaults(student));
        }

        /** @return these settings with other timeouts (and the CPU limit that follows the wall-clock one) */
        public Settings withTimeouts(Duration student, Duration cell) {
            Limits l = new Limits(limits.processes(), limits.fileSize(), Math.max(60, 2 * student.toSeconds()),
                    limits.extraAddressMb(), limits.diskMb());
            return new Settings(jobs, student, cell, notebookHeap, graderHeap, courseClasspath, checkClasspath,
                    workRoot, sandbox, l);
        }

        /** @return these settings with another job count, notebook heap and work root */
        public Settings with(int jobCount, String heap, Path root) {
            return new Settings(jobCount, studentTimeout, cellTimeout, heap, graderHeap, courseClasspath,
                    checkClasspath, root, sandbox, limits);
        }

        /** @return these settings with the sandbox on or off (--no-sandbox) */
        public Settings withSandbox(boolean on) {
            return new Settings(jobs, studentTimeout, cellTimeout, notebookHeap, graderHeap, courseClasspath,
                    checkClasspath, workRoot, on, limits);
        }

        /** @return these settings with other per-student limits */
        public Settings withLimits(Limits newLimits) {
            return new Settings(jobs, studentTimeout, cellTimeout, notebookHeap, graderHeap, courseClasspath,
                    checkClasspath, workRoot, sandbox, newLimits);
        }
    }

    /**
     * One gradebook row.
     *
     * @param student the student's folder name, exactly as on disk
     * @param key     a name unique within the class and safe as a file name (the feedback is feedback/KEY.md)
     * @param scores  points per exercise (every exercise has an entry)
     * @param total   points earned
     * @param max     points available, or -1 when the run died
     * @param note    why points were lost beyond failed checks: the run's failure, failing cells; empty when none
     * @param report  the detailed results, or null when the run died
     */
    public record StudentRow(String student, String key, Map<String, Integer> scores, int total, int max,
                             String note, GradeReport report) {
    }

    private final Settings settings;
    private final List<String> exercises;
    /** exercise → check → points, from the check classes this JVM loaded: what a genuine report holds. */
    private final Map<String, Map<String, Integer>> expectedChecks;
    private volatile List<String> leftOut = List.of();
    /** The one exercise this run grades (--exercise), or empty for all: students' JVMs run only its checks. */
    private volatile Optional<String> onlyExercise = Optional.empty();
    private final AtomicBoolean quotaMountWorks = new AtomicBoolean(Sandbox.runningAsRoot());

    /** @param settings how to grade; the exercises are the {@link Exercise} classes on this JVM's classpath */
    public ClassGrader(Settings settings) {
        this.settings = settings;
        this.exercises = Checks.exerciseNames();
        if (exercises.isEmpty()) {
            throw new IllegalStateException("no @Exercise check classes found in " + System.getProperty(
                    Checks.PACKAGES, Checks.DEFAULT_PACKAGES) + ": is the checks' folder on the classpath?");
        }
        this.expectedChecks = expectedChecks();
    }

    private static Map<String, Map<String, Integer>> expectedChecks() {
        Map<String, Map<String, Integer>> expected = new HashMap<>();
        for (Class<?> type : Checks.exerciseClasses()) {
            String exercise = type.getAnnotation(Exercise.class).value();
            for (Method method : type.getDeclaredMethods()) {
                Points points = method.getAnnotation(Points.class);
                if (points != null) {
                    expected.computeIfAbsent(exercise, e -> new HashMap<>()).put(method.getName(), points.value());
                }
            }
        }
        return expected;
    }

    /**
     * Grades every student folder of {@code classDir} and writes the gradebook and feedback into {@code outDir}.
     *
     * @return the rows, ordered by student folder name
     * @throws IllegalArgumentException when the class folder is missing, empty or a file, when the output folder
     *                                  is inside it or cannot be written, and when the sandbox cannot be made
     */
    public List<StudentRow> gradeClass(Path classDir, Path outDir) {
        return gradeClass(classDir, outDir, ClassGradebook.Options.plain(), row -> { });
    }

    /** @return the students the last Moodle or Canvas file had to leave out (no id), each with the reason */
    public List<String> leftOut() {
        return leftOut;
    }

    /** @return points possible per exercise, in the gradebook's column order */
    public Map<String, Integer> possible() {
        Map<String, Integer> possible = new LinkedHashMap<>();
        exercises.forEach(x -> possible.put(x, expectedChecks.getOrDefault(x, Map.of()).values().stream()
                .mapToInt(Integer::intValue).sum()));
        return possible;
    }

    /**
     * Grades every student folder of {@code classDir} and writes the gradebook ({@link ClassGradebook}) into
     * {@code outDir}, telling {@code progress} about each student as they finish (from the grading threads).
     *
     * @return the rows, ordered by student folder name
     */
    public List<StudentRow> gradeClass(Path classDir, Path outDir, ClassGradebook.Options options,
                                       java.util.function.Consumer<StudentRow> progress) {
        ClassGradebook gradebook = new ClassGradebook(possible(), options); // refuses an unknown exercise
        onlyExercise = options.exercise();
        Path classAbs = classDir.toAbsolutePath().normalize();
        Path outAbs = outDir.toAbsolutePath().normalize();
        checkInputs(classDir, classAbs, outDir, outAbs);
        if (settings.sandbox()) {
            Sandbox.unavailable().ifPresent(why -> {
                throw new IllegalArgumentException("grade --class needs a sandbox: " + why);
            });
        }
        List<Path> entries = classEntries(classAbs);
        Map<Path, String> keys = keys(entries);
        Path workRoot = prepareWorkRoot();
        if (CanvasFlatDownload.isFlat(classAbs)) { // one folder of every student's files: sort it by Canvas id
            CanvasFlatDownload.sort(classAbs, workRoot.resolve("canvas"));
            entries = classEntries(workRoot.resolve("canvas"));
            keys = keys(entries);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.jobs()));
        try {
            Sandbox.Stage staged = settings.sandbox() ? Sandbox.stage(workRoot.resolve("stage"),
                    withoutChecks(settings.courseClasspath(), settings.checkClasspath()), settings.checkClasspath(),
                    settings.limits(), settings.notebookHeap()) : null;
            // The archive's warm-up costs about one student's start-up: it pays from a few students on.
            Sandbox.Stage stage = staged != null && entries.size() >= ARCHIVE_MIN_STUDENTS
                    ? withArchive(staged, workRoot) : staged;
            BlockingQueue<Integer> slots = new ArrayBlockingQueue<>(Math.max(1, settings.jobs()));
            for (int i = 0; i < Math.max(1, settings.jobs()); i++) {
                slots.add(i);
            }
            List<Future<StudentRow>> futures = new ArrayList<>();
            for (Path entry : entries) {
                String key = keys.get(entry);
                futures.add(pool.submit(() -> {
                    StudentRow row = gradeEntry(entry, key, workRoot, stage, slots);
                    progress.accept(row);
                    return row;
                }));
            }
            List<StudentRow> rows = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Path entry = entries.get(i);
                rows.add(await(futures.get(i), entry.getFileName().toString(), keys.get(entry)));
            }
            Map<String, java.time.Instant> submitted = new HashMap<>();
            if (options.late().isPresent()) {
                entries.forEach(e -> ClassGradebook.submittedAt(e).ifPresent(t -> submitted.put(e.getFileName().toString(), t)));
            }
            leftOut = gradebook.write(outAbs, gradebook.lines(rows, submitted));
            return rows;
        } finally {
            pool.shutdownNow();
            if (settings.workRoot() == null) {
                Sandbox.removeTree(workRoot);
            }
        }
    }

    /**
     * The course classpath of ./jgrad holds the compiled checks too (so that grade(...) finds them in a
     * notebook); a student's JVM must not see them, so the sandbox's copy leaves them out.
     */
    static List<String> withoutChecks(List<String> courseClasspath, List<String> checkClasspath) {
        Set<Path> checks = checkClasspath.stream().map(e -> Path.of(e).toAbsolutePath().normalize())
                .collect(Collectors.toSet());
        return courseClasspath.stream().filter(e -> !checks.contains(Path.of(e).toAbsolutePath().normalize())).toList();
    }

    /** Bad input stops the run before any student is graded, with one line saying what is wrong. */
    private static void checkInputs(Path classDir, Path classAbs, Path outDir, Path outAbs) {
        if (!Files.exists(classAbs)) {
            throw new IllegalArgumentException("grade --class: the class folder " + classDir + " does not exist");
        }
        if (!Files.isDirectory(classAbs)) {
            throw new IllegalArgumentException("grade --class: " + classDir
                    + " is a file, not a folder of student folders");
        }
        try (Stream<Path> list = Files.list(classAbs)) {
            if (list.findAny().isEmpty()) {
                throw new IllegalArgumentException("grade --class: the class folder " + classDir
                        + " is empty: it should hold one folder per student");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("grade --class: cannot read the class folder " + classDir + ": " + e);
        }
        if (outAbs.startsWith(classAbs) || classAbs.startsWith(outAbs)) {
            throw new IllegalArgumentException("grade --class: the output folder " + outDir
                    + " must be outside the class folder " + classDir + " (and not contain it)");
        }
        Path gradebook = outAbs.resolve("gradebook.csv");
        Path feedback = outAbs.resolve("feedback");
        if (Files.exists(gradebook, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(gradebook, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("grade --class: " + outDir.resolve("gradebook.csv")
                    + " exists and is not a plain file: remove it or choose another --out");
        }
        if (Files.exists(feedback, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(feedback, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("grade --class: " + outDir.resolve("feedback")
                    + " exists and is not a folder: remove it or choose another --out");
        }
        try {
            Files.createDirectories(outAbs);
            Files.delete(Files.createTempFile(outAbs, ".write-test-", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("grade --class: cannot write into the output folder " + outDir
                    + " (" + e.getMessage() + ")");
        }
    }

    private StudentRow await(Future<StudentRow> future, String student, String key) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return deadRow(student, key, "the grader failed on this student: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deadRow(student, key, "grading was interrupted");
        }
    }

    /** Every entry of the class folder but plain files: student folders, and hidden or linked ones to report. */
    private static List<Path> classEntries(Path classDir) {
        try (Stream<Path> entries = Files.list(classDir)) {
            return entries.filter(p -> Files.isDirectory(p) || Files.isSymbolicLink(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    /** Unique keys: a safe name as it is, any other name made safe plus a hash of the real name. */
    static Map<Path, String> keys(List<Path> entries) {
        Map<Path, String> keys = new LinkedHashMap<>();
        Set<String> taken = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Path entry : entries) {
            String key = key(entry.getFileName().toString());
            for (int i = 2; !taken.add(key); i++) { // only case-insensitive clashes get here
                key = key(entry.getFileName().toString()) + "~" + i;
            }
            keys.put(entry, key);
        }
        return keys;
    }

    /**
     * A file-name-safe key for a student folder: the name itself when it is already safe and short, else the
     * safe characters (at most 60) then {@code ~} and 12 hex digits of the name's SHA-256. An unchanged name
     * never holds {@code ~}, so the two kinds cannot meet, and two changed names meet only if their hashes do.
     */
    static String key(String student) {
        if (student.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            return student;
        }
        String safe = student.replaceAll("[^A-Za-z0-9._-]", "_");
        safe = safe.substring(0, Math.min(60, safe.length())).replaceAll("^[._-]+", "");
        return (safe.isEmpty() ? "student" : safe) + "~" + sha256(student).substring(0, 12);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path prepareWorkRoot() {
        try {
            Path root;
            if (settings.workRoot() != null) {
                Files.createDirectories(settings.workRoot());
                root = Files.createTempDirectory(settings.workRoot(), "grading-");
            } else {
                root = Files.createTempDirectory("jgrad-grading-");
            }
            // The slots' uids must reach their own working copy (and only that: the rest stays root's, 0755/0644).
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ one student

    private StudentRow gradeEntry(Path entry, String key, Path workRoot, Sandbox.Stage stage,
                                  BlockingQueue<Integer> slots) throws IOException, InterruptedException {
        String student = entry.getFileName().toString();
        if (Files.isSymbolicLink(entry)) {
            String target;
            try {
                target = Files.readSymbolicLink(entry).toString();
            } catch (IOException e) {
                target = "?";
            }
            return deadRow(student, key, "not graded: this is a symbolic link (to " + target + "), not a folder; "
                    + "copy the submission into the class folder to grade it");
        }
        if (student.startsWith(".")) {
            return deadRow(student, key, "not graded: a hidden folder (its name starts with a dot); "
                    + "rename it to grade it");
        }
        List<String> notes = new ArrayList<>();
        Path submission = withExerciseNames(entry, key, workRoot, notes);
        int slot = slots.take();
        try {
            StudentRow row = gradeStudent(submission, key, workRoot, stage, slot);
            return notes.isEmpty() ? row : withNotes(row, notes);
        } finally {
            slots.add(slot);
        }
    }

    /**
     * A submission whose notebooks are not all named as their exercise (an LMS's or a browser's renaming) is
     * graded from a copy where each one matched unambiguously ({@link SubmissionNames#match}) has its
     * exercise's name; {@code notes} says which file was graded, and which could not be matched.
     */
    private Path withExerciseNames(Path entry, String key, Path workRoot, List<String> notes) throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(entry)) {
            files = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
        SubmissionNames.Matching matching = SubmissionNames.match(files, exercises);
        List<SubmissionNames.Match> renamed = matching.matches().stream()
                .filter(m -> !m.file().equals(m.exercise() + ".ipynb")).toList();
        notes.addAll(matching.problems());
        if (renamed.isEmpty()) {
            return entry;
        }
        Path copy = workRoot.resolve("renamed").resolve(key).resolve(entry.getFileName().toString());
        Files.createDirectories(copy.getParent());
        copyInputs(entry, copy);
        for (SubmissionNames.Match m : renamed) {
            Files.move(copy.resolve(m.file()), copy.resolve(m.exercise() + ".ipynb"));
            notes.add(m.note());
        }
        return copy;
    }

    private static StudentRow withNotes(StudentRow row, List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        if (!row.note().isEmpty()) {
            all.add(row.note());
        }
        GradeReport report = row.report() == null ? null : new GradeReport(row.report().title(),
                row.report().checks(), java.util.stream.Stream.concat(notes.stream(), row.report().notes().stream()).toList());
        return new StudentRow(row.student(), row.key(), row.scores(), row.total(), row.max(), String.join("; ", all), report);
    }

    private StudentRow gradeStudent(Path studentDir, String key, Path workRoot, Sandbox.Stage stage, int slot)
            throws IOException, InterruptedException {
        String student = studentDir.getFileName().toString();
        Path home = Files.createDirectories(workRoot.resolve("students").resolve(key));
        boolean quota = stage != null && mountQuota(home);
        try {
            Path work = Files.createDirectories(home.resolve("work"));
            Path tmp = quota ? Files.createDirectories(home.resolve("tmp")) : null;
            copyInputs(studentDir, work);
            Set<String> before = listFiles(work);
            if (stage != null) {
                Sandbox.handOver(home, slot);
            }
            String nonce = HexFormat.of().formatHex(randomBytes());
            List<String> command = stage != null
                    ? Sandbox.command(stage, slot, work, tmp, settings.limits(), settings.graderHeap(),
                            settings.notebookHeap(), sandboxedArgs(stage))
                    : unsandboxedCommand(work);
            Process process = new ProcessBuilder(command).directory(work.toFile()).start();
            Drain channel = Drain.start(process.getInputStream(), MAX_CHANNEL_BYTES, true);
            Drain log = Drain.start(process.getErrorStream(), MAX_LOG_BYTES, true);
            try (OutputStream in = process.getOutputStream()) {
                in.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The JVM died at once; its exit code and log say why.
            }
            boolean finished = process.waitFor(settings.studentTimeout().toMillis(), TimeUnit.MILLISECONDS);
            killTree(process);
            channel.finish();
            log.finish();
            if (!finished) {
                return deadRow(student, key, "stopped: grading this student took longer than "
                        + settings.studentTimeout().toSeconds() + " s (the per-student limit)");
            }
            String innerWork = stage != null ? Sandbox.WORK : work.toString();
            Optional<GradeReport> parsed;
            try {
                parsed = StudentRun.parse(channel.text(), nonce);
            } catch (IllegalArgumentException e) {
                return deadRow(student, key, "unreadable results (" + e.getMessage() + ")");
            }
            if (parsed.isEmpty()) {
                return deadRow(student, key, "the grading JVM died (exit code " + process.exitValue() + ") "
                        + "without a result: " + log.tail());
            }
            Optional<String> forged = mismatch(parsed.get());
            if (forged.isPresent()) {
                return deadRow(student, key, "rejected results: " + forged.get());
            }
            GradeReport report = withoutWorkPaths(parsed.get(), innerWork);
            List<String> notes = new ArrayList<>(report.notes());
            List<String> extra = newFiles(work, before);
            if (!extra.isEmpty()) {
                notes.add("the notebooks wrote files, which were discarded: " + String.join(", ", extra));
            }
            if (stage == null) {
                notes.add(UNSANDBOXED);
            }
            return row(student, key, report, notes);
        } finally {
            if (quota) {
                unmount(home);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Options, main class and arguments of a student's checks' JVM in the sandbox. */
    private List<String> sandboxedArgs(Sandbox.Stage stage) {
        List<String> args = checksJvmOptions(stage.classpath(), stage.checkClasspath(), true);
        args.addAll(stage.archiveOptions());
        args.addAll(studentRunArgs(Sandbox.WORK));
        return args;
    }

    /**
     * The stage with the checks' JVM's class-data archive, made by a warm-up in the sandbox; the stage as it
     * was when the archive cannot be made.
     */
    private Sandbox.Stage withArchive(Sandbox.Stage stage, Path workRoot) {
        Path home = workRoot.resolve("warm-up");
        try {
            Path work = Files.createDirectories(home.resolve("work"));
            Sandbox.handOver(home, 0);
            Optional<List<String>> options = ChecksArchive.make(stage, work, create -> {
                List<String> args = checksJvmOptions(stage.classpath(), stage.checkClasspath(), true);
                args.addAll(create);
                args.addAll(List.of(StudentRun.class.getName(), StudentRun.WARM_UP, Sandbox.WORK));
                return Sandbox.command(stage, 0, work, null, settings.limits(), settings.graderHeap(),
                        settings.notebookHeap(), args);
            });
            return options.map(stage::withArchiveOptions).orElse(stage);
        } catch (IOException e) {
            return stage;
        } finally {
            Sandbox.removeTree(home);
        }
    }

    /** The checks' JVM's main class and arguments. */
    private List<String> studentRunArgs(String work) {
        List<String> args = new ArrayList<>(List.of(StudentRun.class.getName(), work,
                Long.toString(settings.cellTimeout().toMillis()), settings.notebookHeap()));
        onlyExercise.ifPresent(args::add);
        return args;
    }

    /** Options of the checks' JVM, with the classpaths it sees. */
    private List<String> checksJvmOptions(List<String> courseClasspath, List<String> checkClasspath,
                                          boolean sandboxed) {
        List<String> args = new ArrayList<>();
        args.add("-Xmx" + settings.graderHeap());
        args.add("-XX:+UseSerialGC");
        args.add("-XX:TieredStopAtLevel=1");
        // Nothing may attach to the checks' JVM, and nothing it deserialises (JShell's replies) may be a gadget.
        args.add("-XX:+DisableAttachMechanism");
        args.add("-Djdk.serialFilter=maxdepth=20;java.base/*;!*");
        args.add("-Djava.io.tmpdir=/tmp");
        if (sandboxed) {
            args.add("-D" + NoDelayJdi.AGENT_PROPERTY + "=" + Sandbox.AGENT_DIR);
        }
        args.add("-D" + CourseClasspath.PROPERTY + "=" + CourseClasspath.joined(courseClasspath));
        args.add("-D" + Checks.PACKAGES + "=" + System.getProperty(Checks.PACKAGES, Checks.DEFAULT_PACKAGES));
        args.add("-cp");
        List<String> classpath = new ArrayList<>(courseClasspath);
        classpath.addAll(checkClasspath);
        args.add(CourseClasspath.joined(classpath));
        return args;
    }

    private List<String> unsandboxedCommand(Path work) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(checksJvmOptions(settings.courseClasspath(), settings.checkClasspath(), false));
        command.addAll(studentRunArgs(work.toString()));
        command.remove("-Djava.io.tmpdir=/tmp");
        return command;
    }

    /**
     * A size-bounded tmpfs for the student's working copy and /tmp (root only): bounds the disk a student can
     * fill and makes cleanup one unmount, whatever the student did to the tree.
     */
    private boolean mountQuota(Path home) {
        if (!quotaMountWorks.get()) {
            return false;
        }
        boolean ok = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + settings.limits().diskMb() + "m,mode=0755",
                "jgrad-student", home.toString()));
        if (!ok) {
            quotaMountWorks.set(false);
        }
        return ok;
    }

    private static void unmount(Path home) {
        run(List.of("umount", "-l", home.toString()));
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why a report cannot come from the check classes this grader knows, or empty when it can. */
    private Optional<String> mismatch(GradeReport report) {
        Map<String, Map<String, Integer>> expected = onlyExercise
                .map(x -> Map.of(x, expectedChecks.getOrDefault(x, Map.of()))).orElse(expectedChecks);
        Map<String, Map<String, Integer>> seen = new HashMap<>();
        for (CheckResult c : report.checks()) {
            Integer max = expected.getOrDefault(c.exercise(), Map.of()).get(c.check());
            if (max == null) {
                return Optional.of("unknown check " + c.exercise() + "." + c.check());
            }
            if (c.max() != max || (c.points() != 0 && c.points() != max)) {
                return Optional.of(c.exercise() + "." + c.check() + " claims " + c.points() + "/" + c.max()
                        + " but is worth " + max);
            }
            if (seen.computeIfAbsent(c.exercise(), e -> new HashMap<>()).put(c.check(), max) != null) {
                return Optional.of(c.exercise() + "." + c.check() + " reported twice");
            }
        }
        if (!seen.equals(expected)) {
            return Optional.of("checks missing from the report");
        }
        return Optional.empty();
    }

    /** Messages name the student's files as they handed them in, not the working copy's absolute path. */
    private static GradeReport withoutWorkPaths(GradeReport report, String work) {
        String prefix = work + java.io.File.separator;
        List<CheckResult> checks = report.checks().stream().map(c -> new CheckResult(c.exercise(), c.check(),
                c.points(), c.max(), c.message().replace(prefix, ""))).toList();
        List<String> notes = report.notes().stream().map(n -> n.replace(prefix, "")).toList();
        return new GradeReport(report.title(), checks, notes);
    }

    private StudentRow row(String student, String key, GradeReport report, List<String> notes) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        exercises.forEach(e -> scores.put(e, report.totalsByExercise().getOrDefault(e, 0)));
        GradeReport withNotes = new GradeReport(student, report.checks(), notes);
        return new StudentRow(student, key, scores, report.total(), report.max(), String.join("; ", notes), withNotes);
    }

    private StudentRow deadRow(String student, String key, String reason) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        exercises.forEach(e -> scores.put(e, 0));
        String note = settings.sandbox() || reason.startsWith("not graded") ? reason : reason + "; " + UNSANDBOXED;
        return new StudentRow(student, key, scores, 0, -1, note, null);
    }

    private static void killTree(Process process) {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end in a thread, keeping at most a bounded number of bytes (head or tail). */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final int max;
        private final boolean keepTail;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean cut;

        private Drain(InputStream in, int max, boolean keepTail) {
            super("jgrad-drain");
            setDaemon(true);
            this.in = in;
            this.max = max;
            this.keepTail = keepTail;
        }

        static Drain start(InputStream in, int max, boolean keepTail) {
            Drain drain = new Drain(in, max, keepTail);
            drain.start();
            return drain;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (this) {
                        if (kept.size() + n <= max) {
                            kept.write(buffer, 0, n);
                        } else if (keepTail) {
                            byte[] all = kept.toByteArray();
                            kept.reset();
                            int keep = Math.max(0, Math.min(all.length, max / 2));
                            kept.write(all, all.length - keep, keep);
                            kept.write(buffer, 0, Math.min(n, max - keep));
                            cut = true;
                        } else {
                            cut = true;
                        }
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        void finish() throws InterruptedException {
            join(10_000);
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        synchronized String tail() {
            List<String> lines = text().lines().filter(l -> !l.isBlank()).toList();
            String text = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())).strip();
            text = text.isEmpty() ? "no output" : text.length() > 400 ? text.substring(text.length() - 400) : text;
            return cut ? "..." + text : text;
        }
    }

    private static void copyInputs(Path from, Path to) throws IOException {
        // Links are not followed: a submission's link to /etc/shadow or to solutions/ copies nothing.
        SafeFiles.copyTree(from, to, (file, attrs) -> attrs.size() <= MAX_COPIED_FILE);
    }

    private static Set<String> listFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> newFiles(Path root, Set<String> before) {
        try {
            Set<String> after = listFiles(root);
            after.removeAll(before);
            return after.stream().limit(10).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("(a tree too deep or unreadable to list)");
        }
    }

    // ------------------------------------------------------------------ outputs

    /**
     * Text a student controls, made inert in Markdown: HTML is escaped, line breaks become spaces, and the
     * characters Markdown gives a meaning to are backslash-escaped (so no link, image, heading or emphasis).
     */
    static String markdownText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.replaceAll("\\R", " ").toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '!', '~', '{', '}' -> out.append('\\').append(c);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** A folder name with control characters (a newline, a tab) shown as escapes, so it cannot forge lines. */
    public static String visible(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A CSV field: quoted when needed, line breaks flattened, and a field a spreadsheet would run as a formula
     * (first character {@code = + - @}, a tab or a carriage return, also after leading spaces) defused
     * with a leading apostrophe.
     */
    static String csvField(String text) {
        String flat = text.replaceAll("\\R", " ");
        String lead = flat.stripLeading();
        boolean formula = !flat.isEmpty() && ("=+-@".indexOf(lead.isEmpty() ? ' ' : lead.charAt(0)) >= 0
                || flat.charAt(0) == '\t' || flat.charAt(0) == '\r');
        String safe = formula ? "'" + flat : flat;
        boolean quote = formula || safe.contains(",") || safe.contains("\"") || safe.contains("\t")
                || !safe.equals(safe.strip());
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
