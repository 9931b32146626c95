package jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jgrad.grader.ClassGrader;
import jgrad.grader.NotebookSession;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command has generated help that names all its options, and stated defaults are the real ones. */
class HelpTest {

    /** Every command of the tree as the words that name it, e.g. ["kernel", "install"]. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        for (CommandLine command : Jgrad.commands(Jgrad.commandLine())) {
            List<String> words = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName(" ").split(" ")));
            words.remove(0);
            all.add(words);
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsUsageAndExitsZero(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.add("--help");
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Usage: ./jgrad"), run.out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpNamesEveryOptionAndParameter(List<String> words) {
        CommandLine command = find(words);
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (option.hidden()) {
                continue; // internal (bench --cell-child: what --cell starts in each fresh JVM)
            }
            for (String name : option.names()) {
                assertTrue(help.contains(name), words + " --help lacks " + name + ":\n" + help);
            }
            assertTrue(!option.description()[0].isBlank(), words + ": " + option.longestName() + " has no description");
        }
        for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
            assertTrue(help.contains(parameter.paramLabel()), words + " --help lacks " + parameter.paramLabel());
        }
    }

    @Test
    void helpCommandIsTheSameAsTheHelpOption() {
        assertEquals(Run.of("grade", "--help").out(), Run.of("help", "grade").out());
        assertEquals(Run.of("--help").out(), Run.of("help").out());
        assertEquals(Run.of("help").out(), Run.of().out());
        assertEquals(Run.of("kernel", "install", "--help").out(), Run.of("help", "kernel", "install").out());
    }

    @Test
    void rootHelpListsEveryCommand() {
        String help = Run.of("help").out();
        for (String command : List.of("lab", "run", "grade", "assign", "kernel", "outputs", "bench", "help")) {
            assertTrue(help.contains("\n  " + command + " "), command + " missing from:\n" + help);
        }
    }

    @Test
    void runHelpStatesTheSessionsDefault() {
        String help = Run.of("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: " + NotebookSession.Options.defaults().cellTimeout().toSeconds() + ")"), help);
    }

    @Test
    void gradeHelpStatesTheGradersDefaults() {
        ClassGrader.Settings defaults = ClassGrader.Settings.defaults(List.of());
        String help = Run.of("grade", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--student-timeout=SECONDS wall-clock limit for one student's notebooks (default: "
                + defaults.studentTimeout().toSeconds() + ")"), help);
        assertTrue(help.contains("(default: " + defaults.notebookHeap() + ")"), help);
        assertTrue(help.contains("--cell-timeout=SECONDS longest a notebook cell may run (default: "
                + defaults.cellTimeout().toSeconds() + ")"), help);
    }

    private static CommandLine find(List<String> words) {
        CommandLine command = Jgrad.commandLine();
        for (String word : words) {
            command = command.getSubcommands().get(word);
        }
        return command;
    }
}
