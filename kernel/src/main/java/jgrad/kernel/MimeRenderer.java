package jgrad.kernel;

import java.util.Set;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

/**
 * A renderer for one kind of object that always offers text/plain next to its rich MIME type, so a
 * front end that cannot show the rich form (a terminal, a diff of the notebook) still shows something.
 *
 * @param <T> the kind of object rendered
 */
abstract class MimeRenderer<T> implements DisplayRenderer {

    static final String TEXT = "text/plain";

    private final Class<T> type;
    private final String richMime;

    MimeRenderer(Class<T> type, String richMime) {
        this.type = type;
        this.richMime = richMime;
    }

    @Override
    public final Class<?> rendererClass() {
        return type;
    }

    /** {@code display(x)} asks with no MIME type; {@code display("text/html", x)} asks for one. */
    @Override
    public final boolean canRender(String mime) {
        return mime == null || mime.isBlank() || Set.of(richMime, TEXT).contains(mime.trim());
    }

    @Override
    public final DisplayData render(String mime, Object o) {
        T value = type.cast(o);
        DisplayData data = DisplayData.fromText(text(value));
        if (mime == null || mime.isBlank() || mime.trim().equals(richMime)) {
            data.putData(richMime, rich(value));
        }
        return data;
    }

    /** The rich form: a string for text types and SVG, base64 for PNG. */
    abstract String rich(T value);

    /** The plain-text form. */
    String text(T value) {
        return String.valueOf(value);
    }
}
