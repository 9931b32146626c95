package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonPrimitive;
import jgrad.grader.AddCellIds;
import jgrad.grader.Notebook;
import jgrad.io.SafeFiles;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jgrad outputs}' engine, kernel/src/main/python/refresh_outputs.py, through real Jupyter with the
 * installed jgrad kernel: a notebook whose cells all run gets its outputs saved, in Jupyter's own JSON
 * layout; a notebook with a failing cell is left byte for byte as it was, and the failing cell is named.
 */
class RefreshOutputsIT {

    private static final Path HOME = JupyterSupport.moduleDir().resolve("target/refresh-outputs");

    private static String notebook(String... cells) {
        StringBuilder json = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"cell-" + (i + 1) + "\", \"metadata\": {}, ")
                    .append("\"outputs\": [], \"source\": ").append(new JsonPrimitive(cells[i])).append("}");
        }
        return json.append("], \"metadata\": {\"kernelspec\": {\"display_name\": \"Java (jgrad)\", \"language\": \"java\", ")
                .append("\"name\": \"jgrad\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n").toString();
    }

    @Test
    void savesOutputsOnSuccessAndRefusesToOverwriteWhenACellFails() throws Exception {
        JupyterSupport.need(JupyterSupport.onPath("jupyter").isPresent(), "Jupyter is not installed (no `jupyter` on the PATH)");
        String python = JupyterSupport.pythonWithNbclient().orElse(null);
        JupyterSupport.need(python != null, "no Python with nbclient and nbformat (apt-get install python3-nbclient)");
        JupyterSupport.installKernel(HOME.resolve("jupyter"));
        Path work = HOME.resolve("work");
        SafeFiles.deleteRecursively(work);
        Files.createDirectories(work);
        // good.ipynb has no cell ids (nbformat would fill in random ones); it gets jgrad's, as assign gives them
        Path good = Files.writeString(work.resolve("good.ipynb"), notebook("int answer = 6 * 7;",
                "System.out.println(\"answer \" + answer);").replaceAll("\"id\": \"cell-\\d+\", ", ""));
        Path bad = Files.writeString(work.resolve("bad.ipynb"),
                notebook("int x = 1;", "throw new IllegalStateException(\"broken on purpose\");", "x + 1"));
        byte[] badBefore = Files.readAllBytes(bad);

        Path log = HOME.resolve("refresh.log");
        int exit = JupyterSupport.run(List.of(python,
                        JupyterSupport.moduleDir().resolve("src/main/python/refresh_outputs.py").toString(),
                        "--kernel", KernelSpec.NAME, "--timeout", "120", good.toString(), bad.toString()),
                work, JupyterSupport.env(HOME.resolve("jupyter")), log, 300);
        String out = Files.readString(log);

        assertEquals(1, exit, "a refused notebook makes the command fail:\n" + out);
        assertArrayEquals(badBefore, Files.readAllBytes(bad), "the failing notebook is untouched");
        assertTrue(out.contains("bad.ipynb: NOT updated") && out.contains("cell 2: ") && out.contains("broken on purpose"), out);
        String saved = Files.readString(good, StandardCharsets.UTF_8);
        assertTrue(saved.contains("\"text\": [\n      \"answer 42\\n\"\n     ]"), "the output, in Jupyter's layout:\n" + saved);
        assertTrue(saved.startsWith("{\n \"cells\": [\n") && saved.endsWith("}\n"), saved);
        assertTrue(!saved.contains("iopub.execute_input"), "no per-cell timestamps (noise in diffs):\n" + saved);
        assertEquals(List.of(AddCellIds.idFor("good.ipynb", 0), AddCellIds.idFor("good.ipynb", 1)),
                Notebook.parse(good, saved).cells().stream().map(Notebook.Cell::id).toList(),
                "cells without ids get jgrad's deterministic ones:\n" + saved);
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of("bad.ipynb", "good.ipynb"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files left behind");
        }
    }
}
