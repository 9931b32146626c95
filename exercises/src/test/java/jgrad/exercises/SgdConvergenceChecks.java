package jgrad.exercises;

import static jgrad.exercises.CheckSupport.attempt;
import static jgrad.exercises.Failure.near;
import static jgrad.exercises.Failure.require;
import static jgrad.exercises.Failure.same;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.grader.Exercise;
import jgrad.grader.NotebookSession;
import jgrad.grader.Points;
import org.junit.jupiter.api.Test;

/**
 * Checks of 05_sgd_convergence.ipynb, 13 points: the SGD step, the limit variance ρσ²/(2 − ρ) and its
 * domain, the simulation of many runs (statistics with bounds of about 5 standard deviations, seeded),
 * and the decay schedule 1/(n + 1) that makes SGD compute the running mean.
 *
 * <p>Statistical bounds: the sample variance of n normal values has relative standard deviation
 * √(2/(n − 1)), 2.2 % for n = 4000; the bounds below are 12 %, and every wrong answer the checks target
 * is 40 % or more off. The draws are seeded, but a student's loop order (run by run or step by step)
 * changes which draw goes where, so the bounds must cover the sampling noise.
 */
@Exercise("05_sgd_convergence")
class SgdConvergenceChecks {

    // ------------------------------------------------------------------ exercise 1: the step

    @Test
    @Points(2)
    void sgdStepMovesAgainstTheGradient(NotebookSession nb) {
        double[][] cases = {{0, 3, 0.1}, {5, 1, 0.5}, {5, 1, 1}, {4, -2, 0}};
        Random random = new Random(505);
        double[][] all = new double[cases.length + 20][];
        System.arraycopy(cases, 0, all, 0, cases.length);
        for (int i = cases.length; i < all.length; i++) {
            all[i] = new double[] {random.nextDouble() * 10 - 5, random.nextDouble() * 10 - 5, random.nextDouble() * 1.9};
        }
        nb.declare(Arrays.stream(all).map(c -> "sgdStep(" + c[0] + ", " + c[1] + ", " + c[2] + ")")
                .collect(Collectors.joining(", ", "double[] check$steps() { return new double[] {", "}; }")));
        double[] yours = attempt("sgdStep(x, y, ρ) should be x − ρ(x − y), for example sgdStep(0, 3, 0.1) = 0.3",
                () -> nb.evalDoubleArray("check$steps()"));
        for (int i = 0; i < all.length; i++) {
            double x = all[i][0], y = all[i][1], rho = all[i][2];
            Failure.of(String.format(Locale.ROOT, "sgdStep(x = %s, y = %s, ρ = %s) should be x − ρ(x − y) = %s: the "
                    + "gradient of ½(x − y)² is x − y, and the step moves x against it", x, y, rho, Show.num(x - rho * (x - y))))
                    .got(yours[i]).unless(near(x - rho * (x - y), yours[i], 1e-12));
        }
    }

    // ------------------------------------------------------------------ exercise 2: the limit variance

    @Test
    @Points(2)
    void limitVarianceFormula(NotebookSession nb) {
        double[][] cases = {{0.1, 1.5}, {0.5, 2}, {1, 2}, {1.9, 1.5}, {0.5, 1}};
        nb.declare(Arrays.stream(cases).map(c -> "limitVariance(" + c[0] + ", " + c[1] + ")")
                .collect(Collectors.joining(", ", "double[] check$limits() { return new double[] {", "}; }")));
        double[] yours = attempt("limitVariance(ρ, σ) should be ρσ²/(2 − ρ), for example limitVariance(0.1, 1.5) = 0.1184",
                () -> nb.evalDoubleArray("check$limits()"));
        for (int i = 0; i < cases.length; i++) {
            double rho = cases[i][0], sigma = cases[i][1];
            double expected = rho * sigma * sigma / (2 - rho);
            Failure.of(String.format(Locale.ROOT, "limitVariance(%s, %s) should be ρσ²/(2 − ρ) = %.6g, the fixed "
                    + "point of v = (1 − ρ)²v + ρ²σ²%s", rho, sigma, expected, Math.abs(yours[i] - rho * sigma * sigma / 2) < 1e-9 ? " (you have ρσ²/2, the approximation for small ρ)" : ""))
                    .got(yours[i]).unless(near(expected, yours[i], 1e-12));
        }
    }

