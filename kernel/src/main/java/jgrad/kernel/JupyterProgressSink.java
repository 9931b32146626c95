package jgrad.kernel;

import java.util.UUID;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.display.DisplayData;

import jgrad.display.Html;
import jgrad.display.Progress;
import jgrad.display.ProgressSink;
import jgrad.kernel.launch.CellStreams;

/**
 * Draws a {@link Progress} as an HTML progress bar in the running cell's output and redraws it in
 * place with Jupyter's {@code update_display_data} (the same display id), at most every
 * {@value #REDRAW_MILLIS} ms plus the final state.
 *
 * <p>Only available inside the course kernel: its kernelspec starts the JVM with
 * {@code -Djgrad.jupyter=true}. A grader or a plain {@code java} process never sets that property, so
 * it gets the terminal lines even with this jar on its classpath (and never starts a kernel by touching
 * {@link MainApp}).
 */
public final class JupyterProgressSink implements ProgressSink {

    /** The JVM property the jgrad kernelspec sets. */
    public static final String KERNEL_PROPERTY = "jgrad.jupyter";

    static final long REDRAW_MILLIS = 100;

    /** Called by {@link java.util.ServiceLoader}. */
    public JupyterProgressSink() {
    }

    @Override
    public boolean available() {
        return Boolean.getBoolean(KERNEL_PROPERTY);
    }

    @Override
    public View open(Progress.Snapshot first) {
        String id = "jgrad-progress-" + UUID.randomUUID();
        CellStreams.sendPrinted(); // the bar goes below what the cell printed before it
        MainApp.kernel.display(render(first, id));
        return new View() {
            private long lastDrawn = System.nanoTime();

            @Override
            public void update(Progress.Snapshot state) {
                long now = System.nanoTime();
                if (now - lastDrawn >= REDRAW_MILLIS * 1_000_000) {
                    lastDrawn = now;
                    MainApp.kernel.updateDisplay(render(state, id));
                }
            }

            @Override
            public void close(Progress.Snapshot last) {
                MainApp.kernel.updateDisplay(render(last, id));
            }
        };
    }

    static DisplayData render(Progress.Snapshot state, String id) {
        DisplayData data = DisplayData.fromText(state.toLine());
        data.putHTML(html(state));
        data.setDisplayId(id);
        return data;
    }

    /** A native progress bar (indeterminate without a total) and the terminal line's numbers beside it. */
    static String html(Progress.Snapshot state) {
        String bar = state.total() > 0
                ? "<progress value=\"" + state.step() + "\" max=\"" + state.total() + "\" style=\"width:240px\"></progress>"
                : (state.done() ? "" : "<progress style=\"width:240px\"></progress>");
        String line = state.toLine().substring(state.label().length()).trim();
        return "<div class=\"jgrad-progress\" style=\"font:12px monospace;display:flex;align-items:center;gap:8px\">"
                + "<b>" + Html.escape(state.label()) + "</b>" + bar + "<span>" + Html.escape(line)
                + (state.done() ? " ✓" : "") + "</span></div>";
    }
}
