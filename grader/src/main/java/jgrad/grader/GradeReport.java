package jgrad.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.display.HtmlDisplayable;

/**
 * A score table: one row per check (exercise, check, points, max, message), the total, and notes
 * such as failing notebook cells. Shown as HTML in Jupyter and as text elsewhere.
 */
public final class GradeReport implements HtmlDisplayable {

    private static final String SAVE_FIRST =
            "Grading reads the saved notebook: save it (Ctrl+S) before running grade(...).";

    private final String title;
    private final List<CheckResult> checks;
    private final List<String> notes;
    private final boolean skipped;

    /**
     * @param title  what was graded, such as "00_warmup"
     * @param checks the checks' results in order
     * @param notes  remarks for the student (failing cells, a missing notebook)
     */
    public GradeReport(String title, List<CheckResult> checks, List<String> notes) {
        this(title, checks, notes, false);
    }

    private GradeReport(String title, List<CheckResult> checks, List<String> notes, boolean skipped) {
        this.title = title;
        this.checks = List.copyOf(checks);
        this.notes = List.copyOf(notes);
        this.skipped = skipped;
    }

    /** A report saying grading was skipped (the notebook is being run by the grader itself). */
    public static GradeReport skipped(String exercise, String why) {
        return new GradeReport(exercise, List.of(), List.of(why), true);
    }

    /** @return what was graded */
    public String title() {
        return title;
    }

    /** @return the checks' results */
    public List<CheckResult> checks() {
        return checks;
    }

    /** @return the notes */
    public List<String> notes() {
        return notes;
    }

    /** @return true when grading was skipped */
    public boolean isSkipped() {
        return skipped;
    }

    /** @return points earned */
    public int total() {
        return checks.stream().mapToInt(CheckResult::points).sum();
    }

    /** @return points available */
    public int max() {
        return checks.stream().mapToInt(CheckResult::max).sum();
    }

