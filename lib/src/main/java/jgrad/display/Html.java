package jgrad.display;

/**
 * Escaping for the HTML and SVG that jgrad renders (tables, graphs, summaries, grade reports), so a
 * label such as {@code a<b} or a message quoting code shows as written instead of breaking the markup.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes text for an element body or a double-quoted attribute.
     *
     * @param text any text; {@code null} gives the empty string
     * @return the text with {@code < > & "} replaced by entities
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
