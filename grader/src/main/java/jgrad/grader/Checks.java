package jgrad.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import jgrad.io.SafeFiles;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Finds the {@link Exercise} check classes and runs them with the JUnit Platform Launcher on a folder of
 * notebooks, turning the results into a {@link GradeReport}. This is the one engine behind
 * {@code grade(...)} in a notebook, {@code ./jgrad grade} and the build's own checks.
 */
public final class Checks {

    /** Configuration parameter / system property: the folder holding the NAME.ipynb notebooks. */
    public static final String NOTEBOOKS = "jgrad.notebooks";
    /** The notebook folder when {@value #NOTEBOOKS} is not set: the student notebooks. */
    public static final String DEFAULT_NOTEBOOKS = "exercises";
    /** System property: comma-separated packages searched for {@link Exercise} classes. */
    public static final String PACKAGES = "jgrad.checkPackages";
    /** The packages searched when {@value #PACKAGES} is not set. */
    public static final String DEFAULT_PACKAGES = "jgrad.exercises";

    private Checks() {
    }

    /** @return the {@link Exercise} classes on the classpath, ordered by exercise name */
    public static List<Class<?>> exerciseClasses() {
        ClassLoader loader = Checks.class.getClassLoader();
        return withContextLoader(loader, () -> {
            List<Class<?>> found = new ArrayList<>();
            for (String pkg : System.getProperty(PACKAGES, DEFAULT_PACKAGES).split(",")) {
                if (!pkg.isBlank()) {
                    found.addAll(ReflectionSupport.findAllClassesInPackage(pkg.strip(),
                            c -> c.isAnnotationPresent(Exercise.class), name -> true));
                }
            }
            found.sort(Comparator.comparing((Class<?> c) -> c.getAnnotation(Exercise.class).value())
                    .thenComparing(Class::getName));
            return found;
        });
    }

    /** @return the names of the exercises that have checks, in order */
    public static List<String> exerciseNames() {
        return exerciseClasses().stream().map(c -> c.getAnnotation(Exercise.class).value()).distinct().toList();
    }

    /** @return the check class of an exercise, if one is on the classpath */
    public static Optional<Class<?>> exerciseClass(String exercise) {
        return exerciseClasses().stream().filter(c -> c.getAnnotation(Exercise.class).value().equals(exercise))
                .findFirst();
    }

    /**
     * Runs one exercise's checks on {@code notebookDir/EXERCISE.ipynb}.
     *
     * @param config extra configuration parameters, such as {@code jgrad.cellTimeout}
     * @throws IllegalArgumentException when no check class has {@code @Exercise(exercise)}, listing those that exist
     */
    public static GradeReport runExercise(String exercise, Path notebookDir, Map<String, String> config) {
        Class<?> checks = exerciseClass(exercise).orElseThrow(() -> new IllegalArgumentException(
                "no checks for exercise '" + exercise + "': known exercises are " + exerciseNames()
                        + " (check classes are @Exercise classes in " + System.getProperty(PACKAGES, DEFAULT_PACKAGES)
                        + ", on the classpath)"));
        return run(exercise, List.of(checks), notebookDir, config);
    }

    /** Runs every exercise's checks on the notebooks in {@code notebookDir}. */
    public static GradeReport runAll(Path notebookDir, Map<String, String> config) {
        return run(notebookDir.toString(), exerciseClasses(), notebookDir, config);
    }

    /** Runs the given check classes on the notebooks in {@code notebookDir}. */
    public static GradeReport run(String title, List<Class<?>> classes, Path notebookDir, Map<String, String> config) {
        ClassLoader loader = Checks.class.getClassLoader();
        return withContextLoader(loader, () -> {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(classes.stream().map(DiscoverySelectors::selectClass).toList())
                    .configurationParameter(NOTEBOOKS, notebookDir.toString())
                    // Checks must not pick up the caller's build settings (parallelism, listeners).
                    .configurationParameter("junit.jupiter.execution.parallel.enabled", "false");
            config.forEach(request::configurationParameter);
            LauncherDiscoveryRequest discovery = request.build();
            ScoreCollector collector = new ScoreCollector();
            LauncherFactory.create().execute(discovery, collector);
            return withHiddenPoints(collector.report(title, classes));
        });
    }

    /** The resource a students' repository holds: points of the checks left out of it, per exercise. */
    public static final String HIDDEN_POINTS = "jgrad/hidden-points.properties";

    /**
     * In a students' repository ({@value #HIDDEN_POINTS} on the classpath), a note per exercise with hidden
     * checks: "public checks 8/10; 4 more points are checked when your work is graded".
     */
    static GradeReport withHiddenPoints(GradeReport report) {
        Properties hidden = new Properties();
        try (InputStream in = Checks.class.getClassLoader().getResourceAsStream(HIDDEN_POINTS)) {
            if (in == null) {
                return report;
            }
            hidden.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return report;
        }
        List<String> notes = new ArrayList<>(report.notes());
        Map<String, Integer> earned = report.totalsByExercise();
        for (String exercise : earned.keySet()) {
            String points = hidden.getProperty(exercise);
            if (points != null && points.strip().matches("[1-9][0-9]*")) {
                int max = report.checks().stream().filter(c -> c.exercise().equals(exercise))
                        .mapToInt(CheckResult::max).sum();
                notes.add(exercise + ": public checks " + earned.get(exercise) + "/" + max + "; " + points.strip()
                        + " more points are checked when your work is graded");
            }
        }
        return new GradeReport(report.title(), report.checks(), notes);
    }

