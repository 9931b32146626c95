package jgrad.exercises;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/** Numbers and arrays as the failure messages show them, the same in every check class. */
final class Show {

    /** Arrays longer than this are shown by their first values and their length. */
    private static final int SHOWN_VALUES = 12;

    private Show() {
    }

    /**
     * A number to 10 significant digits without trailing zeros (-23, 30, 0.2955202066, 1E-7):
     * enough to see any difference that fails a check, never a locale's decimal comma.
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
        // Plain digits where they read well (30, not 3E+1); an exponent for the very small and very large.
        boolean plain = v == 0 || (Math.abs(v) >= 1e-4 && Math.abs(v) < 1e12);
        return plain ? rounded.toPlainString() : rounded.toString();
    }

    /** @return "[a, b, c]" (the first values and the length when long), or "null" */
    static String list(double[] values) {
        return values == null ? "null" : joined(values, "[", "]");
    }

    /** @return "{a, b, c}", as a Java array literal reads, or "null" */
    static String braces(double[] values) {
        return values == null ? "null" : joined(values, "{", "}");
    }

    /** @return "[1, 2, 3]", or "null" */
    static String list(int[] values) {
        return values == null ? "null" : Arrays.toString(values);
    }

    /** @return a flat row-major array as rows "[[a, b], [c, d]]", or "null" */
    static String rows(double[] flat, int columns) {
        if (flat == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < flat.length; i += columns) {
            sb.append(i == 0 ? "" : ", ").append(list(Arrays.copyOfRange(flat, i, Math.min(flat.length, i + columns))));
        }
        return sb.append("]").toString();
    }

    private static String joined(double[] values, String open, String close) {
        DoubleStream shown = Arrays.stream(values).limit(SHOWN_VALUES);
        String end = values.length > SHOWN_VALUES ? ", ... (" + values.length + " values)" + close : close;
        return shown.mapToObj(Show::num).collect(Collectors.joining(", ", open, end));
    }
}
