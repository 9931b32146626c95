package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookSessionTest {

    @TempDir
    Path dir;

    private static NotebookSession.Options fast() {
        return NotebookSession.Options.defaults().withCellTimeout(Duration.ofSeconds(3)).withMaxHeap("128m");
    }

    @Test
    void runsCellsInOrderAndReadsTypedValues() throws Exception {
        Path nb = TestNotebooks.write(dir.resolve("a.ipynb"),
                "md:# Title",
                "import jgrad.autograd.*;\nint n = 3;",
                "double twice(double x) { return 2 * x; }\nSystem.out.println(\"hello \" + n);",
                "Value v = Value.of(2.0).mul(Value.of(4.0));\nv.data()");
        try (NotebookSession session = NotebookSession.run(nb, fast())) {
            assertTrue(session.failures().isEmpty(), () -> session.failures().toString());
            assertEquals(3, session.results().size());
            assertEquals(3, session.results().get(1).cell(), "cell numbers count the markdown cell");
            assertEquals("hello 3\n", session.results().get(1).output());
            assertTrue(session.results().get(2).output().contains("8.0"), session.results().get(2).output());
            assertEquals(6.0, session.evalDouble("twice(n)"));
            assertEquals(3, session.evalInt("n"));
            assertTrue(session.evalBoolean("n > 2"));
            assertEquals("a \"quoted\"\nline é", session.evalString("\"a \\\"quoted\\\"\\nline é\""));
            assertArrayEquals(new double[] {1.0, 2.5}, session.evalDoubleArray("new double[] {1, 2.5}"));
            assertArrayEquals(new int[] {}, session.evalIntArray("new int[0]"));
        }
    }

    @Test
    void recordsFailingCellsWithLineAndGoesOn() throws Exception {
        Path nb = TestNotebooks.write(dir.resolve("b.ipynb"),
                "int a = 1;\nint b = undefinedName;",
                "int c = 2;\nthrow new IllegalStateException(\"boom\");",
                "int d = 4;");
        try (NotebookSession session = NotebookSession.run(nb, fast())) {
            List<CellResult> failures = session.failures();
            assertEquals(2, failures.size(), failures::toString);
            assertEquals(CellResult.Status.COMPILE_ERROR, failures.get(0).status());
            assertEquals(2, failures.get(0).line());
            assertTrue(failures.get(0).message().contains("undefinedName"), failures.get(0).message());
            assertEquals(CellResult.Status.EXCEPTION, failures.get(1).status());
            assertEquals(2, failures.get(1).line());
            assertTrue(failures.get(1).message().contains("IllegalStateException: boom"), failures.get(1).message());
            assertEquals(4, session.evalInt("d"));
        }
    }

    @Test
    void hugeOutputIsCutAndNotedBeforeTheSessionCloses() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            CellResult cell = session.execute(2, "for (int i = 0; i < 1000; i++) System.out.println(\"x\".repeat(99));");
            assertTrue(cell.ok(), cell::toString);
            assertTrue(cell.output().startsWith("x".repeat(99) + "\n"), "the first lines are kept");
            assertTrue(cell.output().contains("[output truncated: 80000 more bytes were printed]"), cell.output());
            assertEquals(List.of("cell 2: output was truncated: only the first 20000 characters were kept, "
                    + "80000 more bytes were printed"), session.notes());
        }
    }

    @Test
    void evalErrorsNameTheExpression() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            session.execute(1, "int f() { throw new UnsupportedOperationException(\"not done yet: f\"); }");
            EvalException thrown = assertThrows(EvalException.class, () -> session.evalInt("f()"));
            assertTrue(thrown.getMessage().contains("`f()`") && thrown.getMessage().contains("not done yet: f"),
                    thrown.getMessage());
            EvalException wrongType = assertThrows(EvalException.class, () -> session.evalInt("1.5"));
            assertTrue(wrongType.getMessage().contains("does not compile"), wrongType.getMessage());
        }
    }

    @Test
    void stopsAnEndlessLoopAndKeepsTheState() {
        try (NotebookSession session = NotebookSession.start(fast().withCellTimeout(Duration.ofSeconds(1)))) {
            session.execute(1, "int kept = 7;");
            CellResult loop = session.execute(2, "while (true) { }");
            assertEquals(CellResult.Status.TIMEOUT, loop.status(), loop::toString);
            assertTrue(loop.message().contains("timed out"));
            assertEquals(7, session.evalInt("kept"));
        }
    }

    @Test
    void killsTheJvmWhenCodeSwallowsTheStop() {
        try (NotebookSession session = NotebookSession.start(fast().withCellTimeout(Duration.ofSeconds(1)))) {
            ProcessHandle jvm = session.remoteProcess();
            assertTrue(jvm.isAlive());
            CellResult stubborn = session.execute(1,
                    "while (true) { try { while (true) { } } catch (Throwable t) { } }");
            assertEquals(CellResult.Status.JVM_EXITED, stubborn.status(), stubborn::toString);
            assertTrue(stubborn.message().endsWith("so the notebook's JVM was killed"), stubborn.message());
            assertFalse(jvm.isAlive(), "the kill that was reported really happened");
            assertFalse(session.isAlive());
            assertEquals(CellResult.Status.NOT_RUN, session.execute(2, "int x = 1;").status());
            assertThrows(EvalException.class, () -> session.evalInt("1"));
        }
    }

    @Test
    void theSessionKnowsItsJvmFromTheStartAndEndsItOnClose() throws Exception {
        ProcessHandle jvm;
        try (NotebookSession session = NotebookSession.start(fast())) {
            jvm = session.remoteProcess();
            assertEquals(jvm.pid(), session.evalLong("ProcessHandle.current().pid()"), "the handle is the notebook's JVM");
            assertEquals(ProcessHandle.current().pid(), jvm.parent().orElseThrow().pid(), "a child of this JVM");
            assertTrue(jvm.isAlive());
            assertEquals(CellResult.Status.COMPILE_ERROR, session.execute(1, "var y = $1;").status(),
                    "finding the JVM leaves no scratch variable in the notebook");
        }
        jvm.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(jvm.isAlive());
    }

    @Test
    void systemExitEndsTheNotebookNotTheCaller() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            CellResult exit = session.execute(1, "System.exit(0);");
            assertEquals(CellResult.Status.JVM_EXITED, exit.status(), exit::toString);
            CellResult after = session.execute(2, "int x = 1;");
            assertEquals(CellResult.Status.NOT_RUN, after.status());
            assertTrue(after.message().contains("cell 1"), after.message());
        }
    }

    @Test
    void longValuesComeBackWhole() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            double[] values = session.evalDoubleArray("new java.util.Random(1).doubles(5000).toArray()");
            assertEquals(5000, values.length, "JShell cuts long value texts; the session must read them in pieces");
            assertEquals(new java.util.Random(1).doubles(5000).toArray()[4999], values[4999]);
            assertEquals(40000, session.evalString("\"x\".repeat(40000)").length());
            assertEquals(3, session.evalIntArray("new int[] {1, 2, 3}").length);
        }
    }

    @Test
    void displayPrintsTextLikeTheKernelWouldShowIt() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            CellResult cell = session.execute(1, "display(\"shown\");\ndisplay(\"text/plain\", 42);");
            assertTrue(cell.ok(), cell::toString);
            assertEquals("shown\n42\n", cell.output(), "display prints each object once and shows no value, like the kernel's");
        }
    }

    @Test
    void malformedAndMissingNotebooksNameTheFile() throws Exception {
        Path broken = dir.resolve("broken.ipynb");
        Files.writeString(broken, "{\"cells\": [");
        NotebookException malformed = assertThrows(NotebookException.class, () -> NotebookSession.run(broken, fast()));
        assertTrue(malformed.getMessage().contains("broken.ipynb") && malformed.getMessage().contains("line 1"),
                malformed.getMessage());
        NotebookException missing = assertThrows(NotebookException.class,
                () -> NotebookSession.run(dir.resolve("nope.ipynb"), fast()));
        assertTrue(missing.getMessage().contains("not found") && missing.getMessage().contains("nope.ipynb"));
    }

    @Test
    void aHelperDeclaredAgainIsKeptUntilAnotherBodyReplacesIt() {
        try (NotebookSession session = NotebookSession.start(fast())) {
            session.declare("int check$n() { return 1; }");
            session.declare("int check$n() { return 1; }");
            assertEquals(1, session.evalInt("check$n()"));
            session.declare("int check$n() { return 2; }");
            assertEquals(2, session.evalInt("check$n()"));
            session.declare("int check$n() { return 1; }"); // seen before, but replaced since: declared again
            assertEquals(1, session.evalInt("check$n()"));
            session.declare("int[] check$calls = {0};");
            session.eval("check$calls[0]++");
            session.declare("int[] check$calls = {0};"); // a variable runs its initialiser again
            assertEquals(0, session.evalInt("check$calls[0]"));
        }
    }
}
