package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NotebookTest {

    /** The repository root: surefire runs in grader/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static List<Path> committedNotebooks() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".ipynb"))
                    .filter(p -> !ROOT.relativize(p).toString().contains("target"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("malformed_json"))
                    .sorted().toList();
        }
    }

    @Test
    void everyCommittedNotebookRoundTripsByteForByte() throws IOException {
        List<Path> notebooks = committedNotebooks();
        Set<String> folders = new HashSet<>();
        notebooks.forEach(p -> folders.add(ROOT.relativize(p).getName(0).toString()));
        assertTrue(folders.containsAll(Set.of("notebooks", "solutions", "exercises", "grader", "kernel")), "" + folders);
        assertTrue(notebooks.size() >= 30, "found " + notebooks);
        for (Path file : notebooks) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(text, Notebook.parse(file, text).toJson(), ROOT.relativize(file).toString());
        }
    }

    private static final String UNKNOWN = "{\n \"cells\": [\n  {\n   \"attachments\": {\n    \"a.png\": {\n"
            + "     \"image/png\": \"iVBOR\"\n    }\n   },\n   \"cell_type\": \"markdown\",\n   \"custom\": [\n    1.5e-07\n   ],\n"
            + "   \"id\": \"m1\",\n   \"metadata\": {\n    \"tags\": [\n     \"x\"\n    ]\n   },\n   \"source\": [\n    \"![a](attachment:a.png)\"\n   ]\n"
            + "  },\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": 2,\n   \"id\": \"c1\",\n   \"metadata\": {\n"
            + "    \"mine\": {\n     \"deep\": [\n      null,\n      true\n     ]\n    }\n   },\n   \"outputs\": [\n    {\n"
            + "     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n     \"text\": \"1\\n\"\n    }\n   ],\n"
            + "   \"source\": [\n    \"int x = 1;\\n\",\n    \"x\"\n   ]\n  }\n ],\n \"metadata\": {\n"
            + "  \"my_tool\": {\n   \"setting\": 100.0\n  }\n },\n \"nbformat\": 4,\n \"nbformat_minor\": 5,\n"
            + " \"zzz_extension\": \"kept\"\n}\n";

    @Test
    void unknownFieldsAndMetadataAreKeptVerbatim() {
        Notebook nb = Notebook.parse(Path.of("unknown.ipynb"), UNKNOWN);
        assertEquals(UNKNOWN, nb.toJson());
        assertEquals(100.0, nb.metadata().getAsJsonObject("my_tool").get("setting").getAsDouble());
        assertEquals("kept", nb.extra().get("zzz_extension").getAsString());
        Notebook.Cell markdown = nb.cells().get(0);
        assertEquals("m1", markdown.id());
        assertTrue(markdown.attachments().has("a.png"));
        assertTrue(markdown.extra().has("custom"));
        Notebook.Cell code = nb.cells().get(1);
        assertEquals(2, code.executionCount());
        assertEquals("stream", code.outputs().get(0).outputType());
        assertEquals("int x = 1;\nx", code.source());
        // and through assign's steps, everything but the outputs survives
        String student = Assign.studentVersion(nb);
        assertTrue(student.contains("\"my_tool\"") && student.contains("\"zzz_extension\"")
                && student.contains("\"custom\"") && student.contains("\"deep\"") && student.contains("\"a.png\""), student);
    }

    @Test
    void theModelCannotBeChangedThroughWhatItHandsOut() {
        Notebook nb = Notebook.parse(Path.of("unknown.ipynb"), UNKNOWN);
        nb.metadata().addProperty("sneaky", 1);
        nb.cells().get(1).metadata().remove("mine");
        nb.cells().get(1).outputs().get(0).json().addProperty("text", "changed");
        JsonObject given = new JsonObject();
        Notebook.Cell cell = new Notebook.Cell(1, "code", null, "x", given, List.of(), null, null, null);
        given.addProperty("later", true);
        assertEquals(new JsonObject(), cell.metadata());
        assertThrows(UnsupportedOperationException.class, () -> nb.cells().clear());
        assertEquals(UNKNOWN, nb.toJson());
    }

    @Test
    void sourceIsSplitAsNbformatSavesIt() {
        assertEquals(List.of("a\n", "b\r\n", "c\r", "d"), Notebook.sourceLines("a\nb\r\nc\rd"));
        assertEquals(List.of(), Notebook.sourceLines(""));
        String text = "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"a\\nb\","
                + " \"outputs\": [], \"execution_count\": null}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
        assertTrue(Notebook.parse(Path.of("s.ipynb"), text).toJson().contains("\"source\": [\n    \"a\\n\",\n    \"b\"\n   ]"));
    }

    @Test
    void malformedNotebooksNameTheFileAndWhatIsWrong() {
        Path file = Path.of("bad.ipynb");
        assertMessage("malformed notebook bad.ipynb: not valid JSON: expected ',' or '}' in an object (line 1, column 14)",
                "{\"cells\": [] \"nbformat\": 4}");
        assertMessage("unsupported notebook bad.ipynb: nbformat is 3", "{\"nbformat\": 3, \"cells\": []}");
        assertMessage("unsupported notebook bad.ipynb: nbformat is null", "{\"cells\": []}");
        assertMessage("malformed notebook bad.ipynb: \"cells\" must be a list", "{\"nbformat\": 4, \"cells\": {}}");
        assertMessage("malformed notebook bad.ipynb: the top level must be a JSON object", "[]");
        assertMessage("malformed notebook bad.ipynb: cell 2 has no cell_type",
                "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"raw\"}, {}]}");
        assertMessage("malformed notebook bad.ipynb: cell 1 has a source line that is not a string",
                "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": [1]}]}");
        assertNull(Notebook.parse(file, "{\"nbformat\": 4, \"cells\": []}").nbformatMinor());
    }

    private static void assertMessage(String expected, String text) {
        NotebookException e = assertThrows(NotebookException.class, () -> Notebook.parse(Path.of("bad.ipynb"), text));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void cellIdsAreAddedOnlyWhereMissingDeterministicallyAndBumpTheMinorVersion() {
        String text = "{\"cells\": [{\"cell_type\": \"code\", \"id\": \"keep-me\", \"metadata\": {}, \"source\": \"1\","
                + " \"outputs\": [], \"execution_count\": null}, {\"cell_type\": \"markdown\", \"metadata\": {},"
                + " \"source\": \"# hi\"}, {\"cell_type\": \"raw\", \"metadata\": {}, \"source\": \"\"}],"
                + " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}";
        Notebook nb = new AddCellIds().apply(Notebook.parse(Path.of("solutions/x.ipynb"), text));
        assertEquals("keep-me", nb.cells().get(0).id());
        String id1 = nb.cells().get(1).id();
        String id2 = nb.cells().get(2).id();
        assertTrue(id1.matches("[a-zA-Z0-9_-]{8,64}") && id2.matches("[a-zA-Z0-9_-]{8,64}"), id1 + " " + id2);
        assertNotEquals(id1, id2);
        assertEquals(AddCellIds.idFor("x.ipynb", 1), id1);
        assertEquals(5, nb.nbformatMinor());
        // the same file name elsewhere (a solution and its exercise) gets the same ids; another name others
        Notebook again = new AddCellIds().apply(Notebook.parse(Path.of("exercises/x.ipynb"), text));
        assertEquals(nb.toJson(), again.toJson());
        assertNotEquals(id1, new AddCellIds().apply(Notebook.parse(Path.of("y.ipynb"), text)).cells().get(1).id());
        // nothing to add: nothing changes, not even the minor version
        Notebook complete = Notebook.parse(Path.of("z.ipynb"), nb.toJson().replace("\"nbformat_minor\": 5", "\"nbformat_minor\": 4"));
        assertEquals(4, new AddCellIds().apply(complete).nbformatMinor());
    }

    @Test
    void anIdAlreadyTakenIsNotGivenTwice() {
        String taken = AddCellIds.idFor("t.ipynb", 1);
        String text = "{\"cells\": [{\"cell_type\": \"raw\", \"id\": \"" + taken + "\", \"metadata\": {}, \"source\": \"\"},"
                + " {\"cell_type\": \"raw\", \"metadata\": {}, \"source\": \"\"}], \"metadata\": {}, \"nbformat\": 4,"
                + " \"nbformat_minor\": 5}";
        Notebook nb = new AddCellIds().apply(Notebook.parse(Path.of("t.ipynb"), text));
        assertNotEquals(nb.cells().get(0).id(), nb.cells().get(1).id());
    }

    @Test
    void clearOutputsEmptiesCodeCellsAndDropsTheirTiming() {
        String text = "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": 4, \"metadata\": {\"execution\":"
                + " {\"iopub.status.idle\": \"2024\"}, \"tags\": []}, \"outputs\": [{\"output_type\": \"stream\","
                + " \"name\": \"stdout\", \"text\": \"hi\"}], \"source\": \"x\"}], \"metadata\": {}, \"nbformat\": 4,"
                + " \"nbformat_minor\": 5}";
        Notebook.Cell cell = new ClearOutputs().apply(Notebook.parse(Path.of("o.ipynb"), text)).cells().get(0);
        assertEquals(List.of(), cell.outputs());
        assertNull(cell.executionCount());
        assertEquals("{\"tags\":[]}", cell.metadata().toString());
    }
}
