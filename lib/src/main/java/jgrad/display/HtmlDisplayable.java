package jgrad.display;

/**
 * An object that knows how to show itself as HTML, the way IPython's {@code _repr_html_} does.
 * The course kernel renders such objects as text/html (and {@link Object#toString()} as text/plain);
 * the library itself knows nothing about Jupyter.
 */
public interface HtmlDisplayable {

    /** A self-contained HTML fragment (no {@code <html>} or {@code <body>}), styled inline. */
    String toHtml();
}
