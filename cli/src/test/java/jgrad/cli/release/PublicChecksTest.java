package jgrad.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublicChecksTest {

    private static final String SOURCE = """
            package jgrad.exercises;

            import jgrad.grader.Exercise;
            import jgrad.grader.Hidden;
            import jgrad.grader.Points;
            import org.junit.jupiter.api.Test;

            /** Checks of 04_xor. */
            @Exercise("04_xor")
            class XorChecks {

                // the notebook's own numbers
                @Test
                @Points(2)
                void forwardOnTheNotebooksInputs() {
                    check(1.0);
                }

                /** Other inputs: a hard-coded answer fails. */
                @Test
                @Points(3)
                @Hidden
                void forwardOnOtherInputs() {
                    check(0.123456789);
                }

                private void check(double x) {
                }
            }
            """;

    @Test
    void hiddenMethodsGoWithTheirJavadocAndEverythingElseKeepsItsText() {
        String out = PublicChecks.of("XorChecks.java", SOURCE).orElseThrow();
        assertFalse(out.contains("forwardOnOtherInputs"), out);
        assertFalse(out.contains("0.123456789"), out);
        assertFalse(out.contains("Other inputs"), out);
        assertFalse(out.contains("Hidden"), out);
        assertTrue(out.contains("    // the notebook's own numbers\n    @Test\n    @Points(2)\n"
                + "    void forwardOnTheNotebooksInputs() {\n        check(1.0);\n    }"), out);
        assertTrue(out.contains("private void check(double x)"), out);
    }

    @Test
    void aHiddenClassLeavesTheFileOut() {
        String hidden = "package p;\n@jgrad.grader.Hidden\n@Exercise(\"04_xor\")\nclass XorHiddenChecks {}\n";
        assertTrue(PublicChecks.of("XorHiddenChecks.java", hidden).isEmpty());
    }

    @Test
    void aNestedHiddenClassIsTakenOutAndItsNeighboursStay() {
        String source = "package p;\nimport jgrad.grader.Hidden;\nclass XorChecks {\n"
                + "    static final int STEPS = 10;\n"
                + "    /** The reference. */\n    @Hidden\n    static final class Reference {\n        double secret = 6 * 7;\n    }\n"
                + "    enum Rule { RIGHT }\n}\n";
        String kept = PublicChecks.of("XorChecks.java", source).orElseThrow();
        assertFalse(kept.contains("Reference") || kept.contains("secret") || kept.contains("import jgrad.grader.Hidden"),
                kept);
        assertTrue(kept.contains("static final int STEPS = 10;") && kept.contains("enum Rule { RIGHT }"), kept);
    }

    @Test
    void aFileWithoutHiddenChecksIsUnchanged() {
        String plain = SOURCE.replace("    @Hidden\n", "").replace("import jgrad.grader.Hidden;\n", "");
        assertEquals(plain, PublicChecks.of("XorChecks.java", plain).orElseThrow());
    }

    @Test
    void anUnreadableSourceIsNamed() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> PublicChecks.of("Broken.java", "class {")).getMessage();
        assertTrue(message.startsWith("Broken.java: cannot read this check source"), message);
    }
}
