package jgrad.kernel;

import static jgrad.kernel.JupyterSupport.output;
import static jgrad.kernel.JupyterSupport.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Runs src/test/notebooks/display_check.ipynb through real Jupyter ({@code jupyter nbconvert --execute})
 * with the installed jgrad kernelspec and checks what each cell rendered. The executed notebook, the
 * chart PNG and the table HTML are kept in target/jupyter-nbconvert/ to look at.
 */
class NotebookExecutionIT {

    private static final Path HOME = JupyterSupport.moduleDir().resolve("target/jupyter-nbconvert");
    private static List<JsonObject> cells;

    @BeforeAll
    static void executeNotebook() throws Exception {
        JupyterSupport.need(JupyterSupport.onPath("jupyter").isPresent(), "Jupyter is not installed (no `jupyter` on the PATH)");
        JupyterSupport.need(JupyterSupport.works(List.of("jupyter", "nbconvert", "--version")),
                "`jupyter nbconvert` does not run (install jupyter-nbconvert / nbconvert)");
        JupyterSupport.installKernel(HOME);
        Path work = Files.createDirectories(HOME.resolve("work"));
        Path notebook = Files.copy(JupyterSupport.moduleDir().resolve("src/test/notebooks/display_check.ipynb"),
                work.resolve("display_check.ipynb"));
        Path log = HOME.resolve("nbconvert.log");
        long start = System.nanoTime();
        int exit = JupyterSupport.run(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME, "--ExecutePreprocessor.timeout=120",
                        "--output", "executed.ipynb", notebook.getFileName().toString()),
                work, JupyterSupport.env(HOME), log, 300);
        System.out.printf("nbconvert --execute took %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (exit != 0) {
            fail("jupyter nbconvert --execute exited with " + exit + ":\n" + JupyterSupport.tail(log));
        }
        JsonObject executed = JsonParser.parseString(Files.readString(work.resolve("executed.ipynb"))).getAsJsonObject();
        cells = new ArrayList<>();
        executed.getAsJsonArray("cells").forEach(c -> cells.add(c.getAsJsonObject()));
    }

    private static JsonObject cellContaining(String code) {
        return cells.stream().filter(c -> source(c).contains(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell contains " + code));
    }

    @Test
    void noCellFailed() {
        for (JsonObject cell : cells) {
            JsonArray outputs = cell.getAsJsonArray("outputs");
            if (outputs == null) {
                continue;
            }
            for (JsonElement o : outputs) {
                JsonObject out = o.getAsJsonObject();
                assertTrue(!"error".equals(out.get("output_type").getAsString())
                                && !(out.has("name") && "stderr".equals(out.get("name").getAsString())),
                        "cell\n" + source(cell) + "\nhas error output " + out);
            }
        }
    }

    @Test
    void chartIsAPng() throws Exception {
        String base64 = JupyterSupport.output(cellContaining("QuickChart.getChart"), "image/png").replace("\n", "");
        byte[] png = Base64.getDecoder().decode(base64);
        Files.write(HOME.resolve("chart.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(600, image.getWidth());
        assertEquals(400, image.getHeight());
    }

    @Test
    void tableIsHtmlWithShapeAndRows() throws Exception {
        JsonObject cell = cellContaining("display(points)");
        String html = output(cell, "text/html");
        Files.writeString(HOME.resolve("table.html"), html, StandardCharsets.UTF_8);
        assertTrue(html.contains("points: 60 rows × 3 columns (first 10 shown)"), html);
        assertTrue(html.contains("<table") && html.contains(">tanh(x - 5)</th>"), html);
        assertEquals(1, cell.getAsJsonArray("outputs").size(), "display(x); must not also print a value: " + cell.get("outputs"));
    }

    @Test
    void valueGraphIsSvg() {
        assertTrue(JupyterSupport.output(cellContaining("out.backward()"), "image/svg+xml").startsWith("<svg"));
    }

    @Test
    void classDefinedInACellIsRenderedByTheKernelsRenderer() {
        assertEquals("<p class='jgrad-note'><b>HTML from a class defined in a cell</b></p>",
                JupyterSupport.output(cellContaining("record Note"), "text/html"));
    }

    /** The kernel batches printed text every 50 ms; a display or the cell's value must not overtake it. */
    @Test
    void outputsComeInTheOrderTheCellMadeThem() {
        JsonArray outputs = cellContaining("printed before the display").getAsJsonArray("outputs");
        List<String> seen = new ArrayList<>();
        for (JsonElement o : outputs) {
            JsonObject out = o.getAsJsonObject();
            String type = out.get("output_type").getAsString();
            seen.add(type.equals("stream") ? JupyterSupport.join(out.get("text")).strip() : type);
        }
        assertEquals(List.of("printed before the display", "display_data", "printed after the display", "execute_result"),
                seen, outputs.toString());
    }

    @Test
    void progressBarEndsAtItsFinalStateInPlace() {
        JsonObject cell = cellContaining("Progress.start");
        assertEquals(1, cell.getAsJsonArray("outputs").size(), "one output, updated in place: " + cell.get("outputs"));
        assertTrue(output(cell, "text/plain").startsWith("training  30/30  100%  loss 0.033"), output(cell, "text/plain"));
        assertTrue(output(cell, "text/html").contains("<progress value=\"30\" max=\"30\""));
    }
}
