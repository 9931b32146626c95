package jgrad.grader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.display.HtmlDisplayable;
import jgrad.io.SafeFiles;

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

    /** The report as JSON (written to grades.json), formatted as nbformat formats notebooks. */
    public String toJson() {
        JsonArray rows = new JsonArray();
        for (CheckResult c : checks) {
            JsonObject row = new JsonObject();
            row.addProperty("exercise", c.exercise());
            row.addProperty("check", c.check());
            row.addProperty("points", c.points());
            row.addProperty("max", c.max());
            row.addProperty("message", c.message());
            rows.add(row);
        }
        JsonArray noteList = new JsonArray();
        notes.forEach(noteList::add);
        JsonObject json = new JsonObject();
        json.addProperty("title", title);
        json.add("checks", rows);
        json.add("notes", noteList);
        json.addProperty("total", total());
        json.addProperty("max", max());
        return NbJson.write(json) + "\n";
    }

    /** Writes {@link #toJson()} to {@code file} atomically (a reader never sees half a report). */
    public void writeJson(Path file) {
        try {
            SafeFiles.writeAtomically(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not such a report
     */
    public static GradeReport fromJson(String text) {
        try {
            JsonObject json = NbJson.parse(text).getAsJsonObject();
            List<CheckResult> rows = new ArrayList<>();
            for (JsonElement raw : json.getAsJsonArray("checks")) {
                JsonObject row = raw.getAsJsonObject();
                rows.add(new CheckResult(row.get("exercise").getAsString(), row.get("check").getAsString(),
                        row.get("points").getAsInt(), row.get("max").getAsInt(), row.get("message").getAsString()));
            }
            List<String> notes = new ArrayList<>();
            json.getAsJsonArray("notes").forEach(n -> notes.add(n.getAsString()));
            return new GradeReport(json.get("title").getAsString(), rows, notes);
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
