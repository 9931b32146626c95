package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Answer tables: computed by a hidden reference in the instructor's repository, read from JSON in the students'. */
class AnswerTableTest {

    /** A reference that squares "square N", and knows nothing else. */
    @Hidden
    static final class Squares implements AnswerTable.Reference {
        @Override
        public double[] answer(String question) {
            if (!question.startsWith("square ")) {
                throw new IllegalArgumentException("no such question: " + question);
            }
            double x = Double.parseDouble(question.substring("square ".length()));
            return new double[] {x * x, 0.1 + 0.2};
        }
    }

    /** Stands for a check class in the instructor's repository: no table beside it. */
    static final class InstructorChecks {
    }

    /** Stands for a check class in a students' repository: ReleasedChecks.answers.json beside it, no reference. */
    static final class ReleasedChecks {
    }

    /** A table beside it that lacks a question its checks ask. */
    static final class StaleChecks {
    }

    /** A file beside it that is not a table. */
    static final class BrokenChecks {
    }

    private static final String SQUARES = Squares.class.getName();

    @Test
    void computedByTheReferenceAndPassedThroughJsonToTheLastDigit() {
        AnswerTable table = AnswerTable.of(InstructorChecks.class, List.of("square 3", "square 0.1"), SQUARES);
        assertArrayEquals(new double[] {9, 0.30000000000000004}, table.get("square 3"));
        assertArrayEquals(new double[] {0.1 * 0.1, 0.1 + 0.2}, table.get("square 0.1"));
        assertSame(Squares.class, table.computedBy());
        AnswerTable read = AnswerTable.fromJson("table.json", table.toJson());
        assertEquals(table, read);
        assertEquals(table.toJson(), read.toJson(), "the JSON is deterministic");
        assertTrue(table.toJson().indexOf("square 3") < table.toJson().indexOf("square 0.1"), "in the order asked");
    }

    @Test
    void aStudentsRepositoryReadsTheReleasedTableAndNeedsNoReference() {
        AnswerTable table = AnswerTable.of(ReleasedChecks.class, List.of("square 3"), "jgrad.exercises.NotShipped");
        assertArrayEquals(new double[] {9, 0.30000000000000004}, table.get("square 3"));
        assertNull(table.computedBy());
    }

    @Test
    void aTableThatLacksAQuestionSaysSoAndWhatToDo() {
        String message = assertThrows(IllegalStateException.class,
                () -> AnswerTable.of(StaleChecks.class, List.of("square 3", "square 4"), SQUARES)).getMessage();
        assertEquals("StaleChecks.answers.json has no answer to \"square 4\": it was made for other checks;"
                + " make the release again", message);
    }

    @Test
    void aMalformedTableIsNamed() {
        String message = assertThrows(IllegalStateException.class,
                () -> AnswerTable.of(BrokenChecks.class, List.of("square 3"), SQUARES)).getMessage();
        assertTrue(message.startsWith("BrokenChecks.answers.json: not an answer table"), message);
    }

    @Test
    void neitherTableNorReferenceSaysWhereTheTableComesFrom() {
        String message = assertThrows(IllegalStateException.class,
                () -> AnswerTable.of(InstructorChecks.class, List.of("square 3"), "jgrad.exercises.NotShipped"))
                .getMessage();
        assertEquals("the answer table of InstructorChecks is missing: no InstructorChecks.answers.json beside it and"
                + " no jgrad.exercises.NotShipped to compute it (in a students' repository the table comes with the"
                + " course: ask your instructor, or run ./jgrad update)", message);
    }

    @Test
    void aQuestionTheChecksDidNotListIsAnError() {
        AnswerTable table = AnswerTable.of(InstructorChecks.class, List.of("square 3"), SQUARES);
        String message = assertThrows(IllegalArgumentException.class, () -> table.get("square 5")).getMessage();
        assertTrue(message.contains("\"square 5\" is not in the answer table of " + InstructorChecks.class.getName()),
                message);
    }

    @Test
    void aQuestionAskedTwiceIsAnsweredOnceAndOneUnknownToTheReferenceIsRefused() {
        assertEquals(1, AnswerTable.of(InstructorChecks.class, List.of("square 3", "square 3"), SQUARES).size());
        assertThrows(IllegalArgumentException.class,
                () -> AnswerTable.of(InstructorChecks.class, List.of("cube 3"), SQUARES));
    }

    @Test
    void answersCannotBeChangedThroughWhatGetReturns() {
        AnswerTable table = AnswerTable.of(InstructorChecks.class, List.of("square 3"), SQUARES);
        table.get("square 3")[0] = 10;
        assertEquals(9, table.get("square 3")[0]);
    }
}
