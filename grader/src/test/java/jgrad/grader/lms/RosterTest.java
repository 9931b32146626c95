package jgrad.grader.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {

    @TempDir
    Path dir;

    private Path roster(String text) throws IOException {
        return Files.writeString(dir.resolve("roster.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheUsualColumnsWhateverTheirSpelling() throws IOException {
        Roster r = Roster.read(roster("Username,Student ID,Full name,Email address,Extension\n"
                + "edurand,12345,\"Durand, Émilie\",emilie@example.org,2d\n"
                + "lchen,12346,Li Chen,li@example.org,\n"));
        assertEquals(2, r.students().size());
        Roster.Student first = r.students().get(0);
        assertEquals("edurand", first.key());
        assertEquals("12345", first.id());
        assertEquals("Durand, Émilie", first.name());
        assertEquals(Duration.ofDays(2), first.extension());
        assertEquals(Duration.ZERO, r.students().get(1).extension());
    }

    @Test
    void findsAStudentByFolderOrByTheIdInAnLmsDownloadName() throws IOException {
        Roster r = Roster.read(roster("folder,id,name\nedurand,12345,Émilie Durand\nlchen,777,Li Chen\n"));
        assertEquals("edurand", r.find("EDurand").orElseThrow().key());
        assertEquals("edurand", r.find("Émilie Durand_12345_assignsubmission_file_").orElseThrow().key());
        assertEquals("lchen", r.find("chenli_777_4242_04_xor.ipynb").orElseThrow().key());
        assertTrue(r.find("nobody").isEmpty());
    }

    @Test
    void extensionsInEveryWrittenForm() {
        assertEquals(Duration.ofHours(36), Roster.parseExtension("36h"));
        assertEquals(Duration.ofHours(36), Roster.parseExtension("1d12h"));
        assertEquals(Duration.ofHours(36), Roster.parseExtension("1.5"));
        assertEquals(Duration.ofHours(36), Roster.parseExtension("P1DT12H"));
        assertEquals(Duration.ofMinutes(90), Roster.parseExtension("90m"));
        assertEquals(Duration.ZERO, Roster.parseExtension(" "));
    }

    @Test
    void aMalformedRosterNamesTheFileTheLineAndTheProblem() throws IOException {
        Path noKey = roster("name,email\nA,a@b.c\n");
        String message = assertThrows(IllegalArgumentException.class, () -> Roster.read(noKey)).getMessage();
        assertTrue(message.contains("roster.csv line 1") && message.contains("folder"), message);

        Path badExtension = roster("folder,extension\na,2d\nb,two days\n");
        message = assertThrows(IllegalArgumentException.class, () -> Roster.read(badExtension)).getMessage();
        assertTrue(message.contains("line 3") && message.contains("two days") && message.contains("36h"), message);

        Path duplicate = roster("folder\na\nb\nA\n");
        message = assertThrows(IllegalArgumentException.class, () -> Roster.read(duplicate)).getMessage();
        assertTrue(message.contains("line 4") && message.contains("line 2"), message);

        Path badEmail = roster("folder,email\na,not-an-address\n");
        message = assertThrows(IllegalArgumentException.class, () -> Roster.read(badEmail)).getMessage();
        assertTrue(message.contains("line 2") && message.contains("not-an-address"), message);

        message = assertThrows(IllegalArgumentException.class, () -> Roster.read(dir.resolve("missing.csv"))).getMessage();
        assertTrue(message.contains("missing.csv") && message.contains("no such file"), message);
    }
}
