package jgrad.kernel;

import static jgrad.kernel.JupyterSupport.output;
import static jgrad.kernel.JupyterSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jgrad.io.SafeFiles;

/**
 * Every course notebook (notebooks/, solutions/, exercises/) executed through real Jupyter with the jgrad
 * kernel, as a student runs it: one Python process (src/test/python/execute_notebooks.py, nbclient) runs
 * them one after another, each with a fresh kernel started in its folder. They run on copies in
 * target/course-notebooks/work/ (the repository's files are never touched); the executed notebooks are
 * kept in target/course-notebooks/executed/ and the time per notebook in target/course-notebooks/report.json.
 */
class CourseNotebooksIT {

    private static final Path ROOT = JupyterSupport.moduleDir().getParent();
    private static final Path HOME = JupyterSupport.moduleDir().resolve("target/course-notebooks");
    private static final List<String> FOLDERS = List.of("notebooks", "solutions", "exercises");
    /** Seconds a single cell may take (grade(...) starts a JVM and reruns the notebook in it). */
    private static final int CELL_TIMEOUT = 300;
    private static final Pattern SCORE = Pattern.compile("<b>([^<]+)</b>: (\\d+) / (\\d+) points");

    /** Executed notebooks by folder ("solutions/00_warmup.ipynb" → its cells). */
    private static final Map<String, List<JsonObject>> executed = new LinkedHashMap<>();

    @BeforeAll
    static void executeEveryNotebook() throws Exception {
        JupyterSupport.need(JupyterSupport.onPath("jupyter").isPresent(), "Jupyter is not installed (no `jupyter` on the PATH)");
        String python = JupyterSupport.pythonWithNbclient().orElse(null);
        JupyterSupport.need(python != null, "no Python with nbclient and nbformat (apt-get install python3-nbclient)");

        JupyterSupport.installKernel(HOME.resolve("jupyter"), JupyterSupport.courseClasspath());
        Path work = HOME.resolve("work");
        Path out = HOME.resolve("executed");
        SafeFiles.deleteRecursively(work);
        SafeFiles.deleteRecursively(out);
        List<String> command = new ArrayList<>(List.of(python,
                JupyterSupport.moduleDir().resolve("src/test/python/execute_notebooks.py").toString(),
                KernelSpec.NAME, Integer.toString(CELL_TIMEOUT), HOME.resolve("report.json").toString()));
        for (String folder : FOLDERS) {
            for (Path notebook : notebooks(ROOT.resolve(folder))) {
                Path copy = Files.createDirectories(work.resolve(folder)).resolve(notebook.getFileName());
                Files.copy(notebook, copy);
                Path result = Files.createDirectories(out.resolve(folder)).resolve(notebook.getFileName());
                command.add(copy + "=" + result);
                executed.put(folder + "/" + notebook.getFileName(), null);
            }
        }
        assertTrue(!executed.isEmpty(), "no notebooks in " + FOLDERS + " under " + ROOT);

        Path log = HOME.resolve("execute.log");
        long start = System.nanoTime();
        int exit = JupyterSupport.run(command, HOME, JupyterSupport.env(HOME.resolve("jupyter")), log,
                120L + 600L * executed.size());
        System.out.printf("executed %d notebooks through Jupyter in %.1f s:%n%s%n", executed.size(),
                (System.nanoTime() - start) / 1e9, Files.readString(log).lines()
                        .filter(l -> l.contains(".ipynb: ")).map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n"));
        assertEquals(0, exit, "execute_notebooks.py failed:\n" + JupyterSupport.tail(log));
        for (JsonElement entry : JsonParser.parseString(Files.readString(HOME.resolve("report.json"))).getAsJsonArray()) {
            JsonObject report = entry.getAsJsonObject();
            if (!report.get("failure").isJsonNull()) {
                fail(report.get("notebook").getAsString() + " did not finish:\n" + report.get("failure").getAsString());
            }
        }
        for (String name : executed.keySet()) {
            JsonObject notebook = JsonParser.parseString(Files.readString(out.resolve(name), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            List<JsonObject> cells = new ArrayList<>();
            notebook.getAsJsonArray("cells").forEach(c -> {
                if ("code".equals(c.getAsJsonObject().get("cell_type").getAsString())) {
                    cells.add(c.getAsJsonObject());
                }
            });
            executed.put(name, cells);
        }
    }

    private static List<Path> notebooks(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static Map<String, List<JsonObject>> in(String folder) {
        Map<String, List<JsonObject>> selected = new LinkedHashMap<>();
        executed.forEach((name, cells) -> {
            if (name.startsWith(folder + "/")) {
                selected.put(name, cells);
            }
        });
        return selected;
    }

    @Test
    void lectureNotebooksAndSolutionsRunWithoutErrorOutput() {
        for (String folder : List.of("notebooks", "solutions")) {
            in(folder).forEach((name, cells) -> {
                for (JsonObject cell : cells) {
                    errorOutputs(cell).forEach(error -> fail(name + ": cell\n" + source(cell) + "\nhas error output " + error));
                }
            });
        }
    }

    /**
     * An untouched exercise fails only where the student has work to do: in the cells marked
     * {@code // YOUR CODE HERE}, or where a later cell calls one of their stubs (which throws
     * "not done yet: ..."). Anything else (a compile error, a broken import) is the course's bug.
     */
    @Test
    void exercisesFailOnlyInTheirExerciseCells() {
        in("exercises").forEach((name, cells) -> {
            for (JsonObject cell : cells) {
                for (JsonObject error : errorOutputs(cell)) {
                    boolean exerciseCell = source(cell).contains("// YOUR CODE HERE");
                    boolean callsAStub = error.toString().contains("not done yet");
                    assertTrue(exerciseCell || callsAStub, name + ": an error outside the exercise cells, in\n"
                            + source(cell) + "\n" + error);
                }
            }
        });
    }

    @Test
    void gradeInsideJupyterGivesSolutionsFullMarksAndExercisesZero() {
        assertTrue(!in("solutions").isEmpty(), "no solution notebooks");
        for (String folder : List.of("solutions", "exercises")) {
            in(folder).forEach((name, cells) -> {
                String exercise = name.substring(folder.length() + 1, name.length() - ".ipynb".length());
                JsonObject gradeCell = cells.get(cells.size() - 1);
                assertEquals("grade(\"" + exercise + "\")", source(gradeCell).strip(), name + ": the last cell grades");
                assertEquals(List.of(), errorOutputs(gradeCell), name + ": grade(...) itself must not fail");
                String html = output(gradeCell, "text/html");
                Matcher score = SCORE.matcher(html);
                assertTrue(score.find(), name + ": no score in grade(...)'s HTML:\n" + html);
                assertEquals(exercise, score.group(1));
                int points = Integer.parseInt(score.group(2));
                int max = Integer.parseInt(score.group(3));
                assertTrue(max > 0, name + ": no checks ran:\n" + html);
                assertEquals("solutions".equals(folder) ? max : 0, points, name + " scored " + points + " / " + max + ":\n" + html);
            });
        }
    }

    /** Error outputs: exceptions, and text written to stderr. */
    private static List<JsonObject> errorOutputs(JsonObject cell) {
        List<JsonObject> errors = new ArrayList<>();
        cell.getAsJsonArray("outputs").forEach(o -> {
            JsonObject out = o.getAsJsonObject();
            if ("error".equals(out.get("output_type").getAsString())
                    || (out.has("name") && "stderr".equals(out.get("name").getAsString()))) {
                errors.add(out);
            }
        });
        return errors;
    }
}
