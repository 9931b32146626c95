package jgrad.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** What assign wrote last, in the exercises folder: {@code sha256sum}'s format, one line per notebook. */
    public static final String RECORD = ".assign.sha256";

    /** {@link #generate(Path, Path, boolean)} without --force: a notebook someone worked in is refused. */
    public static List<Path> generate(Path solutionsDir, Path exercisesDir) {
        return generate(solutionsDir, exercisesDir, false);
    }

    /**
     * Writes {@code exercisesDir/NAME.ipynb} for every {@code solutionsDir/NAME.ipynb}, atomically, and records
     * their hashes in {@link #RECORD}. An existing notebook is overwritten only when it is what assign wrote
     * last (its hash is the recorded one) or what it would write now; any other (someone worked in it) is
     * refused, and then nothing is written, unless {@code force}.
     *
     * @return the files written
     * @throws NotebookException naming the notebooks that would be overwritten, and --force
     */
    public static List<Path> generate(Path solutionsDir, Path exercisesDir, boolean force) {
        Map<String, String> recorded = readRecord(exercisesDir);
        Map<Path, String> versions = new LinkedHashMap<>();
        List<String> workedIn = new ArrayList<>();
        for (Path solution : solutions(solutionsDir)) {
            Path target = exercisesDir.resolve(solution.getFileName().toString());
            String version = studentVersion(Notebook.read(solution));
            versions.put(target, version);
            if (!force && wasChanged(target, version, recorded.get(target.getFileName().toString()))) {
                workedIn.add(target.toString());
            }
        }
        if (!workedIn.isEmpty()) {
            throw new NotebookException("assign wrote nothing: " + String.join(", ", workedIn)
                    + (workedIn.size() == 1 ? " is" : " are") + " not what assign generated last (someone worked in it);"
                    + " move it away, or run ./jgrad assign --force to overwrite it");
        }
        try {
            for (Map.Entry<Path, String> version : versions.entrySet()) {
                SafeFiles.writeAtomically(version.getKey(), version.getValue());
                recorded.put(version.getKey().getFileName().toString(), sha256(version.getValue()));
            }
            StringBuilder record = new StringBuilder();
            recorded.forEach((name, hash) -> record.append(hash).append("  ").append(name).append('\n'));
            SafeFiles.writeAtomically(exercisesDir.resolve(RECORD), record.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return new ArrayList<>(versions.keySet());
    }

    /** Whether an existing notebook is neither what assign would write now nor what it wrote last. */
    private static boolean wasChanged(Path target, String version, String recordedHash) {
        if (!Files.exists(target)) {
            return false;
        }
        try {
            String current = Files.readString(target, StandardCharsets.UTF_8);
            return !current.equals(version) && !sha256(current).equals(recordedHash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readRecord(Path exercisesDir) {
        Map<String, String> hashes = new TreeMap<>();
        Path file = exercisesDir.resolve(RECORD);
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.length() > 66 && line.startsWith("  ", 64)) {
                        hashes.put(line.substring(66), line.substring(0, 64));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return hashes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
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
