package jgrad.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical handwritten digits, bundled: 1,797 images of 8×8 grey levels (0..16) with their
 * digit. Source and license: {@code jgrad/data/DATA-NOTICE.md} in the library's resources.
 *
 * <pre>{@code
 * Digits d = Digits.load();
 * double[] first = d.images()[0];  // 64 pixels, row-major, scaled to [0, 1]
 * int label = d.labels()[0];       // 0..9
 * }</pre>
 *
 * @param images one row of 64 pixels per image, row-major, grey levels divided by 16 (so in [0, 1])
 * @param labels the digit shown by each image
 */
public record Digits(double[][] images, int[] labels) {

    /** Side of an image in pixels. */
    public static final int SIDE = 8;
    /** Largest grey level in the raw data. */
    public static final int MAX_LEVEL = 16;

    private static final String RESOURCE = "/jgrad/data/digits.csv.gz";

    /** Reads the bundled images (about 10 ms). */
    public static Digits load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("Digits: the bundled data set " + RESOURCE + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Digits: cannot read " + RESOURCE, e);
        }
    }

    private static Digits parse(BufferedReader reader) throws IOException {
        reader.readLine(); // header p0..p63,digit
        java.util.List<double[]> images = new java.util.ArrayList<>();
        java.util.List<Integer> labels = new java.util.ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != SIDE * SIDE + 1) {
                throw new IllegalStateException("Digits: row " + (labels.size() + 1) + " has " + cells.length
                        + " values, expected " + (SIDE * SIDE + 1));
            }
            double[] pixels = new double[SIDE * SIDE];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = Integer.parseInt(cells[i]) / (double) MAX_LEVEL;
            }
            images.add(pixels);
            labels.add(Integer.parseInt(cells[SIDE * SIDE]));
        }
        return new Digits(images.toArray(new double[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }
}
