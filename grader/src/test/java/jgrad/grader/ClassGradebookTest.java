package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jgrad.grader.lms.LatePolicy;
import jgrad.grader.lms.Roster;

/** The class-level gradebook, given graded rows as a fake grading would give them: no JVM is started. */
class ClassGradebookTest {

    private static final Map<String, Integer> POSSIBLE = new LinkedHashMap<>(Map.of("01_a", 10));

    static {
        POSSIBLE.put("02_b", 5);
    }

    private static final Instant DUE = Instant.parse("2026-12-15T23:59:00Z");

    @TempDir
    Path tmp;

    private static ClassGrader.StudentRow row(String folder, int a, int b, String message) {
        GradeReport report = new GradeReport(folder, List.of(new CheckResult("01_a", "works", a, 10, message),
                new CheckResult("02_b", "works", b, 5, "")), List.of());
        return new ClassGrader.StudentRow(folder, ClassGrader.key(folder), Map.of("01_a", a, "02_b", b), a + b, 15,
                "", report);
    }

    private static Roster roster() {
        return Roster.of(List.of(
                new Roster.Student("durand", "12345", "Emilie Durand", "ed@uni.fr", Duration.ZERO),
                new Roster.Student("martin", "23456", "Paul Martin", "pm@uni.fr", Duration.ofDays(2)),
                new Roster.Student("absent", "34567", "Ana Absent", "aa@uni.fr", Duration.ZERO)));
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
    }

    @Test
    void rosterNamesStudentsAndMissingOnesGetARow() throws IOException {
        ClassGradebook book = new ClassGradebook(POSSIBLE, new ClassGradebook.Options(Optional.of(roster()),
                Optional.empty(), Optional.empty(), ClassGradebook.Format.csv));
        book.write(tmp, book.lines(List.of(row("durand", 10, 5, ""), row("stranger", 1, 0, "")), Map.of()));
        List<CSVRecord> csv = parse(tmp.resolve("gradebook.csv"));
        assertEquals(List.of("student", "id", "name", "email", "01_a", "02_b", "total", "note", "feedback"),
                csv.get(0).toList());
        assertEquals(List.of("points possible", "", "", "", "10", "5", "15", "", ""), csv.get(1).toList());
        assertEquals(List.of("durand", "12345", "Emilie Durand", "ed@uni.fr", "10", "5", "15", ""),
                csv.get(2).toList().subList(0, 8));
        assertEquals("not on the roster", csv.get(3).get(7));
        assertEquals(6, csv.size(), "header, points, two graded, two on the roster who handed nothing in");
        CSVRecord absent = csv.get(5);
        assertEquals(List.of("", "34567", "Ana Absent", "aa@uni.fr", "0", "0", "0", "handed nothing in"),
                absent.toList().subList(0, 8));
        assertTrue(Files.isRegularFile(tmp.resolve(absent.get(8))), absent.get(8));
    }

    @Test
    void oneExerciseLeavesTheOtherColumnsOut() throws IOException {
        ClassGradebook book = new ClassGradebook(POSSIBLE, new ClassGradebook.Options(Optional.of(roster()),
                Optional.of("02_b"), Optional.empty(), ClassGradebook.Format.canvas));
        book.write(tmp, book.lines(List.of(row("durand", 10, 4, "")), Map.of()));
        List<CSVRecord> canvas = parse(tmp.resolve("canvas.csv"));
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "02_b"), canvas.get(0).toList());
        assertEquals("5", canvas.get(1).get(5));
        assertEquals("12345", canvas.get(2).get(1));
        assertEquals("4", canvas.get(2).get(5));
        List<CSVRecord> csv = parse(tmp.resolve("gradebook.csv"));
        assertFalse(csv.get(0).toList().contains("01_a"), csv.get(0).toString());
        assertThrows(IllegalArgumentException.class, () -> new ClassGradebook(POSSIBLE, new ClassGradebook.Options(
                Optional.empty(), Optional.of("99_none"), Optional.empty(), ClassGradebook.Format.csv)));
    }

    @Test
    void lateWorkLosesItsShareAfterTheExtension() throws IOException {
        ClassGradebook book = new ClassGradebook(POSSIBLE, new ClassGradebook.Options(Optional.of(roster()),
                Optional.empty(), Optional.of(LatePolicy.parse(DUE, "10%/day,max=50%")), ClassGradebook.Format.moodle));
        Instant threeDaysLate = DUE.plus(Duration.ofDays(2)).plus(Duration.ofHours(5));
        List<ClassGradebook.Line> lines = book.lines(List.of(row("Emilie Durand_12345_assignsubmission_file_", 10, 5, ""),
                row("martin", 10, 5, "")), Map.of("Emilie Durand_12345_assignsubmission_file_", threeDaysLate,
                "martin", threeDaysLate));
        assertEquals(15 * 0.7, lines.get(0).total(), 1e-9, "three started days late: 30 % off");
        assertEquals(15 * 0.9, lines.get(1).total(), 1e-9, "two days' extension: one started day late");
        book.write(tmp, lines);
        List<CSVRecord> moodle = parse(tmp.resolve("moodle.csv"));
        assertEquals("Identifier", moodle.get(0).get(0));
        assertEquals("Participant 12345", moodle.get(1).get(0));
        assertEquals("10.5", moodle.get(1).get(4));
        assertEquals("15", moodle.get(1).get(5));
        List<CSVRecord> csv = parse(tmp.resolve("gradebook.csv"));
        int lateBy = csv.get(0).toList().indexOf("late_by");
        assertTrue(lateBy > 0, csv.get(0).toString());
        assertFalse(csv.get(3).get(lateBy).isEmpty(), csv.get(3).toString());
    }

    @Test
    void htmlFeedbackEscapesWhatTheStudentWrote() throws IOException {
        ClassGradebook book = new ClassGradebook(POSSIBLE, ClassGradebook.Options.plain());
        book.write(tmp, book.lines(List.of(row("<b>x", 3, 0, "<script>alert(1)</script>")), Map.of()));
        String html = Files.readString(tmp.resolve("feedback/" + ClassGrader.key("<b>x") + ".html"));
        assertFalse(html.contains("<script") || html.contains("<b>x"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void longNotesAreShortenedForTheCell() {
        String note = ClassGradebook.shortNote("x".repeat(3500));
        assertTrue(note.length() <= 120 && note.endsWith("(details in the feedback)"), note);
    }

    @Test
    void submissionTimeIsTheNewestFileWithoutGit() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("s"));
        Files.writeString(folder.resolve("a.ipynb"), "{}");
        Instant t = Instant.parse("2026-12-16T10:00:00Z");
        Files.setLastModifiedTime(folder.resolve("a.ipynb"), java.nio.file.attribute.FileTime.from(t));
        assertEquals(Optional.of(t), ClassGradebook.submittedAt(folder));
    }
}
