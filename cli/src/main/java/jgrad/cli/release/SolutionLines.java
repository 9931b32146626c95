package jgrad.cli.release;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The lines of the solution regions of a course's solution notebooks, to make sure none reaches students.
 * A line counts when, stripped, it has a letter or digit (a lone {@code }} is nobody's answer) and the
 * exercise notebooks do not hold it too (the {@code // STUB:} line and code around the regions are the
 * students' by design).
 */
public final class SolutionLines {

    private static final String CODE_BEGIN = "// BEGIN SOLUTION";
    private static final String CODE_END = "// END SOLUTION";
    private static final String MARKDOWN_BEGIN = "<!-- BEGIN SOLUTION -->";
    private static final String MARKDOWN_END = "<!-- END SOLUTION -->";

    private final Map<String, String> lines;

    private SolutionLines(Map<String, String> lines) {
        this.lines = lines;
    }

    /**
     * @param solutions the solution notebooks' folder
     * @param exercises the exercise notebooks' folder (their lines are public)
     */
    public static SolutionLines of(Path solutions, Path exercises) {
        Set<String> publicLines = new LinkedHashSet<>();
        for (Path notebook : notebooks(exercises)) {
            cellSources(notebook).forEach(source -> source.lines().map(String::strip).forEach(publicLines::add));
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Path notebook : notebooks(solutions)) {
            for (String source : cellSources(notebook)) {
                for (String line : regions(source)) {
                    String stripped = line.strip();
                    if (stripped.chars().anyMatch(Character::isLetterOrDigit) && !publicLines.contains(stripped)) {
                        found.putIfAbsent(stripped, notebook.getFileName().toString());
                    }
                }
            }
        }
        return new SolutionLines(found);
    }

    /** @return the distinctive solution lines, each with the notebook it comes from */
    public Map<String, String> lines() {
        return lines;
    }

    /**
     * @param where a file's name, for the report
     * @param text  the file's text
     * @return one finding per solution line the text holds: "FILE holds a line of NOTEBOOK's solution: LINE"
     */
    public List<String> findIn(String where, String text) {
        List<String> findings = new ArrayList<>();
        Set<String> textLines = new LinkedHashSet<>();
        text.lines().map(String::strip).forEach(textLines::add);
        lines.forEach((line, notebook) -> {
            if (textLines.contains(line) || text.contains(line) && line.length() >= 20) {
                findings.add(where + " holds a line of " + notebook + "'s solution: " + line);
            }
        });
        return findings;
    }

    /** The lines inside solution regions of one cell's source, markers excluded. */
    static List<String> regions(String source) {
        List<String> inside = new ArrayList<>();
        boolean in = false;
        for (String line : source.split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith(CODE_BEGIN) || s.startsWith(MARKDOWN_BEGIN)) {
                in = true;
            } else if (s.startsWith(CODE_END) || s.startsWith(MARKDOWN_END)) {
                in = false;
            } else if (in && !s.startsWith("// STUB:")) {
                inside.add(line);
            }
        }
        return inside;
    }

    private static List<Path> notebooks(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<String> cellSources(Path notebook) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
            List<String> sources = new ArrayList<>();
            for (JsonElement cell : json.getAsJsonArray("cells")) {
                JsonElement source = cell.getAsJsonObject().get("source");
                if (source == null) {
                    continue;
                }
                if (source.isJsonArray()) {
                    StringBuilder text = new StringBuilder();
                    source.getAsJsonArray().forEach(part -> text.append(part.getAsString()));
                    sources.add(text.toString());
                } else {
                    sources.add(source.getAsString());
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + notebook + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(notebook + " is not a notebook: " + e.getMessage(), e);
        }
    }
}
