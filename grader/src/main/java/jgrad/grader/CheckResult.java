package jgrad.grader;

/**
 * The outcome of one check.
 *
 * @param exercise the exercise's notebook name, such as "00_warmup"
 * @param check    the check's name (its test method)
 * @param points   points earned: {@code max} when it passed, 0 otherwise
 * @param max      what the check is worth ({@link Points})
 * @param message  empty when it passed, else why it failed
 */
public record CheckResult(String exercise, String check, int points, int max, String message) {

    /** @return true when the check passed */
    public boolean passed() {
        return points == max && message.isEmpty();
    }
}
