package jgrad.kernel;

import jgrad.display.SvgDisplayable;

/** Any {@link SvgDisplayable} (a {@code Value}'s computation graph, ...) as image/svg+xml. */
final class SvgRenderer extends MimeRenderer<SvgDisplayable> {

    SvgRenderer() {
        super(SvgDisplayable.class, "image/svg+xml");
    }

    @Override
    String rich(SvgDisplayable value) {
        return value.toSvg();
    }
}
