package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import jgrad.grader.CheckResult;
import jgrad.grader.Checks;
import jgrad.grader.GradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A solution bent to fit only the notebook's own values passes every public check and fails the hidden ones:
 * what the hidden checks are for (they use inputs the notebook never shows).
 */
class HardCodedAnswersTest {

    private static final Path SOLUTIONS = Path.of(System.getProperty("jgrad.courseRoot", "..")).resolve("solutions");
    private static final Map<String, String> CONFIG = Map.of("jgrad.cellTimeout", "20");

    @TempDir
    Path dir;

    @Test
    void aPerceptronTrainFixedToTheNotebooksLearningRateFailsOnlyTheHiddenCheck() throws IOException {
        // Every public check, like the notebook, trains with lr = 1.0: a train that ignores lr passes them all.
        GradeReport report = gradeWith("08_perceptron", "    int total = 0;\\n", "    int total = 0; lr = 1.0;\\n");
        assertOnlyFailing(report, Set.of("ex3HiddenOtherSetsAndLearningRate"));
    }

    @Test
    void optimizersWithTheNotebooksMomentumAndBeta2WrittenInFailOnlyTheHiddenChecks() throws IOException {
        // The notebook (and the public checks) use mu = 0.9 and beta2 = 0.999; the hidden ones other values.
        GradeReport report = gradeWith("10_optimizers",
                "velocity[i] = mu * velocity[i] + grad[i];", "velocity[i] = 0.9 * velocity[i] + grad[i];",
                "s[i] = beta2 * s[i] + (1 - beta2) * grad[i] * grad[i];", "s[i] = 0.999 * s[i] + 0.001 * grad[i] * grad[i];");
        assertOnlyFailing(report, Set.of("ex1MomentumOnOtherInputs", "ex2AdamOnOtherInputs"));
    }

    @Test
    void aSweepWithTheNotebooksStepsAndSeedWrittenInFailsOnlyTheHiddenSweepCheck() throws IOException {
        // sweep(widths, steps, seed) that fits with the notebook's STEPS and SEED gives the notebook's sweepErrors.
        GradeReport report = gradeWith("09_universal_approximation",
                "errors[i] = fit(widths[i], steps, seed);", "errors[i] = fit(widths[i], STEPS, SEED);");
        assertOnlyFailing(report, Set.of("ex3SweepFitsEachWidth"));
    }

    private static void assertOnlyFailing(GradeReport report, Set<String> hidden) {
        for (CheckResult c : report.checks()) {
            assertEquals(!hidden.contains(c.check()), c.passed(), c.check() + ": " + c.message());
        }
        assertTrue(report.checks().stream().map(CheckResult::check).toList().containsAll(hidden), report.checks().toString());
    }

    /** Grades the solution notebook with each {@code from, to} pair replaced (each once, in the saved JSON). */
    private GradeReport gradeWith(String exercise, String... fromTo) throws IOException {
        String json = Files.readString(SOLUTIONS.resolve(exercise + ".ipynb"), StandardCharsets.UTF_8);
        for (int i = 0; i < fromTo.length; i += 2) {
            String from = fromTo[i];
            int at = json.indexOf(from);
            assertTrue(at >= 0 && json.indexOf(from, at + 1) < 0, "the solution holds `" + from + "` once");
            json = json.replace(from, fromTo[i + 1]);
        }
        Files.writeString(dir.resolve(exercise + ".ipynb"), json, StandardCharsets.UTF_8);
        return Checks.runExercise(exercise, dir, CONFIG);
    }
}
