package jgrad.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("a&lt;b &amp;&amp; c&gt;&quot;d&quot;", Html.escape("a<b && c>\"d\""));
    }

    @Test
    void leavesPlainTextAlone() {
        assertEquals("Linear(4, 3): 15 params, é", Html.escape("Linear(4, 3): 15 params, é"));
        assertEquals("x", Html.escape("x"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
