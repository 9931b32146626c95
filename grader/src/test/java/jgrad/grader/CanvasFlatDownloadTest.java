package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jgrad.grader.lms.CanvasFlatDownload;
import jgrad.grader.sample.SampleChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Canvas's flat download (every student's files in one folder) is graded one student per Canvas user id. */
class CanvasFlatDownloadTest {

    @TempDir
    Path tmp;

    private Path good() throws Exception {
        return Path.of(getClass().getResource("/class/good1/hello.ipynb").toURI());
    }

    private Path bad() throws Exception {
        return Path.of(getClass().getResource("/class/compile_error/hello.ipynb").toURI());
    }

    @Test
    void aFlatFolderOfCanvasNamesIsSortedByUserIdAndTheDownloadIsLeftAlone() throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        Files.copy(good(), flat.resolve("durandemilie_12345_67890_hello.ipynb"));
        Files.copy(good(), flat.resolve("durandemilie_12345_67891_notes.ipynb"));
        Files.copy(bad(), flat.resolve("martinpaul_LATE_222_333_hello.ipynb"));
        assertTrue(CanvasFlatDownload.isFlat(flat));
        Map<String, Path> folders = CanvasFlatDownload.sort(flat, tmp.resolve("sorted"));
        assertEquals(List.of("12345", "222"), List.copyOf(folders.keySet()));
        assertEquals("durandemilie_12345", folders.get("12345").getFileName().toString());
        assertTrue(Files.exists(folders.get("12345").resolve("durandemilie_12345_67891_notes.ipynb")));
        assertTrue(Files.exists(folders.get("222").resolve("martinpaul_LATE_222_333_hello.ipynb")));
        assertEquals(3, Files.list(flat).count(), "the download itself is not changed");
    }

    @Test
    void studentFoldersOrLooseNotebooksWithoutCanvasNamesAreNotAFlatDownload() throws Exception {
        Path folders = Files.createDirectories(tmp.resolve("folders/alice"));
        Files.copy(good(), folders.resolve("hello.ipynb"));
        assertFalse(CanvasFlatDownload.isFlat(tmp.resolve("folders")));
        Path loose = Files.createDirectories(tmp.resolve("loose"));
        Files.copy(good(), loose.resolve("durandemilie_12345_67890_hello.ipynb"));
        Files.copy(good(), loose.resolve("hello.ipynb"));
        assertFalse(CanvasFlatDownload.isFlat(loose));
    }

    @Test
    void gradeClassOnAFlatDownloadGivesOneRowPerStudentAndCanvasIds() throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("download"));
        Files.copy(good(), flat.resolve("durandemilie_12345_67890_hello.ipynb"));
        Files.copy(bad(), flat.resolve("martinpaul_LATE_222_333_hello.ipynb"));
        ClassGrader.Settings settings = ClassGrader.Settings.defaults(List.of(SampleChecks.location()))
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10)).with(2, "256m", null).withSandbox(false);
        List<ClassGrader.StudentRow> rows = new ClassGrader(settings).gradeClass(flat, tmp.resolve("out"),
                new ClassGradebook.Options(Optional.empty(), Optional.empty(), Optional.empty(),
                        ClassGradebook.Format.canvas), row -> { });
        assertEquals(List.of("durandemilie_12345", "martinpaul_222"), rows.stream().map(ClassGrader.StudentRow::student).toList());
        assertEquals(5, rows.get(0).total(), rows.get(0).note());
        assertTrue(rows.get(1).total() < 5, rows.get(1).note());
        assertTrue(rows.get(1).note().contains("graded martinpaul_LATE_222_333_hello.ipynb as hello.ipynb"), rows.get(1).note());
        String canvas = Files.readString(tmp.resolve("out/canvas.csv"), StandardCharsets.UTF_8);
        assertTrue(canvas.contains("\ndurandemilie_12345,12345,"), canvas);
        assertTrue(canvas.contains("\nmartinpaul_222,222,"), canvas);
    }
}