    @Test
    @Points(1)
    void limitVarianceRejectsStepsOutsideZeroTwo(NotebookSession nb) {
        nb.declare("String check$reject(double r) { try { return \"returned \" + limitVariance(r, 1.0); } "
                + "catch (IllegalArgumentException e) { return \"IAE \" + e.getMessage(); } "
                + "catch (RuntimeException e) { return \"threw \" + e; } }");
        String[] rejected = {"0.0", "2.0", "-0.1", "2.5", "Double.NaN"};
        String[] accepted = {"1.0E-9", "1.999"};
        nb.declare("String check$rejections() { return String.join(\"\\n\", " + Stream.concat(Arrays.stream(rejected),
                Arrays.stream(accepted)).map(r -> "check$reject(" + r + ")").collect(Collectors.joining(", ")) + "); }");
        String all = attempt("limitVariance(ρ, σ) should throw IllegalArgumentException for ρ outside (0, 2)",
                () -> nb.evalString("check$rejections()"));
        String[] outcomes = all.split("\n", -1);
        Failure.of("internal: one outcome per step").got(outcomes.length)
                .unless(same(rejected.length + accepted.length, outcomes.length));
        for (int i = 0; i < rejected.length; i++) {
            String rho = rejected[i].replace("Double.", "");
            require(outcomes[i].startsWith("IAE "), "limitVariance(" + rho + ", 1) should throw an "
                    + "IllegalArgumentException: the recursion converges only for ρ in the open interval (0, 2)"
                    + (rho.equals("NaN") ? " (a test like rho <= 0 || rho >= 2 is false for NaN: write !(rho > 0 && rho < 2))" : "")
                    + "; it " + outcomes[i]);
        }
        require(outcomes[3].contains("2.5"), "the message of limitVariance(2.5, 1)'s exception should name the value "
                + "2.5 (and the rule); it is: " + outcomes[3].substring(4));
        for (int i = 0; i < accepted.length; i++) {
            require(outcomes[rejected.length + i].startsWith("returned "), "limitVariance(" + accepted[i]
                    + ", 1) should return a variance, ρ is inside (0, 2); it " + outcomes[rejected.length + i]);
        }
    }

    @Test
    @Points(1)
    void limitVarianceMatchesASimulationOfYourStep(NotebookSession nb) {
        // 4000 runs, 150 steps from the mean: (1 − ρ)^150 is negligible for ρ ≥ 0.1.
        nb.declare("double check$simulatedVariance(double rho, long seed) { Random r = new Random(seed); "
                + "double[] x = new double[4000]; Arrays.fill(x, 2.0); "
                + "for (int n = 0; n < 150; n++) for (int i = 0; i < x.length; i++) x[i] = sgdStep(x[i], 2.0 + 1.5 * r.nextGaussian(), rho); "
                + "double mean = Arrays.stream(x).average().orElse(Double.NaN); "
                + "return Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1); }");
        double[] rhos = {0.1, 0.5, 1.5};
        nb.declare("double[] check$simulatedAndFormula() { return new double[] {check$simulatedVariance(0.1, 1), "
                + "limitVariance(0.1, 1.5), check$simulatedVariance(0.5, 2), limitVariance(0.5, 1.5), "
                + "check$simulatedVariance(1.5, 3), limitVariance(1.5, 1.5)}; }");
        double[] pairs = attempt("the variance of 4000 runs of your sgdStep should agree with limitVariance",
                () -> nb.evalDoubleArray("check$simulatedAndFormula()"));
        for (int i = 0; i < rhos.length; i++) {
            double simulated = pairs[2 * i], formula = pairs[2 * i + 1];
            require(Math.abs(simulated / formula - 1) < 0.12, String.format(Locale.ROOT, "for ρ = %s, σ = 1.5 the "
                    + "variance of 4000 runs of 150 steps of your sgdStep is %.4f but your limitVariance gives %.4f; "
                    + "they should agree within 12%% (5 standard deviations of the sampling noise): "
                    + "one of the two is not ρσ²/(2 − ρ) = %.4f", rhos[i], simulated, formula,
                    rhos[i] * 2.25 / (2 - rhos[i])));
        }
    }

    // ------------------------------------------------------------------ exercise 3: many runs

