package jgrad.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel JVM's class-data archive, made once per install so every kernel start maps the classes
 * JShell, javac and rapaio load instead of parsing and verifying them again (the kernel is ready
 * sooner after a notebook opens). Install runs the kernel once in a warm-up mode
 * ({@code KernelMain --warm-up}: JShell started with the course classpath, one snippet evaluated),
 * which writes:
 * <ul>
 *   <li>on Java 25+, an AOT cache ({@code -XX:AOTCacheOutput}, JEP 483/514: classes loaded and linked);
 *   <li>before, a dynamic CDS archive ({@code -XX:ArchiveClassesAtExit}).
 * </ul>
 * The kernel then starts with {@code -XX:AOTCache} or {@code -XX:SharedArchiveFile}. The archive
 * depends on the exact java and classpath, which is why it is made after the kernelspec is in place;
 * if making it fails the kernel starts without one (the JVM ignores a missing or stale archive).
 */
final class ClassDataArchive {

    /** The archive's file in the kernelspec folder. */
    static final String CDS_FILE = "kernel.jsa";
    static final String AOT_FILE = "kernel.aot";
    /** KernelMain's argument for the warm-up run (instead of a connection file). */
    static final String WARM_UP = "--warm-up";
    private static final long TIMEOUT_SECONDS = 120;

    private ClassDataArchive() {
    }

    /** The kernel JVM's options that use the archive. */
    static List<String> runOptions(Path specDir, int javaVersion) {
        return javaVersion >= 25
                ? List.of("-XX:AOTCache=" + specDir.resolve(AOT_FILE))
                : List.of("-XX:SharedArchiveFile=" + specDir.resolve(CDS_FILE), "-Xshare:auto");
    }

    /** The options of the warm-up run that writes the archive. */
    static List<String> createOptions(Path specDir, int javaVersion) {
        return javaVersion >= 25
                ? List.of("-XX:AOTCacheOutput=" + specDir.resolve(AOT_FILE))
                : List.of("-XX:ArchiveClassesAtExit=" + specDir.resolve(CDS_FILE));
    }

    /**
     * Runs the kernel's java command ({@code javaArgv}: the kernelspec's argv without the shell wrapper)
     * in warm-up mode to write the archive. Returns whether it was written; never fails the install.
     */
    static boolean create(Path specDir, List<String> javaArgv, Map<String, String> env) {
        int version = KernelSpec.javaFeatureVersion();
        List<String> command = new ArrayList<>();
        List<String> run = runOptions(specDir, version);
        for (String arg : javaArgv.subList(0, javaArgv.size() - 1)) { // the last is {connection_file}
            if (!run.contains(arg)) {
                command.add(arg);
            }
            if (arg.equals(javaArgv.get(0))) {
                command.addAll(createOptions(specDir, version));
            }
        }
        command.add(WARM_UP);
        Path log = specDir.resolve("archive.log");
        try {
            Files.deleteIfExists(specDir.resolve(CDS_FILE));
            Files.deleteIfExists(specDir.resolve(AOT_FILE));
            ProcessBuilder builder = new ProcessBuilder(command).directory(specDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0
                    && (Files.isRegularFile(specDir.resolve(CDS_FILE)) || Files.isRegularFile(specDir.resolve(AOT_FILE)));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
