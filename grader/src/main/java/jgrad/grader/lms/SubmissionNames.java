package jgrad.grader.lms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names LMSs give to what students hand in, and which exercise a renamed notebook is.
 *
 * <ul>
 *   <li>Moodle's "Download all submissions" makes one folder per student:
 *       {@code Full Name_12345_assignsubmission_file_} (12345 is the participant id of the grading worksheet).</li>
 *   <li>Canvas's "Download Submissions" prefixes each file: {@code durandemilie_12345_67890_04_xor.ipynb}
 *       (user id 12345, attachment id 67890), with {@code _LATE} after the name for late work, and a
 *       {@code -1} before the extension when the student handed in the same name twice.</li>
 *   <li>Students and browsers rename: {@code Durand_Emilie_04_xor.ipynb}, {@code 04_xor (1).ipynb},
 *       {@code 04_xor copy.ipynb}.</li>
 * </ul>
 */
public final class SubmissionNames {

    /**
     * A Moodle submission folder.
     *
     * @param fullName      the student's full name as Moodle wrote it
     * @param participantId the participant id ("Participant 12345" in Moodle's grading worksheet)
     */
    public record MoodleFolder(String fullName, String participantId) {
    }

    /**
     * A file from Canvas's submission download.
     *
     * @param login        Canvas's collapsed sortable name (lower case, no spaces)
     * @param userId       the Canvas user id (the gradebook's "ID" column)
     * @param late         whether Canvas marked it late
     * @param originalName the name the student's file had
     */
    public record CanvasFile(String login, String userId, boolean late, String originalName) {
    }

    /**
     * Which file was chosen for an exercise.
     *
     * @param exercise the exercise's name, such as "04_xor"
     * @param file     the file graded for it
     * @param note     empty when the file has the exercise's own name, else what was matched and why
     */
    public record Match(String exercise, String file, String note) {
    }

    /**
     * The outcome of matching a student's files to the exercises.
     *
     * @param matches  one per exercise that has a file
     * @param problems files that could not be matched unambiguously, each with the reason
     */
    public record Matching(List<Match> matches, List<String> problems) {
    }

    private static final Pattern MOODLE = Pattern.compile("(.+)_(\\d+)_assignsubmission_[a-z]+_?");
    private static final Pattern CANVAS = Pattern.compile("([a-z0-9-]+?)(_(?i:late))?_(\\d+)_(\\d+)_(.+)");
    private static final Pattern CANVAS_FOLDER = Pattern.compile("[a-z0-9-]+?_(\\d+)");
    private static final Pattern COPY_SUFFIX = Pattern.compile("(?i)(\\s*\\(\\d+\\)|\\s+copy(\\s*\\d+)?|-\\d+)$");
    private static final String NOTEBOOK = ".ipynb";

    private SubmissionNames() {
    }

    /** @return the Moodle folder this name is, if it is one */
    public static Optional<MoodleFolder> moodleFolder(String folderName) {
        Matcher m = MOODLE.matcher(folderName);
        return m.matches() ? Optional.of(new MoodleFolder(m.group(1), m.group(2))) : Optional.empty();
    }

    /** @return the Canvas download file this name is, if it is one */
    public static Optional<CanvasFile> canvasFile(String fileName) {
        Matcher m = CANVAS.matcher(fileName);
        return m.matches() ? Optional.of(new CanvasFile(m.group(1), m.group(3), m.group(2) != null, m.group(5)))
                : Optional.empty();
    }

    /**
     * @return the Canvas user id a name carries: a Canvas download file's, or a student folder's that
     *         {@link CanvasFlatDownload} made ({@code login_12345})
     */
    public static Optional<String> canvasUserId(String name) {
        Matcher m = CANVAS_FOLDER.matcher(name);
        return canvasFile(name).map(CanvasFile::userId).or(() -> m.matches() ? Optional.of(m.group(1)) : Optional.empty());
    }

    /**
     * Matches a student's notebook files to exercises. A file named exactly {@code NAME.ipynb} is that
     * exercise. Otherwise a file is matched when, once an LMS prefix and a copy suffix are taken off, its name
     * ends with exactly one exercise's name (after {@code _}, {@code -}, a space, or nothing), and no other file
     * claims the same exercise; anything else is reported, never guessed.
     *
     * @param files     the student's file names (not paths); files that are not notebooks are ignored
     * @param exercises the exercises' names
     */
    public static Matching match(List<String> files, List<String> exercises) {
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        exercises.forEach(e -> candidates.put(e, new ArrayList<>()));
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            if (!file.toLowerCase(Locale.ROOT).endsWith(NOTEBOOK)) {
                continue;
            }
            List<String> claimed = exercises.stream().filter(e -> names(file, e)).toList();
            if (claimed.size() == 1) {
                candidates.get(claimed.get(0)).add(file);
            } else if (claimed.size() > 1) {
                problems.add(file + ": could be any of " + claimed + "; rename it to one exercise's name");
            }
        }
        List<Match> matches = new ArrayList<>();
        candidates.forEach((exercise, claimants) -> {
            String exact = exercise + NOTEBOOK;
            if (claimants.contains(exact)) {
                matches.add(new Match(exercise, exact, ""));
                claimants.stream().filter(f -> !f.equals(exact)).forEach(f -> problems.add(f
                        + ": not graded (" + exact + " is graded for " + exercise + ")"));
            } else if (claimants.size() == 1) {
                matches.add(new Match(exercise, claimants.get(0), "graded " + claimants.get(0) + " as " + exact));
            } else if (claimants.size() > 1) {
                problems.add(exercise + ": several files could be it " + claimants + "; none was graded"
                        + " (keep one, named " + exact + ")");
            }
        });
        return new Matching(matches, problems);
    }

    /** Whether a file's name, stripped of LMS prefixes and copy suffixes, is this exercise's. */
    private static boolean names(String file, String exercise) {
        String stem = file.substring(0, file.length() - NOTEBOOK.length());
        Optional<CanvasFile> canvas = canvasFile(file);
        if (canvas.isPresent()) {
            String original = canvas.get().originalName();
            stem = original.toLowerCase(Locale.ROOT).endsWith(NOTEBOOK)
                    ? original.substring(0, original.length() - NOTEBOOK.length()) : original;
        }
        String bare = COPY_SUFFIX.matcher(stem).replaceAll("").strip().toLowerCase(Locale.ROOT);
        String name = exercise.toLowerCase(Locale.ROOT);
        if (bare.equals(name)) {
            return true;
        }
        if (!bare.endsWith(name)) {
            return false;
        }
        char before = bare.charAt(bare.length() - name.length() - 1);
        return before == '_' || before == '-' || before == ' ' || before == '.';
    }
}
