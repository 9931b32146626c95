package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jgrad.display.Html;
import jgrad.display.HtmlDisplayable;
import jgrad.tensor.Shape;

/**
 * A model's layers with their output shapes and parameter counts, like Keras's {@code model.summary()}.
 * Shapes are per example (the batch dimension N is left out). Computed from shapes alone: no data flows.
 */
public final class Summary implements HtmlDisplayable {

    /** One layer: its position, description, output shape (without batch) and number of parameters. */
    public record Row(int index, String layer, int[] outputShape, int params) {
    }

    private final int[] inputShape;
    private final List<Row> rows;

    private Summary(int[] inputShape, List<Row> rows) {
        this.inputShape = inputShape;
        this.rows = rows;
    }

    /** The summary of {@code model} for inputs of shape {@code inputShapeWithoutBatch}. */
    public static Summary of(Module model, int... inputShapeWithoutBatch) {
        List<Module> layers = model instanceof Sequential seq ? seq.layers() : List.of(model);
        int[] s = new int[inputShapeWithoutBatch.length + 1];
        s[0] = 1;
        System.arraycopy(inputShapeWithoutBatch, 0, s, 1, inputShapeWithoutBatch.length);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Module layer = layers.get(i);
            try {
                s = layer.outputShape(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sequential layer " + i + " (" + layer + ") got input of shape "
                        + Shape.format(withoutBatch(s)) + " per example: " + e.getMessage(), e);
            }
            rows.add(new Row(i, layer.toString(), withoutBatch(s), layer.parameterCount()));
        }
        return new Summary(inputShapeWithoutBatch.clone(), Collections.unmodifiableList(rows));
    }

    private static int[] withoutBatch(int[] s) {
        int[] r = new int[Math.max(0, s.length - 1)];
        System.arraycopy(s, 1, r, 0, r.length);
        return r;
    }

    /** The rows, one per layer. */
    public List<Row> rows() {
        return rows;
    }

    /** The total number of parameters. */
    public int totalParams() {
        int n = 0;
        for (Row r : rows) {
            n += r.params();
        }
        return n;
    }

    /** The model's output shape per example. */
    public int[] outputShape() {
        return rows.isEmpty() ? inputShape.clone() : rows.get(rows.size() - 1).outputShape().clone();
    }

    /** The input shape per example. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        int layerWidth = "Layer".length();
        for (Row r : rows) {
            layerWidth = Math.max(layerWidth, r.layer().length());
        }
        int shapeWidth = "Output shape".length();
        for (Row r : rows) {
            shapeWidth = Math.max(shapeWidth, shape(r.outputShape()).length());
        }
        String fmt = "%-4s%-" + (layerWidth + 2) + "s%-" + (shapeWidth + 2) + "s%10s%n";
        int width = 4 + layerWidth + 2 + shapeWidth + 2 + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("Model summary, input ").append(shape(inputShape)).append('\n');
        sb.append("=".repeat(width)).append('\n');
        sb.append(String.format(Locale.ROOT, fmt, "#", "Layer", "Output shape", "Params"));
        sb.append("-".repeat(width)).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, r.index(), r.layer(), shape(r.outputShape()), count(r.params())));
        }
        sb.append("=".repeat(width)).append('\n');
        sb.append("Total params: ").append(count(totalParams())).append('\n');
        sb.append("Output shape: ").append(shape(outputShape()));
        return sb.toString();
    }

    @Override
    public String toHtml() {
        String th = "<th style=\"text-align:left;padding:2px 10px;border-bottom:1px solid #999\">";
        String td = "<td style=\"padding:2px 10px\">";
        String tdr = "<td style=\"padding:2px 10px;text-align:right\">";
        StringBuilder sb = new StringBuilder("<table style=\"border-collapse:collapse;font-family:monospace;font-size:12px\">");
        sb.append("<caption style=\"text-align:left\">Model summary, input ").append(shape(inputShape)).append("</caption>");
        sb.append("<tr>").append(th).append("#</th>").append(th).append("Layer</th>").append(th).append("Output shape</th>")
                .append(th.replace("left", "right")).append("Params</th></tr>");
        for (Row r : rows) {
            sb.append("<tr>").append(td).append(r.index()).append("</td>").append(td).append(Html.escape(r.layer())).append("</td>")
                    .append(td).append(shape(r.outputShape())).append("</td>").append(tdr).append(count(r.params()))
                    .append("</td></tr>");
        }
        sb.append("<tr style=\"border-top:1px solid #999\"><td></td>").append(td).append("<b>Total params</b></td>")
                .append(td).append(shape(outputShape())).append("</td>").append(tdr).append("<b>")
                .append(count(totalParams())).append("</b></td></tr></table>");
        return sb.toString();
    }

    /** A per-example shape with the batch shown as N: {@code (N, 32, 30, 30)}. */
    private static String shape(int[] s) {
        StringBuilder sb = new StringBuilder("(N");
        for (int d : s) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
