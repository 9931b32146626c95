package jgrad.exercises;

/**
 * A known wrong answer and the mistake behind it: "if the student's value equals {@code value}, the likely
 * mistake is {@code why}". {@link Failure#likely} names the first mistake the student's value matches.
 *
 * @param value the wrong answer (a Double, an Integer, a double[] or an int[])
 * @param why   the mistake that gives it, in the student's terms
 * @param <T>   the type of the value
 */
record Mistake<T>(T value, String why) {

    /** @return the mistake that gives {@code value} */
    static <T> Mistake<T> of(T value, String why) {
        return new Mistake<>(value, why);
    }
}
