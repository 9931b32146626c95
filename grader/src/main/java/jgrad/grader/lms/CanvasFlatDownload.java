package jgrad.grader.lms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Canvas's "Download Submissions" is one flat folder: every student's files side by side, each named
 * {@code login_12345_67890_04_xor.ipynb}. Grading wants one folder per student, so such a folder is sorted
 * into {@code login_12345/} folders (by Canvas user id) in a scratch folder; the download itself is left as
 * it is. The student folders keep Canvas's file names, which {@link SubmissionNames#match} already reads,
 * and their names carry the user id, which the roster and the Canvas export read
 * ({@link SubmissionNames#canvasUserId}).
 */
public final class CanvasFlatDownload {

    private CanvasFlatDownload() {
    }

    /**
     * Whether this is a flat Canvas download: no folders, at least one notebook, and every notebook named the
     * Canvas way. A folder of student folders, or loose notebooks without Canvas names, is not.
     */
    public static boolean isFlat(Path classDir) {
        List<Path> entries = list(classDir);
        if (entries.stream().anyMatch(Files::isDirectory)) {
            return false;
        }
        List<String> notebooks = entries.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".ipynb")).toList();
        return !notebooks.isEmpty() && notebooks.stream().allMatch(n -> SubmissionNames.canvasFile(n).isPresent());
    }

    /**
     * Copies each Canvas-named file of {@code classDir} into {@code target/login_USERID/} (times kept, for the
     * late rule); files without a Canvas name are not copied.
     *
     * @return the student folders made, by user id
     */
    public static Map<String, Path> sort(Path classDir, Path target) {
        Map<String, Path> folders = new TreeMap<>();
        try {
            for (Path file : list(classDir)) {
                Optional<SubmissionNames.CanvasFile> canvas = SubmissionNames.canvasFile(file.getFileName().toString());
                if (canvas.isEmpty() || !Files.isRegularFile(file)) {
                    continue;
                }
                String id = canvas.get().userId();
                Path folder = folders.get(id);
                if (folder == null) {
                    folder = Files.createDirectories(target.resolve(canvas.get().login() + "_" + id));
                    folders.put(id, folder);
                }
                Files.copy(file, folder.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sort the Canvas download " + classDir + " into student folders: "
                    + e.getMessage(), e);
        }
        return folders;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
