package jgrad.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which solution lines count as an answer: trivial ones and those students receive anyway do not. */
class SolutionLinesTest {

    @TempDir
    Path course;

    @Test
    void trivialLinesAreNobodysAnswer() {
        assertTrue(SolutionLines.trivial("return true;"));
        assertTrue(SolutionLines.trivial("for (int i = 0; i < xs.length; i++) {"));
        assertTrue(SolutionLines.trivial("updates++;"));
        assertTrue(SolutionLines.trivial("}"));
        assertFalse(SolutionLines.trivial("double max = Arrays.stream(y).max().orElseThrow();"));
        assertFalse(SolutionLines.trivial("return w[0] * x[0] + w[1] * x[1] + b > 0 ? 1 : -1;"), "numbers other than 0, 1 count");
        assertFalse(SolutionLines.trivial("losses[step] = loss.item();"));
    }

    @Test
    void aRealSolutionLineInACheckIsStillFoundATrivialOneIsNot() throws IOException {
        notebook("solutions/01_a.ipynb", "// BEGIN SOLUTION\nreturn true;\ndouble max = Arrays.stream(y).max().orElseThrow();\n"
                + "Tensor out = model.forward(batch).softmax(1);\n// END SOLUTION\n");
        notebook("exercises/01_a.ipynb", "// YOUR CODE HERE\n");
        notebook("notebooks/01_a.ipynb", "Tensor out = model.forward(batch).softmax(1);\n");
        SolutionLines lines = SolutionLines.of(course);
        assertEquals(1, lines.lines().size(), "only the softmax line is an answer: " + lines.lines());
        String check = "class C {\n    boolean ok() {\n        return true;\n    }\n"
                + "    double[] ref(double[] y) {\n        double max = Arrays.stream(y).max().orElseThrow();\n"
                + "        Tensor out = model.forward(batch).softmax(1);\n    }\n}\n";
        assertEquals(1, lines.findIn("C.java", check).size(), "the lecture's line is the students' already");
        assertTrue(lines.findIn("C.java", check).get(0).contains("orElseThrow"));
        assertTrue(lines.findIn("C.java", "class D { boolean ok() { return true; } }").isEmpty());
    }

    @Test
    void theLibrarysOwnSourcesArePublic() throws IOException {
        notebook("solutions/01_a.ipynb", "// BEGIN SOLUTION\nreturn data.map(v -> Math.max(0, v));\n// END SOLUTION\n");
        notebook("exercises/01_a.ipynb", "// YOUR CODE HERE\n");
        Files.createDirectories(course.resolve("lib/src/main/java/jgrad"));
        Files.writeString(course.resolve("lib/src/main/java/jgrad/T.java"),
                "class T {\n    T relu() {\n        return data.map(v -> Math.max(0, v));\n    }\n}\n");
        assertTrue(SolutionLines.of(course).lines().isEmpty());
    }

    private void notebook(String path, String source) throws IOException {
        JsonObject cell = new JsonObject();
        cell.addProperty("cell_type", "code");
        cell.addProperty("source", source);
        JsonArray cells = new JsonArray();
        cells.add(cell);
        JsonObject nb = new JsonObject();
        nb.add("cells", cells);
        Files.createDirectories(course.resolve(path).getParent());
        Files.writeString(course.resolve(path), nb.toString());
    }
}
