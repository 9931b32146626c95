package jgrad.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.cli.Jgrad;
import jgrad.grader.Checks;
import jgrad.grader.Exercise;
import jgrad.grader.Hidden;
import jgrad.grader.Points;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The students' repository as GitHub Classroom uses it: {@code ./jgrad release} of this course, a clean
 * {@code git clone} of it, then the {@code run:} steps of its {@code .github/workflows/classroom.yml} executed
 * in order with only {@code PATH} and {@code HOME} set (the {@code uses:} steps stood in for: the JDK is this
 * one, and the reporter's part is read here). Half the exercises are solved (the solutions' notebooks copied
 * over them), half untouched: each solved exercise must report every public check passed with its points,
 * each untouched one 0, the whole a partial score, one entry per public check in the reporter's format.
 */
class StudentRepositoryIT {

    private static final Path ROOT = Path.of(System.getProperty("jgrad.home", "..")).toAbsolutePath().normalize();
    private static final List<String> TEST_FIELDS = List.of("name", "status", "score", "message", "test_code",
            "filename", "line_no", "duration");

    @TempDir
    static Path tmp;
    static Path clone;

    @BeforeAll
    static void releaseAndClone() throws Exception {
        Path release = tmp.resolve("release");
        int exit = new CommandLine(new Jgrad()).execute("release", release.toString());
        assertEquals(0, exit, "./jgrad release failed");
        clone = tmp.resolve("student");
        run(tmp, List.of("git", "clone", "-q", release.toString(), clone.toString()), null);
    }

    @Test
    void classroomStepsGiveFullPointsOnSolvedExercisesZeroOnUntouchedOnesOneEntryPerCheck() throws Exception {
        Map<String, Integer> publicChecks = publicChecksPerExercise();
        List<String> solved = new ArrayList<>();
        int i = 0;
        for (String exercise : publicChecks.keySet()) {
            if (i++ % 2 == 0) {
                Files.copy(ROOT.resolve("solutions").resolve(exercise + ".ipynb"),
                        clone.resolve("exercises").resolve(exercise + ".ipynb"), StandardCopyOption.REPLACE_EXISTING);
                solved.add(exercise);
            }
        }
        Map<String, JsonObject> results = runWorkflow();
        assertEquals(publicChecks.keySet(), results.keySet(), "one reporter step per exercise");
        int total = 0;
        int max = 0;
        for (Map.Entry<String, JsonObject> result : results.entrySet()) {
            String exercise = result.getKey();
            JsonObject report = result.getValue();
            assertEquals(1, report.get("version").getAsInt(), exercise);
            List<JsonObject> tests = report.getAsJsonArray("tests").asList().stream().map(JsonElement::getAsJsonObject)
                    .toList();
            assertEquals((int) publicChecks.get(exercise), tests.size(), exercise + ": one entry per public check");
            int score = 0;
            for (JsonObject test : tests) {
                assertEquals(TEST_FIELDS, new ArrayList<>(test.keySet()), exercise + ": the reporter's fields");
                score += test.get("score").getAsInt();
            }
            int exerciseMax = report.get("max_score").getAsInt();
            if (solved.contains(exercise)) {
                assertEquals("pass", report.get("status").getAsString(), exercise + " solved: " + report);
                assertEquals(exerciseMax, score, exercise + " solved: " + report);
            } else {
                assertEquals("fail", report.get("status").getAsString(), exercise + " untouched: " + report);
                assertEquals(0, score, exercise + " untouched: " + report);
            }
            total += score;
            max += exerciseMax;
        }
        assertTrue(0 < total && total < max, "half done: " + total + " / " + max);
    }

