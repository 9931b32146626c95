package jgrad.grader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grader's internal entry point: {@value #STUDENT_COMMAND} WORKDIR RESULT CELL_TIMEOUT_MS NOTEBOOK_HEAP,
 * the child side of {@code grade --class} ({@link ClassGrader} starts one JVM per student with it). It
 * grades the notebooks in WORKDIR and writes the report as JSON to RESULT. Not a user command: the
 * command line is {@code jgrad.cli.Jgrad} (./jgrad), kept out of this module so that the classpath
 * notebooks see does not carry picocli. Exit codes: 0 done, 2 bad arguments or unreadable input.
 */
public final class Cli {

    /** Internal command: grade one student's working folder (used by {@link ClassGrader}'s child JVMs). */
    static final String STUDENT_COMMAND = "grade-student";

    private Cli() {
    }

    /** Grades one student's working folder and exits with the code. */
    public static void main(String[] args) {
        int code;
        try {
            code = gradeStudent(List.of(args));
        } catch (NotebookException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("jgrad " + STUDENT_COMMAND + ": " + e.getMessage());
            code = 2;
        }
        System.out.flush();
        // Exit explicitly: a stray non-daemon thread must not keep a command alive.
        System.exit(code);
    }

    private static int gradeStudent(List<String> args) {
        if (args.size() != 5 || !args.get(0).equals(STUDENT_COMMAND)) {
            throw new IllegalArgumentException("usage: " + STUDENT_COMMAND
                    + " WORKDIR RESULT CELL_TIMEOUT_MS NOTEBOOK_HEAP (internal; the command line is ./jgrad)");
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(NotebookSession.CELL_TIMEOUT_PROPERTY, Double.toString(Long.parseLong(args.get(3)) / 1000.0));
        config.put(NotebookSession.MAX_HEAP_PROPERTY, args.get(4));
        GradeReport report = Checks.runAll(Path.of(args.get(1)), config);
        report.writeJson(Path.of(args.get(2)));
        return 0;
    }
}
