package jgrad.grader;

import jgrad.display.HtmlDisplayable;
import jgrad.display.SvgDisplayable;

/**
 * {@code display(...)} for headless runs. In Jupyter the course kernel renders objects; here the
 * runner prints their text form, and a one-line note for things that only make sense as pictures.
 * The runner's start-up snippets import these statically; they have the signatures of the course
 * kernel's {@code jgrad.kernel.Display} (display returns nothing, so a cell ending in {@code display(x);}
 * shows no value), so a notebook runs unchanged in both.
 */
public final class RunnerDisplay {

    private RunnerDisplay() {
    }

    /** Prints the object's text form, like the kernel's display(Object) shows it. */
    public static void display(Object value) {
        System.out.println(textOf(value));
    }

    /** Like the kernel's display(mime, value): the MIME type is ignored headless. */
    public static void display(String mime, Object value) {
        display(value);
    }

    /** Prints the updated object again (headless output cannot be updated in place). */
    public static void updateDisplay(String id, Object value) {
        System.out.println(textOf(value));
    }

    /** Like the kernel's updateDisplay(id, mime, value). */
    public static void updateDisplay(String id, String mime, Object value) {
        updateDisplay(id, value);
    }

    /** The text printed for an object: charts and SVG-only objects get a short note. */
    public static String textOf(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getName();
        if (type.startsWith("org.knowm.xchart.")) {
            return "[chart " + value.getClass().getSimpleName() + titleOf(value) + ": shown as a picture in Jupyter]";
        }
        String text = String.valueOf(value);
        boolean defaultToString = text.startsWith(type + "@");
        if (defaultToString && value instanceof HtmlDisplayable) {
            return "[" + value.getClass().getSimpleName() + ": shown as HTML in Jupyter]";
        }
        if (defaultToString && value instanceof SvgDisplayable) {
            return "[" + value.getClass().getSimpleName() + ": shown as a picture in Jupyter]";
        }
        return text;
    }

    private static String titleOf(Object chart) {
        try {
            Object title = chart.getClass().getMethod("getTitle").invoke(chart);
            return title == null || title.toString().isBlank() ? "" : " \"" + title + "\"";
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }
}
