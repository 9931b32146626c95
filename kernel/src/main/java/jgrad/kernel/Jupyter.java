package jgrad.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finding the Jupyter installation from Java: programs on the PATH, the Python that has nbclient. */
public final class Jupyter {

    private Jupyter() {
    }

    /** @return the executable's absolute path if it is on the PATH */
    public static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path exe = Path.of(dir, name);
            if (!dir.isBlank() && Files.isExecutable(exe) && !Files.isDirectory(exe)) {
                return Optional.of(exe);
            }
        }
        return Optional.empty();
    }

    /** @return whether {@code command} exits 0 within 60 s (for "is jupyter nbconvert really there?") */
    public static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return a Python that can import nbclient and nbformat: the one that runs {@code jupyter} (its #!
     *         line), else python3 on the PATH
     */
    public static Optional<String> pythonWithNbclient() {
        List<String> candidates = new ArrayList<>();
        onPath("jupyter").ifPresent(jupyter -> {
            try (Stream<String> lines = Files.lines(jupyter)) {
                lines.findFirst().filter(l -> l.startsWith("#!")).map(l -> l.substring(2).strip().split("\\s+")[0])
                        .filter(python -> python.contains("python")).ifPresent(candidates::add);
            } catch (IOException | UncheckedIOException e) {
                // a binary launcher: try python3 below
            }
        });
        onPath("python3").ifPresent(python -> candidates.add(python.toString()));
        return candidates.stream().filter(python -> works(List.of(python, "-c", "import nbclient, nbformat"))).findFirst();
    }
}
