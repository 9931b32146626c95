package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jgrad.grader.Assign;
import jgrad.grader.CheckResult;
import jgrad.grader.Checks;
import jgrad.grader.GradeReport;
import jgrad.grader.Notebook;
import org.junit.jupiter.api.Test;

/**
 * The course's own grading contract: the checks give full marks on solutions/, zero on the untouched
 * exercises/ (each failing with a "not done yet" message), and exercises/ is what assign generates.
 * Writes the score tables to target/grades/{solutions,exercises}/.
 */
class CourseChecksTest {

    private static final Path ROOT = Path.of(System.getProperty("jgrad.courseRoot", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> CONFIG = Map.of("jgrad.cellTimeout", "20");

    @Test
    void solutionsScoreFullMarks() {
        GradeReport report = Checks.runAll(ROOT.resolve("solutions"), CONFIG);
        Checks.writeGrades(Path.of("target/grades/solutions"), report);
        assertTrue(report.max() > 0, "no checks ran");
        assertEquals(report.max(), report.total(), report::toString);
        assertEquals(List.of(), report.notes(), "solution notebooks must run without failing cells");
    }

    @Test
    void untouchedExercisesScoreZeroWithNotDoneYetMessages() {
        GradeReport report = Checks.runAll(ROOT.resolve("exercises"), CONFIG);
        Checks.writeGrades(Path.of("target/grades/exercises"), report);
        assertTrue(report.max() > 0, "no checks ran");
        assertEquals(0, report.total(), report::toString);
        for (CheckResult check : report.checks()) {
            assertTrue(check.message().contains("not done yet"), check.check() + ": " + check.message());
        }
    }

    @Test
    void exercisesAreWhatAssignGenerates() {
        assertEquals(List.of(), Assign.check(ROOT.resolve("solutions"), ROOT.resolve("exercises")),
                "run ./jgrad assign and commit exercises/");
    }

    @Test
    void everySolutionHasChecksAndTheCourseKernel() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(ROOT.resolve("solutions"))) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length())).sorted().toList();
        }
        assertEquals(names, Checks.exerciseNames(), "one @Exercise check class per solution notebook");
        for (String name : names) {
            Notebook nb = Notebook.read(ROOT.resolve("solutions").resolve(name + ".ipynb"));
            assertEquals("jgrad", nb.metadata().getAsJsonObject("kernelspec").get("name").getAsString(), name);
            String last = nb.codeCells().get(nb.codeCells().size() - 1).source().strip();
            assertEquals("grade(\"" + name + "\")", last, name + ": the last code cell grades the notebook");
        }
    }
}
