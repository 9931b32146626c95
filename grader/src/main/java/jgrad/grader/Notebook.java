package jgrad.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter notebook (nbformat 4) as the grader sees it: its cells in order, plus the raw JSON tree so
 * that {@code assign} can rewrite it without losing metadata.
 */
public final class Notebook {

    /**
     * One cell.
     *
     * @param number 1-based position among all cells of the notebook (what error messages call "cell N")
     * @param type   "code", "markdown" or "raw"
     * @param source the cell's text, lines joined
     */
    public record Cell(int number, String type, String source) {
        /** @return true for a code cell */
        public boolean isCode() {
            return "code".equals(type);
        }
    }

    private final Path path;
    private final Map<String, Object> json;
    private final List<Cell> cells;

    private Notebook(Path path, Map<String, Object> json, List<Cell> cells) {
        this.path = path;
        this.json = json;
        this.cells = List.copyOf(cells);
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

    /** Parses notebook JSON; {@code path} only names the file in error messages. */
    @SuppressWarnings("unchecked")
    public static Notebook parse(Path path, String text) {
        Object tree;
        try {
            tree = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new NotebookException("malformed notebook " + path + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map)) {
            throw new NotebookException("malformed notebook " + path + ": the top level must be a JSON object");
        }
        Map<String, Object> json = (Map<String, Object>) tree;
        Object format = json.get("nbformat");
        if (!(format instanceof Long) || (Long) format != 4L) {
            throw new NotebookException("unsupported notebook " + path + ": nbformat is " + format
                    + ", the grader reads nbformat 4 (save it again with a current Jupyter)");
        }
        Object rawCells = json.get("cells");
        if (!(rawCells instanceof List)) {
            throw new NotebookException("malformed notebook " + path + ": \"cells\" must be a list");
        }
        List<Cell> cells = new ArrayList<>();
        int number = 0;
        for (Object raw : (List<Object>) rawCells) {
            number++;
            if (!(raw instanceof Map)) {
                throw new NotebookException("malformed notebook " + path + ": cell " + number + " is not an object");
            }
            Map<String, Object> cell = (Map<String, Object>) raw;
            Object type = cell.get("cell_type");
            if (!(type instanceof String)) {
                throw new NotebookException("malformed notebook " + path + ": cell " + number + " has no cell_type");
            }
            cells.add(new Cell(number, (String) type, sourceText(path, number, cell.get("source"))));
        }
        return new Notebook(path, json, cells);
    }

    private static String sourceText(Path path, int number, Object source) {
        if (source == null) {
            return "";
        }
        if (source instanceof String) {
            return (String) source;
        }
        if (source instanceof List) {
            StringBuilder sb = new StringBuilder();
            for (Object line : (List<?>) source) {
                if (!(line instanceof String)) {
                    throw new NotebookException("malformed notebook " + path + ": cell " + number
                            + " has a source line that is not a string");
                }
                sb.append((String) line);
            }
            return sb.toString();
        }
        throw new NotebookException("malformed notebook " + path + ": cell " + number
                + " has a source that is neither a string nor a list of lines");
    }

    /** Splits text into Jupyter's "source" form: lines keeping their trailing newline, the last without. */
    public static List<String> sourceLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** @return the file this notebook was read from */
    public Path path() {
        return path;
    }

    /** @return every cell in order */
    public List<Cell> cells() {
        return cells;
    }

    /** @return the code cells in order */
    public List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    /** @return the parsed JSON tree (mutable maps and lists; used by {@code assign}) */
    public Map<String, Object> json() {
        return json;
    }
}
