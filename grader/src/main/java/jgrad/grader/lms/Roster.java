package jgrad.grader.lms;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The class list an instructor exports from the LMS: who is in the class, under which folder or user name
 * their work arrives, their student id and e-mail for the LMS's import, and a due-date extension.
 *
 * <p>A roster is a CSV file with a header row. Column names are matched without regard to case, spaces or
 * punctuation, so the usual exports work as they are:
 * <ul>
 *   <li>{@code folder} or {@code username} (also {@code login}, {@code user}): the student's folder in the
 *       class folder, or their user name — required;</li>
 *   <li>{@code id} (also {@code student id}, {@code id number}, {@code sis user id}): the id the LMS imports by;</li>
 *   <li>{@code name} (also {@code full name}, {@code student}), {@code email} (also {@code e-mail},
 *       {@code email address});</li>
 *   <li>{@code extension}: extra time past the due date, as {@code 2d}, {@code 36h}, {@code 1d12h},
 *       {@code 90m} or ISO 8601 ({@code P2DT12H}); empty for none.</li>
 * </ul>
 * Other columns are ignored. A malformed roster is refused with the file, the line and what is wrong.
 */
public final class Roster {

    /**
     * One student of the roster.
     *
     * @param key       the folder or user name their work arrives under
     * @param id        the id the LMS imports by; empty when the roster has none
     * @param name      their name; empty when the roster has none
     * @param email     their e-mail; empty when the roster has none
     * @param extension extra time past the due date ({@link Duration#ZERO} for none)
     */
    public record Student(String key, String id, String name, String email, Duration extension) {
    }

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("folder", "key"), Map.entry("username", "key"), Map.entry("login", "key"),
            Map.entry("user", "key"), Map.entry("sisloginid", "key"),
            Map.entry("id", "id"), Map.entry("studentid", "id"), Map.entry("idnumber", "id"),
            Map.entry("sisuserid", "id"), Map.entry("studentnumber", "id"),
            Map.entry("name", "name"), Map.entry("fullname", "name"), Map.entry("student", "name"),
            Map.entry("email", "email"), Map.entry("emailaddress", "email"),
            Map.entry("extension", "extension"), Map.entry("extensiondays", "extension"));

    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");

    private final Path file;
    private final List<Student> students;

    private Roster(Path file, List<Student> students) {
        this.file = file;
        this.students = List.copyOf(students);
    }

    /** @return a roster of these students (tests, and rosters built from an LMS's folder names) */
    public static Roster of(List<Student> students) {
        return new Roster(Path.of("roster"), students);
    }

    /**
     * Reads a roster file.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong when it is malformed
     * @throws UncheckedIOException     when it cannot be read
     */
    public static Roster read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("roster " + file + ": no such file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreEmptyLines(true).setTrim(true).get().parse(reader)) {
            Map<String, String> roles = roles(file, parser.getHeaderNames());
            List<Student> students = new ArrayList<>();
            Map<String, Long> seen = new LinkedHashMap<>();
            for (CSVRecord record : parser) {
                Student student = student(file, record, roles);
                Long first = seen.putIfAbsent(student.key().toLowerCase(Locale.ROOT), record.getRecordNumber() + 1);
                if (first != null) {
                    throw new IllegalArgumentException(where(file, record) + ": '" + student.key()
                            + "' is already on line " + first + " (each student once)");
                }
                students.add(student);
            }
            return new Roster(file, students);
        } catch (IOException e) {
            throw new UncheckedIOException("roster " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // commons-csv reports malformed quoting this way
            throw new IllegalArgumentException("roster " + file + ": not valid CSV: " + e.getCause().getMessage(), e);
        }
    }

    /** @return the students, in the roster's order */
    public List<Student> students() {
        return students;
    }

    /** @return the file the roster was read from */
    public Path file() {
        return file;
    }

    /**
     * Finds the student whose work arrived under this name: the roster key itself (case-insensitive), or an
     * LMS download name that carries the student's id (Moodle's {@code Full Name_12345_assignsubmission_file_},
     * Canvas's {@code durandemilie_12345_...}).
     */
    public Optional<Student> find(String submissionName) {
        for (Student s : students) {
            if (s.key().equalsIgnoreCase(submissionName)) {
                return Optional.of(s);
            }
        }
        Optional<String> id = SubmissionNames.moodleFolder(submissionName).map(SubmissionNames.MoodleFolder::participantId)
                .or(() -> SubmissionNames.canvasUserId(submissionName));
        if (id.isPresent()) {
            for (Student s : students) {
                if (s.id().equals(id.get()) || s.key().equals(id.get())) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> roles(Path file, List<String> header) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (String column : header) {
            String role = COLUMNS.get(normalise(column));
            if (role != null && !roles.containsValue(role)) {
                roles.put(column, role);
            }
        }
        if (!roles.containsValue("key")) {
            throw new IllegalArgumentException("roster " + file + " line 1: no 'folder' or 'username' column (the "
                    + "header has " + header + "; one of folder, username, login names the student's folder)");
        }
        return roles;
    }

    private static Student student(Path file, CSVRecord record, Map<String, String> roles) {
        Map<String, String> values = new LinkedHashMap<>();
        roles.forEach((column, role) -> values.put(role, record.isSet(column) ? record.get(column) : ""));
        String key = values.getOrDefault("key", "");
        if (key.isEmpty()) {
            throw new IllegalArgumentException(where(file, record) + ": the folder/username is empty");
        }
        String email = values.getOrDefault("email", "");
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException(where(file, record) + ": '" + email + "' is not an e-mail address");
        }
        return new Student(key, values.getOrDefault("id", ""), values.getOrDefault("name", ""), email,
                extension(file, record, values.getOrDefault("extension", "")));
    }

    /** Parses {@code 2d}, {@code 36h}, {@code 1d12h}, {@code 90m}, a bare number of days, or ISO 8601. */
    static Duration parseExtension(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.isEmpty() || t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMinutes(Math.round(Double.parseDouble(t) * 24 * 60));
        }
        Matcher m = SHORT_DURATION.matcher(t);
        if (m.matches() && (m.group(1) != null || m.group(2) != null || m.group(3) != null)) {
            return Duration.ofDays(number(m.group(1))).plusHours(number(m.group(2))).plusMinutes(number(m.group(3)));
        }
        try {
            Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException("'" + text + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write 2d, 36h, 1d12h, 90m or P2DT12H)");
        }
    }

    private static Duration extension(Path file, CSVRecord record, String text) {
        try {
            return parseExtension(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where(file, record) + ": extension " + e.getMessage(), e);
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static String normalise(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String where(Path file, CSVRecord record) {
        // the header is line 1, so a record's number is its line minus one (no multi-line fields in rosters)
        return "roster " + file + " line " + (record.getRecordNumber() + 1);
    }
}
