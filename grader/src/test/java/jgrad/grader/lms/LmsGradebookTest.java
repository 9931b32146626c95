package jgrad.grader.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class LmsGradebookTest {

    private static final Map<String, Integer> POSSIBLE = new LinkedHashMap<>(Map.of("04_xor", 14));

    static {
        POSSIBLE.put("06_iris", 14);
    }

    private final LmsGradebook book = new LmsGradebook(POSSIBLE);
    private final Roster.Student lchen = new Roster.Student("lchen", "777", "Li Chen", "li@example.org", Duration.ZERO);

    private final List<LmsGradebook.Entry> entries = List.of(
            new LmsGradebook.Entry("Émilie Durand_12345_assignsubmission_file_", Optional.empty(),
                    Map.of("04_xor", 12.6, "06_iris", 14.0), 26.6, Duration.ofHours(3)),
            new LmsGradebook.Entry("lchen", Optional.of(lchen), Map.of("04_xor", 7.0), 7.0, Duration.ZERO),
            new LmsGradebook.Entry("=HYPERLINK(\"x\")", Optional.empty(), Map.of(), 0, Duration.ZERO));

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(csv)).getRecords();
    }

    @Test
    void moodleWorksheetParsesBackWithParticipantIdsAndTotals() throws IOException {
        List<String> leftOut = new ArrayList<>();
        List<CSVRecord> rows = parse(book.moodle(entries, leftOut));
        assertEquals("Identifier", rows.get(0).get(0));
        assertEquals("Feedback comments", rows.get(0).get(9));
        assertEquals(List.of("Participant 12345", "Émilie Durand", "", "Submitted for grading", "26.6", "28", "Yes"),
                rows.get(1).toList().subList(0, 7));
        assertEquals("04_xor 12.6/14; 06_iris 14/14; late by 3 h", rows.get(1).get(9));
        assertEquals(List.of("Participant 777", "Li Chen", "li@example.org"), rows.get(2).toList().subList(0, 3));
        assertEquals(3, rows.size());
        assertEquals(1, leftOut.size());
        assertTrue(leftOut.get(0).contains("no Moodle participant id"), leftOut.toString());
    }

    @Test
    void canvasImportHasPointsPossibleAndBlankForUngradedExercises() throws IOException {
        List<String> leftOut = new ArrayList<>();
        List<LmsGradebook.Entry> canvas = List.of(
                new LmsGradebook.Entry("durandemilie_12345_67890_04_xor.ipynb", Optional.empty(),
                        Map.of("04_xor", 14.0), 14, Duration.ZERO),
                entries.get(1), entries.get(2));
        List<CSVRecord> rows = parse(book.canvas(canvas, leftOut));
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "04_xor", "06_iris"),
                rows.get(0).toList());
        assertEquals(List.of("Points Possible", "", "", "", "", "14", "14"), rows.get(1).toList());
        assertEquals("12345", rows.get(2).get(1));
        assertEquals("14", rows.get(2).get(5));
        assertEquals("", rows.get(2).get(6));
        assertEquals(List.of("Li Chen", "777", "", "lchen", "", "7", ""), rows.get(3).toList());
        assertEquals(4, rows.size());
        assertEquals(1, leftOut.size());
    }

    @Test
    void cellsAStudentControlsAreNeverFormulas() {
        assertEquals("'=1+1", LmsGradebook.cell("=1+1"));
        assertEquals("'\t=1+1", LmsGradebook.cell("\t=1+1"));
        assertEquals("'  -2", LmsGradebook.cell("  -2"));
        assertEquals("'@SUM(A1)", LmsGradebook.cell("@SUM(A1)"));
        assertEquals("a b", LmsGradebook.cell("a\nb"));
        assertEquals("Émilie", LmsGradebook.cell("Émilie"));
    }
}
