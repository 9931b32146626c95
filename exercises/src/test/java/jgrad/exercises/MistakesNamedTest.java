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
 * Solutions with one classic mistake put in: the check that catches it fails alone and names the mistake
 * (the typed hints at work, through the score table a student reads).
 */
class MistakesNamedTest {

    private static final Path SOLUTIONS = Path.of(System.getProperty("jgrad.courseRoot", "..")).resolve("solutions");
    private static final Map<String, String> CONFIG = Map.of("jgrad.cellTimeout", "20");

    @TempDir
    Path dir;

    @Test
    void aSumInsteadOfAProductIsNamed() throws IOException {
        GradeReport report = gradeWith("01_gradient_descent", "return x * w;", "return x + w;");
        CheckResult forward = check(report, "ex11ForwardIsWTimesX");
        assertEquals(0, forward.points());
        assertTrue(forward.message().contains("got 5 (looks like: x + w instead of x·w)"), forward.message());
    }

    @Test
    void aLoopWithoutZeroGradIsNamedAgainstTheReferenceModel() throws IOException {
        GradeReport report = gradeWith("04_xor", "model.zeroGrad();", "// no zeroGrad");
        CheckResult loop = check(report, "ex4StepsFollowTheLoop");
        assertEquals(0, loop.points());
        assertTrue(loop.message().contains("looks like: the gradients are not zeroed"), loop.message());
        for (String passing : new String[] {"ex1SeededFromOneRandom", "ex2MseValue", "ex5PredictThresholdsAtOneHalf"}) {
            assertTrue(check(report, passing).passed(), passing + ": " + check(report, passing).message());
        }
        assertFalse(report.toHtml().contains("$"), report.toHtml());
    }

    @Test
    void oneRandomPerLayerIsNamed() throws IOException {
        GradeReport report = gradeWith("04_xor", "new Linear(2, 1, rng));\\n", "new Linear(2, 1, new Random(seed)));\\n");
        CheckResult seeding = check(report, "ex1SeededFromOneRandom");
        assertEquals(0, seeding.points());
        assertTrue(seeding.message().contains("each layer got its own new Random(seed)"), seeding.message());
    }

    @Test
    void dropoutScaledByPInsteadOfOneOverOneMinusPIsNamed() throws IOException {
        GradeReport report = gradeWith("11_regularization", "x[i] / (1 - p)", "x[i] * p");
        CheckResult training = check(report, "ex3DropoutMatchesTheLibraryInTraining");
        assertEquals(0, training.points());
        assertTrue(training.message().contains("looks like: the kept values are multiplied by p"), training.message());
        assertTrue(check(report, "ex3DropoutInEvaluationIsTheIdentity").passed(), "evaluation mode does not scale");
        assertTrue(check(report, "ex1L2PenaltyValue").passed(), "exercise 1 is untouched");
    }

    @Test
    void aBackwardWithoutTheReluRuleOrWithTheSignFlippedIsNamedAgainstAutograd() throws IOException {
        GradeReport noMask = gradeWith("06_iris", "if (!(pass.y2()[i] > 0)) dY2[i] = 0;", "{ }");
        CheckResult backward = check(noMask, "ex5BackwardEqualsAutograd");
        assertEquals(0, backward.points());
        assertTrue(backward.message().contains("∂b2 differs from autograd's"), backward.message());
        assertTrue(backward.message().contains("looks like: the ReLU rule is missing"), backward.message());
        assertTrue(check(noMask, "ex5ForwardKeepsEveryIntermediate").passed(), "forward is untouched");
        GradeReport flipped = gradeWith("06_iris", "dY3[k] = pass.s()[k] - p[k];", "dY3[k] = p[k] - pass.s()[k];");
        backward = check(flipped, "ex5BackwardEqualsAutograd");
        assertEquals(0, backward.points());
        assertTrue(backward.message().contains("looks like: the sign is flipped"), backward.message());
    }

    @Test
    void aPerceptronUpdateThatForgetsTheBiasIsNamedFromTheAnswerTable() throws IOException {
        GradeReport report = gradeWith("08_perceptron", "p.b += lr * y;", "// no bias");
        CheckResult update = check(report, "ex2UpdatesAMisclassifiedPoint");
        assertEquals(0, update.points());
        assertTrue(update.message().contains("(looks like: the bias is not updated; b ← b + η·y)"), update.message());
        CheckResult mistakes = check(report, "ex4XorNeverSettles");
        assertEquals(0, mistakes.points());
        assertTrue(mistakes.message().contains("(looks like: the problem is in update: the bias is not updated"),
                mistakes.message());
        assertTrue(check(report, "ex1PredictsTheSignOfTheScore").passed(), "predict is untouched");
    }

    @Test
    void adamWithoutBiasCorrectionIsNamedFromTheAnswerTableAndByTheHiddenCheck() throws IOException {
        GradeReport report = gradeWith("10_optimizers", "theta[i] -= lr * mHat / (Math.sqrt(sHat) + eps);",
                "theta[i] -= lr * m[i] / (Math.sqrt(s[i]) + eps);");
        for (String adam : new String[] {"ex2AdamMatchesTheLibrary", "ex2AdamOnOtherInputs"}) {
            CheckResult check = check(report, adam);
            assertEquals(0, check.points(), adam);
            assertTrue(check.message().contains("the bias correction is missing"), adam + ": " + check.message());
        }
        assertTrue(check(report, "ex1MomentumMatchesSgdWithMomentum").passed(), "exercise 1 is untouched");
    }

    /** Grades the solution notebook with {@code from} replaced by {@code to} (once, in the saved JSON). */
    private GradeReport gradeWith(String exercise, String from, String to) throws IOException {
        String json = Files.readString(SOLUTIONS.resolve(exercise + ".ipynb"), StandardCharsets.UTF_8);
        int at = json.indexOf(from);
        assertTrue(at >= 0 && json.indexOf(from, at + 1) < 0, "the solution holds `" + from + "` once");
        Files.writeString(dir.resolve(exercise + ".ipynb"), json.replace(from, to), StandardCharsets.UTF_8);
        return Checks.runExercise(exercise, dir, CONFIG);
    }

    private static CheckResult check(GradeReport report, String name) {
        return report.checks().stream().filter(c -> c.check().equals(name)).findFirst().orElseThrow();
    }
}
