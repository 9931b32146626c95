package jgrad.display;

/**
 * An object that knows how to draw itself as an SVG document. The course kernel renders such objects
 * as image/svg+xml (and {@link Object#toString()} as text/plain).
 */
public interface SvgDisplayable {

    /** A standalone SVG document. */
    String toSvg();
}
