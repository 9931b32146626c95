package jgrad.grader;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as Python's {@code repr} (and so {@code json.dumps}) writes it: the shortest decimal that reads
 * back as the same double, the nearest one when two qualify; positional from 1e-4 up to below 1e16
 * ({@code 0.0001}, {@code 100.0}), scientific outside it with at least two exponent digits ({@code 1e-05},
 * {@code 1e+16}, {@code 1.5e+300}); {@code Infinity}, {@code -Infinity} and {@code NaN} as json.dumps.
 * Java's own {@code Double.toString} differs in form ({@code 1.0E-5}) and, before Java 19, sometimes in digits.
 */
final class PythonFloat {

    private PythonFloat() {
    }

    static String repr(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(x)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // x = 0.DIGITS * 10^point
        return (x < 0 ? "-" : "") + (point > -4 && point <= 16 ? positional(digits, point) : scientific(digits, point));
    }

    /** The decimal with the fewest significant digits that rounds to {@code x} (x > 0), nearest if two do. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int n = 1; n < 17; n++) {
            BigDecimal down = exact.round(new MathContext(n, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == x;
            boolean upOk = up.doubleValue() == x;
            if (downOk && upOk) {
                int nearer = exact.subtract(down).compareTo(up.subtract(exact));
                return nearer < 0 ? down : nearer > 0 ? up : exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
            }
            if (downOk || upOk) {
                return downOk ? down : up;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)); // 17 digits always round-trip
    }

    private static String positional(String digits, int point) {
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point < digits.length()) {
            return digits.substring(0, point) + "." + digits.substring(point);
        }
        return digits + "0".repeat(point - digits.length()) + ".0";
    }

    private static String scientific(String digits, int point) {
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
}
