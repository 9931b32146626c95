package jgrad.kernel;

import jgrad.display.HtmlDisplayable;

/** Any {@link HtmlDisplayable} (tensors, model summaries, grade reports, ...) as text/html. */
final class HtmlRenderer extends MimeRenderer<HtmlDisplayable> {

    HtmlRenderer() {
        super(HtmlDisplayable.class, "text/html");
    }

    @Override
    String rich(HtmlDisplayable value) {
        return value.toHtml();
    }
}
