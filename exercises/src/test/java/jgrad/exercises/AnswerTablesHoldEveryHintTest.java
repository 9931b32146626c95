package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jgrad.grader.CheckResult;
import jgrad.grader.Checks;
import jgrad.grader.GradeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that read an answer table look up every wrong answer they know when a result matches none of them:
 * a rule that answers garbage makes them ask each question their hints can ask. None may be missing from the
 * table (in a students' repository it would turn a hint into an error, and only for that mistake).
 */
class AnswerTablesHoldEveryHintTest {

    private static final Path SOLUTIONS = Path.of(System.getProperty("jgrad.courseRoot", "..")).resolve("solutions");
    private static final Map<String, String> CONFIG = Map.of("jgrad.cellTimeout", "20");

    @TempDir
    Path dir;

    @Test
    void aPerceptronUpdateThatAnswersGarbageGetsEveryHintAskedAndNoneMissing() throws IOException {
        // train and mistakesPerEpoch call update: all their hints are asked too
        assertEveryHintAnswered(grade("08_perceptron", "    p.b += lr * y;\\n", "    p.b += lr * y; p.w[0] = 1234;\\n"), 7);
    }

    @Test
    void anAdamThatAnswersGarbageGetsEverySlipAskedAndNoneMissing() throws IOException {
        assertEveryHintAnswered(grade("10_optimizers", "theta[i] -= lr * mHat / (Math.sqrt(sHat) + eps);",
                "theta[i] -= 1234;"), 2);
    }

    private static void assertEveryHintAnswered(GradeReport report, int failing) {
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        assertEquals(failing, failed, "the garbage reaches these checks: " + report.checks());
        for (CheckResult check : report.checks()) {
            assertFalse(check.message().contains("answer table") || check.message().contains("could not start"),
                    check.check() + ": " + check.message());
            assertTrue(check.passed() || check.message().contains("should"), check.check() + ": " + check.message());
        }
    }

    private GradeReport grade(String exercise, String from, String to) throws IOException {
        String json = Files.readString(SOLUTIONS.resolve(exercise + ".ipynb"), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), "the solution holds `" + from + "`");
        Files.writeString(dir.resolve(exercise + ".ipynb"), json.replace(from, to), StandardCharsets.UTF_8);
        return Checks.runExercise(exercise, dir, CONFIG);
    }
}
