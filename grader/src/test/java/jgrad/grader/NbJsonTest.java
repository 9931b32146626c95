package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NbJsonTest {

    @Test
    void writesExactlyWhatNbformatWrites() throws Exception {
        // hello.ipynb was written by Python's json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False).
        Path file = Path.of(getClass().getResource("/hello.ipynb").toURI());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(text, NbJson.write(NbJson.parse(text)) + "\n");
    }

    @Test
    void keepsUnicodeAndEscapesControlCharactersAsPython() {
        JsonArray list = new JsonArray();
        list.add("é ∂ \"q\" \\ \n\t\u0001\u007f\u2028 😀");
        list.add(3);
        list.add(true);
        JsonObject json = new JsonObject();
        json.add("k", list);
        String written = NbJson.write(json);
        // json.dumps({"k": ["é ∂ \"q\" \\ \n\t\x01\x7f\u2028 😀", 3, True]}, indent=1, ensure_ascii=False)
        assertEquals("{\n \"k\": [\n  \"é ∂ \\\"q\\\" \\\\ \\n\\t\\u0001\u007f\u2028 😀\",\n  3,\n  true\n ]\n}", written);
        assertEquals(json, NbJson.parse(written));
    }

    @Test
    void sortsKeysByCodePointAsPythonDoes() {
        JsonObject json = new JsonObject();
        json.addProperty("\uFB01", 1); // 'ﬁ', U+FB01, after every surrogate pair in UTF-16 order
        json.addProperty("😀", 2);      // U+1F600, before it in UTF-16 (0xD83D < 0xFB01), after it in code points
        json.addProperty("B", 3);
        json.addProperty("a", 4);
        assertEquals("{\n \"B\": 3,\n \"a\": 4,\n \"\uFB01\": 1,\n \"😀\": 2\n}", NbJson.write(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7|7", "-0|0", "123456789012345678901234567890|123456789012345678901234567890",
        "7.0|7.0", "1.0E-5|1e-05", "1e-5|1e-05", "0.00001|1e-05", "1E+20|1e+20", "0.0001|0.0001", "1e2|100.0",
        "-0.0|-0.0", "1.50|1.5", "1e400|Infinity", "-1e400|-Infinity", "5e-324|5e-324", "1e16|1e+16",
        "1e15|1000000000000000.0", "0.1|0.1", "123.456e-7|1.23456e-05"})
    void numbersAreWrittenAsPythonWritesWhatItRead(String read, String written) {
        assertEquals("[\n " + written + "\n]", NbJson.write(NbJson.parse("[" + read + "]")));
    }

    @Test
    void doublesFromJavaAreWrittenAsPythonRepr() {
        JsonArray list = new JsonArray();
        for (double x : new double[] {1e-5, 1e20, 1e-4, 100, 0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            list.add(x);
        }
        assertEquals("[\n 1e-05,\n 1e+20,\n 0.0001,\n 100.0,\n 0.5,\n NaN,\n Infinity\n]", NbJson.write(list));
    }

    @Test
    void everyFloatInTheFixtureIsWrittenAsPythonsReprWroteIt() throws IOException {
        // python-floats.tsv: float.hex(x) and json.dumps(x) from python3 for ~3,800 doubles (powers of ten,
        // boundaries, subnormals, random bit patterns and random magnitudes).
        List<String> wrong = new ArrayList<>();
        int n = 0;
        try (InputStream in = getClass().getResourceAsStream("/nbjson/python-floats.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split("\t");
                double x = switch (parts[0]) {
                    case "nan" -> Double.NaN;
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(parts[0]);
                };
                n++;
                if (!PythonFloat.repr(x).equals(parts[1])) {
                    wrong.add(parts[0] + ": Python " + parts[1] + ", jgrad " + PythonFloat.repr(x));
                }
            }
        }
        assertTrue(n > 3000, "the fixture has " + n + " values");
        assertEquals(List.of(), wrong);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\n \"a\": [1, 2\n}", "expected ',' or ']' in an array (line 3, column 1)"),
                Arguments.of("{\"a\": 1} x", "unexpected text after the end of the JSON value (line 1, column 10)"),
                Arguments.of("{\"a\" 1}", "expected ':' after a key (line 1, column 6)"),
                Arguments.of("{\"a\": 1,}", "expected a quoted key in an object (line 1, column 9)"),
                Arguments.of("{\"a\": tru}", "unexpected character 't', a value was expected"),
                Arguments.of("[1,]", "unexpected character ']', a value was expected"),
                Arguments.of("{\"a\": \"x\ny\"}", "control character inside a string (a raw line break?) (line 1"),
                Arguments.of("{\"a\": \"\\q\"}", "bad escape in a string"),
                Arguments.of("{\"a\": \"abc", "unterminated string (line 1"),
                Arguments.of("// comment\n{}", "unexpected character '/', a value was expected (JSON has no comments"),
                Arguments.of("{\"a\": [", "unexpected end of file"),
                Arguments.of("", "unexpected end of file"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedJsonSaysWhatWasExpectedAndWhere(String text, String message) {
        NbJson.ParseException e = assertThrows(NbJson.ParseException.class, () -> NbJson.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("line ") && e.getMessage().contains("column "), e.getMessage());
    }
}
