package jgrad.grader.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubmissionNamesTest {

    private static final List<String> EXERCISES = List.of("00_warmup", "04_xor", "06_iris");

    @Test
    void moodleDownloadFolders() {
        var folder = SubmissionNames.moodleFolder("Émilie Durand_12345_assignsubmission_file_").orElseThrow();
        assertEquals("Émilie Durand", folder.fullName());
        assertEquals("12345", folder.participantId());
        assertTrue(SubmissionNames.moodleFolder("edurand").isEmpty());
    }

    @Test
    void canvasDownloadFiles() {
        var file = SubmissionNames.canvasFile("durandemilie_12345_67890_04_xor.ipynb").orElseThrow();
        assertEquals("durandemilie", file.login());
        assertEquals("12345", file.userId());
        assertEquals("04_xor.ipynb", file.originalName());
        assertTrue(!file.late());
        assertTrue(SubmissionNames.canvasFile("durandemilie_LATE_12345_67890_04_xor.ipynb").orElseThrow().late());
        assertTrue(SubmissionNames.canvasFile("04_xor.ipynb").isEmpty());
    }

    @Test
    void renamedNotebooksAreMatchedWhenUnambiguousAndTheNoteSaysWhichFile() {
        var m = SubmissionNames.match(List.of("Durand_Emilie_04_xor.ipynb", "06_iris (1).ipynb",
                "durandemilie_12345_67890_00_warmup-1.ipynb", "notes.txt"), EXERCISES);
        assertEquals(3, m.matches().size(), m.toString());
        assertTrue(m.problems().isEmpty(), m.problems().toString());
        var xor = m.matches().stream().filter(x -> x.exercise().equals("04_xor")).findFirst().orElseThrow();
        assertEquals("Durand_Emilie_04_xor.ipynb", xor.file());
        assertEquals("graded Durand_Emilie_04_xor.ipynb as 04_xor.ipynb", xor.note());
    }

    @Test
    void theExactNameWinsAndTheOtherCopyIsReported() {
        var m = SubmissionNames.match(List.of("04_xor.ipynb", "04_xor (1).ipynb"), EXERCISES);
        assertEquals(1, m.matches().size());
        assertEquals("", m.matches().get(0).note());
        assertTrue(m.problems().get(0).startsWith("04_xor (1).ipynb: not graded"), m.problems().toString());
    }

    @Test
    void twoCandidatesForOneExerciseAreNeverGuessed() {
        var m = SubmissionNames.match(List.of("04_xor (1).ipynb", "copy of 04_xor.ipynb"), EXERCISES);
        assertTrue(m.matches().isEmpty());
        assertTrue(m.problems().get(0).contains("several files could be it"), m.problems().toString());
    }

    @Test
    void aNameThatOnlyContainsAnExerciseNameInsideAWordIsNotMatched() {
        var m = SubmissionNames.match(List.of("my04_xor.ipynb", "04_xor_old.ipynb"), EXERCISES);
        assertTrue(m.matches().isEmpty(), m.toString());
    }
}
