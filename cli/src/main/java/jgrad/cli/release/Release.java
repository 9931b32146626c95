package jgrad.cli.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jgrad.grader.AnswerTable;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.Points;
import jgrad.io.SafeFiles;

/**
 * Makes the students' repository from the instructor's course: a fresh git repository with one commit, ready
 * to be a GitHub Classroom template. It holds the exercise notebooks, the public checks (hidden checks taken
 * out, see {@link PublicChecks}), the course's jars in a Maven repository of its own (so a student needs only
 * a JDK: {@code ./jgrad lab} and {@code ./mvnw verify} work as in the instructor's repository), the Classroom
 * workflow, Binder's files and a README for students — and nothing of the solutions: every file, every jar
 * entry and the history are scanned for the solution regions' lines, and a release that holds one is refused.
 */
public final class Release {

    /** The properties resource that tells the students' grade(...) what the hidden checks are worth. */
    public static final String HIDDEN_POINTS = jgrad.grader.Checks.HIDDEN_POINTS;

    /**
     * What a release is made from.
     *
     * @param course    the instructor's course folder (solutions/, exercises/, the launcher, the wrapper)
     * @param version   the version the released jars get (no -SNAPSHOT: a plain file repository serves it)
     * @param artifacts the course's artifacts, parent first: artifact id → its built jar (null for the parent) and pom
     * @param checkClasses the compiled check classes, to count the hidden checks' points
     * @param upstream  where students' {@code ./jgrad update} fetches the next release (a git URL or a folder), or null
     */
    public record Inputs(Path course, String version, List<Artifact> artifacts, List<Class<?>> checkClasses,
            String upstream) {
        /** Inputs with no upstream recorded (students' update then needs --from). */
        public Inputs(Path course, String version, List<Artifact> artifacts, List<Class<?>> checkClasses) {
            this(course, version, artifacts, checkClasses, null);
        }
    }

    /**
     * One of the course's Maven artifacts.
     *
     * @param artifactId such as {@code jgrad-lib}
     * @param jar        the built jar, or null for a pom-only artifact (the parent)
     * @param pom        its pom.xml
     * @param version    the version its pom declares (replaced by the release's)
     */
    public record Artifact(String artifactId, Path jar, Path pom, String version) {
    }

    private static final String GROUP_PATH = "io/github/jgrad";

