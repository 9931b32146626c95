package jgrad.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small nbformat 4 notebooks for tests: each argument is one code cell ("md:" starts a markdown cell). */
final class TestNotebooks {

    private TestNotebooks() {
    }

    static Path write(Path file, String... cells) throws IOException {
        List<Notebook.Cell> list = new ArrayList<>();
        for (String cell : cells) {
            boolean markdown = cell.startsWith("md:");
            list.add(Notebook.Cell.of(list.size() + 1, markdown ? "markdown" : "code",
                    markdown ? cell.substring(3) : cell));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, new Notebook(file, list, null, 4, 5, null).toJson(), StandardCharsets.UTF_8);
        return file;
    }
}
