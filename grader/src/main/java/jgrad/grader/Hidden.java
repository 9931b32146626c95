package jgrad.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check students do not get: {@code ./jgrad release} leaves it out of the student repository (the method, or
 * the whole class when the class is marked), and it runs only when the instructor grades. Write it beside
 * {@link Points}, on other inputs than the notebook's own, so that an answer hard-coded to the notebook's
 * numbers fails it. In the student repository, {@code grade(...)} says how many points such checks are worth.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Hidden {
}
