package jgrad.exercises;

import jgrad.grader.AnswerTable;
import jgrad.grader.Hidden;

/**
 * The gradients the checks of 02_chain_rule compare with at random points (exercise 2.5's answer, so hidden:
 * students get these numbers as {@code ChainRuleChecks.answers.json}, made by {@code ./jgrad release}).
 */
@Hidden
final class ChainRuleReference implements AnswerTable.Reference {

    /** "quadLoss-gradients SEED COUNT": {∂w1, ∂w2, ∂b} at each of COUNT points (x, y, w1, w2, b) of SEED, in order. */
    @Override
    public double[] answer(String question) {
        String[] q = question.split(" ");
        if (!q[0].equals("quadLoss-gradients")) {
            throw new IllegalArgumentException("no such question: " + question);
        }
        int count = Integer.parseInt(q[2]);
        double[][] p = ChainRuleChecks.randomPoints(Long.parseLong(q[1]), count);
        double[] gradients = new double[3 * count];
        for (int i = 0; i < count; i++) {
            double x = p[0][i];
            double dLossDyHat = 2 * (x * x * p[3][i] + x * p[2][i] + p[4][i] - p[1][i]);
            gradients[3 * i] = dLossDyHat * x;
            gradients[3 * i + 1] = dLossDyHat * x * x;
            gradients[3 * i + 2] = dLossDyHat;
        }
        return gradients;
    }
}
