package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.grader.sample.SampleChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-submission suite: resources/class/ holds two good students, one student per way a submission
 * can go wrong and one per attack on the grader (see make_sample_class.py); the test adds honest students
 * with odd folder names, a hidden folder and a linked one. Grading the class — sandboxed — must give the
 * honest students full marks, no attack a point, every folder one row and a reason, leave every file
 * outside the working copies untouched and leave no process behind.
 */
class ClassGraderTest {

    /** Honest students (copies of good1) whose folder names are hard on file systems, CSV and Markdown. */
    static final List<String> ODD_NAMES = List.of("with space", "-leading-dash", "comma,name", "quote\"name",
            "=HYPERLINK(\"evil\",\"x\")", "\t=1+1", "+cmd", "@SUM(1)", "new\nline Score: 100", "学生",
            "學生", "d_coll", "d~coll", "Ünïcødé", "back\\slash", "x".repeat(239), "a=b", "<b>bold");

    @TempDir
    Path tmp;

    private ClassGrader.Settings settings(Duration studentTimeout, Duration cellTimeout) {
        return ClassGrader.Settings.defaults(List.of(SampleChecks.location()))
                .withTimeouts(studentTimeout, cellTimeout)
                .with(2, "256m", null);
    }

    @Test
    void hostileSubmissionsEachGetARowAndNoAttackEarnsAPoint() throws Exception {
        Path resources = Path.of(getClass().getResource("/class").toURI());
        Path input = copyClass(resources, tmp.resolve("class"));
        Path good1 = input.resolve("good1/hello.ipynb");
        for (String name : ODD_NAMES) {
            Files.createDirectories(input.resolve(name));
            Files.copy(good1, input.resolve(name).resolve("hello.ipynb"));
        }
        Files.createDirectories(input.resolve(".hidden"));
        Files.copy(good1, input.resolve(".hidden/hello.ipynb"));
        Files.createSymbolicLink(input.resolve("linked"), input.resolve("good1"));
        // A submission holding a link to another student's folder: links are not followed.
        Path peeker = Files.createDirectories(input.resolve("attack_symlink_inside"));
        Files.createSymbolicLink(peeker.resolve("peek"), input.resolve("good1"));
        TestNotebooks.write(peeker.resolve("hello.ipynb"), "import jgrad.autograd.*;",
                "boolean won = java.nio.file.Files.exists(java.nio.file.Path.of(\"peek/hello.ipynb\"));",
                "int answer() { return won ? 42 : 0; }", "String greet(String n) { return won ? \"Hello, \" + n + \"!\" : \"\"; }");
        long entries;
        try (Stream<Path> list = Files.list(input)) {
            entries = list.count();
        }
        Path classes = Path.of(SampleChecks.location());
        Path mainClasses = Path.of(ClassGrader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, String> before = hashes(input);
        Map<String, String> checksBefore = hashes(classes);
        Map<String, String> mainBefore = hashes(mainClasses);
        Set<String> workRootsBefore = workRoots();
        Path out = tmp.resolve("out");
        long start = System.nanoTime();

        // 8 s a cell: print_100mb's 100 MB take about 5 s in a notebook JVM run for its checks (C1 only).
        List<ClassGrader.StudentRow> rows = new ClassGrader(settings(Duration.ofSeconds(100), Duration.ofSeconds(8)))
                .gradeClass(input, out);

        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("grade --class over %d submissions, sandboxed: %.1f s%n", rows.size(), seconds);
        rows.forEach(r -> System.out.println("  " + ClassGrader.visible(r.student()) + " " + r.total() + " | " + r.note()));
        assertEquals(entries, rows.size(), "every folder gets exactly one row");
        assertTrue(rows.size() >= 50, "the suite has " + rows.size() + " entries");
        Map<String, ClassGrader.StudentRow> byName = rows.stream()
                .collect(Collectors.toMap(ClassGrader.StudentRow::student, Function.identity()));
        assertEquals(rows.size(), rows.stream().map(r -> r.key().toLowerCase(java.util.Locale.ROOT)).distinct().count(),
                "keys are unique");

        assertFull(byName.get("good1"), "");
        assertFull(byName.get("good2"), "");
        for (String name : ODD_NAMES) {
            assertFull(byName.get(name), "");
        }
        assertFull(byName.get("infinite_loop"), "timed out");
        assertZero(byName.get("system_exit"), "JVM ended");
        assertFull(byName.get("huge_allocation"), "OutOfMemoryError");
        assertFull(byName.get("unbounded_recursion"), "StackOverflowError");
        assertEquals(4, byName.get("compile_error").total());
        assertTrue(byName.get("compile_error").note().contains("does not compile"), byName.get("compile_error").note());
        assertFull(byName.get("top_level_exception"), "something went wrong at top level");
        assertZero(byName.get("malformed_json"), "not valid JSON");
        assertZero(byName.get("missing_notebook"), "notebook not found");
        assertFull(byName.get("thread_never_ends"), "thread");
        ClassGrader.StudentRow printer = byName.get("print_100mb");
        assertEquals(5, printer.total(), printer::note);
        assertTrue(printer.note().contains("truncated") || printer.note().contains("timed out"), printer.note());
        assertFull(byName.get("write_output"), "wrote files");
        assertZero(byName.get(".hidden"), "hidden folder");
        assertZero(byName.get("linked"), "symbolic link");

        List<ClassGrader.StudentRow> attacks = rows.stream().filter(r -> r.student().startsWith("attack_")).toList();
        assertTrue(attacks.size() >= 21, "attacks: " + attacks.size());
        for (ClassGrader.StudentRow attack : attacks) {
            assertEquals(0, attack.total(), () -> attack.student() + " earned points: " + attack.note());
        }
        assertTrue(byName.get("attack_shadow_probe").note().contains("jgrad"), byName.get("attack_shadow_probe").note());
        assertTrue(byName.get("attack_shadow_probe_unicode").note().contains("jgrad"),
                byName.get("attack_shadow_probe_unicode").note());

        String gradebook = Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        assertTrue(gradebook.startsWith("student,hello,total,note,feedback\n"), gradebook);
        assertTrue(gradebook.contains("\ngood1,5,5,,feedback/good1.md\n"), gradebook);
        assertFalse(gradebook.contains("hacked"), gradebook);
        assertTrue(gradebook.contains("\npoints possible,5,5,,\n"), gradebook);
        assertEquals(rows.size() + 2, gradebook.lines().count(), "one line per row: " + gradebook);
        assertTrue(gradebook.contains("\"'=HYPERLINK(\"\"evil\"\",\"\"x\"\")\","), gradebook);
        assertTrue(gradebook.contains("\n\\t=1+1,5,5,"), gradebook);
        assertTrue(gradebook.contains("\nnew\\nline Score: 100,5,5,"), gradebook);
        for (String line : gradebook.lines().toList()) {
            assertFalse("=+-@\t".indexOf(line.charAt(0)) >= 0, line);
        }
        try (Stream<Path> feedback = Files.list(out.resolve("feedback"))) {
            assertEquals(2 * rows.size(), feedback.count(), "Markdown and HTML for each");
        }
        String good = Files.readString(out.resolve("feedback/good1.md"), StandardCharsets.UTF_8);
        assertTrue(good.contains("Score: 5 / 5"), good);
        String html = Files.readString(out.resolve("feedback/" + byName.get("attack_html_in_feedback").key() + ".md"),
                StandardCharsets.UTF_8);
        assertFalse(html.contains("<script") || html.contains("<img") || html.contains("[click]("), html);
        assertTrue(html.contains("&lt;script&gt;") && html.contains("\\[click\\](http"), html);
        assertEquals(1, html.lines().filter(l -> l.startsWith("Score:")).count(), html);
        String newline = Files.readString(out.resolve("feedback/" + byName.get("new\nline Score: 100").key() + ".md"),
                StandardCharsets.UTF_8);
        assertEquals(List.of("Score: 5 / 5"), newline.lines().filter(l -> l.startsWith("Score")).toList(), newline);

        assertEquals(before, hashes(input), "the submissions must not be modified");
        assertEquals(checksBefore, hashes(classes), "the check classes must not be modified");
        assertEquals(mainBefore, hashes(mainClasses), "the grader's classes must not be modified");
        assertEquals(List.of(), planted(), "no file may be planted outside the working copies");
        assertEquals(Set.of(), difference(workRoots(), workRootsBefore), "the working copies must be removed");
        assertEquals(List.of(), leftovers(), "no process may be left running");
    }

    @Test
    void honestStudentsGetTheSameMarksWithoutTheSandbox() throws Exception {
        Path resources = Path.of(getClass().getResource("/class").toURI());
        Path input = Files.createDirectories(tmp.resolve("small"));
        for (String name : List.of("good1", "good2", "compile_error", "top_level_exception", "attack_read_environment")) {
            copyClass(resources.resolve(name), input.resolve(name));
        }
        // Moodle's download folder, the notebook renamed: graded as hello.ipynb, named in the note.
        String moodle = "durand emilie_12345_assignsubmission_file_";
        Files.createDirectories(input.resolve(moodle));
        Files.copy(input.resolve("good1/hello.ipynb"), input.resolve(moodle).resolve("Durand_Emilie_hello.ipynb"));
        List<ClassGrader.StudentRow> sandboxed = new ClassGrader(settings(Duration.ofSeconds(60), Duration.ofSeconds(10)))
                .gradeClass(input, tmp.resolve("out-sandboxed"));
        List<ClassGrader.StudentRow> plain = new ClassGrader(settings(Duration.ofSeconds(60), Duration.ofSeconds(10))
                .withSandbox(false)).gradeClass(input, tmp.resolve("out-plain"), new ClassGradebook.Options(
                        Optional.empty(), Optional.empty(), Optional.empty(), ClassGradebook.Format.moodle), row -> { });
        ClassGrader.StudentRow renamed = sandboxed.stream().filter(r -> r.student().equals(moodle)).findFirst().orElseThrow();
        assertEquals(5, renamed.total(), renamed.note());
        assertTrue(renamed.note().contains("graded Durand_Emilie_hello.ipynb as hello.ipynb"), renamed.note());
        String worksheet = Files.readString(tmp.resolve("out-plain/moodle.csv"), StandardCharsets.UTF_8);
        assertTrue(worksheet.contains("\nParticipant 12345,durand emilie,,Submitted for grading,5,5,"), worksheet);
        assertEquals(sandboxed.stream().filter(r -> !r.student().startsWith("attack")).map(r -> r.student() + "=" + r.scores()).toList(),
                plain.stream().filter(r -> !r.student().startsWith("attack")).map(r -> r.student() + "=" + r.scores()).toList());
        // The attack is real: without the sandbox it sees the instructor's environment and earns full marks.
        assertEquals(0, sandboxed.get(0).total(), sandboxed.get(0).student());
        assertEquals(5, plain.get(0).total(), plain.get(0).student());
        for (ClassGrader.StudentRow row : plain) {
            assertTrue(row.note().contains("WITHOUT a sandbox"), row.note());
        }
        String feedback = Files.readString(tmp.resolve("out-plain/feedback/good1.md"), StandardCharsets.UTF_8);
        assertTrue(feedback.contains("WITHOUT a sandbox"), feedback);
    }

    @Test
    void aStudentOverTheWallClockLimitGetsARowWithTheReason() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("slow-class"));
        TestNotebooks.write(input.resolve("slow/hello.ipynb"), "Thread.sleep(60_000);");
        List<ClassGrader.StudentRow> rows = new ClassGrader(settings(Duration.ofSeconds(4), Duration.ofSeconds(30)))
                .gradeClass(input, tmp.resolve("out"));
        assertEquals(1, rows.size());
        assertEquals(0, rows.get(0).total());
        assertTrue(rows.get(0).note().contains("longer than 4 s"), rows.get(0).note());
        String feedback = Files.readString(tmp.resolve("out/feedback/slow.md"), StandardCharsets.UTF_8);
        assertTrue(feedback.contains("could not be graded"), feedback);
        assertEquals(List.of(), leftovers(), "no process may be left running");
    }

    @Test
    void outputInsideTheClassFolderIsRefused() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("c/alice"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassGrader(settings(Duration.ofSeconds(5), Duration.ofSeconds(5)))
                        .gradeClass(input.getParent(), input.getParent().resolve("grades")));
        assertTrue(e.getMessage().contains("outside the class folder"), e.getMessage());
    }

    @Test
    void badInputIsRefusedInOneLineBeforeAnythingIsWritten() throws Exception {
        Path good = Files.createDirectories(tmp.resolve("class/alice"));
        Files.writeString(good.resolve("hello.ipynb"), "{}");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path gradebookIsAFolder = Files.createDirectories(tmp.resolve("out1/gradebook.csv"));
        Map<String, Path[]> cases = Map.of(
                "does not exist", new Path[] {tmp.resolve("missing"), tmp.resolve("o1")},
                "is a file", new Path[] {aFile, tmp.resolve("o2")},
                "is empty", new Path[] {empty, tmp.resolve("o3")},
                "not a plain file", new Path[] {good.getParent(), gradebookIsAFolder.getParent()},
                "cannot write", new Path[] {good.getParent(), aFile.resolve("out")});
        ClassGrader grader = new ClassGrader(settings(Duration.ofSeconds(5), Duration.ofSeconds(5)));
        for (Map.Entry<String, Path[]> c : cases.entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> grader.gradeClass(c.getValue()[0], c.getValue()[1]), c.getKey());
            assertTrue(e.getMessage().contains(c.getKey()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(Files.isRegularFile(c.getValue()[1].resolve("gradebook.csv")), c.getKey());
            assertFalse(Files.exists(c.getValue()[1].resolve("feedback")), c.getKey());
        }
    }

    @Test
    void keysAreUniqueSafeAndShort() {
        assertEquals("good1", ClassGrader.key("good1"));
        assertEquals("d_coll", ClassGrader.key("d_coll"));
        assertTrue(ClassGrader.key("d~coll").startsWith("d_coll~"), ClassGrader.key("d~coll"));
        Set<String> keys = new HashSet<>();
        for (String name : ODD_NAMES) {
            String key = ClassGrader.key(name);
            assertTrue(key.matches("[A-Za-z0-9][A-Za-z0-9._~-]{0,79}"), key);
            assertTrue(keys.add(key), "duplicate key " + key);
        }
        assertTrue(keys.add(ClassGrader.key("..")));
        assertTrue(keys.add(ClassGrader.key("")));
    }

    @Test
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertEquals("plain", ClassGrader.csvField("plain"));
        assertEquals("\"a, \"\"b\"\"\"", ClassGrader.csvField("a, \"b\""));
        assertEquals("\"'=HYPERLINK(1)\"", ClassGrader.csvField("=HYPERLINK(1)"));
        assertEquals("\"'\t=1\"", ClassGrader.csvField("\t=1"));
        assertEquals("\"'  @SUM(1)\"", ClassGrader.csvField("  @SUM(1)"));
        assertEquals("\"'-2\"", ClassGrader.csvField("-2"));
        assertEquals("a b", ClassGrader.csvField("a\nb"));
    }

    @Test
    void studentTextIsInertInMarkdown() {
        assertEquals("&lt;script&gt;x&lt;/script&gt; \\[a\\](http://e) \\# Score", ClassGrader.markdownText(
                "<script>x</script> [a](http://e)\n# Score"));
        assertEquals("new\\nline", ClassGrader.visible("new\nline"));
    }

    @Test
    void probesSeeThroughANotebooksOwnJgrad() {
        assertTrue(NotebookSession.namesJgrad("class jgrad { }"));
        assertTrue(NotebookSession.namesJgrad("class Outer { static class jgrad { } }"));
        assertTrue(NotebookSession.namesJgrad("int jgrad = 1;"));
        assertTrue(NotebookSession.namesJgrad("class \\u006Agrad { }"));
        assertFalse(NotebookSession.namesJgrad("String s = \"\\u0024 \\u005C\";"));
        assertFalse(NotebookSession.namesJgrad("import static jgrad.grader.Grading.*;"));
        assertFalse(NotebookSession.namesJgrad("var v = jgrad.autograd.Value.of(1); // jgrad"));
        assertFalse(NotebookSession.namesJgrad("System.out.println(\"jgrad\");"));
    }

    @Test
    void aReportCountsOnlyWithTheNonce() {
        GradeReport report = new GradeReport("t", List.of(new CheckResult("hello", "answerIs42", 1, 1, "")), List.of());
        String nonce = "ab".repeat(24);
        String line = StudentRun.line(nonce, report);
        assertEquals(1, StudentRun.parse("noise\n" + line, nonce).orElseThrow().total());
        assertTrue(StudentRun.parse("noise\n" + line, "cd".repeat(24)).isEmpty());
        assertTrue(StudentRun.parse("", nonce).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> StudentRun.parse(line + line, nonce));
    }

    // ------------------------------------------------------------------ helpers

    private static Path copyClass(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Processes a submission started (they carry "jgrad-hostile") or any other left under this JVM. */
    private static List<String> leftovers() throws InterruptedException {
        List<String> left = List.of();
        for (int i = 0; i < 50; i++) {
            left = Stream.concat(ProcessHandle.current().descendants(), ProcessHandle.allProcesses()
                            .filter(p -> p.info().commandLine().orElse("").contains("jgrad-hostile")))
                    .filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                    .distinct().toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.sleep(100);
        }
        return left;
    }

    private static List<String> planted() throws IOException {
        List<String> found = new java.util.ArrayList<>();
        for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of(System.getProperty("user.home")),
                Path.of("/"), Path.of("/usr"), Path.of("/etc"), Path.of("/var/tmp"))) {
            try (Stream<Path> all = Files.walk(root, 2)) {
                all.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("jgrad-planted"))
                        .forEach(p -> found.add(p.toString()));
            } catch (IOException | java.io.UncheckedIOException e) {
                // An unreadable corner is not a planted file.
            }
        }
        return found;
    }

    private static Set<String> workRoots() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("jgrad-grading-"))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static void assertFull(ClassGrader.StudentRow row, String reason) {
        assertEquals(5, row.total(), () -> row.student() + ": " + row.note());
        if (reason.isEmpty()) {
            assertEquals("", row.note(), row.student());
        } else {
            assertTrue(row.note().contains(reason), () -> row.student() + ": " + row.note());
        }
    }

    private static void assertZero(ClassGrader.StudentRow row, String reason) {
        assertEquals(0, row.total(), () -> row.student() + ": " + row.note());
        assertTrue(row.note().contains(reason), () -> row.student() + ": " + row.note());
    }

    /** SHA-256 of every file, the target of every link, "dir" for folders: the whole tree's state. */
    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                String key = root.relativize(file).toString();
                if (Files.isSymbolicLink(file)) {
                    hashes.put(key, "link " + Files.readSymbolicLink(file));
                } else {
                    hashes.put(key, Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? sha256(file) : "dir");
                }
            }
        }
        return hashes;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
