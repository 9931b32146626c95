package jgrad.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import jgrad.grader.AnswerTable;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.Points;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release of a small course made here: what students get, and what they never get. */
class ReleaseTest {

    private static final Path REAL_COURSE = Path.of(System.getProperty("jgrad.home", "..")).toAbsolutePath().normalize();
    private static final String SOLUTION_LINE = "double answer = 6 * 7;   // the secret";

    @TempDir
    Path tmp;
    Path course;

    /** Checks of the small course, as compiled classes (hidden points are counted from them). */
    @Exercise("01_answer")
    static final class AnswerChecks {
        @Points(2)
        void publicCheck() {
        }

        @Points(3)
        @Hidden
        void hiddenCheck() {
        }
    }

    /** A reference that answers "square N" (hidden, so the release ships its answers and not its code). */
    @Hidden
    static final class HiddenSquares implements AnswerTable.Reference {
        @Override
        public double[] answer(String question) {
            double x = Double.parseDouble(question.substring("square ".length()));
            return new double[] {x * x};
        }
    }

    /** The same reference, forgotten without @Hidden. */
    static final class OpenSquares implements AnswerTable.Reference {
        @Override
        public double[] answer(String question) {
            return new HiddenSquares().answer(question);
        }
    }

    @Exercise("01_answer")
    static final class TableChecks {
        static final AnswerTable ANSWERS = AnswerTable.of(TableChecks.class, List.of("square 3", "square 0.1"),
                HiddenSquares.class.getName());
    }

    @Exercise("01_answer")
    @Hidden
    static final class HiddenTableChecks {
        static final AnswerTable ANSWERS = AnswerTable.of(HiddenTableChecks.class, List.of("square 5"),
                HiddenSquares.class.getName());
    }

    @Exercise("01_answer")
    static final class LeakyTableChecks {
        static final AnswerTable ANSWERS = AnswerTable.of(LeakyTableChecks.class, List.of("square 3"),
                OpenSquares.class.getName());
    }

    @BeforeEach
    void smallCourse() throws IOException {
        course = tmp.resolve("course");
        write("solutions/01_answer.ipynb", notebook("// BEGIN SOLUTION\\n" + SOLUTION_LINE
                + "\\n// STUB: throw new UnsupportedOperationException(\\\"not done yet: answer\\\");\\n// END SOLUTION\\n"));
        write("exercises/01_answer.ipynb", notebook("// YOUR CODE HERE\\n"
                + "throw new UnsupportedOperationException(\\\"not done yet: answer\\\");\\n"));
        write("exercises/src/test/java/jgrad/exercises/AnswerChecks.java", """
                package jgrad.exercises;

                import jgrad.grader.Hidden;

                @Exercise("01_answer")
                class AnswerChecks {
                    @Points(2)
                    void publicCheck() {
                    }

                    /** On other inputs. */
                    @Points(3)
                    @Hidden
                    void hiddenCheck() {
                        double other = 1234.5;
                    }
                }
                """);
        write("exercises/src/test/java/jgrad/exercises/CourseChecksTest.java", "class CourseChecksTest {}\n");
        for (String tool : List.of("jgrad", "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties")) {
            Files.createDirectories(course.resolve(tool).getParent());
            Files.copy(REAL_COURSE.resolve(tool), course.resolve(tool));
        }
        write("pom.xml", "<project><artifactId>jgrad-parent</artifactId><version>0.1.0-SNAPSHOT</version></project>\n");
        write("lib/pom.xml", "<project><parent><version>0.1.0-SNAPSHOT</version></parent></project>\n");
        jar("lib/target/jgrad-lib-0.1.0-SNAPSHOT.jar", "jgrad/Lib.txt", "library text");
    }

    private Release.Inputs inputs() {
        return new Release.Inputs(course, "0.1.0", List.of(
                new Release.Artifact("jgrad-parent", null, course.resolve("pom.xml"), "0.1.0-SNAPSHOT"),
                new Release.Artifact("jgrad-lib", course.resolve("lib/target/jgrad-lib-0.1.0-SNAPSHOT.jar"),
                        course.resolve("lib/pom.xml"), "0.1.0-SNAPSHOT")),
                List.of(AnswerChecks.class));
    }

