package jgrad.grader.lms;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jgrad.grader.CheckResult;

/**
 * One exercise's checks in the format of GitHub Classroom's reporter
 * ({@code classroom-resources/autograding-grading-reporter@v1}): a runner's result, which the workflow passes
 * to the reporter as base64 JSON in the environment variable {@code RUNNERID_RESULTS}. The reporter adds up
 * each test's {@code score} for the points Classroom records, so every check keeps its own points instead of
 * the all-or-nothing step of Classroom's Java template.
 */
public final class ClassroomReport {

    private ClassroomReport() {
    }

    /**
     * The reporter's JSON for one runner.
     *
     * @param checks   the runner's checks (one exercise's)
     * @param filename the notebook the checks read, as the student's repository names it
     * @param error    why the checks could not run, or null: every check is then an error worth 0
     */
    public static String json(List<CheckResult> checks, String filename, String error) {
        JsonObject result = new JsonObject();
        result.addProperty("version", 1);
        boolean allPassed = checks.stream().allMatch(CheckResult::passed);
        result.addProperty("status", error != null ? "error" : allPassed ? "pass" : "fail");
        result.addProperty("max_score", checks.stream().mapToInt(CheckResult::max).sum());
        JsonArray tests = new JsonArray();
        for (CheckResult check : checks) {
            JsonObject test = new JsonObject();
            test.addProperty("name", check.check());
            test.addProperty("status", error != null ? "error" : check.passed() ? "pass" : "fail");
            test.addProperty("score", error != null ? 0 : check.points());
            test.addProperty("message", error != null ? error : check.message());
            test.addProperty("test_code", "");
            test.addProperty("filename", filename);
            test.addProperty("line_no", 0);
            test.addProperty("duration", 0);
            tests.add(test);
        }
        result.add("tests", tests);
        return new GsonBuilder().disableHtmlEscaping().create().toJson(result);
    }

    /** @return the line a workflow step appends to {@code $GITHUB_OUTPUT}: {@code result=BASE64} */
    public static String outputLine(String json) {
        return "result=" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A runner id the reporter accepts ({@code [a-zA-Z0-9]+}: no dashes, no underscores) for an exercise,
     * such as {@code ex04xor} for {@code 04_xor}.
     */
    public static String runnerId(String exercise) {
        return "ex" + exercise.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
