package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.grader.Checks;
import jgrad.grader.Exercise;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * The README's course table says, for each exercise, how many checks it has and what they are worth (hidden
 * checks included): the table must follow the check classes, and every exercise with checks must have a row.
 */
class CourseTableTest {

    private static final Path ROOT = Path.of(System.getProperty("jgrad.courseRoot", "..")).toAbsolutePath().normalize();
    /** A row: | NN | topic | lecture | [exercises/NAME.ipynb](...) | checks | points | */
    private static final Pattern ROW = Pattern.compile(
            "^\\| \\d\\d \\|.*\\| \\[exercises/([\\w-]+)\\.ipynb\\]\\([^)]*\\) \\| (\\d+) \\| (\\d+) \\|$");

    @Test
    void everyExerciseHasARowWithItsChecksAndPoints() throws IOException {
        Map<String, String> inReadme = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                inReadme.put(row.group(1), row.group(2) + " checks, " + row.group(3) + " points");
            }
        }
        Map<String, String> inChecks = new LinkedHashMap<>();
        for (Class<?> checks : Checks.exerciseClasses()) {
            Method[] graded = Arrays.stream(checks.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Points.class)).toArray(Method[]::new);
            int points = Arrays.stream(graded).mapToInt(m -> m.getAnnotation(Points.class).value()).sum();
            inChecks.merge(checks.getAnnotation(Exercise.class).value(), graded.length + " checks, " + points + " points",
                    (a, b) -> a + " + " + b);
        }
        assertEquals(inChecks, inReadme, "README.md's course table (| checks | points |, hidden checks included)");
    }
}
