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
 *
 * <p>A line of a region counts as a piece of the answer unless one of these holds:
 * <ul>
 * <li>it is <b>trivial</b>: the counting loop's header ({@code for (int i = 0; i < xs.length; i++) {}), or
 *     fewer than {@value #MIN_NAMES} distinct names in it, counting identifiers that are not Java keywords and
 *     number literals other than 0 and 1. {@code return true;}, {@code updates++;}, {@code int total = 0;} are
 *     nobody's answer, while {@code return w[0] * x[0] + w[1] * x[1] + b > 0 ? 1 : -1;} (w, x, b) and
 *     {@code double max = Arrays.stream(y).max().orElseThrow();} are;</li>
 * <li>students <b>receive it anyway</b>: a line of an exercise notebook (the {@code // STUB:} line and the
 *     code around the regions are theirs by design), of a lecture notebook ({@code notebooks/}), or of the
 *     library's own sources ({@code lib/src/main/java}, which the released jars hold compiled).</li>
 * </ul>
 * Lines are compared stripped; a line of {@value #MIN_SUBSTRING} characters or more is also found inside a
 * longer line (a class file's constant, a joined string).
 */
public final class SolutionLines {

    private static final String CODE_BEGIN = "// BEGIN SOLUTION";
    private static final String CODE_END = "// END SOLUTION";
    private static final String MARKDOWN_BEGIN = "<!-- BEGIN SOLUTION -->";
    private static final String MARKDOWN_END = "<!-- END SOLUTION -->";

    /** Fewer distinct names than this and a line is trivial (see the class comment). */
    static final int MIN_NAMES = 3;
    /** A line at least this long is also found inside other text, not only as a line of its own. */
    static final int MIN_SUBSTRING = 20;

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*|\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new",
            "package", "private", "protected", "public", "return", "short", "static", "super", "switch", "this",
            "throw", "throws", "try", "void", "while", "var", "record", "yield", "true", "false", "null", "0", "1");

    /** The idiomatic counting loop's header, {@code for (int i = 0; i < xs.length; i++) {}. */
    private static final java.util.regex.Pattern COUNTING_LOOP = java.util.regex.Pattern.compile(
            "for \\(int (\\w+) = 0; \\1 < [\\w.]+(?:\\(\\))?; \\1\\+\\+\\) \\{");

    private final Map<String, String> lines;

    private SolutionLines(Map<String, String> lines) {
        this.lines = lines;
    }

    /**
     * The solution lines of a course: its {@code solutions/} notebooks' regions, less what students receive
     * anyway ({@code exercises/} and {@code notebooks/} notebooks, {@code lib/src/main/java}).
     *
     * @param course the instructor's course folder
     */
    public static SolutionLines of(Path course) {
        Set<String> publicLines = new LinkedHashSet<>();
        publicLines(course.resolve("lib").resolve("src").resolve("main").resolve("java"), publicLines);
        return of(course.resolve("solutions"), List.of(course.resolve("exercises"), course.resolve("notebooks")),
                publicLines);
    }

    /**
     * @param solutions the solution notebooks' folder
     * @param exercises the exercise notebooks' folder (their lines are public)
     */
    public static SolutionLines of(Path solutions, Path exercises) {
        return of(solutions, List.of(exercises), new LinkedHashSet<>());
    }

    private static SolutionLines of(Path solutions, List<Path> publicNotebooks, Set<String> publicLines) {
        for (Path dir : publicNotebooks) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path notebook : notebooks(dir)) {
                cellSources(notebook).forEach(source -> source.lines().map(String::strip).forEach(publicLines::add));
            }
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Path notebook : notebooks(solutions)) {
            for (String source : cellSources(notebook)) {
                for (String line : regions(source)) {
                    String stripped = line.strip();
                    if (!trivial(stripped) && !publicLines.contains(stripped)) {
                        found.putIfAbsent(stripped, notebook.getFileName().toString());
                    }
                }
            }
        }
        return new SolutionLines(found);
    }

    /** @return whether a line has fewer than {@value #MIN_NAMES} distinct names (see the class comment) */
    static boolean trivial(String line) {
        String code = line.strip();
        if (code.startsWith("//")) {
            code = code.substring(2); // a comment's words count as much as code's
        }
        if (COUNTING_LOOP.matcher(code).matches()) {
            return true;
        }
        java.util.regex.Matcher m = NAME.matcher(code);
        Set<String> names = new java.util.HashSet<>();
        while (m.find()) {
            String name = m.group();
            if (!KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names.size() < MIN_NAMES;
    }

    /** Adds every stripped line of the Java sources under {@code dir} (absent: nothing). */
    private static void publicLines(Path dir, Set<String> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Files.readString(file, StandardCharsets.UTF_8).lines().map(String::strip).forEach(into::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
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
            if (textLines.contains(line) || text.contains(line) && line.length() >= MIN_SUBSTRING) {
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
