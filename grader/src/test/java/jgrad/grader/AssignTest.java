package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignTest {

    @TempDir
    Path dir;

    @Test
    void solutionRegionBecomesYourCodeHereAndTheStubAtItsIndent() {
        String solution = "double f(double x) {\n"
                + "    // BEGIN SOLUTION\n"
                + "    // STUB: throw new UnsupportedOperationException(\"not done yet: f\");\n"
                + "    return 2 * x;\n"
                + "    // END SOLUTION\n"
                + "}";
        assertEquals("double f(double x) {\n"
                + "    // YOUR CODE HERE\n"
                + "    throw new UnsupportedOperationException(\"not done yet: f\");\n"
                + "}", ClearSolutions.stripCode(solution, "test"));
    }

    @Test
    void regionWithoutStubLeavesOnlyTheMarker() {
        assertEquals("int a = 1;\n// YOUR CODE HERE\nint c = 3;",
                ClearSolutions.stripCode("int a = 1;\n// BEGIN SOLUTION\nint b = 2;\n// END SOLUTION\nint c = 3;", "t"));
    }

    @Test
    void markdownAnswerBecomesYourAnswerHere() {
        assertEquals("Why? *Your answer here.* Done.",
                ClearSolutions.stripMarkdown("Why? <!-- BEGIN SOLUTION -->Because.<!-- END SOLUTION --> Done.", "t"));
    }

    @Test
    void unclosedRegionNamesTheCell() {
        NotebookException e = assertThrows(NotebookException.class,
                () -> ClearSolutions.stripCode("// BEGIN SOLUTION\nint b = 2;", "sol.ipynb, cell 3"));
        assertTrue(e.getMessage().contains("sol.ipynb, cell 3") && e.getMessage().contains("never closed"));
    }

    @Test
    void generateClearsOutputsAndCheckSeesDrift() throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("solutions"));
        Path exercises = dir.resolve("exercises");
        String nb = "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 3, \"metadata\": {},"
                + " \"outputs\": [{\"name\": \"stdout\", \"output_type\": \"stream\", \"text\": [\"6\\n\"]}],"
                + " \"source\": [\"// BEGIN SOLUTION\\n\", \"// STUB: int x = 0;\\n\", \"int x = 6;\\n\","
                + " \"// END SOLUTION\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
        Files.writeString(solutions.resolve("ex.ipynb"), nb);
        assertEquals(List.of(exercises.resolve("ex.ipynb") + " is missing"), Assign.check(solutions, exercises));
        Assign.generate(solutions, exercises);
        String written = Files.readString(exercises.resolve("ex.ipynb"), StandardCharsets.UTF_8);
        assertTrue(written.contains("\"execution_count\": null") && written.contains("\"outputs\": []"), written);
        assertTrue(written.contains("\"// YOUR CODE HERE\\n\",\n    \"int x = 0;\""), written);
        assertTrue(Assign.check(solutions, exercises).isEmpty());
        Files.writeString(exercises.resolve("ex.ipynb"), written.replace("int x = 0;", "int x = 6;"));
        assertEquals(1, Assign.check(solutions, exercises).size());
        assertEquals("int x = 6;", Notebook.read(solutions.resolve("ex.ipynb")).cells().get(0).source().lines()
                .filter(l -> l.startsWith("int")).findFirst().orElseThrow(), "the solution is never modified");
    }

    private static String solution(String answer) {
        return "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [],"
                + " \"source\": [\"// BEGIN SOLUTION\\n\", \"// STUB: int x = 0;\\n\", \"int x = " + answer + ";\\n\","
                + " \"// END SOLUTION\\n\", \"int y = 1;\"]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
    }

    @Test
    void aChangedSolutionRegeneratesAnExerciseNobodyTouched() throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("solutions"));
        Path exercises = dir.resolve("exercises");
        Files.writeString(solutions.resolve("ex.ipynb"), solution("6"));
        Assign.generate(solutions, exercises);
        assertTrue(Files.readString(exercises.resolve(Assign.RECORD)).endsWith("  ex.ipynb\n"));
        Files.writeString(solutions.resolve("ex.ipynb"), solution("6").replace("int y = 1;", "int y = 2;"));
        assertEquals(List.of(exercises.resolve("ex.ipynb")), Assign.generate(solutions, exercises));
        assertTrue(Files.readString(exercises.resolve("ex.ipynb")).contains("int y = 2;"));
        assertTrue(Assign.check(solutions, exercises).isEmpty());
    }

    @Test
    void anExerciseSomeoneWorkedInIsRefusedUnlessForced() throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("solutions"));
        Path exercises = dir.resolve("exercises");
        Files.writeString(solutions.resolve("ex.ipynb"), solution("6"));
        Files.writeString(solutions.resolve("other.ipynb"), solution("7"));
        Assign.generate(solutions, exercises);
        Path worked = exercises.resolve("ex.ipynb");
        String work = Files.readString(worked).replace("int x = 0;", "int x = 42; // my attempt");
        Files.writeString(worked, work);
        Files.writeString(solutions.resolve("other.ipynb"), solution("7").replace("int y = 1;", "int y = 3;"));
        NotebookException e = assertThrows(NotebookException.class, () -> Assign.generate(solutions, exercises));
        assertTrue(e.getMessage().contains(worked.toString()) && e.getMessage().contains("--force"), e.getMessage());
        assertEquals(work, Files.readString(worked), "the work is kept");
        assertTrue(Files.readString(exercises.resolve("other.ipynb")).contains("int y = 1;"), "nothing is written");
        Assign.generate(solutions, exercises, true);
        assertTrue(Assign.check(solutions, exercises).isEmpty());
        assertEquals(2, Assign.generate(solutions, exercises).size(), "after --force it is assign's again");
    }

    @Test
    void anExerciseWithNoRecordPassesWhenItIsWhatAssignWouldWrite() throws Exception {
        Path solutions = Files.createDirectories(dir.resolve("solutions"));
        Path exercises = Files.createDirectories(dir.resolve("exercises"));
        Files.writeString(solutions.resolve("ex.ipynb"), solution("6"));
        Files.writeString(exercises.resolve("ex.ipynb"), Assign.studentVersion(Notebook.read(solutions.resolve("ex.ipynb"))));
        assertEquals(1, Assign.generate(solutions, exercises).size());
        Files.delete(exercises.resolve(Assign.RECORD));
        Files.writeString(solutions.resolve("ex.ipynb"), solution("6").replace("int y = 1;", "int y = 2;"));
        assertThrows(NotebookException.class, () -> Assign.generate(solutions, exercises),
                "no record and not today's generation: it cannot be told from work");
    }
}
