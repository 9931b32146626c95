package jgrad.kernel;

import org.rapaio.jupyter.kernel.global.Global;

import jgrad.kernel.launch.CellStreams;

/**
 * What notebook cells call to show something: {@code display(x)}. The jgrad kernel's init script
 * imports it ({@code import static jgrad.kernel.Display.display;}), which shadows the kernel's own
 * {@code Global.display} that returns a display id a cell would then print as its value.
 */
public final class Display {

    private Display() {
    }

    /** Shows {@code value} in the cell's output with the best renderer (chart as PNG, table as HTML, ...). */
    public static void display(Object value) {
        CellStreams.sendPrinted(); // what the cell printed before comes out above the display
        Global.display(value);
    }

    /** Shows {@code value} as the given MIME type, e.g. {@code display("text/plain", table)}. */
    public static void display(String mime, Object value) {
        CellStreams.sendPrinted();
        Global.display(mime, value);
    }
}
