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
}
