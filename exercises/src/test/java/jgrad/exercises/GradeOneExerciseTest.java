package jgrad.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jgrad.grader.CheckResult;
import jgrad.grader.ClassGradebook;
import jgrad.grader.ClassGrader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grade --class --exercise NAME: each student's JVM runs that exercise's checks only (a class that handed in one
 * exercise is graded in seconds, not minutes), and the gradebook has that exercise's column only.
 */
class GradeOneExerciseTest {

    private static final Path ROOT = Path.of(System.getProperty("jgrad.courseRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void onlyTheNamedExercisesChecksRunAndOnlyItsColumnIsWritten() throws Exception {
        Path classDir = tmp.resolve("class");
        for (String student : List.of("handed_in_one", "handed_in_all")) {
            Files.createDirectories(classDir.resolve(student));
        }
        Files.copy(ROOT.resolve("solutions/00_warmup.ipynb"), classDir.resolve("handed_in_one/00_warmup.ipynb"));
        try (var all = Files.list(ROOT.resolve("solutions"))) {
            for (Path notebook : all.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
                Files.copy(notebook, classDir.resolve("handed_in_all").resolve(notebook.getFileName()));
            }
        }
        String checks = Path.of(WarmupChecks.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        ClassGrader grader = new ClassGrader(ClassGrader.Settings.defaults(List.of(checks)).with(2, "512m", null));
        ClassGradebook.Options options = new ClassGradebook.Options(Optional.empty(), Optional.of("00_warmup"),
                Optional.empty(), ClassGradebook.Format.csv);
        List<ClassGrader.StudentRow> rows = grader.gradeClass(classDir, tmp.resolve("out"), options, row -> { });

        int possible = grader.possible().get("00_warmup");
        assertEquals(2, rows.size());
        for (ClassGrader.StudentRow row : rows) {
            assertEquals(possible, row.total(), row.student() + ": " + row.note());
            Set<String> ran = row.report().checks().stream().map(CheckResult::exercise).collect(Collectors.toSet());
            assertEquals(Set.of("00_warmup"), ran, row.student());
        }
        String header = Files.readAllLines(tmp.resolve("out/gradebook.csv"), StandardCharsets.UTF_8).get(0);
        assertTrue(header.contains("00_warmup"), header);
        assertFalse(header.contains("04_xor"), header);
    }
}
