package jgrad.autograd;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jgrad.display.Html;
import jgrad.io.SafeFiles;

/**
 * Draws the computation graph of a {@link Value} as an SVG document, in pure Java, the way micrograd's
 * {@code draw_dot} does with Graphviz: a box per value showing its label, data and gradient, a circle
 * per operation, edges from inputs to outputs, left to right.
 *
 * <p>The layout is layered: an operation's result sits one layer to the right of its deepest input,
 * and a leaf sits just left of its first use. Nodes inside a layer are ordered by the mean position of
 * their neighbours (barycentre heuristic) to keep edges from crossing. Graphs of a hundred nodes stay
 * readable; larger ones render but get wide.
 */
public final class GraphSvg {

    private static final int FONT_SIZE = 13;
    private static final double CHAR_WIDTH = 7.9;  // monospace advance at FONT_SIZE
    private static final int BOX_HEIGHT = 30;
    private static final int FIELD_PAD = 8;
    private static final int OP_RADIUS = 17;
    private static final int ROW_GAP = 22;
    private static final int COLUMN_GAP = 46;
    private static final int MARGIN = 20;

    private static final String LEAF_FILL = "#e8f1fb";
    private static final String INNER_FILL = "#ffffff";
    private static final String OUTPUT_FILL = "#fff4d6";
    private static final String GRAD_COLOR = "#b3261e";
    private static final String DATA_COLOR = "#1b1b1b";
    private static final String LINE_COLOR = "#5f6b7a";

    private GraphSvg() {
    }

    /** The graph that produced {@code root}, as a standalone SVG document. */
    public static String render(Value root) {
        return new Layout(root).svg();
    }

    /** Writes {@link #render(Value)} to {@code file}, atomically: a reader never sees half a file. */
    public static void save(Value root, Path file) throws IOException {
        SafeFiles.writeAtomically(file, render(root));
    }

    /** Formats a number as micrograd does (4 decimals), switching to scientific notation when that hides it. */
    static String format(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(x);
        if (a != 0 && (a < 1e-4 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", x);
        }
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** Positions of every node; built once per rendering. */
    private static final class Layout {
        private final Value root;
        private final List<Value> nodes;
        private final Map<Value, Integer> column = new IdentityHashMap<>();
        private final Map<Value, List<Value>> consumers = new IdentityHashMap<>();
        private final Map<Value, Double> order = new IdentityHashMap<>();
        private final Map<Value, double[]> box = new IdentityHashMap<>(); // x, y, width
        private final List<List<Value>> columns = new ArrayList<>();
        private double width;
        private double height;

        Layout(Value root) {
            this.root = root;
            this.nodes = root.topologicalOrder();
            assignColumns();
            orderWithinColumns();
            place();
        }

        private void assignColumns() {
            for (Value v : nodes) {
                for (Value p : v.parents()) {
                    consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(v);
                }
            }
            // Results: one layer right of their deepest input (nodes come parents-first).
            for (Value v : nodes) {
                int c = 0;
                for (Value p : v.parents()) {
                    if (!p.parents().isEmpty()) {
                        c = Math.max(c, column.get(p) + 1);
                    }
                }
                column.put(v, v.parents().isEmpty() ? -1 : Math.max(c, 1));
            }
            // Leaves: just left of their first consumer, so that constants do not stretch across the picture.
            for (Value v : nodes) {
                if (v.parents().isEmpty()) {
                    int c = Integer.MAX_VALUE;
                    for (Value consumer : consumers.getOrDefault(v, List.of())) {
                        c = Math.min(c, column.get(consumer) - 1);
                    }
                    column.put(v, c == Integer.MAX_VALUE ? 0 : c);
                }
            }
            int maxColumn = 0;
            for (int c : column.values()) {
                maxColumn = Math.max(maxColumn, c);
            }
            for (int c = 0; c <= maxColumn; c++) {
                columns.add(new ArrayList<>());
            }
            for (Value v : nodes) {
                columns.get(column.get(v)).add(v);
            }
        }

        private void orderWithinColumns() {
            renumber();
            for (int sweep = 0; sweep < 4; sweep++) {
                for (int c = 1; c < columns.size(); c++) {
                    sortBy(columns.get(c), v -> mean(v.parents()));
                }
                for (int c = columns.size() - 2; c >= 0; c--) {
                    sortBy(columns.get(c), v -> mean(consumers.getOrDefault(v, List.of())));
                }
            }
        }

        private void sortBy(List<Value> col, java.util.function.ToDoubleFunction<Value> key) {
            Map<Value, Double> keys = new IdentityHashMap<>();
            for (Value v : col) {
                double k = key.applyAsDouble(v);
                keys.put(v, Double.isNaN(k) ? order.get(v) : k);
            }
            col.sort(Comparator.comparingDouble(keys::get));
            renumber();
        }

        private double mean(List<Value> neighbours) {
            if (neighbours.isEmpty()) {
                return Double.NaN;
            }
            double s = 0;
            for (Value n : neighbours) {
                s += order.get(n);
            }
            return s / neighbours.size();
        }

        /** Positions normalised to [0, 1] within each column, so columns of different sizes compare. */
        private void renumber() {
            for (List<Value> col : columns) {
                for (int i = 0; i < col.size(); i++) {
                    order.put(col.get(i), col.size() == 1 ? 0.5 : (double) i / (col.size() - 1));
                }
            }
        }

        private void place() {
            int maxRows = 0;
            for (List<Value> col : columns) {
                maxRows = Math.max(maxRows, col.size());
            }
            double rowPitch = BOX_HEIGHT + ROW_GAP;
            double x = MARGIN;
            for (List<Value> col : columns) {
                boolean hasOps = col.stream().anyMatch(v -> !v.parents().isEmpty());
                double opSpace = hasOps ? 2 * OP_RADIUS + 22 : 0;
                double colWidth = 0;
                for (Value v : col) {
                    colWidth = Math.max(colWidth, boxWidth(v));
                }
                double offset = (maxRows - col.size()) * rowPitch / 2;
                for (int i = 0; i < col.size(); i++) {
                    Value v = col.get(i);
                    box.put(v, new double[] {x + opSpace, MARGIN + offset + i * rowPitch, boxWidth(v)});
                }
                x += opSpace + colWidth + COLUMN_GAP;
            }
            width = x - COLUMN_GAP + MARGIN;
            height = 2 * MARGIN + maxRows * rowPitch - ROW_GAP;
        }

        private static String[] fields(Value v) {
            String data = "data " + format(v.data());
            String grad = "grad " + format(v.grad());
            return v.label().isEmpty() ? new String[] {data, grad} : new String[] {v.label(), data, grad};
        }

        private static double fieldWidth(String text) {
            return Math.ceil(text.length() * CHAR_WIDTH) + 2 * FIELD_PAD;
        }

        private static double boxWidth(Value v) {
            double w = 0;
            for (String f : fields(v)) {
                w += fieldWidth(f);
            }
            return w;
        }

        String svg() {
            StringBuilder s = new StringBuilder(4096);
            s.append(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                            + "style=\"max-width:100%%;height:auto\" "
                            + "font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"%d\">\n",
                    width, height, width, height, FONT_SIZE));
            s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                    + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(LINE_COLOR).append("\"/></marker></defs>\n");
            s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            for (Value v : nodes) {
                drawEdges(s, v);
            }
            for (Value v : nodes) {
                drawBox(s, v);
                if (!v.parents().isEmpty()) {
                    drawOp(s, v);
                }
            }
            return s.append("</svg>\n").toString();
        }

        private double centreY(Value v) {
            return box.get(v)[1] + BOX_HEIGHT / 2.0;
        }

        private double opX(Value v) {
            return box.get(v)[0] - OP_RADIUS - 22;
        }

        private void drawEdges(StringBuilder s, Value v) {
            if (v.parents().isEmpty()) {
                return;
            }
            double ox = opX(v);
            double oy = centreY(v);
            for (Value p : v.parents()) {
                double[] b = box.get(p);
                double x1 = b[0] + b[2];
                double y1 = centreY(p);
                double x2 = ox - OP_RADIUS;
                double bend = Math.max(20, (x2 - x1) / 2);
                s.append(String.format(Locale.ROOT,
                        "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" stroke=\"%s\" "
                                + "stroke-width=\"1.3\" marker-end=\"url(#arrow)\"/>\n",
                        x1, y1, x1 + bend, y1, x2 - bend, oy, x2, oy, LINE_COLOR));
            }
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.3\" "
                            + "marker-end=\"url(#arrow)\"/>\n",
                    ox + OP_RADIUS, oy, box.get(v)[0], oy, LINE_COLOR));
        }

