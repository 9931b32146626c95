package jgrad.cli.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassroomWorkflowTest {

    @Test
    void aStepPerExerciseAndTheReporterReadingEachOne() {
        String yaml = ClassroomWorkflow.yaml(List.of("00_warmup", "04_xor"));
        assertTrue(yaml.contains("        id: ex04xor\n        run: ./jgrad grade --exercise 04_xor --format classroom"
                + " >> \"$GITHUB_OUTPUT\"\n"), yaml);
        assertTrue(yaml.contains("          EX04XOR_RESULTS: \"${{ steps.ex04xor.outputs.result }}\"\n"), yaml);
        assertTrue(yaml.contains("          runners: ex00warmup,ex04xor\n"), yaml);
        assertTrue(yaml.contains("uses: " + ClassroomWorkflow.REPORTER), yaml);
        assertTrue(yaml.contains("uses: actions/setup-java@v4"), yaml);
        assertTrue(!yaml.contains("secrets."), "no secrets");
        assertEquals(2, yaml.split("--format classroom").length - 1);
    }
}
