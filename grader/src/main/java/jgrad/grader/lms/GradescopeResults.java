package jgrad.grader.lms;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import jgrad.grader.CheckResult;

/**
 * Checks' results as Gradescope's autograder reads them ({@code /autograder/results/results.json}): one test
 * per check with its score, maximum, pass/fail status and message, and the total.
 */
public final class GradescopeResults {

    private GradescopeResults() {
    }

    /**
     * @param checks the checks' results
     * @param output text shown above the tests (notes such as failing cells); may be empty
     */
    public static String json(List<CheckResult> checks, String output) {
        JsonObject results = new JsonObject();
        results.addProperty("score", checks.stream().mapToInt(CheckResult::points).sum());
        if (!output.isEmpty()) {
            results.addProperty("output", output);
        }
        results.addProperty("visibility", "visible");
        JsonArray tests = new JsonArray();
        for (CheckResult check : checks) {
            JsonObject test = new JsonObject();
            test.addProperty("name", check.exercise() + ": " + check.check());
            test.addProperty("score", check.points());
            test.addProperty("max_score", check.max());
            test.addProperty("status", check.passed() ? "passed" : "failed");
            if (!check.message().isEmpty()) {
                test.addProperty("output", check.message());
            }
            test.addProperty("visibility", "visible");
            tests.add(test);
        }
        results.add("tests", tests);
        return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(results) + "\n";
    }
}
