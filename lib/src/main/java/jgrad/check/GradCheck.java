package jgrad.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import jgrad.autograd.Value;

/**
 * Numerical gradients by central differences, to check analytic and automatic ones.
 *
 * <p>{@code (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h} has an error of order h² for smooth f, so with the default
 * h = 1e-6 a correct gradient agrees to about 1e-8 relative; a wrong one is usually off by far more.
 *
 * <pre>{@code
 * GradCheck.Result r = GradCheck.check(v -> v[0].mul(v[1]).tanh(), 0.5, -1.5);
 * r.passed();   // true: autograd agrees with finite differences
 * }</pre>
 */
public final class GradCheck {

    /** Default step of the central differences. */
    public static final double DEFAULT_STEP = 1e-6;
    /** Default tolerance on the error, relative to max(1, |gradient|). */
    public static final double DEFAULT_TOLERANCE = 1e-6;

    private GradCheck() {
    }

    /** ∂f/∂xᵢ for every i by central differences with step {@link #DEFAULT_STEP}; {@code x} is not modified. */
    public static double[] numericalGradient(ToDoubleFunction<double[]> f, double... x) {
        return numericalGradient(f, x, DEFAULT_STEP);
    }

    /** ∂f/∂xᵢ for every i by central differences with step {@code h}; {@code x} is not modified. */
    public static double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        if (!(h > 0)) {
            throw new IllegalArgumentException("numericalGradient: the step h must be positive, got " + h);
        }
        double[] point = x.clone();
        double[] grad = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double xi = point[i];
            point[i] = xi + h;
            double plus = f.applyAsDouble(point);
            point[i] = xi - h;
            double minus = f.applyAsDouble(point);
            point[i] = xi;
            grad[i] = (plus - minus) / (2 * h);
        }
        return grad;
    }

    /** The derivative of a function of one variable at {@code x}, by central differences. */
    public static double numericalDerivative(java.util.function.DoubleUnaryOperator f, double x) {
        return numericalGradient(v -> f.applyAsDouble(v[0]), new double[] {x}, DEFAULT_STEP)[0];
    }

    /** Compares an analytic (or automatic) gradient with a numerical one. */
    public static Result compare(double[] analytic, double[] numerical) {
        return compare(analytic, numerical, DEFAULT_TOLERANCE);
    }

    /** Compares two gradients; each entry passes when |a − n| ≤ tolerance · max(1, |a|, |n|). */
    public static Result compare(double[] analytic, double[] numerical, double tolerance) {
        if (analytic.length != numerical.length) {
            throw new IllegalArgumentException("compare: the gradients have different lengths, "
                    + analytic.length + " and " + numerical.length);
        }
        double maxError = 0;
        int worst = -1;
        for (int i = 0; i < analytic.length; i++) {
            double error = relativeError(analytic[i], numerical[i]);
            if (error > maxError) {
                maxError = error;
                worst = i;
            }
        }
        return new Result(analytic.clone(), numerical.clone(), maxError, worst, tolerance);
    }

    /** |a − n| / max(1, |a|, |n|); equal values (infinities, NaNs) count as agreeing, one NaN as infinitely far. */
    private static double relativeError(double a, double n) {
        if (a == n || (Double.isNaN(a) && Double.isNaN(n))) {
            return 0;
        }
        double error = Math.abs(a - n) / Math.max(1, Math.max(Math.abs(a), Math.abs(n)));
        return Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
    }

    /**
     * Builds {@code f} on {@link Value}s at {@code x}, backpropagates, and compares the gradient with
     * central differences of the same function.
     */
    public static Result check(Function<Value[], Value> f, double... x) {
        Value[] inputs = new Value[x.length];
        for (int i = 0; i < x.length; i++) {
            inputs[i] = Value.of(x[i]);
        }
        f.apply(inputs).backward();
        double[] analytic = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            analytic[i] = inputs[i].grad();
        }
        double[] numerical = numericalGradient(point -> {
            Value[] vs = new Value[point.length];
            for (int i = 0; i < point.length; i++) {
                vs[i] = Value.of(point[i]);
            }
            return f.apply(vs).data();
        }, x);
        return compare(analytic, numerical);
    }

    /** The outcome of a comparison: both gradients, the largest relative error and where it is. */
    public record Result(double[] analytic, double[] numerical, double maxError, int worstIndex, double tolerance) {

        /** True when every entry agrees within the tolerance. */
        public boolean passed() {
            return maxError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: max relative error %.3e (tolerance %.0e)%s%n  analytic  %s%n  numerical %s",
                    passed() ? "gradient check passed" : "gradient check FAILED", maxError, tolerance,
                    passed() || worstIndex < 0 ? "" : " at index " + worstIndex,
                    Arrays.toString(analytic), Arrays.toString(numerical));
        }
    }
}
