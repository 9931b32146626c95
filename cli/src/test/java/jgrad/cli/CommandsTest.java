package jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands do what their help says (the ones that need no Jupyter and no notebook JVM). */
class CommandsTest {

    @TempDir
    Path tmp;

    @Test
    void kernelInstallWhereUninstall() {
        Path prefix = tmp.resolve("venv");
        Path spec = prefix.resolve("share/jupyter/kernels/jgrad").toAbsolutePath();
        assertEquals(new Run(0, spec + "\n", ""), Run.of("kernel", "where", "--prefix", prefix.toString()));
        Run install = Run.of("kernel", "install", "--prefix", prefix.toString(), "--classpath", "");
        assertEquals(new Run(0, "installed kernelspec 'jgrad' (\"Java (jgrad)\") in " + spec + "\n", ""), install);
        assertTrue(Files.isRegularFile(spec.resolve("kernel.json")));
        Path kernels = spec.getParent();
        assertEquals(new Run(0, "removed kernelspec 'jgrad' from " + kernels + "\n", ""),
                Run.of("kernel", "uninstall", "--kernels-dir", kernels.toString()));
        assertTrue(Files.notExists(spec));
    }

    @Test
    void assignWritesExercisesAndCheckComparesThem() throws IOException {
        Path exercises = tmp.resolve("exercises");
        Run assign = Run.of("assign", "--exercises", exercises.toString());
        assertEquals(0, assign.code(), assign.err());
        assertTrue(assign.out().startsWith("wrote " + exercises.resolve("00_warmup.ipynb")), assign.out());
        Run check = Run.of("assign", "--check", "--exercises", exercises.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        Files.writeString(exercises.resolve("00_warmup.ipynb"), "{}", StandardCharsets.UTF_8);
        Run stale = Run.of("assign", "--check", "--exercises", exercises.toString());
        assertEquals(1, stale.code(), stale.out());
        assertTrue(stale.out().contains("00_warmup.ipynb"), stale.out());
        assertTrue(stale.out().endsWith("run ./jgrad assign to regenerate the student notebooks\n"), stale.out());
    }

    @Test
    void assignRefusesANotebookSomeoneWorkedInUnlessForced() throws IOException {
        Path exercises = tmp.resolve("exercises");
        assertEquals(0, Run.of("assign", "--exercises", exercises.toString()).code());
        Path worked = exercises.resolve("04_xor.ipynb");
        Files.writeString(worked, Files.readString(worked).replace("// YOUR CODE HERE", "// my attempt"));
        Run refused = Run.of("assign", "--exercises", exercises.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertEquals(1, refused.errLines().size(), refused.err());
        assertTrue(refused.err().contains(worked.toString()) && refused.err().contains("./jgrad assign --force"), refused.err());
        assertTrue(Files.readString(worked).contains("// my attempt"));
        Run forced = Run.of("assign", "--force", "--exercises", exercises.toString());
        assertEquals(0, forced.code(), forced.err());
        assertEquals(0, Run.of("assign", "--check", "--exercises", exercises.toString()).code());
    }

    @Test
    void updateOutsideAStudentsRepositoryIsOneLine() {
        Run update = Run.of("update", "--from", "/nowhere");
        assertEquals(2, update.code(), update.out() + update.err());
        assertEquals(1, update.errLines().size(), update.err());
        assertTrue(update.err().startsWith("jgrad update: ") && update.err().contains("is not a students' repository"),
                update.err());
    }

    @Test
    void theCoursesExercisesAreUpToDate() {
        Run check = Run.of("assign", "--check");
        assertEquals(0, check.code(), check.out() + check.err());
    }

    @Test
    void kernelClasspathIsTheKernelsThenTheCourses() {
        String classpath = Course.kernelClasspath();
        List<String> entries = List.of(classpath.split(java.io.File.pathSeparator));
        assertTrue(entries.get(0).matches(".*kernel[/\\\\]target[/\\\\]jgrad-kernel-[^/\\\\]*\\.jar"), entries.get(0));
        assertTrue(entries.stream().anyMatch(e -> e.matches(".*grader[/\\\\]target[/\\\\]jgrad-grader-[^/\\\\]*\\.jar")),
                classpath);
        assertTrue(entries.get(entries.size() - 1).endsWith(Path.of("exercises", "target", "test-classes").toString()));
        assertTrue(entries.stream().noneMatch(e -> e.contains("picocli")), "notebooks do not need picocli: " + classpath);
    }

    /** bench restarts itself with the Vector API and must pass its arguments on: --list shows they arrive. */
    @Test
    void benchPassesItsArgumentsToTheVectorJvm() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Jgrad.class.getName(), "bench", "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("micrograd", out.lines().findFirst().orElse(""), out);
        assertTrue(out.lines().anyMatch("tinycnn"::equals), out);
    }

    /** --cell measures in fresh JVMs and prints the median of theirs with their range, which holds it. */
    @Test
    void cellMeasurementIsTheMedianOfFreshJvmsWithTheirRange() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Djgrad.vector=false", "-cp", System.getProperty("java.class.path"),
                Jgrad.class.getName(), "bench", "--cell", "--processes", "3", "matmul256").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Matcher line = Pattern.compile("matmul256 +([0-9.]+) ms +([0-9.]+) GFLOP/s  \\(3 JVMs: ([0-9.]+)–([0-9.]+) GFLOP/s\\)")
                .matcher(out.strip());
        assertTrue(line.matches(), out);
        double median = Double.parseDouble(line.group(2));
        assertTrue(Double.parseDouble(line.group(3)) <= median && median <= Double.parseDouble(line.group(4)), out);
    }
}
