package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksTest {

    private static final Map<String, String> FAST = Map.of(NotebookSession.CELL_TIMEOUT_PROPERTY, "5");

    @TempDir
    Path dir;

    /** Checks whose class cannot initialise (an answer table that is missing, say). */
    @Exercise("broken")
    static final class BrokenInitChecks {
        static final double[] TABLE = load();

        static double[] load() {
            throw new IllegalStateException("the answer table of BrokenInitChecks is missing");
        }

        @org.junit.jupiter.api.Test
        @Points(1)
        void first() {
            assertEquals(1, TABLE.length);
        }

        @org.junit.jupiter.api.Test
        @Points(2)
        void second() {
            assertEquals(1, TABLE.length);
        }
    }

    @Test
    void aCheckClassThatCannotStartSaysWhyOnEveryCheck() {
        GradeReport report = Checks.run("broken", java.util.List.of(BrokenInitChecks.class), dir, FAST);
        assertEquals(2, report.checks().size());
        for (CheckResult check : report.checks()) {
            assertEquals(0, check.points());
            assertEquals("the checks could not start: the answer table of BrokenInitChecks is missing", check.message(),
                    check.check());
        }
    }

    @Test
    void findsTheSampleExercise() {
        assertEquals(java.util.List.of("hello"), Checks.exerciseNames());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Checks.runExercise("nope", dir, FAST));
        assertTrue(unknown.getMessage().contains("[hello]"), unknown.getMessage());
    }

    @Test
    void solutionScoresFullMarksAndWritesGrades() throws Exception {
        Files.copy(Path.of(getClass().getResource("/hello.ipynb").toURI()), dir.resolve("hello.ipynb"));
        GradeReport report = Checks.runExercise("hello", dir, FAST);
        assertEquals(5, report.max());
        assertEquals(5, report.total(), report::toString);
        assertEquals(4, report.checks().size());
        assertTrue(report.notes().isEmpty(), report.notes()::toString);
        assertTrue(report.toHtml().contains("<table>") && report.toHtml().contains("save it"), report.toHtml());
        assertTrue(report.toString().contains("total") && report.toString().contains("5"));

        Checks.writeGrades(dir.resolve("grades"), report);
        String json = Files.readString(dir.resolve("grades/grades.json"), StandardCharsets.UTF_8);
        assertEquals(5, GradeReport.fromJson(json).total());
        String md = Files.readString(dir.resolve("grades/grades.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| hello | squareGradient | 2 | 2 | ok |"), md);
    }

    @Test
    void stubsScoreZeroWithTheirMessages() throws Exception {
        String stub = "throw new UnsupportedOperationException(\\\"not done yet\\\");";
        TestNotebooks.write(dir.resolve("hello.ipynb"), "import jgrad.autograd.*;",
                "int answer() { " + stub.replace("\\\"", "\"") + " }",
                "String greet(String name) { " + stub.replace("\\\"", "\"") + " }",
                "Value square(Value x) { " + stub.replace("\\\"", "\"") + " }\n"
                        + "double gradOfSquareAt(double x) { " + stub.replace("\\\"", "\"") + " }");
        GradeReport report = Checks.runExercise("hello", dir, FAST);
        assertEquals(0, report.total());
        report.checks().forEach(c -> assertTrue(c.message().contains("not done yet"), c.message()));
    }

    @Test
    void missingNotebookFailsEveryCheckWithTheReason() {
        GradeReport report = Checks.runExercise("hello", dir, FAST);
        assertEquals(0, report.total());
        assertEquals(4, report.checks().size());
        report.checks().forEach(c -> assertTrue(c.message().contains("notebook not found"), c.message()));
    }

    @Test
    void gradeIsSkippedInsideANotebookTheGraderRuns() throws Exception {
        Files.copy(Path.of(getClass().getResource("/hello.ipynb").toURI()), dir.resolve("hello.ipynb"));
        try (NotebookSession session = NotebookSession.run(dir.resolve("hello.ipynb"))) {
            CellResult last = session.results().get(session.results().size() - 1);
            assertTrue(last.ok(), last::describe);
            assertTrue(last.output().contains("skipped"), last.output());
        }
    }
}
