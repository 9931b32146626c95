package jgrad.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit class as the checks of one exercise notebook, {@code NAME.ipynb} in the notebook
 * directory ({@value Checks#NOTEBOOKS}). The notebook is run once for the class, and each test method
 * receives the {@link NotebookSession} as a parameter. Checks run in method-name order.
 *
 * <pre>{@code
 * @Exercise("00_warmup")
 * class WarmupChecks {
 *     @Test @Points(2)
 *     void task1Affine(NotebookSession nb) {
 *         assertEquals(7.0, nb.evalDouble("affine(Value.of(3), 2, 1).data()"), 1e-9, "affine(3, w=2, b=1) = 7");
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(NotebookExtension.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
public @interface Exercise {
    /** @return the notebook's name without ".ipynb", such as "00_warmup" */
    String value();
}
