package jgrad.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes student notebooks from solution notebooks. In code cells, the lines from {@code // BEGIN SOLUTION}
 * to {@code // END SOLUTION} become {@code // YOUR CODE HERE} followed by the region's {@code // STUB: ...}
 * text, if any, at the region's indentation. In Markdown cells, text between {@code <!-- BEGIN SOLUTION -->}
 * and {@code <!-- END SOLUTION -->} becomes "*Your answer here.*". Outputs and execution counts are cleared.
 */
public final class Assign {

    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STUB = "// STUB:";
    static final String MD_BEGIN = "<!-- BEGIN SOLUTION -->";
    static final String MD_END = "<!-- END SOLUTION -->";

    private Assign() {
    }

    /**
     * The student version of a solution notebook, as file text (nbformat's formatting, final newline).
     *
     * @throws NotebookException when a solution region is not closed, naming the file and cell
     */
    @SuppressWarnings("unchecked")
    public static String studentVersion(Notebook solution) {
        Map<String, Object> json = solution.json();
        List<Object> cells = (List<Object>) json.get("cells");
        for (int i = 0; i < cells.size(); i++) {
            Map<String, Object> cell = (Map<String, Object>) cells.get(i);
            Notebook.Cell parsed = solution.cells().get(i);
            String where = solution.path() + ", cell " + parsed.number();
            String text = parsed.isCode() ? stripCode(parsed.source(), where)
                    : "markdown".equals(parsed.type()) ? stripMarkdown(parsed.source(), where) : parsed.source();
            cell.put("source", new ArrayList<Object>(Notebook.sourceLines(text)));
            if (parsed.isCode()) {
                cell.put("outputs", new ArrayList<>());
                cell.put("execution_count", null);
                Object metadata = cell.get("metadata");
                if (metadata instanceof Map) {
                    ((Map<String, Object>) metadata).remove("execution");
                }
            }
        }
        return Json.write(json) + "\n";
    }

    static String stripCode(String source, String where) {
        StringBuilder out = new StringBuilder();
        String indent = null;
        String stub = null;
        for (String line : Notebook.sourceLines(source)) {
            String trimmed = line.strip();
            if (indent == null) {
                if (trimmed.equals(BEGIN)) {
                    indent = line.substring(0, line.indexOf('/'));
                    stub = null;
                } else if (trimmed.equals(END)) {
                    throw new NotebookException(where + ": '" + END + "' without a '" + BEGIN + "' before it");
                } else {
                    out.append(line);
                }
            } else if (trimmed.equals(END)) {
                out.append(indent).append("// YOUR CODE HERE\n");
                if (stub != null) {
                    out.append(indent).append(stub).append('\n');
                }
                indent = null;
            } else if (trimmed.startsWith(STUB)) {
                stub = trimmed.substring(STUB.length()).strip();
            } else if (trimmed.equals(BEGIN)) {
                throw new NotebookException(where + ": '" + BEGIN + "' inside another solution region");
            }
        }
        if (indent != null) {
            throw new NotebookException(where + ": '" + BEGIN + "' is never closed by '" + END + "'");
        }
        return trimFinalNewline(out, source);
    }

    static String stripMarkdown(String source, String where) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int begin = source.indexOf(MD_BEGIN, from);
            if (begin < 0) {
                out.append(source, from, source.length());
                return out.toString();
            }
            int end = source.indexOf(MD_END, begin);
            if (end < 0) {
                throw new NotebookException(where + ": '" + MD_BEGIN + "' is never closed by '" + MD_END + "'");
            }
            out.append(source, from, begin).append("*Your answer here.*");
            from = end + MD_END.length();
        }
    }

    private static String trimFinalNewline(StringBuilder out, String source) {
        if (!source.endsWith("\n") && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    /**
     * Writes {@code exercisesDir/NAME.ipynb} for every {@code solutionsDir/NAME.ipynb}, atomically.
     *
     * @return the files written
     */
    public static List<Path> generate(Path solutionsDir, Path exercisesDir) {
        List<Path> written = new ArrayList<>();
        for (Path solution : solutions(solutionsDir)) {
            Path target = exercisesDir.resolve(solution.getFileName().toString());
            AtomicFiles.write(target, studentVersion(Notebook.read(solution)));
            written.add(target);
        }
        return written;
    }

    /** @return one line per student notebook that is missing or differs from what generate would write */
    public static List<String> check(Path solutionsDir, Path exercisesDir) {
        List<String> problems = new ArrayList<>();
        for (Path solution : solutions(solutionsDir)) {
            Path target = exercisesDir.resolve(solution.getFileName().toString());
            String expected = studentVersion(Notebook.read(solution));
            try {
                if (!Files.exists(target)) {
                    problems.add(target + " is missing");
                } else if (!Files.readString(target, StandardCharsets.UTF_8).equals(expected)) {
                    problems.add(target + " differs from what " + solution + " generates");
                }
            } catch (IOException e) {
                problems.add(target + " cannot be read: " + e.getMessage());
            }
        }
        return problems;
    }

    private static List<Path> solutions(Path solutionsDir) {
        if (!Files.isDirectory(solutionsDir)) {
            throw new NotebookException("no solutions folder: " + solutionsDir);
        }
        try (Stream<Path> files = Files.list(solutionsDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + solutionsDir + ": " + e.getMessage(), e);
        }
    }
}