    /** @return points earned per exercise, in first-seen order */
    public Map<String, Integer> totalsByExercise() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        checks.forEach(c -> totals.merge(c.exercise(), c.points(), Integer::sum));
        return totals;
    }

    /** @return points available per exercise, in first-seen order */
    public Map<String, Integer> maxByExercise() {
        Map<String, Integer> totals = new LinkedHashMap<>();
        checks.forEach(c -> totals.merge(c.exercise(), c.max(), Integer::sum));
        return totals;
    }

    /**
     * The score table as HTML. Jupyter typesets text between two {@code $} as maths, so every text is
     * written with {@link StudentText#html} ({@code $} as {@code &#36;}) and the enclosing block carries the
     * classes whose content MathJax 2 ({@code tex2jax_ignore}) and MathJax 3 ({@code mathjax_ignore}) skip.
     */
    @Override
    public String toHtml() {
        StringBuilder html = new StringBuilder("<div class=\"jgrad-grade tex2jax_ignore mathjax_ignore\">\n");
        html.append("<p><b>").append(StudentText.html(title)).append("</b>");
        if (skipped) {
            html.append(": ").append(StudentText.html(notes.isEmpty() ? "skipped" : notes.get(0))).append("</p>\n</div>");
            return html.toString();
        }
        html.append(": ").append(total()).append(" / ").append(max()).append(" points</p>\n");
        html.append("<table>\n<thead><tr><th style=\"text-align:left\">check</th><th>points</th><th>max</th>"
                + "<th style=\"text-align:left\">message</th></tr></thead>\n<tbody>\n");
        for (CheckResult c : checks) {
            String colour = c.passed() ? "#1a7f37" : "#cf222e";
            html.append("<tr><td style=\"text-align:left\">").append(StudentText.html(c.check()))
                    .append("</td><td style=\"color:").append(colour).append("\">").append(c.points())
                    .append("</td><td>").append(c.max()).append("</td><td style=\"text-align:left\">")
                    .append(c.passed() ? "ok" : StudentText.html(c.message())).append("</td></tr>\n");
        }
        html.append("<tr><td style=\"text-align:left\"><b>total</b></td><td><b>").append(total())
                .append("</b></td><td><b>").append(max()).append("</b></td><td></td></tr>\n</tbody>\n</table>\n");
        if (!notes.isEmpty()) {
            html.append("<p>Notebook problems:</p>\n<ul>\n");
            notes.forEach(n -> html.append("<li>").append(StudentText.html(n)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<p><i>").append(StudentText.html(SAVE_FIRST)).append("</i></p>\n</div>");
        return html.toString();
    }

    /** The Markdown table used in feedback files and target/grades/grades.md. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| exercise | check | points | max | message |\n|---|---|---:|---:|---|\n");
        for (CheckResult c : checks) {
            md.append("| ").append(c.exercise()).append(" | ").append(c.check()).append(" | ").append(c.points())
                    .append(" | ").append(c.max()).append(" | ")
                    .append(c.passed() ? "ok" : c.message().replace("|", "\\|").replaceAll("\\R", " "))
                    .append(" |\n");
        }
        md.append("| **total** | | **").append(total()).append("** | **").append(max()).append("** | |\n");
        if (!notes.isEmpty()) {
            md.append("\nNotebook problems:\n\n");
            notes.forEach(n -> md.append("- ").append(n.replaceAll("\\R", " ")).append('\n'));
        }
        return md.toString();
    }

    /** The report as JSON (written to grades.json). */
    public String toJson() {
        List<Object> rows = new ArrayList<>();
        for (CheckResult c : checks) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("exercise", c.exercise());
            row.put("check", c.check());
            row.put("points", (long) c.points());
            row.put("max", (long) c.max());
            row.put("message", c.message());
            rows.add(row);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("checks", rows);
        json.put("notes", new ArrayList<Object>(notes));
        json.put("total", (long) total());
        json.put("max", (long) max());
        return Json.write(json) + "\n";
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a report
     */
    @SuppressWarnings("unchecked")
    public static GradeReport fromJson(String text) {
        try {
            Map<String, Object> json = (Map<String, Object>) Json.parse(text);
            List<CheckResult> rows = new ArrayList<>();
            for (Object raw : (List<Object>) json.get("checks")) {
                Map<String, Object> row = (Map<String, Object>) raw;
                rows.add(new CheckResult((String) row.get("exercise"), (String) row.get("check"),
                        ((Long) row.get("points")).intValue(), ((Long) row.get("max")).intValue(),
                        (String) row.get("message")));
            }
            List<String> notes = new ArrayList<>();
            ((List<Object>) json.get("notes")).forEach(n -> notes.add((String) n));
            return new GradeReport((String) json.get("title"), rows, notes);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a grade report: " + e.getMessage(), e);
        }
    }

    /** The plain-text table (what {@code ./jgrad grade} and a headless {@code grade(...)} print). */
    @Override
    public String toString() {
        if (skipped) {
            return title + ": " + (notes.isEmpty() ? "skipped" : notes.get(0));
        }
        int nameWidth = Math.max(5, checks.stream().mapToInt(c -> c.check().length()).max().orElse(5));
        boolean many = checks.stream().map(CheckResult::exercise).distinct().count() > 1;
        int exWidth = many ? checks.stream().mapToInt(c -> c.exercise().length()).max().orElse(8) : 0;
        StringBuilder text = new StringBuilder(title).append('\n');
        String format = (many ? "%-" + exWidth + "s  " : "%s") + "%-" + nameWidth + "s  %6s  %3s  %s%n";
        text.append(String.format(format, many ? "exercise" : "", "check", "points", "max", "message"));
        for (CheckResult c : checks) {
            text.append(String.format(format, many ? c.exercise() : "", c.check(), c.points(), c.max(),
                    c.passed() ? "ok" : c.message().replaceAll("\\R", " ")));
        }
        text.append(String.format(format, many ? "" : "", "total", total(), max(), ""));
        notes.forEach(n -> text.append("note: ").append(n).append('\n'));
        text.append(SAVE_FIRST).append('\n');
        return text.toString();
    }
}
