package jgrad.grader;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected values a check compares with, when computing them takes code that would give students the answer
 * (a reference perceptron, say). The check class lists the questions its public checks ask; a {@link Hidden}
 * class implementing {@link Reference} answers them. In the instructor's repository the table is computed from
 * that reference; {@code ./jgrad release} writes the same table as JSON beside the check class
 * ({@code PerceptronChecks.answers.json}) and leaves the reference out, and the students' checks read the JSON.
 * Both paths go through the same JSON, so students are checked against exactly what the instructor's build tested.
 * Hidden checks must not ask the table (their answers would ship with it): they call the reference directly.
 */
public final class AnswerTable {

    /** Answers the questions of a check class: the reference code, kept out of the students' repository. */
    public interface Reference {
        /**
         * @param question one of the questions the check class lists
         * @return its expected values
         * @throws IllegalArgumentException when the question is not one this reference knows
         */
        double[] answer(String question);
    }

    /** What the release writes beside a check class: {@code <SimpleName>}{@value}. */
    public static final String SUFFIX = ".answers.json";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .disableHtmlEscaping().create();

    private final String checks;
    private final Map<String, double[]> answers;
    private final Class<?> computedBy;

    private AnswerTable(String checks, Map<String, double[]> answers, Class<?> computedBy) {
        this.checks = checks;
        this.answers = answers;
        this.computedBy = computedBy;
    }

    /** The JSON form: the check class it belongs to and, in the questions' order, each question's answer. */
    private record Json(String checks, LinkedHashMap<String, double[]> answers) {
    }

    /**
     * The table of a check class: read from {@code <SimpleName>.answers.json} beside it when that resource exists
     * (a students' repository), else computed by {@code referenceClass} (the instructor's) and passed through JSON.
     *
     * @param checks         the check class
     * @param questions      every question its public checks ask (one asked twice is answered once)
     * @param referenceClass the binary name of the {@link Hidden} class implementing {@link Reference}
     * @throws IllegalStateException when there is neither, or the JSON is another class's or does not answer every
     *                               question
     * @throws IllegalArgumentException when the reference does not know a question
     */
    public static AnswerTable of(Class<?> checks, List<String> questions, String referenceClass) {
        String resource = checks.getSimpleName() + SUFFIX;
        try (InputStream in = checks.getResourceAsStream(resource)) {
            if (in != null) {
                AnswerTable table = fromJson(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!table.checks.equals(checks.getName())) {
                    throw new IllegalStateException(resource + " is the table of " + table.checks + ", not of "
                            + checks.getName() + ": make the release again");
                }
                table.requireAll(questions, resource);
                return table;
            }
        } catch (IOException e) {
            throw new IllegalStateException(resource + ": cannot read the answer table: " + e.getMessage(), e);
        }
        Reference reference = reference(checks, referenceClass, resource);
        Map<String, double[]> answers = new LinkedHashMap<>();
        for (String question : questions) {
            answers.computeIfAbsent(question, q -> reference.answer(q).clone());
        }
        AnswerTable computed = new AnswerTable(checks.getName(), answers, reference.getClass());
        AnswerTable read = fromJson(resource, computed.toJson());
        return new AnswerTable(read.checks, read.answers, reference.getClass());
    }

    private static Reference reference(Class<?> checks, String referenceClass, String resource) {
        Class<?> type;
        try {
            type = Class.forName(referenceClass, true, checks.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the answer table of " + checks.getSimpleName() + " is missing: no "
                    + resource + " beside it and no " + referenceClass + " to compute it (in a students' repository"
                    + " the table comes with the course: ask your instructor, or run ./jgrad update)", e);
        }
        if (!Reference.class.isAssignableFrom(type)) {
            throw new IllegalStateException(referenceClass + " does not implement " + Reference.class.getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Reference) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(referenceClass + " needs a constructor without arguments: " + e, e);
        }
    }

    /**
     * @param name for messages (the resource's name)
     * @param json a table as {@link #toJson()} writes it
     * @throws IllegalStateException naming {@code name} and what is wrong when it is not such a table
     */
    public static AnswerTable fromJson(String name, String json) {
        Json parsed;
        try {
            parsed = GSON.fromJson(json, Json.class);
        } catch (JsonParseException e) {
            throw new IllegalStateException(name + ": not an answer table: " + e.getMessage(), e);
        }
        if (parsed == null || parsed.checks() == null || parsed.answers() == null) {
            throw new IllegalStateException(name + ": not an answer table (it needs \"checks\" and \"answers\")");
        }
        parsed.answers().forEach((question, answer) -> {
            if (answer == null) {
                throw new IllegalStateException(name + ": the answer to \"" + question + "\" is null");
            }
        });
        return new AnswerTable(parsed.checks(), parsed.answers(), null);
    }

    private void requireAll(List<String> questions, String name) {
        for (String question : questions) {
            if (!answers.containsKey(question)) {
                throw new IllegalStateException(name + " has no answer to \"" + question + "\": it was made for"
                        + " other checks; make the release again");
            }
        }
    }

    /**
     * @return the expected values for {@code question}
     * @throws IllegalArgumentException when the check class did not list this question
     */
    public double[] get(String question) {
        double[] answer = answers.get(question);
        if (answer == null) {
            throw new IllegalArgumentException("\"" + question + "\" is not in the answer table of " + checks
                    + ": list it among the questions the checks ask");
        }
        return answer.clone();
    }

    /** @return the table as the release writes it (deterministic: the questions in the order they were listed) */
    public String toJson() {
        return GSON.toJson(new Json(checks, new LinkedHashMap<>(answers))) + "\n";
    }

    /** @return the reference class that computed this table, or null when it was read from a resource */
    public Class<?> computedBy() {
        return computedBy;
    }

    /** @return the number of questions answered */
    public int size() {
        return answers.size();
    }

    @Override
    public String toString() {
        return "AnswerTable[" + checks + ", " + answers.size() + " answers" + (computedBy == null ? ", read"
                : ", computed by " + computedBy.getSimpleName()) + "]";
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof AnswerTable that) || !checks.equals(that.checks)
                || !answers.keySet().equals(that.answers.keySet())) {
            return false;
        }
        return answers.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.answers.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return checks.hashCode() * 31 + answers.keySet().hashCode();
    }
}
