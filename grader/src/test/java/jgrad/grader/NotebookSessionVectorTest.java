package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The notebook JVM of ./jgrad run has lib's Vector API kernels on, and no cell shows the JVM's incubator warning;
 * one that runs a notebook for its checks compiles with C1 only, so it runs lib's plain loops.
 */
class NotebookSessionVectorTest {

    @Test
    void cellsSeeTheVectorApiWithoutTheIncubatorWarning() {
        try (NotebookSession session = NotebookSession.start()) {
            CellResult first = session.execute(1, "System.out.println(\"vector \" + jgrad.tensor.Kernels.usesVectorApi());");
            assertTrue(first.ok(), first::toString);
            assertEquals("vector true\n", first.output());
            CellResult second = session.execute(2, "System.out.println(\"next\");");
            assertFalse(second.output().contains("incubator"), second.output());
            assertEquals("next\n", second.output());
        }
    }

    @Test
    void aNotebookRunForItsChecksUsesPlainLoopsAndC1() {
        try (NotebookSession session = NotebookSession.start(NotebookSession.Options.defaults().forChecks())) {
            assertFalse(session.evalBoolean("jgrad.tensor.Kernels.usesVectorApi()"));
            assertTrue(session.evalBoolean("java.lang.management.ManagementFactory.getRuntimeMXBean()"
                    + ".getInputArguments().contains(\"-XX:TieredStopAtLevel=1\")"));
        }
    }
}