        private void drawOp(StringBuilder s, Value v) {
            double cx = opX(v);
            double cy = centreY(v);
            String op = v.op();
            int size = op.length() <= 2 ? FONT_SIZE + 3 : op.length() <= 4 ? FONT_SIZE - 1 : FONT_SIZE - 3;
            s.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"#f3f0ff\" stroke=\"#6a5acd\" stroke-width=\"1.4\"/>\n"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\" "
                            + "font-size=\"%d\" font-weight=\"bold\" fill=\"#3c2f8f\">%s</text>\n",
                    cx, cy, OP_RADIUS, cx, cy, size, Html.escape(op)));
        }

        private void drawBox(StringBuilder s, Value v) {
            double[] b = box.get(v);
            String fill = v == root ? OUTPUT_FILL : v.parents().isEmpty() ? LEAF_FILL : INNER_FILL;
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"4\" fill=\"%s\" stroke=\"#34495e\" "
                            + "stroke-width=\"%s\"/>\n",
                    b[0], b[1], b[2], BOX_HEIGHT, fill, v == root ? "2" : "1.2"));
            String[] fields = fields(v);
            double x = b[0];
            double y = b[1] + BOX_HEIGHT / 2.0;
            for (int i = 0; i < fields.length; i++) {
                double w = fieldWidth(fields[i]);
                if (i > 0) {
                    s.append(String.format(Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#34495e\" stroke-width=\"1\"/>\n",
                            x, b[1], x, b[1] + BOX_HEIGHT));
                }
                boolean isLabel = fields.length == 3 && i == 0;
                boolean isGrad = i == fields.length - 1;
                s.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"%s\"%s>%s</text>\n",
                        x + w / 2, y, isGrad ? GRAD_COLOR : DATA_COLOR, isLabel ? " font-weight=\"bold\"" : "",
                        Html.escape(fields[i])));
                x += w;
            }
        }
    }
}
