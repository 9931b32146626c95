package jgrad.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import jgrad.io.SafeFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts for what the course draws: curves, loss histories, scatter plots by class, decision
 * regions and histograms. Each method returns an ordinary XChart {@link XYChart}, so a notebook can
 * add series or restyle it before showing it with {@code display(chart)}.
 *
 * <pre>{@code
 * XYChart c = Plots.curve("Loss per step", "step", "loss", losses);
 * display(c);
 * }</pre>
 */
public final class Plots {

    /** Default chart size in pixels, readable inline in a notebook. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;

    /** Class colours, colour-blind safe (Okabe–Ito). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
    };

    private Plots() {
    }

    /** An empty chart with the course's style: title, axis titles, legend inside, light grid. */
    public static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        org.knowm.xchart.style.XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xE5E5E5));
        styler.setSeriesColors(PALETTE);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** A line through the points (x[i], y[i]). */
    public static XYChart line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        XYChart chart = chart(title, xLabel, yLabel);
        addLine(chart, yLabel, x, y);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** A curve of {@code y} against its index 0, 1, 2, ... — a loss per step or per epoch. */
    public static XYChart curve(String title, String xLabel, String yLabel, double[] y) {
        return line(title, xLabel, yLabel, indices(y.length), y);
    }

    /** The values of {@code f} on {@code n} evenly spaced points of [from, to]. */
    public static XYChart function(String title, String xLabel, String yLabel,
                                   java.util.function.DoubleUnaryOperator f, double from, double to, int n) {
        double[] x = linspace(from, to, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return line(title, xLabel, yLabel, x, y);
    }

    /** Adds a named line (no markers) to a chart and returns the series for further styling. */
    public static XYSeries addLine(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Adds named points (markers, no line) to a chart and returns the series. */
    public static XYSeries addPoints(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /**
     * Points coloured by class: column {@code xColumn} against {@code yColumn} of {@code points}, one series
     * per class named from {@code classNames} (or "class k" where the list is shorter).
     */
    public static XYChart scatterByClass(String title, String xLabel, String yLabel, double[][] points, int xColumn,
                                         int yColumn, int[] labels, List<String> classNames) {
        if (points.length != labels.length) {
            throw new IllegalArgumentException("scatterByClass: " + points.length + " points but " + labels.length
                    + " labels; give one label per point");
        }
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        for (int k = 0; k < classes; k++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == k) {
                    xs.add(points[i][xColumn]);
                    ys.add(points[i][yColumn]);
                }
            }
            if (!xs.isEmpty()) {
                String name = k < classNames.size() ? classNames.get(k) : "class " + k;
                XYSeries s = chart.addSeries(name, xs, ys);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }

    /**
     * Decision regions of a classifier over [xMin, xMax] × [yMin, yMax]: a fine grid of pale squares
     * coloured by {@code classify} (which returns the class index for a point), with the data points on top.
     */
    public static XYChart decisionRegions(String title, DoubleBinaryOperator classify, double xMin, double xMax,
                                          double yMin, double yMax, double[][] points, int[] labels,
                                          List<String> classNames) {
        int grid = 70;
        int classes = 0;
        for (int label : labels) {
            classes = Math.max(classes, label + 1);
        }
        List<List<Double>> gx = new ArrayList<>(), gy = new ArrayList<>();
        double[] xs = linspace(xMin, xMax, grid), ys = linspace(yMin, yMax, grid);
        for (double x : xs) {
            for (double y : ys) {
                int k = (int) classify.applyAsDouble(x, y);
                while (gx.size() <= k) {
                    gx.add(new ArrayList<>());
                    gy.add(new ArrayList<>());
                }
                gx.get(k).add(x);
                gy.get(k).add(y);
            }
        }
        XYChart chart = chart(title, "x₁", "x₂");
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (int k = 0; k < gx.size(); k++) {
            if (gx.get(k).isEmpty()) {
                continue;
            }
            XYSeries region = chart.addSeries("region " + name(classNames, k), gx.get(k), gy.get(k));
            region.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            region.setMarker(SeriesMarkers.SQUARE);
            region.setMarkerColor(pale(PALETTE[k % PALETTE.length]));
            region.setShowInLegend(false);
        }
        chart.getStyler().setMarkerSize(6);
        // XChart labels an axis with the data's own values when they are equally spaced, as a grid is
        // (ticks like 0.956521739130435); one invisible point off the grid gives it round ticks again.
        XYSeries offGrid = chart.addSeries(" ", new double[] {xMin + (xMax - xMin) * 0.5001},
                new double[] {yMin + (yMax - yMin) * 0.5001});
        offGrid.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        offGrid.setMarker(SeriesMarkers.NONE);
        offGrid.setShowInLegend(false);
        for (int k = 0; k < classes; k++) {
            List<Double> px = new ArrayList<>(), py = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (labels[i] == k) {
                    px.add(points[i][0]);
                    py.add(points[i][1]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = chart.addSeries(name(classNames, k), px, py);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(PALETTE[k % PALETTE.length]);
            }
        }
        return chart;
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins, as a step area. With {@code density} the
     * heights integrate to 1, so that a probability density can be drawn on the same axes.
     */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins, boolean density) {
        if (values.length == 0 || bins < 1) {
            throw new IllegalArgumentException("histogram: need at least one value and one bin, got "
                    + values.length + " values and " + bins + " bins");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (max == min) {
            max = min + 1;
        }
        double width = (max - min) / bins;
        double[] counts = new double[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        double scale = density ? 1.0 / (values.length * width) : 1.0;
        // Each bin becomes a flat top from its left to its right edge.
        double[] x = new double[2 * bins], y = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            x[2 * b] = min + b * width;
            x[2 * b + 1] = min + (b + 1) * width;
            y[2 * b] = y[2 * b + 1] = counts[b] * scale;
        }
        XYChart chart = chart(title, xLabel, density ? "density" : "count");
        XYSeries s = chart.addSeries("histogram", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** Writes a chart as PNG, atomically (a reader never sees half an image). */
    public static void savePng(Chart<?, ?> chart, Path file) throws IOException {
        SafeFiles.writeAtomically(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /** {@code n} evenly spaced numbers from {@code from} to {@code to}, both included. */
    public static double[] linspace(double from, double to, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("linspace: need at least 2 points, got " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
        }
        return x;
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static String name(List<String> names, int k) {
        return k < names.size() ? names.get(k) : "class " + k;
    }

    private static Color pale(Color c) {
        return new Color((c.getRed() + 3 * 255) / 4, (c.getGreen() + 3 * 255) / 4, (c.getBlue() + 3 * 255) / 4);
    }
}
