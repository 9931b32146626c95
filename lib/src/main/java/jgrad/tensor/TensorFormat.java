package jgrad.tensor;

import java.util.Locale;

import jgrad.display.Html;

/** Text and HTML renderings of tensors, summarised the way PyTorch does for large ones. */
final class TensorFormat {

    /** Tensors with more elements than this show only the edges of each dimension. */
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int HTML_EDGE_ROWS = 8;
    private static final int HTML_EDGE_COLS = 6;
    private static final int HTML_MAX_BLOCKS = 4;

    private TensorFormat() {
    }

    static String text(Tensor t) {
        String fmt = numberFormat(t.data);
        StringBuilder sb = new StringBuilder("tensor(");
        boolean summarise = t.data.length > SUMMARY_THRESHOLD;
        if (t.shape.length == 0) {
            sb.append(format(fmt, t.data[0]));
        } else {
            // Only the elements that will be printed set the column width: formatting all of a large
            // tensor (JShell prints every top-level variable) would cost far more than printing it.
            int width = shownWidth(t, 0, 0, fmt, summarise);
            appendText(sb, t, 0, 0, fmt, width, summarise, "tensor(".length());
        }
        sb.append(", shape=").append(Shape.format(t.shape));
        if (t.requiresGrad) {
            sb.append(t.isLeaf() ? ", requiresGrad=true" : ", op=" + t.op());
        }
        return sb.append(')').toString();
    }

    /** The widest formatted element among those {@link #appendText} prints (same skipping rule). */
    private static int shownWidth(Tensor t, int dim, int offset, String fmt, boolean summarise) {
        int n = t.shape[dim];
        int stride = Shape.inner(t.shape, dim);
        int width = 0;
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                i = n - EDGE;
            }
            width = Math.max(width, dim == t.shape.length - 1
                    ? format(fmt, t.data[offset + i]).length()
                    : shownWidth(t, dim + 1, offset + i * stride, fmt, summarise));
        }
        return width;
    }

    private static void appendText(StringBuilder sb, Tensor t, int dim, int offset, String fmt, int width,
                                   boolean summarise, int indent) {
        int n = t.shape[dim];
        int stride = Shape.inner(t.shape, dim);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == t.shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + dim + 1));
                i = n - EDGE;
            }
            if (dim == t.shape.length - 1) {
                String s = format(fmt, t.data[offset + i]);
                sb.append(" ".repeat(width - s.length())).append(s);
            } else {
                appendText(sb, t, dim + 1, offset + i * stride, fmt, width, summarise, indent);
            }
            if (i < n - 1) {
                sb.append(',');
                if (dim == t.shape.length - 1) {
                    sb.append(' ');
                } else {
                    sb.append("\n".repeat(t.shape.length - 1 - dim)).append(" ".repeat(indent + dim + 1));
                }
            }
        }
        sb.append(']');
    }

    /** Fixed 4 decimals, or scientific notation when the magnitudes need it (like PyTorch). */
    private static String numberFormat(double[] data) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        boolean allIntegers = true;
        for (double v : data) {
            if (!Double.isFinite(v)) {
                continue;
            }
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) {
                minAbs = Math.min(minAbs, a);
            }
            allIntegers &= v == Math.rint(v);
        }
        if (allIntegers && maxAbs < 1e8) {
            return "int";
        }
        if (maxAbs >= 1e8 || (minAbs < 1e-4 && maxAbs / minAbs > 1000)) {
            return "%.4e";
        }
        return "%.4f";
    }

    private static String format(String fmt, double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (fmt.equals("int")) {
            return String.format(Locale.ROOT, "%.0f.", v);
        }
        return String.format(Locale.ROOT, fmt, v);
    }

    static String html(Tensor t) {
        String fmt = numberFormat(t.data);
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"jgrad-tensor\" style=\"font-family:monospace;font-size:12px\">");
        sb.append("<style>.jgrad-tensor table{border-collapse:collapse}.jgrad-tensor td{border:1px solid #ddd;")
                .append("padding:1px 6px;text-align:right}</style>");
        sb.append("<div style=\"color:#555\">Tensor shape ").append(Shape.format(t.shape));
        if (t.requiresGrad) {
            sb.append(t.isLeaf() ? ", requires grad" : ", op " + Html.escape(t.op()));
        }
        sb.append("</div>");
        int rank = t.shape.length;
        if (rank == 0) {
            sb.append(table(t.data, 0, 1, 1, fmt));
        } else if (rank == 1) {
            sb.append(table(t.data, 0, 1, t.shape[0], fmt));
        } else {
            int rows = t.shape[rank - 2];
            int cols = t.shape[rank - 1];
            int blocks = Shape.size(t.shape) / Math.max(1, rows * cols);
            if (rows * cols == 0) {
                blocks = 0;
            }
            for (int b = 0; b < blocks; b++) {
                if (b == HTML_MAX_BLOCKS && blocks > HTML_MAX_BLOCKS + 1) {
                    sb.append("<div>… ").append(blocks - HTML_MAX_BLOCKS - 1).append(" more matrices …</div>");
                    b = blocks - 1;
                }
                if (rank > 2) {
                    sb.append("<div style=\"margin-top:4px\">[").append(blockIndex(t.shape, b)).append(", :, :]</div>");
                }
                sb.append(table(t.data, b * rows * cols, rows, cols, fmt));
            }
        }
        return sb.append("</div>").toString();
    }

    private static String blockIndex(int[] shape, int b) {
        int lead = shape.length - 2;
        int[] idx = new int[lead];
        for (int i = lead - 1; i >= 0; i--) {
            idx[i] = b % shape[i];
            b /= shape[i];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lead; i++) {
            sb.append(i == 0 ? "" : ", ").append(idx[i]);
        }
        return sb.toString();
    }

    private static String table(double[] d, int off, int rows, int cols, String fmt) {
        StringBuilder sb = new StringBuilder("<table>");
        String cell = "<td>";
        for (int r = 0; r < rows; r++) {
            if (rows > 2 * HTML_EDGE_ROWS && r == HTML_EDGE_ROWS) {
                sb.append("<tr><td colspan=\"").append(Math.min(cols, 2 * HTML_EDGE_COLS + 1))
                        .append("\" style=\"text-align:center\">⋮</td></tr>");
                r = rows - HTML_EDGE_ROWS;
            }
            sb.append("<tr>");
            for (int c = 0; c < cols; c++) {
                if (cols > 2 * HTML_EDGE_COLS && c == HTML_EDGE_COLS) {
                    sb.append(cell).append("⋯</td>");
                    c = cols - HTML_EDGE_COLS;
                }
                sb.append(cell).append(format(fmt, d[off + r * cols + c])).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }
}