    @Test
    void theStudentsRepositoryHasWhatTheyNeedAndOneCommit() throws Exception {
        Path out = Release.make(inputs(), tmp.resolve("student"));
        for (String file : List.of("README.md", "jgrad", "mvnw", "pom.xml", ".gitignore", "exercises/01_answer.ipynb",
                "checks/jgrad/exercises/AnswerChecks.java", "checks/jgrad/exercises/StudentKitTest.java",
                "checks/" + Release.HIDDEN_POINTS, ".github/workflows/classroom.yml", "apt.txt", "postBuild",
                ".jgrad/repository/io/github/jgrad/jgrad-lib/0.1.0/jgrad-lib-0.1.0.jar",
                ".jgrad/repository/io/github/jgrad/jgrad-lib/0.1.0/jgrad-lib-0.1.0.pom",
                ".jgrad/repository/io/github/jgrad/jgrad-parent/0.1.0/jgrad-parent-0.1.0.pom")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        assertFalse(Files.exists(out.resolve("solutions")));
        assertFalse(Files.exists(out.resolve("checks/jgrad/exercises/CourseChecksTest.java")));
        String checks = Files.readString(out.resolve("checks/jgrad/exercises/AnswerChecks.java"));
        assertFalse(checks.contains("hiddenCheck") || checks.contains("1234.5"), checks);
        assertTrue(checks.contains("publicCheck"), checks);
        assertEquals(java.util.Map.of("01_answer", 3),
                Release.readHiddenPoints(Files.readString(out.resolve("checks/" + Release.HIDDEN_POINTS))));
        assertTrue(Files.readString(out.resolve(".jgrad/repository/io/github/jgrad/jgrad-lib/0.1.0/jgrad-lib-0.1.0.pom"))
                .contains("<version>0.1.0</version>"));
        assertTrue(Files.isExecutable(out.resolve("jgrad")) && Files.isExecutable(out.resolve("postBuild")));
        assertEquals("1", git(out, "rev-list", "--count", "HEAD"));
        assertEquals("", git(out, "status", "--porcelain"));
        assertTrue(Release.scan(SolutionLines.of(course.resolve("solutions"), course.resolve("exercises")), out).isEmpty());
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("course", "student"), siblings.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anAnswerTableShipsAsJsonBesideItsChecksAndItsReferenceDoesNot() throws IOException {
        Release.Inputs with = new Release.Inputs(course, "0.1.0", inputs().artifacts(),
                List.of(AnswerChecks.class, TableChecks.class, HiddenTableChecks.class));
        Path out = Release.make(with, tmp.resolve("student"));
        assertFalse(Files.exists(out.resolve("checks/jgrad/cli/release/HiddenTableChecks" + AnswerTable.SUFFIX)),
                "a hidden check class's answers are not released");
        Path json = out.resolve("checks/jgrad/cli/release/TableChecks" + AnswerTable.SUFFIX);
        AnswerTable shipped = AnswerTable.fromJson(json.toString(), Files.readString(json));
        assertEquals(TableChecks.ANSWERS, shipped);
        assertEquals(0.1 * 0.1, shipped.get("square 0.1")[0]);
        assertTrue(Files.readString(out.resolve("pom.xml")).contains("<include>**/*.json</include>"),
                "the students' build puts the table on the checks' classpath");
    }

    @Test
    void anAnswerTableWhoseReferenceIsNotHiddenIsRefused() {
        Release.Inputs with = new Release.Inputs(course, "0.1.0", inputs().artifacts(), List.of(LeakyTableChecks.class));
        String message = assertThrows(IllegalArgumentException.class,
                () -> Release.make(with, tmp.resolve("student"))).getMessage();
        assertEquals("LeakyTableChecks.ANSWERS: the answer table's reference " + OpenSquares.class.getName()
                + " is not @Hidden: students would get its code", message);
    }

    @Test
    void aChangedCourseGetsANewVersionSoThatNoStudentBuildsAgainstCachedJars() throws IOException {
        String first = Release.contentVersion("0.1.0", inputs().artifacts());
        assertTrue(first.matches("0\\.1\\.0-[0-9a-f]{10}"), first);
        assertEquals(first, Release.contentVersion("0.1.0", inputs().artifacts()), "the same course, the same version");
        jar("lib/target/jgrad-lib-0.1.0-SNAPSHOT.jar", "jgrad/Lib.txt", "library text, corrected");
        assertFalse(first.equals(Release.contentVersion("0.1.0", inputs().artifacts())));
    }

    @Test
    void aSolutionLineInACheckIsRefusedAndNothingIsLeftBehind() throws IOException {
        write("exercises/src/test/java/jgrad/exercises/Reference.java",
                "class Reference {\n    " + SOLUTION_LINE + "\n}\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Release.make(inputs(), tmp.resolve("student"))).getMessage();
        assertTrue(message.contains("checks/jgrad/exercises/Reference.java holds a line of 01_answer.ipynb's solution: "
                + SOLUTION_LINE), message);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("course"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aSolutionLineInsideAJarIsFoundToo() throws IOException {
        jar("lib/target/jgrad-lib-0.1.0-SNAPSHOT.jar", "jgrad/Answer.txt", "x\n" + SOLUTION_LINE + "\n");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Release.make(inputs(), tmp.resolve("student"))).getMessage();
        assertTrue(message.contains("jgrad-lib-0.1.0.jar!jgrad/Answer.txt holds a line"), message);
    }

    @Test
    void aReleaseNeverWritesIntoAFolderThatHoldsSomething() throws IOException {
        write("../taken/keep.txt", "mine");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Release.make(inputs(), tmp.resolve("taken"))).getMessage();
        assertTrue(message.contains("is not empty"), message);
        assertEquals("mine", Files.readString(tmp.resolve("taken/keep.txt")));
    }

    private static String notebook(String code) {
        return "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"outputs\": [], \"execution_count\": null,"
                + " \"source\": \"" + code + "\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    }

    private void write(String relative, String text) throws IOException {
        Path file = course.resolve(relative).normalize();
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void jar(String relative, String entry, String text) throws IOException {
        Path file = course.resolve(relative);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry(entry));
            jar.write(text.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