    @Test
    @Points(2)
    void finalIteratesHaveTheLimitMeanAndVariance(NotebookSession nb) {
        declareStatistics(nb);
        double[] stats = attempt("finalIterates(0.5, 2, 1.5, 0, 100, 4000, 9) should return 4000 final values with "
                + "mean ≈ 2 and variance ≈ ρσ²/(2 − ρ) = 0.75",
                () -> nb.evalDoubleArray("check$statistics(finalIterates(0.5, 2.0, 1.5, 0.0, 100, 4000, 9L))"));
        Failure.of("finalIterates(..., steps = 100, runs = 4000, ...) should return one final value per run: 4000 values")
                .got(Show.num(stats[0])).unless(same(4000, (int) stats[0]));
        double mean = stats[1], variance = stats[2];
        // Standard deviation of the mean: √(0.75/4000) = 0.014; 0.07 is 5 of them.
        require(Math.abs(mean - 2) < 0.07, String.format(Locale.ROOT, "the final values of finalIterates(ρ = 0.5, "
                + "m = 2, σ = 1.5, x0 = 0, 100 steps, 4000 runs) should have mean ≈ m = 2 (within 0.07); yours have "
                + "%.4f. Each step draws Y = m + σ·Z with Z = random.nextGaussian()", mean));
        require(Math.abs(variance / 0.75 - 1) < 0.12, String.format(Locale.ROOT, "the final values of "
                + "finalIterates(ρ = 0.5, m = 2, σ = 1.5, x0 = 0, 100 steps, 4000 runs) should have variance ≈ "
                + "ρσ²/(2 − ρ) = 0.75 (within 12%%); yours have %.4f. Draw a fresh Y = m + σ·Z at every step of every "
                + "run, and scale Z by σ (not σ²)", variance));
    }

    @Test
    @Points(1)
    void finalIteratesStartAtX0AndMakeTheGivenSteps(NotebookSession nb) {
        // σ = 0: no noise, X_n = m + (x0 − m)(1 − ρ)ⁿ exactly.
        double[] noNoise = attempt("finalIterates(0.5, 2, σ = 0, x0 = 0, 3 steps, 5 runs, 1) should be five times "
                + "2·(1 − 0.5³) = 1.75", () -> nb.evalDoubleArray("finalIterates(0.5, 2.0, 0.0, 0.0, 3, 5, 1L)"));
        Failure.of("with σ = 0, finalIterates(ρ = 0.5, m = 2, σ = 0, x0 = 0, 3 steps, 5 runs, seed 1) should be 5 "
                + "runs each ending at 2·(1 − 0.5³) = 1.75: each run starts at x0 and makes exactly `steps` steps; got "
                + Arrays.toString(noNoise)).unless(near(new double[] {1.75, 1.75, 1.75, 1.75, 1.75}, noNoise, 1e-12));
        double[] noSteps = attempt("finalIterates(..., x0 = -3, steps = 0, runs = 4, ...) should be four times x0",
                () -> nb.evalDoubleArray("finalIterates(0.5, 2.0, 1.5, -3.0, 0, 4, 1L)"));
        Failure.of("finalIterates(ρ = 0.5, m = 2, σ = 1.5, x0 = −3, steps = 0, runs = 4, seed 1) should be {−3, −3, "
                + "−3, −3}: with no step every run stays at x0; got "
                + Arrays.toString(noSteps)).unless(near(new double[] {-3, -3, -3, -3}, noSteps, 0.0));
    }

    @Test
    @Points(1)
    void finalIteratesUseOneSeededRandom(NotebookSession nb) {
        declareStatistics(nb);
        nb.declare("double[] check$seeding() { double[] a = finalIterates(0.5, 2.0, 1.5, 0.0, 50, 400, 3L); "
                + "double[] again = finalIterates(0.5, 2.0, 1.5, 0.0, 50, 400, 3L); "
                + "double[] other = finalIterates(0.5, 2.0, 1.5, 0.0, 50, 400, 4L); "
                + "return new double[] {a.length, Arrays.equals(a, again) ? 1 : 0, Arrays.equals(a, other) ? 1 : 0, "
                + "check$statistics(a)[2]}; }");
        double[] seeding = attempt("finalIterates should be reproducible: the same seed gives the same array",
                () -> nb.evalDoubleArray("check$seeding()"));
        Failure.of("finalIterates(..., runs = 400, ...) should return 400 values")
                .got(Show.num(seeding[0])).unless(same(400, (int) seeding[0]));
        require(seeding[1] == 1, "finalIterates(..., seed 3) called twice should give the same array: "
                + "draw from new Random(seed), not new Random() or Math.random()");
        require(seeding[2] == 0, "finalIterates with seeds 3 and 4 should give different arrays: draw from new Random(seed)");
        // Only "not all equal": how far apart they are is the statistics check's business.
        require(seeding[3] > 0, "the 400 runs of finalIterates(ρ = 0.5, m = 2, σ = 1.5, x0 = 0, 50 steps, 400 runs, "
                + "seed 3) all end at the same value: create ONE new Random(seed) before the loop over runs, not one per run");
    }

