package jgrad.grader.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jgrad.grader.CheckResult;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    private static final List<CheckResult> CHECKS = List.of(
            new CheckResult("04_xor", "forwardShape", 2, 2, ""),
            new CheckResult("04_xor", "lossDecreases", 0, 3, "the loss went up: is the sign of the step right?"));

    @Test
    void classroomReporterGetsOneScorePerCheck() {
        String line = ClassroomReport.outputLine(ClassroomReport.json(CHECKS, "04_xor.ipynb", null));
        assertTrue(line.startsWith("result="));
        JsonObject json = JsonParser.parseString(new String(Base64.getDecoder().decode(line.substring(7)),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(1, json.get("version").getAsInt());
        assertEquals("fail", json.get("status").getAsString());
        assertEquals(5, json.get("max_score").getAsInt());
        var tests = json.getAsJsonArray("tests");
        assertEquals(2, tests.size());
        JsonObject second = tests.get(1).getAsJsonObject();
        assertEquals("lossDecreases", second.get("name").getAsString());
        assertEquals("fail", second.get("status").getAsString());
        assertEquals(0, second.get("score").getAsInt());
        assertEquals("04_xor.ipynb", second.get("filename").getAsString());
        for (String field : List.of("message", "test_code", "line_no", "duration")) {
            assertTrue(second.has(field), field);
        }
        assertEquals(2, tests.get(0).getAsJsonObject().get("score").getAsInt());
    }

    @Test
    void aRunThatCouldNotCheckIsAnErrorWorthNothing() {
        JsonObject json = JsonParser.parseString(ClassroomReport.json(CHECKS, "04_xor.ipynb", "notebook not found"))
                .getAsJsonObject();
        assertEquals("error", json.get("status").getAsString());
        json.getAsJsonArray("tests").forEach(t -> assertEquals(0, t.getAsJsonObject().get("score").getAsInt()));
    }

    @Test
    void runnerIdsAreWhatTheReporterAccepts() {
        assertEquals("ex04xor", ClassroomReport.runnerId("04_xor"));
        assertTrue(ClassroomReport.runnerId("07_cnn-shapes").matches("[a-zA-Z0-9]+"));
    }

    @Test
    void gradescopeResultsHaveTheTotalAndEveryCheck() {
        JsonObject json = JsonParser.parseString(GradescopeResults.json(CHECKS, "")).getAsJsonObject();
        assertEquals(2, json.get("score").getAsInt());
        var tests = json.getAsJsonArray("tests");
        assertEquals("04_xor: lossDecreases", tests.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(3, tests.get(1).getAsJsonObject().get("max_score").getAsInt());
        assertEquals("failed", tests.get(1).getAsJsonObject().get("status").getAsString());
        assertEquals("passed", tests.get(0).getAsJsonObject().get("status").getAsString());
    }
}
