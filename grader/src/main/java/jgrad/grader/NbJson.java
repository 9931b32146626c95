package jgrad.grader;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notebook JSON as Jupyter reads and writes it. {@link #parse} is strict JSON (Gson) with errors that name
 * the line, the column and what was expected; {@link #write} gives exactly the bytes of nbformat's
 * {@code json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)}: keys sorted by code point, one
 * space of indent per level, non-ASCII text as is, and numbers as Python prints them ({@code 1e-05},
 * {@code 100.0}; see {@link PythonFloat}), so that a file jgrad writes and Jupyter then saves is unchanged.
 */
public final class NbJson {

    /** Malformed JSON: what was expected, with the line and column (both from 1) where reading stopped. */
    public static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);
    private static final Pattern LOCATION = Pattern.compile(" at line (\\d+) column (\\d+) path (\\S*)");

    private NbJson() {
    }

    /** Parses one JSON value (strict: no comments, single quotes, trailing commas or NaN). */
    public static JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement value;
        try {
            value = TREE.read(reader);
        } catch (IOException | RuntimeException e) {
            throw error(text, e, false);
        }
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalStateException("more text: " + reader); // reader.toString() says where
            }
        } catch (IOException | RuntimeException e) {
            throw error(text, e, true);
        }
        return value;
    }

    /** Writes a value the way nbformat does, without the final newline nbformat adds after a notebook. */
    public static String write(JsonElement value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value, 0);
        return out.toString();
    }

    // ------------------------------------------------------------------ writing

    private static void writeValue(StringBuilder out, JsonElement value, int indent) {
        if (value == null || value.isJsonNull()) {
            out.append("null");
        } else if (value.isJsonObject()) {
            writeObject(out, value.getAsJsonObject(), indent);
        } else if (value.isJsonArray()) {
            writeArray(out, value.getAsJsonArray(), indent);
        } else {
            JsonPrimitive primitive = value.getAsJsonPrimitive();
            if (primitive.isString()) {
                writeString(out, primitive.getAsString());
            } else if (primitive.isBoolean()) {
                out.append(primitive.getAsBoolean());
            } else {
                out.append(number(primitive.getAsNumber()));
            }
        }
    }

    /** A number as Python's json writes what Python's json read: integers exactly, floats by repr. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
            return PythonFloat.repr(n.doubleValue());
        }
        // What Gson read from a file: the number's own text. Python reads 7 as an int, 7.0 and 7e0 as floats.
        String text = n.toString();
        boolean integer = text.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E');
        return integer ? new BigInteger(text).toString() : PythonFloat.repr(Double.parseDouble(text));
    }

    private static void writeObject(StringBuilder out, JsonObject object, int indent) {
        if (object.size() == 0) {
            out.append("{}");
            return;
        }
        List<Map.Entry<String, JsonElement>> entries = new ArrayList<>(object.entrySet());
        entries.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey())); // Python sorts str by code point
        out.append("{\n");
        for (int i = 0; i < entries.size(); i++) {
            out.append(" ".repeat(indent + 1));
            writeString(out, entries.get(i).getKey());
            out.append(": ");
            writeValue(out, entries.get(i).getValue(), indent + 1);
            out.append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        out.append(" ".repeat(indent)).append('}');
    }

    private static void writeArray(StringBuilder out, JsonArray array, int indent) {
        if (array.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append("[\n");
        for (int i = 0; i < array.size(); i++) {
            out.append(" ".repeat(indent + 1));
            writeValue(out, array.get(i), indent + 1);
            out.append(i + 1 < array.size() ? ",\n" : "\n");
        }
        out.append(" ".repeat(indent)).append(']');
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Python's json escapes (ensure_ascii=False): quote, backslash, and control characters only. */
    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------ errors

    /**
     * Gson's error, said in the student's terms: what was expected and where. Gson reports the position just
     * after the character it stopped at (or at it, after spaces); the column given here is that character's.
     */
    private static ParseException error(String text, Exception e, boolean afterValue) {
        String message = String.valueOf(e.getMessage());
        Matcher at = LOCATION.matcher(message);
        boolean located = at.find();
        int offset = located
                ? offending(text, offsetOf(text, Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2))))
                : text.length();
        String what = afterValue ? "unexpected text after the end of the JSON value"
                : e instanceof EOFException ? "unexpected end of file, the JSON is cut short"
                : explain(located ? message.substring(0, at.start()) : message, text, offset);
        return new ParseException(what + " (" + lineAndColumn(text, offset) + ")", e);
    }

    private static String explain(String gson, String text, int offset) {
        if (gson.startsWith("Unterminated array")) {
            return "expected ',' or ']' in an array";
        } else if (gson.startsWith("Unterminated object")) {
            return "expected ',' or '}' in an object";
        } else if (gson.startsWith("Expected name")) {
            return "expected a quoted key in an object";
        } else if (gson.startsWith("Expected ':'")) {
            return "expected ':' after a key";
        } else if (gson.startsWith("Unterminated string")) {
            return "unterminated string";
        } else if (gson.startsWith("Unescaped control characters")) {
            return "control character inside a string (a raw line break?)";
        } else if (gson.contains("escape")) {
            return "bad escape in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        } else if (gson.startsWith("Expected value") || gson.contains("setStrictness")) {
            return offset < text.length()
                    ? "unexpected character '" + text.charAt(offset) + "', a value was expected (JSON has no comments, "
                    + "single quotes, unquoted keys, trailing commas or NaN)"
                    : "unexpected end of file, a value was expected";
        }
        return gson.strip();
    }

    /** The index of line {@code line}, column {@code column} (Gson's numbering: '\n' ends a line). */
    private static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.min(text.length(), offset + column - 1);
    }

    private static int offending(String text, int after) {
        if (after > 0 && after <= text.length() && !Character.isWhitespace(text.charAt(after - 1))) {
            return after - 1;
        }
        return after;
    }

    private static String lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }
}
