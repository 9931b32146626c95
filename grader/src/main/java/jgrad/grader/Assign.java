package jgrad.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import jgrad.io.SafeFiles;

/**
 * Makes student notebooks from solution notebooks: {@link ClearSolutions} (solution regions become
 * {@code // YOUR CODE HERE} and the region's stub, Markdown answers "*Your answer here.*"), then
 * {@link ClearOutputs}, then {@link AddCellIds}.
 */
public final class Assign {

    /** The steps from a solution notebook to its student version. */
    static final NotebookStep STEPS = new ClearSolutions().then(new ClearOutputs()).then(new AddCellIds());

    private Assign() {
    }

    /**
     * The student version of a solution notebook, as file text (nbformat's formatting, final newline).
     *
     * @throws NotebookException when a solution region is not closed, naming the file and cell
     */
    public static String studentVersion(Notebook solution) {
        return STEPS.apply(solution).toJson();
    }

    /**
     * Writes {@code exercisesDir/NAME.ipynb} for every {@code solutionsDir/NAME.ipynb}, atomically.
     *
     * @return the files written
     */
    public static List<Path> generate(Path solutionsDir, Path exercisesDir) {
        List<Path> written = new ArrayList<>();
        for (Path solution : solutions(solutionsDir)) {
            Path target = exercisesDir.resolve(solution.getFileName().toString());
            try {
                SafeFiles.writeAtomically(target, studentVersion(Notebook.read(solution)));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            written.add(target);
        }
        return written;
    }

    /** @return one line per student notebook that is missing or differs from what generate would write */
    public static List<String> check(Path solutionsDir, Path exercisesDir) {
        List<String> problems = new ArrayList<>();
        for (Path solution : solutions(solutionsDir)) {
            Path target = exercisesDir.resolve(solution.getFileName().toString());
            String expected = studentVersion(Notebook.read(solution));
            try {
                if (!Files.exists(target)) {
                    problems.add(target + " is missing");
                } else if (!Files.readString(target, StandardCharsets.UTF_8).equals(expected)) {
                    problems.add(target + " differs from what " + solution + " generates");
                }
            } catch (IOException e) {
                problems.add(target + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    private static List<Path> solutions(Path solutionsDir) {
        if (!Files.isDirectory(solutionsDir)) {
            throw new NotebookException("no solutions folder: " + solutionsDir);
        }
        try (Stream<Path> files = Files.list(solutionsDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + solutionsDir + ": " + e.getMessage(), e);
        }
    }
}
