package jgrad.grader.lms;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * A graded class written in the grade-import formats of Moodle and Canvas.
 *
 * <ul>
 *   <li><b>Moodle</b>: the assignment's offline grading worksheet (Assignment → View all submissions →
 *       Grading action "Upload grading worksheet"): {@code Identifier} is {@code Participant N}, the id
 *       Moodle puts in its download folders; the grade is the total (after any late penalty), the feedback
 *       comment gives the points per exercise.</li>
 *   <li><b>Canvas</b>: the Gradebook's import CSV: {@code Student, ID, SIS User ID, SIS Login ID, Section},
 *       then one column per exercise, with a {@code Points Possible} row; {@code ID} is the Canvas user id of
 *       the submission download's file names, or the roster's id.</li>
 * </ul>
 * Cells a student controls (names, folder names) are written so that a spreadsheet does not run them as
 * formulas, and without line breaks.
 */
public final class LmsGradebook {

    /**
     * One student's line.
     *
     * @param folder   the folder (or file prefix) their work arrived under; empty for a roster student who
     *                 handed nothing in
     * @param student  the roster's entry for them, if any
     * @param scores   points per graded exercise (an exercise not graded is absent, not 0)
     * @param total    points earned, after any late penalty
     * @param lateBy   how late the work was, {@link Duration#ZERO} when on time
     */
    public record Entry(String folder, Optional<Roster.Student> student, Map<String, Double> scores, double total,
                        Duration lateBy) {
    }

    private final List<String> exercises;
    private final Map<String, Integer> possible;

    /**
     * @param possible points possible per exercise, in the gradebook's column order
     */
    public LmsGradebook(Map<String, Integer> possible) {
        this.possible = new LinkedHashMap<>(possible);
        this.exercises = List.copyOf(possible.keySet());
    }

    /** @return points possible over every exercise */
    public int maxTotal() {
        return possible.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return Moodle's grading worksheet for these entries; entries without a participant id are left out */
    public String moodle(List<Entry> entries, List<String> leftOut) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade",
                "Grade can be changed", "Last modified (submission)", "Last modified (grade)", "Feedback comments"));
        for (Entry e : entries) {
            Optional<String> participant = SubmissionNames.moodleFolder(e.folder())
                    .map(SubmissionNames.MoodleFolder::participantId)
                    .or(() -> e.student().map(Roster.Student::id).filter(id -> id.matches("\\d+")));
            if (participant.isEmpty()) {
                leftOut.add(display(e) + ": no Moodle participant id (neither a Moodle download folder nor a"
                        + " numeric id on the roster)");
                continue;
            }
            String name = e.student().map(Roster.Student::name).filter(n -> !n.isEmpty())
                    .or(() -> SubmissionNames.moodleFolder(e.folder()).map(SubmissionNames.MoodleFolder::fullName))
                    .orElse(e.folder());
            rows.add(List.of("Participant " + participant.get(), cell(name),
                    cell(e.student().map(Roster.Student::email).orElse("")),
                    e.folder().isEmpty() ? "No submission" : "Submitted for grading", number(e.total()),
                    number(maxTotal()), "Yes", "", "", cell(breakdown(e))));
        }
        return csv(rows);
    }

    /** @return Canvas's gradebook import CSV for these entries; entries without a Canvas id are left out */
    public String canvas(List<Entry> entries, List<String> leftOut) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section"));
        header.addAll(exercises);
        rows.add(header);
        List<String> points = new ArrayList<>(List.of("Points Possible", "", "", "", ""));
        exercises.forEach(x -> points.add(Integer.toString(possible.get(x))));
        rows.add(points);
        for (Entry e : entries) {
            Optional<String> id = SubmissionNames.canvasUserId(e.folder())
                    .or(() -> e.student().map(Roster.Student::id).filter(s -> !s.isEmpty()));
            if (id.isEmpty()) {
                leftOut.add(display(e) + ": no Canvas user id (neither a Canvas download name nor an id on the roster)");
                continue;
            }
            List<String> row = new ArrayList<>(List.of(cell(display(e)), id.get(), "",
                    cell(e.student().map(Roster.Student::key).orElse("")), ""));
            exercises.forEach(x -> row.add(e.scores().containsKey(x) ? number(e.scores().get(x)) : ""));
            rows.add(row);
        }
        return csv(rows);
    }

    private String breakdown(Entry e) {
        StringBuilder text = new StringBuilder();
        for (String x : exercises) {
            if (e.scores().containsKey(x)) {
                text.append(text.length() == 0 ? "" : "; ").append(x).append(' ')
                        .append(number(e.scores().get(x))).append('/').append(possible.get(x));
            }
        }
        if (!e.lateBy().isZero()) {
            text.append(text.length() == 0 ? "" : "; ").append("late by ").append(LatePolicy.describe(e.lateBy()));
        }
        return text.toString();
    }

    private static String display(Entry e) {
        return e.student().map(s -> s.name().isEmpty() ? s.key() : s.name()).orElse(e.folder());
    }

    /** A number as the LMSs read it: a dot for decimals, no more than two, no trailing zeros. */
    public static String number(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /**
     * A cell a student may control: on one line, and never read as a formula (a leading {@code =}, {@code +},
     * {@code -}, {@code @}, tab or carriage return, even after spaces, gets a leading apostrophe).
     */
    public static String cell(String text) {
        String flat = text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
        String lead = flat.stripLeading();
        boolean formula = !lead.isEmpty() && "=+-@\t".indexOf(lead.charAt(0)) >= 0
                || !flat.isEmpty() && (flat.charAt(0) == '\t' || flat.charAt(0) == '\r');
        return formula ? "'" + flat : flat;
    }

    private static String csv(List<List<String>> rows) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
