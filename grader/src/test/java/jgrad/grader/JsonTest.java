package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesExactlyWhatNbformatWrites() throws Exception {
        // hello.ipynb was written by Python's json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False).
        Path file = Path.of(getClass().getResource("/hello.ipynb").toURI());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(text, Json.write(Json.parse(text)) + "\n");
    }

    @Test
    void keepsUnicodeAndEscapesControlCharacters() {
        String written = Json.write(Map.of("k", List.of("é ∂ \"q\" \\ \n\t\u0001", 3L, true)));
        assertEquals("{\n \"k\": [\n  \"é ∂ \\\"q\\\" \\\\ \\n\\t\\u0001\",\n  3,\n  true\n ]\n}", written);
        assertEquals(Map.of("k", List.of("é ∂ \"q\" \\ \n\t\u0001", 3L, true)), Json.parse(written));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("{\n \"a\": [1, 2\n}"));
        assertTrue(e.getMessage().contains("line 3, column 1"), e.getMessage());
    }
}
