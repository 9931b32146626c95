package jgrad.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The course folder ./jgrad runs in, and the classpaths its built modules make up. */
final class Course {

    /** System property: the course folder (set by ./jgrad); default paths are relative to it. */
    static final String HOME = "jgrad.home";

    private Course() {
    }

    /** @return the course folder: {@value #HOME}, else the current folder */
    static Path home() {
        return Path.of(System.getProperty(HOME, "."));
    }

    /**
     * What notebook cells in Jupyter can use, as the kernelspec copies it: the kernel's renderers and their
     * dependencies, then the course classpath (the grader with the library, and the compiled exercise
     * checks, so that a {@code grade(...)} cell works). Outside the course folder ({@value #HOME} unset) and in a students' repository:
     * this JVM's class path.
     */
    static String kernelClasspath() {
        if (System.getProperty(HOME) == null || isStudentRepository(home())) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>(moduleClasspath(home(), "kernel"));
        entries.addAll(moduleClasspath(home(), "grader"));
        entries.add(home().resolve("exercises").resolve("target").resolve("test-classes").toString());
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Whether a folder is a students' repository made by {@code ./jgrad release}: the course's jars come from
     * its own Maven repository, and ./jgrad runs with the whole classpath that notebooks see.
     */
    static boolean isStudentRepository(Path home) {
        return Files.isDirectory(home.resolve(".jgrad").resolve("repository"));
    }

    /** A built module's runtime classpath: its jar, then the entries of its target/classpath.txt. */
    static List<String> moduleClasspath(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        String prefix = "jgrad-" + module + "-";
        List<String> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(target)) {
            files.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar") && !n.endsWith("-tests.jar"))
                    .sorted().findFirst().ifPresent(jar -> entries.add(target.resolve(jar).toString()));
            if (entries.isEmpty()) {
                throw new IllegalStateException("no " + prefix + "*.jar in " + target + ": is the course built?"
                        + " (./jgrad builds it; by hand: ./mvnw -DskipTests package)");
            }
            String listed = Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).strip();
            for (String entry : listed.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + module + " module's build in " + target
                    + " (" + e.getMessage() + "): is the course built?", e);
        }
        return entries;
    }
}
