package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import jgrad.kernel.Jupyter;
import jgrad.kernel.KernelCommand;
import jgrad.kernel.KernelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./jgrad outputs}: re-executes notebooks in Jupyter with the current kernel and saves their
 * outputs. The work is kernel/src/main/python/refresh_outputs.py (nbclient, as Jupyter runs notebooks);
 * this installs the kernel into a temporary Jupyter folder, so the user's own kernelspec is neither used
 * nor touched, and runs the script with that folder on {@code JUPYTER_PATH}.
 */
@Command(name = "outputs", sortOptions = false, description = {
        "Maintainers: re-executes notebooks in Jupyter and saves their outputs.",
        "Each notebook runs top to bottom with a fresh \"Java (jgrad)\" kernel, the current one, installed into "
                + "a temporary folder (yours is neither used nor changed). A notebook with a failing cell is left "
                + "unchanged, and the command exits 1. Needs Jupyter's nbclient (Debian: apt-get install "
                + "jupyter-nbconvert python3-nbclient)."})
final class OutputsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NOTEBOOK", arity = "0..*",
            description = "the notebooks to refresh (default: notebooks/*.ipynb in the course folder)")
    List<Path> notebooks;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", converter = Values.PositiveInt.class,
            description = "longest a cell may run, whole seconds (default: ${DEFAULT-VALUE})")
    int timeout;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Path> chosen = notebooks != null ? notebooks : lectureNotebooks();
        String python = Jupyter.pythonWithNbclient().orElseThrow(() -> new IllegalStateException(
                "outputs needs Jupyter's nbclient: apt-get install jupyter-nbconvert python3-nbclient"
                        + " (Debian), or python3 -m pip install --user nbclient"));
        Path script = Course.home().resolve("kernel/src/main/python/refresh_outputs.py");
        Path jupyter = Files.createTempDirectory("jgrad-outputs-");
        Path kernels = KernelCommand.prefixKernelsDir(jupyter);
        try {
            KernelCommand.install(kernels, Course.kernelClasspath());
            List<String> command = new ArrayList<>(List.of(python, script.toString(), "--kernel", KernelSpec.NAME,
                    "--timeout", Integer.toString(timeout)));
            chosen.forEach(n -> command.add(n.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("JUPYTER_PATH", jupyter.resolve("share").resolve("jupyter").toString());
            return builder.start().waitFor();
        } finally {
            // The kernelspec was the only thing in the temporary folder: remove it, then the empty folders.
            KernelCommand.uninstall(kernels);
            for (Path dir = kernels; dir.startsWith(jupyter); dir = dir.getParent()) {
                Files.deleteIfExists(dir);
            }
        }
    }

    private static List<Path> lectureNotebooks() throws IOException {
        Path dir = Course.home().resolve("notebooks");
        List<Path> found;
        try (Stream<Path> files = Files.list(dir)) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no notebooks in " + dir);
        }
        return found;
    }
}