    @Test
    void checksWithAnAnswerTableShipItAndNoneOfTheirReferences() throws Exception {
        Path checks = clone.resolve("checks/jgrad/exercises");
        List<String> withTables = new ArrayList<>();
        try (var files = Files.list(checks)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                assertFalse(name.endsWith("Reference.java"), "a hidden reference was released: " + name);
                if (name.endsWith(".java") && Files.readString(file).contains("AnswerTable.of(")) {
                    String table = name.replace(".java", jgrad.grader.AnswerTable.SUFFIX);
                    assertTrue(Files.isRegularFile(checks.resolve(table)), name + " needs " + table);
                    withTables.add(name);
                }
            }
        }
        assertEquals(List.of("ChainRuleChecks.java", "OptimizersChecks.java", "PerceptronChecks.java"), withTables);
        List<String> references = new ArrayList<>();
        for (Class<?> type : Checks.exerciseClasses()) {
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (field.getType() == jgrad.grader.AnswerTable.class) {
                    field.setAccessible(true);
                    references.add(((jgrad.grader.AnswerTable) field.get(null)).computedBy().getSimpleName());
                }
            }
        }
        assertEquals(3, references.size(), references.toString());
        try (var files = Files.walk(clone)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                for (String reference : references) {
                    assertFalse(text.matches("(?s).*\\b(class|enum|record|interface) " + reference + "\\b.*"),
                            clone.relativize(file) + " declares the hidden reference " + reference);
                }
            }
        }
    }

    @Test
    void gradeInTheCloneSaysWhatTheHiddenChecksAreWorth() throws Exception {
        String out = run(clone, List.of("./jgrad", "grade", "--exercise", "08_perceptron"), null);
        assertTrue(out.contains("more points are checked when your work is graded"), out);
        assertFalse(Files.exists(clone.resolve("solutions")), "no solutions/ in the students' repository");
    }

    /**
     * Binder (repo2docker) runs {@code postBuild} once in a fresh image: here in a fresh clone with an empty HOME
     * (no ~/.m2, no Jupyter config) and a Python environment of its own (a venv over the system's Jupyter, as
     * Binder's conda env is), it must build the course and leave a kernelspec that runs a notebook through nbclient.
     */
    @Test
    void binderPostBuildInACleanHomeLeavesAKernelThatRunsANotebook() throws Exception {
        java.util.Optional<String> python = jgrad.kernel.Jupyter.pythonWithNbclient();
        boolean jupyter = python.isPresent();
        if (!jupyter && Boolean.getBoolean("jgrad.requireJupyter")) {
            throw new AssertionError("python3 with nbclient is missing (-Djgrad.requireJupyter=true: this must run here)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(jupyter, "python3 with nbclient is missing");
        Path binder = tmp.resolve("binder");
        run(tmp, List.of("git", "clone", "-q", tmp.resolve("release").toString(), binder.toString()), null);
        Path home = Files.createDirectories(tmp.resolve("binder-home"));
        Path venv = tmp.resolve("binder-env");
        run(tmp, List.of(python.get(), "-m", "venv", "--without-pip", "--system-site-packages", venv.toString()), null);
        Map<String, String> env = Map.of("HOME", home.toString(),
                "PATH", venv.resolve("bin") + ":" + System.getenv("PATH"));
        run(binder, List.of("bash", "./postBuild"), null, env);
        Path kernels = venv.resolve("share/jupyter/kernels");
        List<Path> specs;
        try (var list = Files.list(kernels)) {
            specs = list.filter(d -> Files.isRegularFile(d.resolve("kernel.json"))).toList();
        }
        assertEquals(1, specs.size(), "one kernelspec in " + kernels + ": " + specs);
        Path notebook = tmp.resolve("binder-check.ipynb");
        Files.writeString(notebook, """
                {"cells": [{"cell_type": "code", "execution_count": null, "id": "c1", "metadata": {}, "outputs": [],
                  "source": ["import jgrad.autograd.Value;\\n", "var a = Value.of(3.0);\\n", "a.mul(a).data()"]}],
                 "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        // The venv's own python (a child's PATH does not choose the program ProcessBuilder starts).
        String out = run(tmp, List.of(venv.resolve("bin/python3").toString(), "-c", """
                import sys, nbformat, nbclient
                nb = nbformat.read(sys.argv[1], 4)
                nbclient.NotebookClient(nb, kernel_name=sys.argv[2], timeout=180).execute()
                print(nb.cells[0].outputs)
                """, notebook.toString(), specs.get(0).getFileName().toString()), null, env);
        assertTrue(out.contains("9.0"), "3.0 * 3.0 through the Binder kernel: " + out);
    }

    /** Runs the workflow's run: steps in order; returns each exercise's decoded reporter JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, JsonObject> runWorkflow() throws Exception {
        Map<String, Object> workflow = new Yaml().load(
                Files.readString(clone.resolve(".github/workflows/classroom.yml")));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("autograding");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        Map<String, JsonObject> results = new LinkedHashMap<>();
        List<String> runners = null;
        for (Map<String, Object> step : steps) {
            if (step.get("run") != null) {
                Path output = Files.createTempFile(tmp, "github-output", ".txt");
                run(clone, List.of("bash", "-e", "-c", (String) step.get("run")), output);
                for (String line : Files.readAllLines(output)) {
                    if (line.startsWith("result=")) {
                        String json = new String(Base64.getDecoder().decode(line.substring("result=".length())),
                                StandardCharsets.UTF_8);
                        results.put((String) step.get("name"), JsonParser.parseString(json).getAsJsonObject());
                    }
                }
            } else if (String.valueOf(step.get("uses")).startsWith("classroom-resources/autograding-grading-reporter")) {
                runners = Arrays.asList(((String) ((Map<String, Object>) step.get("with")).get("runners")).split(","));
            }
        }
        assertEquals(results.size(), runners == null ? -1 : runners.size(), "the reporter names every step");
        return results;
    }

    /** Exercise → its public checks (@Points, not @Hidden), as the release keeps them. */
    private static Map<String, Integer> publicChecksPerExercise() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Class<?> checks : Checks.exerciseClasses()) {
            if (checks.isAnnotationPresent(Hidden.class)) {
                continue;
            }
            long n = Arrays.stream(checks.getDeclaredMethods())
                    .filter(m -> m.isAnnotationPresent(Points.class) && !m.isAnnotationPresent(Hidden.class)).count();
            counts.merge(checks.getAnnotation(Exercise.class).value(), (int) n, Integer::sum);
        }
        return counts;
    }

    /** Runs a command with only PATH and HOME (and GITHUB_OUTPUT for a step); returns its output. */
    private static String run(Path dir, List<String> command, Path githubOutput) throws IOException, InterruptedException {
        return run(dir, command, githubOutput, Map.of("PATH", System.getenv("PATH"), "HOME", System.getenv("HOME")));
    }

    /** Runs a command with exactly {@code only} as its environment (and GITHUB_OUTPUT for a step). */
    private static String run(Path dir, List<String> command, Path githubOutput, Map<String, String> only)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(only);
        if (githubOutput != null) {
            env.put("GITHUB_OUTPUT", githubOutput.toString());
        }
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), String.join(" ", command) + " timed out");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
