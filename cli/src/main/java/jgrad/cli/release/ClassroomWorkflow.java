package jgrad.cli.release;

import java.util.List;
import java.util.Locale;
import jgrad.grader.lms.ClassroomReport;

/**
 * The GitHub Classroom workflow of a student repository ({@code .github/workflows/classroom.yml}): on each push
 * it builds the course, runs each exercise's public checks in a step of its own that writes the exercise's
 * result for the reporter ({@code result=} base64 JSON, see {@link ClassroomReport}) to {@code $GITHUB_OUTPUT},
 * then hands every step's result to {@code classroom-resources/autograding-grading-reporter@v1}, which records
 * one score per check. It needs no secret and assumes only {@code PATH} and {@code HOME}; the JDK comes from
 * {@code actions/setup-java}.
 */
public final class ClassroomWorkflow {

    /** The reporter GitHub Classroom reads the points from. */
    public static final String REPORTER = "classroom-resources/autograding-grading-reporter@v1";

    private ClassroomWorkflow() {
    }

    /**
     * @param exercises the exercises' names, such as "04_xor", in the order students meet them
     * @return the workflow's YAML
     */
    public static String yaml(List<String> exercises) {
        StringBuilder y = new StringBuilder();
        y.append("""
                # GitHub Classroom autograding for the jgrad course: one score per check, from the public checks.
                # Made by ./jgrad release; each exercise's step prints `result=BASE64` into $GITHUB_OUTPUT.
                name: Autograding
                "on":
                  - push
                  - workflow_dispatch
                permissions:
                  checks: write
                  actions: read
                  contents: read
                jobs:
                  autograding:
                    runs-on: ubuntu-latest
                    if: github.actor != 'github-classroom[bot]'
                    timeout-minutes: 30
                    steps:
                      - name: Checkout
                        uses: actions/checkout@v4
                      - name: Java
                        uses: actions/setup-java@v4
                        with:
                          distribution: temurin
                          java-version: "17"
                      - name: Build the course
                        run: ./jgrad build
                """);
        for (String exercise : exercises) {
            String id = ClassroomReport.runnerId(exercise);
            y.append("      - name: ").append(exercise).append('\n')
                    .append("        id: ").append(id).append('\n')
                    .append("        run: ./jgrad grade --exercise ").append(exercise)
                    .append(" --format classroom >> \"$GITHUB_OUTPUT\"\n");
        }
        y.append("      - name: Autograding reporter\n")
                .append("        uses: ").append(REPORTER).append('\n')
                .append("        env:\n");
        for (String exercise : exercises) {
            String id = ClassroomReport.runnerId(exercise);
            y.append("          ").append(id.toUpperCase(Locale.ROOT)).append("_RESULTS: \"${{ steps.")
                    .append(id).append(".outputs.result }}\"\n");
        }
        y.append("        with:\n")
                .append("          runners: ").append(String.join(",", exercises.stream()
                        .map(ClassroomReport::runnerId).toList())).append('\n');
        return y.toString();
    }
}
