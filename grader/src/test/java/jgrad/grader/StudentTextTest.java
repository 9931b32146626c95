package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The message cleaners: what JShell and the checks call things becomes what the student wrote. */
class StudentTextTest {

    @Test
    void checkHelpersAreNamedWithoutTheirPrefix() {
        assertEquals("`train(model(0), X(), Y(), 0.4, 5)` threw UnsupportedOperationException",
                StudentText.clean("`train(check$model(0), check$X(), check$Y(), 0.4, 5)` threw UnsupportedOperationException"));
    }

    @Test
    void jshellWrapperClassesDisappear() {
        assertEquals("cannot cast Scalar to Value", StudentText.clean("cannot cast REPL.$JShell$12$Scalar to Value"));
        assertEquals("in Scalar.exp", StudentText.clean("in $JShell$22B$Scalar.exp"));
        assertEquals("class Net", StudentText.clean("class REPL.$JShell$7.Net"));
    }

    @Test
    void lambdasAreNamedByTheMethodTheyAreIn() {
        assertEquals("not done yet: the backward rule of exp in a lambda in exp(...)",
                StudentText.clean("not done yet: the backward rule of exp in lambda$exp$5(...)"));
        assertEquals("a lambda in a constructor", StudentText.methodName("lambda$new$0"));
        assertEquals("a lambda in a static initialiser", StudentText.methodName("lambda$static$3"));
        assertEquals("mse", StudentText.methodName("mse"));
    }

    @Test
    void snippetFramesNameTheMethodAndItsCellLine() {
        assertEquals("at line 1 of its cell", StudentText.clean("at .(#28:1)"));
        assertEquals("at Scalar.exp (line 3 of its cell)", StudentText.clean("at Scalar.exp(#28:3)"));
        assertEquals("at a lambda in exp (line 3 of its cell)", StudentText.clean("at REPL.$JShell$9$Scalar.lambda$exp$5(#28:3)"));
        assertEquals("at the cell", StudentText.clean("at do_it$()"));
        String cleaned = StudentText.clean("boom\n\tat .(#28:1)\n\tat Scalar.f(#30:2)");
        assertFalse(cleaned.matches("(?s).*#\\d+:.*"), cleaned);
    }

    @Test
    void textWithoutInternalNamesIsUnchanged() {
        for (String text : List.of("forward(4, 1.0) should be w·x = 4.0", "costs $5 and $6", "", "price: 12#3")) {
            assertEquals(text, StudentText.clean(text));
        }
    }

    @Test
    void htmlEscapesDollarsSoMathJaxLeavesThemAlone() {
        assertEquals("a &lt; b, &#36;x&#36; &amp; y", StudentText.html("a < b, $x$ & y"));
    }

    @Test
    void scoreTableHtmlHasNoDollarAndSkipsMathJax() {
        GradeReport report = new GradeReport("04_xor", List.of(new CheckResult("04_xor", "ex4", 0, 2,
                "`train(m$a, m$b)` threw")), List.of("In [3]: costs $1 and $2"));
        String html = report.toHtml();
        assertFalse(html.contains("$"), html);
        assertTrue(html.contains("tex2jax_ignore") && html.contains("mathjax_ignore"), html);
        assertTrue(html.contains("train(m&#36;a, m&#36;b)"), html);
    }

    @Test
    void cellLabelsFollowJupyter() {
        assertEquals("In [7]", CellResult.label(3, 7L, "double f() {}"));
        assertEquals("code cell 3 \"// Exercise 1: forward\"", CellResult.label(3, null, "\n// Exercise 1: forward\nint x;"));
        assertEquals("code cell 2", CellResult.label(2, null, "   "));
        String longLine = "x".repeat(80);
        assertEquals("code cell 1 \"" + "x".repeat(47) + "...\"", CellResult.label(1, null, longLine));
    }
}
