package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How failing cells are described: Jupyter's cell names, the student's own line, readable frames. */
class CellMessagesTest {

    @TempDir
    Path dir;

    private static NotebookSession.Options fast() {
        return NotebookSession.Options.defaults().withCellTimeout(Duration.ofSeconds(5)).withMaxHeap("128m");
    }

    @Test
    void cellsAreNamedAsJupyterShowsThem() throws Exception {
        Path nb = TestNotebooks.write(dir.resolve("a.ipynb"), "md:# Title", "int a = 1;",
                "md:Some text", "// Exercise 2: b\nint b = undefinedName;");
        try (NotebookSession session = NotebookSession.run(nb, fast())) {
            CellResult failed = session.failures().get(0);
            assertEquals(4, failed.cell(), "the file position still counts every cell");
            assertTrue(failed.describe().startsWith("code cell 2 \"// Exercise 2: b\", line 2: does not compile"),
                    failed.describe());
        }
        String saved = Files.readString(nb).replaceFirst("\"execution_count\": null", "\"execution_count\": 7")
                .replaceFirst("\"execution_count\": null", "\"execution_count\": 9");
        Files.writeString(nb, saved);
        try (NotebookSession session = NotebookSession.run(nb, fast())) {
            assertTrue(session.failures().get(0).describe().startsWith("In [9], line 2: "),
                    session.failures().get(0).describe());
        }
    }

    @Test
    void aMissingSemicolonQuotesTheStudentsLine() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            CellResult cell = session.execute(1, "int a = 1\nint b = 2;");
            assertEquals(CellResult.Status.COMPILE_ERROR, cell.status());
            assertEquals("a ; is missing after `int a = 1`", cell.message().replace("does not compile: ", ""));
            CellResult other = session.execute(2, "int c = 3;\nint d = nowhere;");
            assertTrue(other.message().contains("in `int d = nowhere;`"), other.message());
            assertFalse(other.message().contains("$JShell"), other.message());
        }
    }

    @Test
    void exceptionsNameTheStudentsMethodAndCell() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            session.execute(3, "In [4]", "double f(double x) { java.util.function.DoubleUnaryOperator g = "
                    + "v -> { throw new IllegalStateException(\"not done yet\"); }; return g.applyAsDouble(x); }");
            CellResult cell = session.execute(5, "In [5]", "f(2.0);");
            String message = cell.message();
            assertTrue(message.contains("IllegalStateException: not done yet in a lambda in f(...), declared in In [4]"), message);
            for (String internal : List.of("lambda$", "$JShell", "#")) {
                assertFalse(message.contains(internal), message);
            }
        }
    }
}
