package jgrad.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jgrad.display.Html;
import jgrad.display.SvgDisplayable;
import jgrad.io.SafeFiles;

/**
 * Small grey-level images side by side, each with a caption, drawn as SVG: digits, filters, feature maps.
 * In a notebook, {@code display(grid)} shows the picture.
 *
 * <pre>{@code
 * ImageGrid grid = ImageGrid.of(8, 8).title("misclassified");
 * grid.add(digits.images()[0], "true 0, predicted 6");
 * }</pre>
 *
 * <p>Pixels are row-major. A pixel equal to the low end of the {@linkplain #range(double, double) range}
 * (0 by default) is white and one at the high end (1 by default) black, like ink on paper; values in
 * between are grey and values outside are clamped.
 */
public final class ImageGrid implements SvgDisplayable {

    private static final int CAPTION_HEIGHT = 16;
    private static final int TITLE_HEIGHT = 22;
    private static final int GAP = 10;

    private final int height;
    private final int width;
    private final List<double[]> images = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();
    private int columns = 8;
    private int pixelSize = 10;
    private double low = 0;
    private double high = 1;
    private String title = "";

    private ImageGrid(int height, int width) {
        this.height = height;
        this.width = width;
    }

    /** An empty grid of images of {@code height × width} pixels. */
    public static ImageGrid of(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("ImageGrid.of(" + height + ", " + width
                    + "): an image needs a height and a width of at least 1 pixel");
        }
        return new ImageGrid(height, width);
    }

    /** Appends an image (row-major pixels, {@code height·width} of them) with its caption; returns this grid. */
    public ImageGrid add(double[] pixels, String caption) {
        if (pixels == null || pixels.length != height * width) {
            throw new IllegalArgumentException("ImageGrid.add: image " + images.size() + " has "
                    + (pixels == null ? "no pixels" : pixels.length + " pixels") + ", expected " + height + "·" + width
                    + " = " + height * width + " (row-major)");
        }
        for (int i = 0; i < pixels.length; i++) {
            if (Double.isNaN(pixels[i])) {
                throw new IllegalArgumentException("ImageGrid.add: image " + images.size() + " has NaN at pixel " + i
                        + " (row " + i / width + ", column " + i % width + ")");
            }
        }
        images.add(pixels.clone());
        captions.add(caption == null ? "" : caption);
        return this;
    }

    /** How many images per row (8 by default); returns this grid. */
    public ImageGrid columns(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ImageGrid.columns: need at least 1 image per row, got " + n);
        }
        this.columns = n;
        return this;
    }

    /** The side of one pixel on screen, in SVG units (10 by default); returns this grid. */
    public ImageGrid pixelSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ImageGrid.pixelSize: a pixel must be at least 1 unit wide, got " + size);
        }
        this.pixelSize = size;
        return this;
    }

    /** The values drawn white ({@code low}) and black ({@code high}); [0, 1] by default; returns this grid. */
    public ImageGrid range(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("ImageGrid.range(" + low + ", " + high + "): low must be below high");
        }
        this.low = low;
        this.high = high;
        return this;
    }

    /** A title above the images; returns this grid. */
    public ImageGrid title(String text) {
        this.title = text == null ? "" : text;
        return this;
    }

    /** The number of images. */
    public int size() {
        return images.size();
    }

    /** A short stable description (what a text-only display shows): {@code ImageGrid: 3 images of 8×8 pixels, "title"}. */
    @Override
    public String toString() {
        return "ImageGrid: " + images.size() + (images.size() == 1 ? " image" : " images") + " of " + height + "×" + width
                + " pixels" + (title.isEmpty() ? "" : ", \"" + title + "\"");
    }

    /** The grey level 0..255 a pixel value is drawn with (255 = white). */
    int grey(double value) {
        double t = (value - low) / (high - low);
        t = Math.max(0, Math.min(1, t));
        return (int) Math.round(255 * (1 - t));
    }

    @Override
    public String toSvg() {
        int cols = Math.max(1, Math.min(columns, images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int cellWidth = width * pixelSize + GAP;
        int cellHeight = height * pixelSize + CAPTION_HEIGHT + GAP;
        int top = title.isEmpty() ? GAP / 2 : TITLE_HEIGHT;
        int svgWidth = Math.max(cols * cellWidth + GAP, 8 * title.length());
        int svgHeight = top + rows * cellHeight;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", svgWidth, svgHeight, svgWidth,
                svgHeight));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", svgWidth, svgHeight));
        if (!title.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                    GAP / 2, Html.escape(title)));
        }
        for (int k = 0; k < images.size(); k++) {
            int x0 = GAP / 2 + (k % cols) * cellWidth;
            int y0 = top + (k / cols) * cellHeight;
            appendImage(sb, images.get(k), x0, y0);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x0 + width * pixelSize / 2, y0 + height * pixelSize + 12, Html.escape(captions.get(k))));
        }
        return sb.append("</svg>\n").toString();
    }

    private void appendImage(StringBuilder sb, double[] pixels, int x0, int y0) {
        sb.append("<g shape-rendering=\"crispEdges\">");
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int g = grey(pixels[r * width + c]);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"rgb(%d,%d,%d)\"/>",
                        x0 + c * pixelSize, y0 + r * pixelSize, pixelSize, pixelSize, g, g, g));
            }
        }
        // A thin frame, so that a white image still shows where it is.
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#bbb\"/></g>%n", x0, y0, width * pixelSize, height * pixelSize));
    }

    /** Writes the SVG to {@code file} atomically (a temporary file moved into place). */
    public void save(Path file) throws IOException {
        SafeFiles.writeAtomically(file, toSvg());
    }
}
