package jgrad.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jgrad.grader.lms.LatePolicy;
import jgrad.grader.lms.LmsGradebook;
import jgrad.grader.lms.Roster;
import jgrad.io.SafeFiles;

/**
 * The class-level outputs of {@code grade --class}: the graded rows joined with the roster, restricted to the
 * graded exercises, with late work penalised; written as {@code gradebook.csv} (with a points-possible row),
 * feedback in Markdown and HTML, and Moodle's or Canvas's import CSV. Needs no grading: tests give it rows.
 */
public final class ClassGradebook {

    /** Which import file to write beside {@code gradebook.csv}. */
    public enum Format { csv, moodle, canvas }

    /**
     * How the gradebook is made.
     *
     * @param roster   the class list, if any (its students who handed nothing in get a row)
     * @param exercise the one exercise graded, if any (the other columns are absent)
     * @param late     the due date and penalty, if any
     * @param format   the import file to write
     */
    public record Options(Optional<Roster> roster, Optional<String> exercise, Optional<LatePolicy> late, Format format) {
        /** @return the gradebook of today: no roster, every exercise, no due date, plain CSV */
        public static Options plain() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty(), Format.csv);
        }
    }

    /**
     * One student's line of the gradebook.
     *
     * @param row     the graded row; null for a roster student who handed nothing in
     * @param student the roster's entry, if any
     * @param scores  points per graded exercise, after no penalty
     * @param total   points after the late penalty
     * @param lateBy  how late, zero when on time or without a due date
     * @param note    a short note; the details are in the feedback
     */
    public record Line(ClassGrader.StudentRow row, Optional<Roster.Student> student, Map<String, Integer> scores,
                       double total, Duration lateBy, String note) {
        /** @return the folder the work came in, empty when none */
        public String folder() {
            return row == null ? "" : row.student();
        }

        /** @return the feedback's file name without extension */
        public String key() {
            return row != null ? row.key() : ClassGrader.key("missing-" + student.map(Roster.Student::key).orElse(""));
        }
    }

    private static final int NOTE_MAX = 120;

    private final Map<String, Integer> possible;
    private final Options options;

    /**
     * @param possible points possible per exercise, in column order (every exercise of the course)
     * @param options  roster, exercise, lateness and format
     * @throws IllegalArgumentException when the exercise is not one of {@code possible}
     */
    public ClassGradebook(Map<String, Integer> possible, Options options) {
        this.options = options;
        if (options.exercise().isPresent()) {
            String x = options.exercise().get();
            if (!possible.containsKey(x)) {
                throw new IllegalArgumentException("--exercise " + x + ": no such exercise; the exercises are "
                        + String.join(", ", possible.keySet()));
            }
            this.possible = Map.of(x, possible.get(x));
        } else {
            this.possible = new LinkedHashMap<>(possible);
        }
    }

    /** @return the exercises in the gradebook, in column order */
    public List<String> exercises() {
        return List.copyOf(possible.keySet());
    }

    /**
     * Joins graded rows with the roster and applies the late rule.
     *
     * @param rows      the graded rows
     * @param submitted when each row's folder was handed in (by folder name); absent means unknown (not late)
     */
    public List<Line> lines(List<ClassGrader.StudentRow> rows, Map<String, Instant> submitted) {
        List<Line> lines = new ArrayList<>();
        Set<Roster.Student> seen = new HashSet<>();
        for (ClassGrader.StudentRow row : rows) {
            Optional<Roster.Student> student = options.roster().flatMap(r -> r.find(row.student()));
            student.ifPresent(seen::add);
            Map<String, Integer> scores = new LinkedHashMap<>();
            possible.keySet().forEach(x -> scores.put(x, row.scores().getOrDefault(x, 0)));
            int earned = scores.values().stream().mapToInt(Integer::intValue).sum();
            Duration lateBy = Duration.ZERO;
            double total = earned;
            List<String> notes = new ArrayList<>();
            if (options.late().isPresent() && submitted.containsKey(row.student())) {
                LatePolicy policy = options.late().get();
                lateBy = policy.lateBy(submitted.get(row.student()),
                        student.map(Roster.Student::extension).orElse(Duration.ZERO));
                total = policy.apply(earned, lateBy);
                if (!lateBy.isZero()) {
                    notes.add("late by " + LatePolicy.describe(lateBy) + ", " + LmsGradebook.number(earned - total)
                            + " points off");
                }
            }
            if (options.roster().isPresent() && student.isEmpty()) {
                notes.add("not on the roster");
            }
            if (!row.note().isEmpty()) {
                notes.add(row.note());
            }
            lines.add(new Line(row, student, scores, total, lateBy, shortNote(String.join("; ", notes))));
        }
        options.roster().ifPresent(r -> r.students().stream().filter(s -> !seen.contains(s)).forEach(s -> {
            Map<String, Integer> zeros = new LinkedHashMap<>();
            possible.keySet().forEach(x -> zeros.put(x, 0));
            lines.add(new Line(null, Optional.of(s), zeros, 0, Duration.ZERO, "handed nothing in"));
        }));
        return lines;
    }

    /** A note short enough for a gradebook cell; the feedback has the whole text. */
    static String shortNote(String note) {
        String flat = note.replaceAll("\\R", " ");
        return flat.length() <= NOTE_MAX ? flat : flat.substring(0, NOTE_MAX - 30) + "... (details in the feedback)";
    }

    /**
     * Writes {@code gradebook.csv}, {@code feedback/KEY.md} and {@code .html}, and with a Moodle or Canvas
     * format {@code moodle.csv} or {@code canvas.csv}, each atomically; the gradebook last.
     *
     * @return lines about students an LMS file had to leave out (no id), empty when none
     */
    public List<String> write(Path outDir, List<Line> lines) {
        try {
            for (Line line : lines) {
                SafeFiles.writeAtomically(outDir.resolve("feedback").resolve(line.key() + ".md"), feedback(line));
                SafeFiles.writeAtomically(outDir.resolve("feedback").resolve(line.key() + ".html"), html(line));
            }
            List<String> leftOut = new ArrayList<>();
            if (options.format() != Format.csv) {
                LmsGradebook lms = new LmsGradebook(possible);
                List<LmsGradebook.Entry> entries = lines.stream().map(this::entry).toList();
                String text = options.format() == Format.moodle ? lms.moodle(entries, leftOut) : lms.canvas(entries, leftOut);
                SafeFiles.writeAtomically(outDir.resolve(options.format() + ".csv"), text);
            }
            SafeFiles.writeAtomically(outDir.resolve("gradebook.csv"), csv(lines));
            return leftOut;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + outDir + ": " + e.getMessage(), e);
        }
    }

    private LmsGradebook.Entry entry(Line line) {
        Map<String, Double> scores = new LinkedHashMap<>();
        line.scores().forEach((x, p) -> scores.put(x, (double) p));
        return new LmsGradebook.Entry(line.folder(), line.student(), scores, line.total(), line.lateBy());
    }

    /** Today's gradebook, with roster and lateness columns when those were given, and a points-possible row. */
    String csv(List<Line> lines) {
        boolean roster = options.roster().isPresent();
        boolean late = options.late().isPresent();
        StringBuilder csv = new StringBuilder("student");
        if (roster) {
            csv.append(",id,name,email");
        }
        possible.keySet().forEach(x -> csv.append(',').append(ClassGrader.csvField(x)));
        csv.append(late ? ",late_by,total,note,feedback\n" : ",total,note,feedback\n");
        csv.append("points possible").append(roster ? ",,," : "");
        possible.values().forEach(p -> csv.append(',').append(p));
        csv.append(late ? "," : "").append(',').append(possible.values().stream().mapToInt(Integer::intValue).sum())
                .append(",,\n");
        for (Line line : lines) {
            csv.append(ClassGrader.csvField(ClassGrader.visible(line.folder())));
            if (roster) {
                Optional<Roster.Student> s = line.student();
                csv.append(',').append(ClassGrader.csvField(s.map(Roster.Student::id).orElse("")))
                        .append(',').append(ClassGrader.csvField(s.map(Roster.Student::name).orElse("")))
                        .append(',').append(ClassGrader.csvField(s.map(Roster.Student::email).orElse("")));
            }
            line.scores().values().forEach(p -> csv.append(',').append(p));
            if (late) {
                csv.append(',').append(ClassGrader.csvField(LatePolicy.describe(line.lateBy())));
            }
            csv.append(',').append(LmsGradebook.number(line.total())).append(',')
                    .append(ClassGrader.csvField(line.note())).append(',')
                    .append(ClassGrader.csvField("feedback/" + line.key() + ".md")).append('\n');
        }
        return csv.toString();
    }

    private String title(Line line) {
        return line.student().map(s -> s.name().isEmpty() ? s.key() : s.name()).orElse(line.folder());
    }

    /** The Markdown feedback: score, late penalty, every check with its message. */
    String feedback(Line line) {
        StringBuilder md = new StringBuilder("# Feedback: ")
                .append(ClassGrader.markdownText(ClassGrader.visible(title(line)))).append("\n\n");
        ClassGrader.StudentRow row = line.row();
        if (row == null) {
            return md.append("Nothing was handed in.\n\nScore: 0\n").toString();
        }
        if (row.report() == null) {
            return md.append("Your notebooks could not be graded: ").append(ClassGrader.markdownText(row.note()))
                    .append("\n\nScore: 0\n").toString();
        }
        md.append("Score: ").append(LmsGradebook.number(line.total())).append(" / ").append(max()).append("\n\n");
        if (!line.lateBy().isZero()) {
            md.append("Handed in late by ").append(LatePolicy.describe(line.lateBy())).append(".\n\n");
        }
        GradeReport report = row.report();
        List<CheckResult> checks = report.checks().stream().filter(c -> possible.containsKey(c.exercise()))
                .map(c -> new CheckResult(c.exercise(), c.check(), c.points(), c.max(),
                        ClassGrader.markdownText(c.message()))).toList();
        List<String> notes = report.notes().stream().map(ClassGrader::markdownText).toList();
        md.append(new GradeReport(report.title(), checks, notes).toMarkdown());
        return md.toString();
    }

    private int max() {
        return possible.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The same feedback as an HTML page; everything a student controls is escaped. */
    String html(Line line) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Feedback: ")
                .append(escape(ClassGrader.visible(title(line)))).append("</title></head><body>\n<h1>Feedback: ")
                .append(escape(ClassGrader.visible(title(line)))).append("</h1>\n");
        ClassGrader.StudentRow row = line.row();
        if (row == null || row.report() == null) {
            h.append("<p>").append(row == null ? "Nothing was handed in." : "Your notebooks could not be graded: "
                    + escape(row.note())).append("</p>\n<p>Score: 0</p>\n");
            return h.append("</body></html>\n").toString();
        }
        h.append("<p>Score: ").append(LmsGradebook.number(line.total())).append(" / ").append(max()).append("</p>\n");
        if (!line.lateBy().isZero()) {
            h.append("<p>Handed in late by ").append(escape(LatePolicy.describe(line.lateBy()))).append(".</p>\n");
        }
        h.append("<table>\n<tr><th>exercise</th><th>check</th><th>points</th><th>message</th></tr>\n");
        for (CheckResult c : row.report().checks()) {
            if (possible.containsKey(c.exercise())) {
                h.append("<tr><td>").append(escape(c.exercise())).append("</td><td>").append(escape(c.check()))
                        .append("</td><td>").append(c.points()).append(" / ").append(c.max()).append("</td><td>")
                        .append(escape(c.message())).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
        for (String note : row.report().notes()) {
            h.append("<p>").append(escape(note)).append("</p>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /**
     * When a student folder was handed in: the last commit touching it when it is in a git repository (the
     * class folder's, or its own clone), else the newest file's modification time.
     */
    public static Optional<Instant> submittedAt(Path folder) {
        try {
            Process git = new ProcessBuilder("git", "-C", folder.toString(), "log", "-1", "--format=%cI", "--", ".")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            if (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(java.time.OffsetDateTime.parse(out).toInstant());
            }
        } catch (IOException | RuntimeException e) {
            // no git: the files' times say it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/"))
                    .map(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant();
                        } catch (IOException e) {
                            return Instant.EPOCH;
                        }
                    }).max(Instant::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
