package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jgrad.io.SafeFiles;

/**
 * What the Jupyter tests share: finding programs, skipping (or failing under
 * {@code -Djgrad.requireJupyter=true}) when they are absent, and a private Jupyter home in target/
 * holding a freshly installed jgrad kernelspec, so no test ever touches the user's own Jupyter; and
 * reading the cells of an executed notebook.
 */
final class JupyterSupport {

    static final boolean REQUIRED = Boolean.getBoolean("jgrad.requireJupyter");

    private JupyterSupport() {
    }

    /** Skips the test with {@code why}, or fails it when Jupyter is required. */
    static void need(boolean present, String why) {
        if (!present) {
            if (REQUIRED) {
                fail(why + " (-Djgrad.requireJupyter=true: this must run here)");
            }
            System.out.println("SKIPPED: " + why + " (run .ci/run or ./jgrad lab to install it)");
            Assumptions.abort(why);
        }
    }

    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** The executable's absolute path if it is on the PATH. */
    static Optional<Path> onPath(String name) {
        return Jupyter.onPath(name);
    }

    /** Whether {@code command} exits 0 within 60 s (for "is jupyter nbconvert really there?"). */
    static boolean works(List<String> command) {
        return Jupyter.works(command);
    }

    /** Installs the packaged kernel jar plus its runtime classpath as the jgrad kernelspec under {@code home}. */
    static Path installKernel(Path home) throws IOException {
        return installKernel(home, List.of());
    }

    /**
     * The course part of the kernel's classpath, as {@code ./jgrad kernel install} builds it: the grader
     * (jar or classes) with its runtime classpath, and the compiled exercise checks.
     */
    static List<Path> courseClasspath() throws IOException {
        Path root = moduleDir().getParent();
        Path graderTarget = root.resolve("grader/target");
        List<Path> entries = new ArrayList<>();
        try (var files = Files.list(graderTarget)) {
            files.filter(p -> p.getFileName().toString().matches("jgrad-grader-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-tests.jar")).forEach(entries::add);
        }
        if (entries.isEmpty()) {
            entries.add(graderTarget.resolve("classes"));
        }
        entries.addAll(KernelCommand.classpathEntries(
                Files.readString(graderTarget.resolve("classpath.txt"), StandardCharsets.UTF_8).trim()));
        entries.add(root.resolve("exercises/target/test-classes"));
        for (Path entry : List.of(entries.get(0), entries.get(entries.size() - 1))) {
            if (!Files.exists(entry)) {
                fail("missing " + entry + ": build the grader and exercises modules first (./mvnw -pl kernel -am verify)");
            }
        }
        return entries;
    }

    /** A Python that has nbclient: the one running {@code jupyter}, else python3 on the PATH. */
    static Optional<String> pythonWithNbclient() {
        return Jupyter.pythonWithNbclient();
    }

    /** Installs the kernel with {@code extra} classpath entries after the kernel module's own. */
    static Path installKernel(Path home, List<Path> extra) throws IOException {
        Path target = moduleDir().resolve("target");
        List<Path> classpath = new ArrayList<>();
        try (var jars = Files.list(target)) {
            jars.filter(p -> p.getFileName().toString().matches("jgrad-kernel-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-tests.jar")).forEach(classpath::add);
        }
        if (classpath.isEmpty()) {
            fail("no jgrad-kernel jar in " + target + ": run the integration tests through Maven (they need `package`)");
        }
        classpath.addAll(KernelCommand.classpathEntries(
                Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).trim()));
        classpath.addAll(extra);
        SafeFiles.deleteRecursively(home);
        return KernelSpec.install(home.resolve("data/kernels"), classpath);
    }

    /** Environment that points Jupyter at {@code home} only: data, config and runtime folders. */
    static Map<String, String> env(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
        env.put("JUPYTER_PATH", home.resolve("data").toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("IPYTHONDIR", home.resolve("ipython").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        return env;
    }

    /** Runs a command to completion with a time limit; returns its exit code, output in {@code log}. */
    static int run(List<String> command, Path workDir, Map<String, String> env, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            stop(process);
            fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n" + tail(log));
        }
        return process.exitValue();
    }

    /** Stops a process and everything it started (a notebook server's kernels, chromium's helpers). */
    static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroy();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A cell's source as one string (nbformat stores it as a string or a list of lines). */
    static String source(JsonObject cell) {
        return join(cell.get("source"));
    }

    /** The cell's rich output of the given MIME type (display_data or execute_result). */
    static String output(JsonObject cell, String mime) {
        for (JsonElement o : cell.getAsJsonArray("outputs")) {
            JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
            if (data != null && data.has(mime)) {
                return join(data.get(mime));
            }
        }
        throw new AssertionError("no " + mime + " output in the cell\n" + source(cell) + "\noutputs: " + cell.get("outputs"));
    }

    /** nbformat text: a string or a list of lines. */
    static String join(JsonElement text) {
        if (text.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            text.getAsJsonArray().forEach(e -> s.append(e.getAsString()));
            return s.toString();
        }
        return text.getAsString();
    }
}
