package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.grader.sample.SampleChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-submission suite: resources/class/ holds two good students and one student per way a
 * submission can go wrong (see make_sample_class.py). Grading the class must give the good students
 * full marks, every bad one a row and a reason, leave the inputs untouched and leave no process behind.
 */
class ClassGraderTest {

    @TempDir
    Path tmp;

    private ClassGrader.Settings settings(Duration studentTimeout, Duration cellTimeout) {
        return ClassGrader.Settings.defaults(List.of(SampleChecks.location()))
                .withTimeouts(studentTimeout, cellTimeout)
                .with(2, "256m", null);
    }

    @Test
    void hostileSubmissionsEachGetARowAndAReason() throws Exception {
        Path input = Path.of(getClass().getResource("/class").toURI());
        Map<String, String> before = hashes(input);
        Path out = tmp.resolve("out");
        long start = System.nanoTime();

        List<ClassGrader.StudentRow> rows = new ClassGrader(settings(Duration.ofSeconds(90), Duration.ofSeconds(4)))
                .gradeClass(input, out);

        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("grade --class over %d submissions: %.1f s%n", rows.size(), seconds);
        Map<String, ClassGrader.StudentRow> byName = rows.stream()
                .collect(Collectors.toMap(ClassGrader.StudentRow::student, Function.identity()));
        rows.forEach(r -> System.out.println("  " + r.student() + " " + r.total() + " | " + r.note()));
        assertEquals(13, rows.size());

        assertFull(byName.get("good1"), "");
        assertFull(byName.get("good2"), "");
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

        String gradebook = Files.readString(out.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        assertTrue(gradebook.startsWith("student,hello,total,note,feedback\n"), gradebook);
        assertTrue(gradebook.contains("\ngood1,5,5,,feedback/good1.md\n"), gradebook);
        assertFalse(gradebook.contains("hacked"), gradebook);
        assertEquals(14, gradebook.lines().count());
        try (Stream<Path> feedback = Files.list(out.resolve("feedback"))) {
            assertEquals(13, feedback.count());
        }
        String good1 = Files.readString(out.resolve("feedback/good1.md"), StandardCharsets.UTF_8);
        assertTrue(good1.contains("Score: 5 / 5"), good1);
        assertEquals(before, hashes(input), "the submissions must not be modified");
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), "no process may be left running");
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
    void csvFieldsAreQuotedAndFormulasDefused() {
        assertEquals("plain", ClassGrader.csvField("plain"));
        assertEquals("\"a, \"\"b\"\"\"", ClassGrader.csvField("a, \"b\""));
        assertEquals("\"'=HYPERLINK(1)\"", ClassGrader.csvField("=HYPERLINK(1)"));
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

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.toList()) {
                String key = root.relativize(file).toString();
                hashes.put(key, Files.isRegularFile(file) ? sha256(file) : "dir");
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
