package jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grade --class refuses bad gradebook options in one line, exit 2, before grading anyone. */
class GradeClassOptionsTest {

    @TempDir
    Path tmp;

    private Run gradeClass(String... more) throws IOException {
        Path classDir = Files.createDirectories(tmp.resolve("class/alice"));
        List<String> args = new java.util.ArrayList<>(List.of("grade", "--class", classDir.getParent().toString(),
                "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(more));
        return Run.of(args.toArray(String[]::new));
    }

    private static void assertOneLine(Run run, String... parts) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), run.err());
        }
    }

    @Test
    void aMalformedRosterRowNamesTheFileAndLine() throws IOException {
        Path roster = tmp.resolve("roster.csv");
        Files.writeString(roster, "folder,id,extension\nalice,1,2d\nbob,2,soon\n");
        assertOneLine(gradeClass("--roster", roster.toString()), roster.toString(), "3");
    }

    @Test
    void anUnparseableDueDateIsRefused() throws IOException {
        assertOneLine(gradeClass("--due", "next friday"), "--due 'next friday'", "2026-12-15T23:59");
    }

    @Test
    void aPenaltyPerFortnightIsRefused() throws IOException {
        assertOneLine(gradeClass("--due", "2026-12-15T23:59", "--late-penalty", "10%/fortnight"),
                "--late-penalty '10%/fortnight'", "10%/day");
        assertOneLine(gradeClass("--late-penalty", "10%/day"), "--late-penalty needs --due");
    }

    @Test
    void aFormatOfTheOtherFormIsRefused() throws IOException {
        assertOneLine(gradeClass("--format", "gradescope"), "--format gradescope", "csv, moodle or canvas");
        assertOneLine(Run.of("grade", "--format", "moodle"), "--format moodle", "text, classroom or gradescope");
    }

    @Test
    void oneStudentsTableFitsTheWidthWithSubtotals() {
        jgrad.grader.GradeReport report = new jgrad.grader.GradeReport("me", List.of(
                new jgrad.grader.CheckResult("01_a", "works", 3, 5, "x".repeat(300)),
                new jgrad.grader.CheckResult("02_b", "works", 2, 2, "")), List.of());
        String text = GradeCommand.fitted(report, 60);
        assertTrue(text.lines().allMatch(l -> l.length() <= 60), text);
        assertTrue(text.contains("subtotals: 01_a 3/5 02_b 2/2"), text);
    }
}
