package jgrad.grader.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/** Checks of the grader's own sample exercise, hello.ipynb (5 points). */
@Exercise("hello")
class HelloChecks {

    @Test
    @Points(1)
    void answerIs42(NotebookSession nb) {
        assertEquals(42, nb.evalInt("answer()"), "answer() should return 42");
    }

    @Test
    @Points(1)
    void greetGreets(NotebookSession nb) {
        assertEquals("Hello, Ada!", nb.evalString("greet(\"Ada\")"), "greet(\"Ada\") should be \"Hello, Ada!\"");
    }

    @Test
    @Points(1)
    void squareValue(NotebookSession nb) {
        assertEquals(9.0, nb.evalDouble("square(Value.of(3)).data()"), 1e-12, "square(3) should be 9");
    }

    @Test
    @Points(2)
    void squareGradient(NotebookSession nb) {
        assertEquals(6.0, nb.evalDouble("gradOfSquareAt(3)"), 1e-12, "d(x*x)/dx at x = 3 should be 6");
    }
}
