package jgrad.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small nbformat 4 notebooks for tests: each argument is one code cell ("md:" starts a markdown cell). */
final class TestNotebooks {

    private TestNotebooks() {
    }

    static Path write(Path file, String... cells) throws IOException {
        List<Object> list = new ArrayList<>();
        for (String cell : cells) {
            Map<String, Object> c = new LinkedHashMap<>();
            boolean markdown = cell.startsWith("md:");
            c.put("cell_type", markdown ? "markdown" : "code");
            c.put("metadata", new LinkedHashMap<>());
            c.put("source", new ArrayList<Object>(Notebook.sourceLines(markdown ? cell.substring(3) : cell)));
            if (!markdown) {
                c.put("execution_count", null);
                c.put("outputs", new ArrayList<>());
            }
            list.add(c);
        }
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", list);
        nb.put("metadata", new LinkedHashMap<>());
        nb.put("nbformat", 4L);
        nb.put("nbformat_minor", 5L);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.write(nb) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
