package jgrad.exercises;

import java.util.Arrays;
import jgrad.grader.AnswerTable;
import jgrad.grader.Hidden;

/**
 * Adam as students get it wrong (no bias correction, t counted from 0 or 2), to name the slip a wrong answer of
 * 10_optimizers shows. Written out, it is Adam itself, so hidden: students get its answers to
 * {@link OptimizersChecks#questions()} as a table; the hidden checks call {@link #slip} directly.
 */
@Hidden
final class OptimizersReference implements AnswerTable.Reference {

    /** "adam-slip LR B1 B2 EPS START C CORRECTED FIRST_T", START and C as comma-separated numbers. */
    @Override
    public double[] answer(String question) {
        String[] q = question.split(" ");
        if (!q[0].equals("adam-slip")) {
            throw new IllegalArgumentException("no such question: " + question);
        }
        return slip(Double.parseDouble(q[1]), Double.parseDouble(q[2]), Double.parseDouble(q[3]),
                Double.parseDouble(q[4]), numbers(q[5]), numbers(q[6]), Boolean.parseBoolean(q[7]), Integer.parseInt(q[8]));
    }

    private static double[] numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** {@link OptimizersChecks#STEPS} steps of Adam on ½ Σ cᵢ θᵢ² from {@code start}, with or without bias correction, t starting at {@code firstT}. */
    static double[] slip(double lr, double b1, double b2, double eps, double[] start, double[] c, boolean corrected,
                         int firstT) {
        double[] x = start.clone(), first = new double[x.length], second = new double[x.length];
        for (int k = 0; k < OptimizersChecks.STEPS; k++) {
            int power = firstT + k;
            for (int i = 0; i < x.length; i++) {
                double gi = c[i] * x[i];
                first[i] = b1 * first[i] + (1 - b1) * gi;
                second[i] = b2 * second[i] + (1 - b2) * gi * gi;
                double f = corrected ? first[i] / (1 - Math.pow(b1, power)) : first[i];
                double q = corrected ? second[i] / (1 - Math.pow(b2, power)) : second[i];
                x[i] = x[i] - lr * f / (Math.sqrt(q) + eps);
            }
        }
        return x;
    }
}