    /**
     * The version a release's jars get: {@code base} and a digest of the artifacts' jars and poms, such as
     * {@code 0.1.0-5c2f9a01de}. A changed course gets a new version, so that Maven, which keeps any version it has
     * seen in ~/.m2 for good, never builds a student's checks against the jars of an earlier release.
     */
    public static String contentVersion(String base, List<Artifact> artifacts) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            for (Artifact a : artifacts) {
                digest.update(a.artifactId().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(a.pom()));
                if (a.jar() != null) {
                    digest.update(Files.readAllBytes(a.jar()));
                }
            }
            return base + "-" + java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 10);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the course's jars: " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Release() {
    }

    /**
     * Makes the students' repository in {@code out}, which must not exist or be an empty folder; it is built
     * beside it and moved into place only when complete and clean.
     *
     * @return the folder made
     * @throws IllegalArgumentException when {@code out} is in the way or a solution line would be released
     */
    public static Path make(Inputs in, Path out) {
        Path target = out.toAbsolutePath().normalize();
        refuseExisting(target);
        Path staging;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write beside " + target + ": " + e.getMessage(), e);
        }
        try {
            List<String> exercises = write(in, staging);
            List<String> leaks = scan(SolutionLines.of(in.course()), staging);
            if (!leaks.isEmpty()) {
                throw new IllegalArgumentException("refused, " + leaks.size() + " solution line(s) would reach"
                        + " students (move such code to a @Hidden check, or compare with the library):\n  "
                        + String.join("\n  ", leaks));
            }
            commit(staging, "jgrad course " + in.version() + " (" + exercises.size() + " exercises)");
            List<String> inHistory = scanHistory(SolutionLines.of(in.course()), staging);
            if (!inHistory.isEmpty()) {
                throw new IllegalArgumentException("refused, the release's git history holds solution line(s):\n  "
                        + String.join("\n  ", inHistory));
            }
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private static void refuseExisting(Path target) {
        if (Files.isRegularFile(target)) {
            throw new IllegalArgumentException(target + " is a file; give a new folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; give a new folder"
                            + " (a release never overwrites anything)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes every file of the students' repository; returns the exercises released. */
    private static List<String> write(Inputs in, Path repo) throws IOException {
        Path course = in.course();
        List<String> exercises = new ArrayList<>();
        try (Stream<Path> files = Files.list(course.resolve("exercises"))) {
            for (Path notebook : files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList()) {
                String name = notebook.getFileName().toString();
                copy(notebook, repo.resolve("exercises").resolve(name));
                exercises.add(name.substring(0, name.length() - ".ipynb".length()));
            }
        }
        writeChecks(course.resolve("exercises").resolve("src").resolve("test").resolve("java"), repo.resolve("checks"));
        write(repo.resolve("checks").resolve(HIDDEN_POINTS), hiddenPoints(in.checkClasses()));
        for (Map.Entry<String, String> table : answerTables(in.checkClasses()).entrySet()) {
            write(repo.resolve("checks").resolve(table.getKey()), table.getValue());
        }
        writeRepository(in, repo.resolve(".jgrad").resolve("repository"));
        for (String tool : List.of("jgrad", "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties")) {
            copy(course.resolve(tool), repo.resolve(tool));
        }
        write(repo.resolve("pom.xml"), StudentRepository.pom(in.version()));
        write(repo.resolve("README.md"), StudentRepository.readme(exercises));
        write(repo.resolve(".gitignore"), StudentRepository.gitignore());
        write(repo.resolve("checks").resolve("jgrad").resolve("exercises").resolve("StudentKitTest.java"),
                StudentRepository.kitTest());
        write(repo.resolve(".github").resolve("workflows").resolve("classroom.yml"), ClassroomWorkflow.yaml(exercises));
        for (Map.Entry<String, String> file : Binder.files().entrySet()) {
            write(repo.resolve(file.getKey()), file.getValue());
        }
        for (String script : List.of("jgrad", "mvnw", "postBuild")) {
            Files.setPosixFilePermissions(repo.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // For ./jgrad update: where the next release comes from, and every file as released (last: all of them).
        if (in.upstream() != null) {
            write(repo.resolve(jgrad.cli.update.Manifest.UPSTREAM), in.upstream() + "\n");
        }
        write(repo.resolve(jgrad.cli.update.Manifest.FILE), jgrad.cli.update.Manifest.text(jgrad.cli.update.Manifest.of(repo)));
        return exercises;
    }

    /** The public check sources: hidden checks out, the instructor's own build tests (*Test.java) left out. */
    private static void writeChecks(Path sources, Path out) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (file.getFileName().toString().endsWith("Test.java")) {
                    continue;
                }
                String relative = sources.relativize(file).toString();
                Optional<String> kept = PublicChecks.of(relative, Files.readString(file, StandardCharsets.UTF_8));
                if (kept.isPresent()) {
                    write(out.resolve(relative), kept.get());
                }
            }
        }
    }

    /**
     * The answer tables of the check classes that hold one (a static {@link AnswerTable} field), as the students'
     * checks read them: resource path → JSON. Each was computed by its hidden reference when the class loaded.
     *
     * @throws IllegalArgumentException when a table's reference is not {@link Hidden} (it would be released)
     */
    static Map<String, String> answerTables(List<Class<?>> checkClasses) {
        Map<String, String> tables = new TreeMap<>();
        for (Class<?> checks : checkClasses) {
            if (checks.isAnnotationPresent(Hidden.class)) {
                continue; // a hidden check class is not released, nor are its answers
            }
            for (Field field : checks.getDeclaredFields()) {
                if (field.getType() != AnswerTable.class || !Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                AnswerTable table;
                try {
                    field.setAccessible(true);
                    table = (AnswerTable) field.get(null);
                } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
                    Throwable cause = e instanceof ExceptionInInitializerError ? e.getCause() : e;
                    throw new IllegalArgumentException(checks.getSimpleName() + "." + field.getName()
                            + ": cannot compute the answer table: " + cause, cause);
                }
                Class<?> reference = table.computedBy();
                if (reference == null) {
                    throw new IllegalArgumentException(checks.getSimpleName() + "." + field.getName() + " was read from "
                            + checks.getSimpleName() + AnswerTable.SUFFIX + " on the classpath instead of computed by its"
                            + " reference: delete that file from the course (a release writes it, only into the release)");
                }
                if (!reference.isAnnotationPresent(Hidden.class)) {
                    throw new IllegalArgumentException(checks.getSimpleName() + "." + field.getName() + ": the answer"
                            + " table's reference " + reference.getName() + " is not @Hidden: students would get its code");
                }
                String path = checks.getPackageName().replace('.', '/') + "/" + checks.getSimpleName()
                        + AnswerTable.SUFFIX;
                tables.put(path, table.toJson());
            }
        }
        return tables;
    }

    /** Points of hidden checks per exercise, so that the students' grade(...) can say what is still to come. */
    static String hiddenPoints(List<Class<?>> checkClasses) {
        Map<String, Integer> points = new TreeMap<>();
        for (Class<?> checks : checkClasses) {
            Exercise exercise = checks.getAnnotation(Exercise.class);
            if (exercise == null) {
                continue;
            }
            boolean wholeClass = checks.isAnnotationPresent(Hidden.class);
            for (Method method : checks.getDeclaredMethods()) {
                Points p = method.getAnnotation(Points.class);
                if (p != null && (wholeClass || method.isAnnotationPresent(Hidden.class))) {
                    points.merge(exercise.value(), p.value(), Integer::sum);
                }
            }
        }
        StringBuilder text = new StringBuilder("# Points of the checks run only when the instructor grades, per exercise.\n");
        points.forEach((exercise, p) -> text.append(exercise).append('=').append(p).append('\n'));
        return text.toString();
    }

    /** The course's jars and poms as a Maven repository (group io.github.jgrad, the release's version). */
    private static void writeRepository(Inputs in, Path repository) throws IOException {
        for (Artifact a : in.artifacts()) {
            Path dir = repository.resolve(GROUP_PATH).resolve(a.artifactId()).resolve(in.version());
            String base = a.artifactId() + "-" + in.version();
            String pom = Files.readString(a.pom(), StandardCharsets.UTF_8)
                    .replace("<version>" + a.version() + "</version>", "<version>" + in.version() + "</version>");
            write(dir.resolve(base + ".pom"), pom);
            if (a.jar() != null) {
                copy(a.jar(), dir.resolve(base + ".jar"));
            }
        }
    }

    /** Every solution line found in the staged tree: text files as they are, jars entry by entry. */
    static List<String> scan(SolutionLines solution, Path repo) throws IOException {
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String where = repo.relativize(file).toString();
                if (where.endsWith(".jar")) {
                    leaks.addAll(scanJar(solution, file, where));
                } else {
                    text(Files.readAllBytes(file)).ifPresent(t -> leaks.addAll(solution.findIn(where, t)));
                }
            }
        }
        return leaks;
    }

    /**
     * Every solution line found in a repository's git history: each commit's message and every blob reachable
     * from any ref, jars entry by entry (what a student's {@code git log -p} or {@code git cat-file} can show).
     */
    public static List<String> scanHistory(SolutionLines solution, Path repo) throws IOException {
        List<String> leaks = new ArrayList<>(solution.findIn("git log", git(repo, "log", "--all", "--format=%H %B")));
        Path blobs = Files.createTempDirectory("jgrad-history-");
        try {
            for (String line : git(repo, "rev-list", "--all", "--objects", "--filter=object:type=blob")
                    .lines().filter(l -> l.contains(" ")).toList()) { // commits are listed too, without a path
                String[] parts = line.split(" ", 2);
                String where = "history " + parts[0].substring(0, 10) + " " + parts[1];
                Path blob = blobs.resolve(parts[0]);
                gitToFile(repo, blob, "cat-file", "blob", parts[0]);
                if (where.endsWith(".jar")) {
                    leaks.addAll(scanJar(solution, blob, where));
                } else {
                    text(Files.readAllBytes(blob)).ifPresent(t -> leaks.addAll(solution.findIn(where, t)));
                }
                Files.delete(blob);
            }
        } finally {
            deleteQuietly(blobs);
        }
        return leaks;
    }

    private static List<String> scanJar(SolutionLines solution, Path jar, String where) throws IOException {
        List<String> leaks = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                try (InputStream stream = zip.getInputStream(entry)) {
                    byte[] bytes = stream.readAllBytes();
                    // class files hold their string constants in (modified) UTF-8: read them as text too
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    leaks.addAll(solution.findIn(where + "!" + entry.getName(), text));
                }
            }
        }
        return leaks;
    }

    private static Optional<String> text(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    /** A fresh repository with one commit by "jgrad release"; git's own settings of the user are not read. */
    private static void commit(Path repo, String message) throws IOException {
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=jgrad release", "-c", "user.email=release@jgrad.invalid",
                "commit", "-q", "--no-gpg-sign", "-m", message);
    }

    private static String git(Path repo, String... args) throws IOException {
        return run(repo, null, args);
    }

    private static void gitToFile(Path repo, Path output, String... args) throws IOException {
        run(repo, output, args);
    }

    /** Runs git in {@code repo}; its output is returned, or written to {@code output} when given. */
    private static String run(Path repo, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (output != null) {
            builder.redirectOutput(output.toFile());
        }
        builder.redirectErrorStream(output == null);
        if (output != null) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Map<String, String> env = builder.environment();
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_TERMINAL_PROMPT", "0");
        Process git;
        try {
            git = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("release needs git to make the students' repository: " + e.getMessage(), e);
        }
        try {
            String text = output != null ? "" : new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            git.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private static void write(Path file, String text) throws IOException {
        SafeFiles.writeAtomically(file, text);
    }

    private static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                SafeFiles.deleteRecursively(dir);
            }
        } catch (IOException e) {
            System.err.println("could not remove the staging folder " + dir + ": " + e.getMessage());
        }
    }

    /** @return the hidden points per exercise read from a {@link #HIDDEN_POINTS} resource's text */
    public static Map<String, Integer> readHiddenPoints(String properties) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> points = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> points.put(k, Integer.parseInt(p.getProperty(k).strip())));
        return points;
    }
}
