package jgrad.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** XChart charts (line, scatter, bar, pie, ...) as a PNG image, drawn at the chart's own size. */
final class ChartRenderer extends MimeRenderer<Chart<?, ?>> {

    @SuppressWarnings({"unchecked", "rawtypes"})
    ChartRenderer() {
        super((Class) Chart.class, "image/png");
    }

    @Override
    String rich(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(png(chart));
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the chart \"" + chart.getTitle() + "\" as PNG", e);
        }
    }

    @Override
    String text(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "(untitled)" : "\"" + chart.getTitle() + "\"";
        return chart.getClass().getSimpleName() + " " + title + " " + chart.getWidth() + "x" + chart.getHeight();
    }
}
