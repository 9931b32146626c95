package jgrad.grader;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The "course classpath": what a notebook sees (the jgrad library and its dependencies, the grader,
 * JUnit). Resolved, first match wins, from:
 * <ol>
 *   <li>the system property {@value #PROPERTY} (entries separated by the platform's path separator),
 *   <li>the environment variable {@value #ENV},
 *   <li>the Maven build: the grader's own jar or classes folder plus {@code grader/target/classpath.txt}
 *       (written by the grader build and by {@code ./jgrad}),
 *   <li>this JVM's {@code java.class.path}.
 * </ol>
 */
public final class CourseClasspath {

    /** System property overriding the course classpath; the kernel sets it to reuse the same list. */
    public static final String PROPERTY = "jgrad.classpath";
    /** Environment variable overriding the course classpath when the property is not set. */
    public static final String ENV = "JGRAD_CLASSPATH";

    private CourseClasspath() {
    }

    /** @return the course classpath entries, in order, without duplicates */
    public static List<String> resolve() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return split(property);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return split(env);
        }
        List<String> fromBuild = fromMavenBuild();
        if (!fromBuild.isEmpty()) {
            return fromBuild;
        }
        return split(System.getProperty("java.class.path", ""));
    }

    /** @return the entries joined with the platform's path separator */
    public static String joined(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }

    static List<String> split(String classpath) {
        LinkedHashSet<String> entries = new LinkedHashSet<>();
        Arrays.stream(classpath.split(File.pathSeparator)).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(entries::add);
        return List.copyOf(entries);
    }

    /** The grader's code source plus the classpath.txt in its target folder, if both are there. */
    private static List<String> fromMavenBuild() {
        Path self;
        try {
            var source = CourseClasspath.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return List.of();
            }
            self = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return List.of();
        }
        // grader/target/classes or grader/target/jgrad-grader-VERSION.jar: both sit in target/.
        Path listing = self.getParent() == null ? null : self.getParent().resolve("classpath.txt");
        if (listing == null || !Files.isRegularFile(listing)) {
            return List.of();
        }
        try {
            List<String> entries = new ArrayList<>();
            entries.add(self.toString());
            entries.addAll(split(Files.readString(listing, StandardCharsets.UTF_8).strip()));
            return List.copyOf(new LinkedHashSet<>(entries));
        } catch (IOException e) {
            return List.of();
        }
    }
}