    /** Writes {@code grades.json} and {@code grades.md} (the Markdown score table) into {@code dir}, atomically. */
    public static void writeGrades(Path dir, GradeReport report) {
        report.writeJson(dir.resolve("grades.json"));
        try {
            SafeFiles.writeAtomically(dir.resolve("grades.md"), "# Grades: " + report.title() + "\n\n"
                    + report.toMarkdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private interface Action<T> {
        T run();
    }

    /** In a kernel, classes live in JShell's loader: JUnit must search there, not in the system loader. */
    private static <T> T withContextLoader(ClassLoader loader, Action<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Collects check results, failing cells and container failures from the launcher's events. Every
     * message goes through {@link StudentText#clean}, so the table names what the student wrote.
     */
    private static final class ScoreCollector implements TestExecutionListener {
        private final Map<Method, CheckResult> results = new ConcurrentHashMap<>();
        private final Map<Class<?>, List<String>> notes = new ConcurrentHashMap<>();
        private final Map<Class<?>, String> containerFailures = new ConcurrentHashMap<>();

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            var source = id.getSource().orElse(null);
            if (id.isTest() && source instanceof MethodSource) {
                Method method = ((MethodSource) source).getJavaMethod();
                Class<?> type = ((MethodSource) source).getJavaClass();
                Points points = method.getAnnotation(Points.class);
                int max = points == null ? 0 : points.value();
                boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String message = ok ? "" : StudentText.clean(messageOf(type, result));
                results.put(method, new CheckResult(exerciseOf(type), method.getName(), ok ? max : 0, max, message));
            } else if (source instanceof ClassSource && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                Class<?> type = ((ClassSource) source).getJavaClass();
                containerFailures.put(type, StudentText.clean(messageOf(type, result)));
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            var source = id.getSource().orElse(null);
            if (source instanceof ClassSource) {
                containerFailures.put(((ClassSource) source).getJavaClass(), "skipped: " + reason);
            }
        }

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            String note = entry.getKeyValuePairs().get(NotebookExtension.CELL_ENTRY);
            var source = id.getSource().orElse(null);
            if (note != null && source instanceof ClassSource) {
                notes.computeIfAbsent(((ClassSource) source).getJavaClass(), c -> new ArrayList<>()).add(StudentText.clean(note));
            }
        }

        GradeReport report(String title, List<Class<?>> classes) {
            List<CheckResult> rows = new ArrayList<>();
            List<String> allNotes = new ArrayList<>();
            for (Class<?> type : classes) {
                String exercise = exerciseOf(type);
                Method[] methods = type.getDeclaredMethods();
                Arrays.sort(methods, Comparator.comparing(Method::getName));
                for (Method method : methods) {
                    Points points = method.getAnnotation(Points.class);
                    CheckResult done = results.get(method);
                    if (done != null) {
                        rows.add(done);
                    } else if (points != null) {
                        String why = containerFailures.getOrDefault(type, "the check did not run");
                        rows.add(new CheckResult(exercise, method.getName(), 0, points.value(), "not run: " + why));
                    }
                }
                String prefix = classes.size() > 1 ? exercise + ": " : "";
                notes.getOrDefault(type, List.of()).forEach(n -> allNotes.add(prefix + n));
            }
            return new GradeReport(title, rows, allNotes);
        }

        private static String exerciseOf(Class<?> type) {
            Exercise exercise = type.getAnnotation(Exercise.class);
            return exercise == null ? type.getSimpleName() : exercise.value();
        }

        /** Why a check class could not initialise, for its later checks (the JVM then says only "Could not initialize"). */
        private final Map<Class<?>, String> initFailures = new ConcurrentHashMap<>();

        private String messageOf(Class<?> type, TestExecutionResult result) {
            Throwable thrown = result.getThrowable().orElse(null);
            if (thrown == null) {
                return result.getStatus().toString().toLowerCase();
            }
            if (thrown instanceof ExceptionInInitializerError && thrown.getCause() != null) {
                Throwable cause = thrown.getCause();
                String why = "the checks could not start: " + (cause.getMessage() == null
                        ? cause.getClass().getSimpleName() : cause.getMessage());
                initFailures.put(type, why);
                return why;
            }
            if (thrown instanceof NoClassDefFoundError && initFailures.containsKey(type)
                    && String.valueOf(thrown.getMessage()).startsWith("Could not initialize class")) {
                return initFailures.get(type);
            }
            String message = thrown.getMessage();
            if (message == null || message.isBlank()) {
                return thrown.getClass().getSimpleName();
            }
            return message.length() > 600 ? message.substring(0, 600) + "..." : message;
        }
    }
}
