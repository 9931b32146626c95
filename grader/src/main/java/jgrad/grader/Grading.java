package jgrad.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a notebook's last cell calls: {@code grade("00_warmup")}. Import it with
 * {@code import static jgrad.grader.Grading.*;}.
 */
public final class Grading {

    private Grading() {
    }

    /**
     * Runs the exercise's checks on the saved notebook and returns the score table (HTML in Jupyter,
     * text elsewhere). The notebook is {@code NAME.ipynb} in the folder given by the system property
     * {@value Checks#NOTEBOOKS}, else the current directory when it holds the notebook (Jupyter starts
     * the kernel in the notebook's folder), else {@code exercises/}. Inside a notebook that the grader
     * itself is running, it does nothing and says so.
     *
     * @param exercise the notebook's name without ".ipynb"
     * @return the score table
     */
    public static GradeReport grade(String exercise) {
        if (Boolean.getBoolean(NotebookSession.GRADING_PROPERTY)) {
            return GradeReport.skipped(exercise, "grade(\"" + exercise + "\") skipped: this notebook is being run "
                    + "by the jgrad runner or grader, which scores it with ./jgrad grade");
        }
        Path dir = notebookDirectory(exercise);
        return Checks.runExercise(exercise, dir, Map.of());
    }

    /** The folder grade(...) reads: property, else the current directory if it has the notebook, else exercises/. */
    static Path notebookDirectory(String exercise) {
        String property = System.getProperty(Checks.NOTEBOOKS);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path here = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(here.resolve(exercise + ".ipynb"))) {
            return here;
        }
        return Path.of(Checks.DEFAULT_NOTEBOOKS);
    }
}
