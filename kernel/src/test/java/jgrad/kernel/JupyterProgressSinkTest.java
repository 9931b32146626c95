package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import jgrad.display.Progress;
import jgrad.display.ProgressSink;

class JupyterProgressSinkTest {

    @Test
    void isRegisteredButOnlyAvailableInsideTheKernel() {
        ProgressSink sink = ServiceLoader.load(ProgressSink.class).findFirst().orElseThrow();
        assertTrue(sink instanceof JupyterProgressSink);
        assertFalse(sink.available(), "a plain JVM (tests, the grader) must get terminal lines");
    }

    @Test
    void drawsABarWithTheTerminalLineAndTheDisplayId() {
        var state = new Progress.Snapshot("fit <1>", 3, 10, "loss 0.5", 1_500_000_000L, false);
        var data = JupyterProgressSink.render(state, "id-1");
        assertEquals("fit <1>  3/10  30%  loss 0.5  (1.5 s)", data.data().get("text/plain"));
        String html = (String) data.data().get("text/html");
        assertTrue(html.contains("<b>fit &lt;1&gt;</b><progress value=\"3\" max=\"10\""), html);
        assertTrue(html.contains("3/10  30%  loss 0.5  (1.5 s)"), html);
        assertEquals("id-1", data.getDisplayId());
    }

    @Test
    void finishedProgressIsTicked() {
        var done = new Progress.Snapshot("fit", 10, 10, "", 0, true);
        assertTrue(JupyterProgressSink.html(done).contains("✓"));
    }
}