    @Test
    @Points(1)
    void simulatedVarianceIsAboutAQuarter(NotebookSession nb) {
        double v = attempt("simulatedVariance should be about 0.25", () -> nb.evalDouble("simulatedVariance"));
        require(!Double.isNaN(v), "simulatedVariance is still NaN (not done yet): set it to the variance of "
                + "finalIterates(0.2, 2.0, 1.5, 0.0, 200, 5_000, 2024L), which should be about 0.25");
        // Standard deviation of a 5000-run sample variance: 0.25·√(2/4999) = 0.005; 0.03 is 6 of them.
        require(Math.abs(v - 0.25) < 0.03, String.format(Locale.ROOT, "simulatedVariance should be the variance "
                + "of finalIterates(0.2, 2.0, 1.5, 0.0, 200, 5_000, 2024L), about ρσ²/(2 − ρ) = 0.25 (within 0.03); "
                + "it is %.4f%s", v, Math.abs(v - 0.5) < 0.06 ? " (a standard deviation? use the given variance(...))" : ""));
    }

    // ------------------------------------------------------------------ exercise 4: the decay schedule

    @Test
    @Points(1)
    void decayRateIsOneOverNPlusOne(NotebookSession nb) {
        int[] ns = {0, 1, 3, 99};
        double[] yours = attempt("decayRate(n) should be 1/(n + 1): decayRate(0) = 1, decayRate(1) = 0.5",
                () -> nb.evalDoubleArray("new double[] {decayRate(0), decayRate(1), decayRate(3), decayRate(99)}"));
        for (int i = 0; i < ns.length; i++) {
            double expected = 1.0 / (ns[i] + 1);
            Failure.of("decayRate(" + ns[i] + ") should be 1/(n + 1) = " + expected
                    + (yours[i] == 0 ? ": 1 / (n + 1) with two ints is an integer division, write 1.0 / (n + 1)" : ""))
                    .got(yours[i]).unless(near(expected, yours[i], 1e-15));
        }
    }

    @Test
    @Points(1)
    void decayingTrajectoryIsTheRunningMean(NotebookSession nb) {
        double[] ys = new Random(55).doubles(30, -1, 5).map(v -> Math.round(v * 1000) / 1000.0).toArray();
        String literal = Arrays.stream(ys).mapToObj(Double::toString).collect(Collectors.joining(", ", "new double[] {", "}"));
        nb.declare("double[] check$ys = " + literal + ";");
        double[] xs = attempt("decayingTrajectory(x0, ys) should be {x0, then the running means of ys}",
                () -> nb.evalDoubleArray("decayingTrajectory(-7.0, check$ys)"));
        Failure.of("decayingTrajectory(x0, ys) with 30 samples should return 31 values X_0 = x0, X_1, ..., X_30")
                .got(xs.length).unless(same(ys.length + 1, xs.length));
        Failure.of("decayingTrajectory(x0 = −7, ys)[0] should be X_0 = x0 = −7").got(xs[0])
                .unless(near(-7.0, xs[0], 0.0));
        double sum = 0;
        for (int n = 1; n <= ys.length; n++) {
            sum += ys[n - 1];
            double runningMean = sum / n;
            if (Math.abs(xs[n] - runningMean) > 1e-12) {
                Failure.of(String.format(Locale.ROOT, "decayingTrajectory(−7, ys)[%d] should be the running mean "
                        + "(ys[0] + ... + ys[%d]) / %d = %.6f, got %.6f: step n uses ys[n] and ρ_n = 1.0/(n + 1) "
                        + "(so the first step forgets x0); ys = %s", n, n - 1, n, runningMean, xs[n],
                        Arrays.toString(Arrays.copyOf(ys, Math.min(ys.length, n + 1))))).fail();
            }
        }
        double[] empty = attempt("decayingTrajectory(3, {}) should be {3}",
                () -> nb.evalDoubleArray("decayingTrajectory(3.0, new double[0])"));
        Failure.of("decayingTrajectory(x0 = 3, no samples) should be {3}").got(empty)
                .unless(near(new double[] {3.0}, empty, 0.0));
    }

    /**
     * Declares {@code check$statistics(x)}: {length, mean, sample variance} computed in the notebook's JVM
     * (long arrays are not sent back: the check needs only these three numbers).
     */
    private static void declareStatistics(NotebookSession nb) {
        nb.declare("double[] check$statistics(double[] x) { double mean = Arrays.stream(x).average().orElse(Double.NaN); "
                + "return new double[] {x.length, mean, Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() "
                + "/ (x.length - 1)}; }");
    }
}
