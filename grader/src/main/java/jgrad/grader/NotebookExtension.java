package jgrad.grader;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link Exercise} class's notebook once, before its checks, and hands the session to them.
 * A notebook that is missing or malformed makes every check fail with that message (rather than
 * failing the class, which would hide the checks from the score table). Cell failures are published
 * as report entries so the score table can list them.
 */
public final class NotebookExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** Report-entry key under which each failing cell (and each note) is published. */
    public static final String CELL_ENTRY = "jgrad.cell";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NotebookExtension.class);

    /** What running the notebook gave: a session or the reason there is none. */
    private static final class Loaded implements AutoCloseable {
        final NotebookSession session;
        final RuntimeException problem;

        Loaded(NotebookSession session, RuntimeException problem) {
            this.session = session;
            this.problem = problem;
        }

        @Override
        public void close() {
            if (session != null) {
                session.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> checks = context.getRequiredTestClass();
        Exercise exercise = checks.getAnnotation(Exercise.class);
        if (exercise == null) {
            throw new IllegalStateException(checks.getName() + " uses NotebookExtension without @Exercise(\"NAME\")");
        }
        Path notebook = notebookDirectory(context).resolve(exercise.value() + ".ipynb");
        Loaded loaded;
        try {
            NotebookSession session = NotebookSession.run(notebook, options(context));
            loaded = new Loaded(session, null);
            // Cells not run after the JVM ended add nothing: the cell that ended it says so.
            session.failures().stream().filter(cell -> cell.status() != CellResult.Status.NOT_RUN)
                    .forEach(cell -> context.publishReportEntry(CELL_ENTRY, cell.describe()));
            session.notes().forEach(note -> context.publishReportEntry(CELL_ENTRY, note));
        } catch (NotebookException e) {
            loaded = new Loaded(null, e);
            context.publishReportEntry(CELL_ENTRY, e.getMessage());
        } catch (RuntimeException e) {
            loaded = new Loaded(null, new EvalException("the notebook " + notebook + " could not be run: " + e));
            context.publishReportEntry(CELL_ENTRY, loaded.problem.getMessage());
        }
        context.getStore(NAMESPACE).put(Loaded.class, loaded);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Loaded loaded = loaded(context);
        if (loaded.problem != null) {
            throw loaded.problem;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NotebookSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return loaded(context).session;
    }

    private static Loaded loaded(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Loaded.class, Loaded.class);
    }

    /** The notebook directory: configuration parameter or system property {@value Checks#NOTEBOOKS}, else exercises/. */
    static Path notebookDirectory(ExtensionContext context) {
        return Path.of(context.getConfigurationParameter(Checks.NOTEBOOKS).orElse(Checks.DEFAULT_NOTEBOOKS));
    }

    private static NotebookSession.Options options(ExtensionContext context) {
        NotebookSession.Options options = NotebookSession.Options.defaults().forChecks();
        var timeout = context.getConfigurationParameter(NotebookSession.CELL_TIMEOUT_PROPERTY);
        if (timeout.isPresent()) {
            options = options.withCellTimeout(Duration.ofMillis((long) (Double.parseDouble(timeout.get()) * 1000)));
        }
        var heap = context.getConfigurationParameter(NotebookSession.MAX_HEAP_PROPERTY);
        if (heap.isPresent()) {
            options = options.withMaxHeap(heap.get());
        }
        var classpath = context.getConfigurationParameter(CourseClasspath.PROPERTY);
        if (classpath.isPresent()) {
            options = options.withClasspath(CourseClasspath.split(classpath.get()));
        }
        return options;
    }
}
