package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The notebook JVM (./jgrad run, grade) has lib's Vector API kernels on, and no cell shows the JVM's incubator warning. */
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
}
