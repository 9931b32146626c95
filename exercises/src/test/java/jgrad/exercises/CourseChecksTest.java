package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
        scoreTableReadsRightInJupyter(report);
    }

    /**
     * What a student sees in Notebook or Lab: no text MathJax would typeset (two {@code $} on a line), no name
     * of JShell's or of the checks' (check$, $JShell, lambda$, snippet frames #NN:), cells named as Jupyter
     * shows them (its numbering counts code cells only).
     */
    private static void scoreTableReadsRightInJupyter(GradeReport report) {
        String html = report.toHtml();
        assertFalse(html.contains("$"), "every $ is written &#36; in the HTML:\n" + html);
        assertTrue(html.contains("mathjax_ignore") && html.contains("tex2jax_ignore"), html);
        String text = report.toMarkdown();
        for (String internal : List.of("$JShell", "check$", "lambda$", "do_it$")) {
            assertFalse(text.contains(internal), "the score table shows " + internal + ":\n" + text);
        }
        assertFalse(Pattern.compile("#\\d+:").matcher(text).find(), "a snippet frame #NN: in\n" + text);
        Pattern jupyterCell = Pattern.compile("^(\\d\\d_\\w+: )?(In \\[\\d+\\]|code cell \\d+)[ ,:]");
        for (String note : report.notes()) {
            if (!note.contains("thread(s) running")) {
                assertTrue(jupyterCell.matcher(note).find(), "a note should name its cell as Jupyter does: " + note);
            }
            assertFalse(Pattern.compile("(?<!code )\\bcell \\d+").matcher(note).find(), "a cell counted among all cells: " + note);
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
