package jgrad.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Jupyter notebook (nbformat 4), immutable. Metadata, outputs, attachments and any field this model does
 * not name are kept verbatim, so writing a notebook back ({@link #toJson()}) drops nothing a user wrote;
 * every accessor that returns JSON returns a copy. Changes are made by {@link NotebookStep}s, which return
 * a new notebook.
 *
 * @param path          the file it was read from (names it in messages; its file name seeds cell ids)
 * @param cells         the cells in order
 * @param metadata      the notebook's metadata (kernelspec, language_info, ...)
 * @param nbformat      the major format version: always 4 here
 * @param nbformatMinor the minor format version, or null when the file has none (4.5 added cell ids)
 * @param extra         top-level fields nbformat 4 does not define, kept as they were
 */
public record Notebook(Path path, List<Cell> cells, JsonObject metadata, int nbformat, Integer nbformatMinor,
                       JsonObject extra) {

    private static final Set<String> NOTEBOOK_FIELDS = Set.of("cells", "metadata", "nbformat", "nbformat_minor");
    private static final Set<String> CODE_CELL_FIELDS = Set.of("cell_type", "id", "source", "metadata", "outputs",
            "execution_count");
    private static final Set<String> TEXT_CELL_FIELDS = Set.of("cell_type", "id", "source", "metadata", "attachments");

    /** Copies everything mutable, so the notebook cannot change after it is made. */
    public Notebook {
        cells = List.copyOf(cells);
        metadata = copy(metadata);
        extra = copy(extra);
    }

    @Override
    public JsonObject metadata() {
        return metadata.deepCopy();
    }

    @Override
    public JsonObject extra() {
        return extra.deepCopy();
    }

    /**
     * One cell.
     *
     * @param number         1-based position among all cells of the notebook (what error messages call "cell N")
     * @param type           "code", "markdown" or "raw"
     * @param id             the nbformat 4.5 cell id, or null when the file has none
     * @param source         the cell's text, lines joined
     * @param metadata       the cell's metadata
     * @param outputs        a code cell's outputs (empty for other cells)
     * @param executionCount a code cell's execution count, or null (never run, or not a code cell)
     * @param attachments    a Markdown or raw cell's attachments, or null when it has none
     * @param extra          fields nbformat does not define for a cell, kept as they were
     */
    public record Cell(int number, String type, String id, String source, JsonObject metadata, List<Output> outputs,
                       Integer executionCount, JsonObject attachments, JsonObject extra) {

        /** Copies everything mutable. */
        public Cell {
            source = source == null ? "" : source;
            metadata = copy(metadata);
            outputs = outputs == null ? List.of() : List.copyOf(outputs);
            attachments = attachments == null ? null : attachments.deepCopy();
            extra = copy(extra);
        }

        /** A code, Markdown or raw cell with only a source (for tests and generated notebooks). */
        public static Cell of(int number, String type, String source) {
            return new Cell(number, type, null, source, null, null, null, null, null);
        }

        @Override
        public JsonObject metadata() {
            return metadata.deepCopy();
        }

        @Override
        public JsonObject attachments() {
            return attachments == null ? null : attachments.deepCopy();
        }

        @Override
        public JsonObject extra() {
            return extra.deepCopy();
        }

        /** @return true for a code cell */
        public boolean isCode() {
            return "code".equals(type);
        }

        /** This cell with another source text. */
        public Cell withSource(String text) {
            return new Cell(number, type, id, text, metadata, outputs, executionCount, attachments, extra);
        }

        /** This cell with another id. */
        public Cell withId(String newId) {
            return new Cell(number, type, newId, source, metadata, outputs, executionCount, attachments, extra);
        }

        /** This cell with other outputs, execution count and metadata (what clearing outputs changes). */
        public Cell withRun(List<Output> newOutputs, Integer newCount, JsonObject newMetadata) {
            return new Cell(number, type, id, source, newMetadata, newOutputs, newCount, attachments, extra);
        }

        JsonObject toJsonObject() {
            JsonObject json = extra.deepCopy();
            json.addProperty("cell_type", type);
            if (id != null) {
                json.addProperty("id", id);
            }
            json.add("metadata", metadata.deepCopy());
            JsonArray lines = new JsonArray();
            sourceLines(source).forEach(lines::add);
            json.add("source", lines);
            if (isCode()) {
                json.add("execution_count", executionCount == null ? JsonNull.INSTANCE : new JsonPrimitive(executionCount));
                JsonArray out = new JsonArray();
                outputs.forEach(o -> out.add(o.json()));
                json.add("outputs", out);
            }
            if (attachments != null) {
                json.add("attachments", attachments.deepCopy());
            }
            return json;
        }
    }

    /**
     * One output of a code cell (stream, display_data, execute_result or error), kept verbatim.
     *
     * @param json the output as in the file, {@code output_type} included
     */
    public record Output(JsonObject json) {
        /** Copies the JSON. */
        public Output {
            json = json.deepCopy();
        }

        @Override
        public JsonObject json() {
            return json.deepCopy();
        }

        /** @return "stream", "display_data", "execute_result" or "error" */
        public String outputType() {
            JsonElement type = json.get("output_type");
            return type != null && type.isJsonPrimitive() ? type.getAsString() : null;
        }
    }

    /**
     * Reads a notebook file.
     *
     * @throws NotebookException naming the file when it is missing, unreadable, not JSON, or not nbformat 4
     */
    public static Notebook read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NotebookException("notebook not found: " + path);
        } catch (IOException e) {
            throw new NotebookException("cannot read notebook " + path + ": " + e, e);
        }
        return parse(path, text);
    }

    /** Parses notebook JSON; {@code path} names the file in error messages and seeds cell ids. */
    public static Notebook parse(Path path, String text) {
        JsonElement tree;
        try {
            tree = NbJson.parse(text);
        } catch (NbJson.ParseException e) {
            throw new NotebookException("malformed notebook " + path + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!tree.isJsonObject()) {
            throw new NotebookException("malformed notebook " + path + ": the top level must be a JSON object");
        }
        JsonObject json = tree.getAsJsonObject();
        JsonElement format = json.get("nbformat");
        if (integer(format) == null || integer(format) != 4) {
            throw new NotebookException("unsupported notebook " + path + ": nbformat is " + format
                    + ", the grader reads nbformat 4 (save it again with a current Jupyter)");
        }
        JsonElement rawCells = json.get("cells");
        if (rawCells == null || !rawCells.isJsonArray()) {
            throw new NotebookException("malformed notebook " + path + ": \"cells\" must be a list");
        }
        List<Cell> cells = new ArrayList<>();
        for (JsonElement raw : rawCells.getAsJsonArray()) {
            cells.add(cell(path, cells.size() + 1, raw));
        }
        return new Notebook(path, cells, object(path, "the notebook's metadata", json.get("metadata")), 4,
                integer(json.get("nbformat_minor")), others(json, NOTEBOOK_FIELDS));
    }

    private static Cell cell(Path path, int number, JsonElement raw) {
        String where = "malformed notebook " + path + ": cell " + number;
        if (!raw.isJsonObject()) {
            throw new NotebookException(where + " is not an object");
        }
        JsonObject cell = raw.getAsJsonObject();
        String type = string(cell.get("cell_type"));
        if (type == null) {
            throw new NotebookException(where + " has no cell_type");
        }
        JsonElement count = cell.get("execution_count");
        if (count != null && !count.isJsonNull() && integer(count) == null) {
            throw new NotebookException(where + " has an execution_count that is not a whole number: " + count);
        }
        List<Output> outputs = new ArrayList<>();
        JsonElement rawOutputs = cell.get("outputs");
        if ("code".equals(type) && rawOutputs != null) {
            if (!rawOutputs.isJsonArray()) {
                throw new NotebookException(where + " has \"outputs\" that are not a list");
            }
            for (JsonElement output : rawOutputs.getAsJsonArray()) {
                if (!output.isJsonObject()) {
                    throw new NotebookException(where + " has an output that is not an object");
                }
                outputs.add(new Output(output.getAsJsonObject()));
            }
        }
        Set<String> known = "code".equals(type) ? CODE_CELL_FIELDS : TEXT_CELL_FIELDS;
        JsonElement attachments = cell.get("attachments");
        return new Cell(number, type, string(cell.get("id")), sourceText(where, cell.get("source")),
                object(path, "cell " + number + "'s metadata", cell.get("metadata")), outputs,
                "code".equals(type) ? integer(count) : null,
                "code".equals(type) || attachments == null ? null : object(path, "cell " + number + "'s attachments",
                        attachments),
                others(cell, known));
    }

    private static String sourceText(String where, JsonElement source) {
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (source.isJsonPrimitive() && source.getAsJsonPrimitive().isString()) {
            return source.getAsString();
        }
        if (source.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : source.getAsJsonArray()) {
                if (!line.isJsonPrimitive() || !line.getAsJsonPrimitive().isString()) {
                    throw new NotebookException(where + " has a source line that is not a string");
                }
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        throw new NotebookException(where + " has a source that is neither a string nor a list of lines");
    }

    private static JsonObject object(Path path, String what, JsonElement value) {
        if (value == null) {
            return new JsonObject();
        }
        if (!value.isJsonObject()) {
            throw new NotebookException("malformed notebook " + path + ": " + what + " is not an object");
        }
        return value.getAsJsonObject();
    }

    private static JsonObject others(JsonObject json, Set<String> known) {
        JsonObject rest = new JsonObject();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            if (!known.contains(e.getKey())) {
                rest.add(e.getKey(), e.getValue());
            }
        }
        return rest;
    }

    private static String string(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                ? value.getAsString() : null;
    }

    private static Integer integer(JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return Integer.valueOf(value.getAsString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonObject copy(JsonObject json) {
        return json == null ? new JsonObject() : json.deepCopy();
    }

    /**
     * Splits text into Jupyter's "source" form, as nbformat does when it saves (Python's
     * {@code str.splitlines(True)}): lines keep their line break, the last may have none; "" gives no lines.
     */
    public static List<String> sourceLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPythonLineBreak(c)) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isPythonLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e) || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    /** @return the code cells in order */
    public List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    /** This notebook with other cells (and possibly another minor format version). */
    public Notebook withCells(List<Cell> newCells, Integer newMinor) {
        return new Notebook(path, newCells, metadata, nbformat, newMinor, extra);
    }

    /** The notebook as its file text: nbformat's formatting and its final newline. */
    public String toJson() {
        JsonObject json = extra.deepCopy();
        JsonArray list = new JsonArray();
        cells.forEach(c -> list.add(c.toJsonObject()));
        json.add("cells", list);
        json.add("metadata", metadata.deepCopy());
        json.addProperty("nbformat", nbformat);
        if (nbformatMinor != null) {
            json.addProperty("nbformat_minor", nbformatMinor);
        }
        return NbJson.write(json) + "\n";
    }
}
