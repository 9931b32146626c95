package jgrad.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The checks' JVM's class-data archive for one class run: every student's checks' JVM loads the same few
 * thousand classes (javac, JShell, JDI, JUnit, the checks), so they are parsed and verified once, in a
 * warm-up run ({@code StudentRun --warm-up}: a notebook session with a few cells, then every check on an
 * empty folder), and mapped from the archive by every student's JVM after that (measured: about 4 s of CPU
 * less per student, of 31 s). The warm-up runs in the same sandbox layout as a student (the archive records
 * the classpath as the sandbox shows it) but with no student's file in it, so no submission can shape the
 * archive. It is a dynamic CDS archive on every JDK (13+): Java 25's AOT cache (JEP 483/515) is written by a
 * child JVM that reserves 3 GiB of address space for symbols, more than a sandboxed JVM may have. When it
 * cannot be made, students are graded without one: the archive changes how fast, never what is graded.
 */
final class ChecksArchive {

    static final String CDS_FILE = "checks.jsa";
    /** The warm-up run's bound; it takes about 5 s. */
    private static final long TIMEOUT_SECONDS = 120;

    private ChecksArchive() {
    }

    /** The options that make the warm-up JVM write the archive into {@code dir} (a path as the JVM sees it). */
    static List<String> createOptions(String dir) {
        return List.of("-XX:ArchiveClassesAtExit=" + dir + "/" + CDS_FILE);
    }

    /** The options that map the archive staged in {@code dir} (a path as the JVM sees it). */
    static List<String> runOptions(String dir) {
        return List.of("-XX:SharedArchiveFile=" + dir + "/" + CDS_FILE, "-Xshare:auto");
    }

    /**
     * Runs the warm-up and moves the archive into the stage's check folder.
     *
     * @param stage   the run's staged files; the archive goes into its {@code checks} folder
     * @param warmUp  an empty folder for the warm-up's working copy (writable by slot 0's uid)
     * @param command the sandboxed command for a working copy and the checks' JVM's options and arguments
     * @return the options that map the archive, or empty when none could be made
     */
    static Optional<List<String>> make(Sandbox.Stage stage, Path warmUp, Function<List<String>, List<String>> command) {
        try {
            Process process = new ProcessBuilder(command.apply(createOptions(Sandbox.WORK)))
                    .directory(warmUp.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Path made = warmUp.resolve(CDS_FILE);
            if (process.exitValue() != 0 || !Files.isRegularFile(made) || Files.isSymbolicLink(made)) {
                return Optional.empty();
            }
            Path staged = stage.dir().resolve("checks").resolve(CDS_FILE);
            Files.move(made, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("r--r--r--"));
            return Optional.of(runOptions(Sandbox.CHECKS_DIR));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
