package jgrad.kernel;

import java.math.BigDecimal;
import java.math.MathContext;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import jgrad.display.Html;

/**
 * Tablesaw tables as a compact HTML table: a shape line ("iris: 150 rows × 5 columns") and the
 * first rows, numbers right-aligned, styled inline so it reads the same in Jupyter, VS Code and on
 * GitHub.
 */
final class TableRenderer extends MimeRenderer<Table> {

    /** Rows shown; a table is for looking at the data's form, the rest is one {@code table.print()} away. */
    static final int ROWS = 10;

    private static final String CELL = "padding:3px 10px;border-bottom:1px solid #e0e0e0;";

    TableRenderer() {
        super(Table.class, "text/html");
    }

    @Override
    String rich(Table table) {
        int shown = Math.min(ROWS, table.rowCount());
        StringBuilder html = new StringBuilder("<div class=\"jgrad-table\">")
                .append("<div style=\"font:12px sans-serif;color:#555;margin:2px 0 6px\">")
                .append(Html.escape(shape(table, shown))).append("</div>")
                .append("<table style=\"border-collapse:collapse;font:12px/1.4 monospace;margin:0\"><thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th style=\"").append(CELL).append("border-bottom:2px solid #999;text-align:")
                    .append(align(column)).append(";background:#f5f5f5\" title=\"")
                    .append(Html.escape(column.type().name())).append("\">")
                    .append(Html.escape(column.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        for (int row = 0; row < shown; row++) {
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td style=\"").append(CELL).append("text-align:").append(align(column)).append("\">")
                        .append(Html.escape(cell(column, row))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    @Override
    String text(Table table) {
        int shown = Math.min(ROWS, table.rowCount());
        return shape(table, shown) + "\n" + table.first(shown).printAll();
    }

    /** "iris: 150 rows × 5 columns (first 10 shown)". */
    static String shape(Table table, int shown) {
        String name = table.name() == null || table.name().isBlank() ? "table" : table.name();
        String line = name + ": " + table.rowCount() + (table.rowCount() == 1 ? " row" : " rows") + " × "
                + table.columnCount() + (table.columnCount() == 1 ? " column" : " columns");
        return shown < table.rowCount() ? line + " (first " + shown + " shown)" : line;
    }

    /** Floating-point cells rounded to 6 significant digits: a table is read, not diffed. */
    static String cell(Column<?> column, int row) {
        if (!column.isMissing(row) && (column instanceof DoubleColumn || column instanceof FloatColumn)) {
            return number(((NumericColumn<?>) column).getDouble(row));
        }
        return column.getString(row);
    }

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double abs = Math.abs(v);
        if (v != 0 && (abs < 1e-4 || abs >= 1e9)) {
            return String.format(java.util.Locale.ROOT, "%.5e", v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String align(Column<?> column) {
        return column instanceof NumericColumn<?> ? "right" : "left";
    }
}
