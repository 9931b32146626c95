package jgrad.grader;

/**
 * Removes the solutions from a solution notebook. In code cells, the lines from {@code // BEGIN SOLUTION}
 * to {@code // END SOLUTION} become {@code // YOUR CODE HERE} followed by the region's {@code // STUB: ...}
 * text, if any, at the region's indentation. In Markdown cells, text between {@code <!-- BEGIN SOLUTION -->}
 * and {@code <!-- END SOLUTION -->} becomes "*Your answer here.*". Raw cells are left as they are.
 */
public final class ClearSolutions implements NotebookStep {

    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STUB = "// STUB:";
    static final String MD_BEGIN = "<!-- BEGIN SOLUTION -->";
    static final String MD_END = "<!-- END SOLUTION -->";

    private final NotebookStep steps = NotebookStep.eachCell((cell, where) -> cell.isCode()
            ? cell.withSource(stripCode(cell.source(), where))
            : "markdown".equals(cell.type()) ? cell.withSource(stripMarkdown(cell.source(), where)) : cell);

    /** @throws NotebookException when a solution region is not closed, naming the file and cell */
    @Override
    public Notebook apply(Notebook notebook) {
        return steps.apply(notebook);
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
        if (!source.endsWith("\n") && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
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
}
