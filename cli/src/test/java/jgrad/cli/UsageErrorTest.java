package jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Usage errors exit 2 with one line that names the command, the option or value, and the help. */
class UsageErrorTest {

    @ParameterizedTest
    @MethodSource("jgrad.cli.HelpTest#commands")
    void unknownOptionNamesIt(List<String> words) {
        if (words.equals(List.of("lab"))) {
            return; // lab passes options on to Jupyter
        }
        List<String> args = new ArrayList<>(words);
        // (a name no option starts like: picocli would suggest a near one, e.g. --from for --frobnicate)
        args.add("--xyzzy");
        if (words.equals(List.of("run"))) {
            args.add("x.ipynb"); // otherwise the missing notebook is reported first
        }
        Run run = Run.of(args.toArray(String[]::new));
        String command = String.join(" ", words);
        assertEquals(2, run.code(), run.err());
        assertEquals(List.of(("jgrad " + command).strip() + ": Unknown option: '--xyzzy' (see ./jgrad "
                + (words.isEmpty() ? "help" : command + " --help") + ")"), run.errLines());
    }

    @Test
    void aNearMissSuggestsTheOption() {
        assertOneLine(Run.of("grade", "--job", "2"),
                "jgrad grade: Unknown option: '--job' (did you mean --jobs? see ./jgrad grade --help)");
    }

    @Test
    void everyClassOptionIsRefusedWithoutClass() {
        // A value each option accepts; a new option of grade --class needs one here (or none: a flag).
        Map<String, String> samples = Map.of("--jobs", "2", "--student-timeout", "5", "--max-heap", "1g",
                "--work", "/tmp/jgrad-work", "--roster", "roster.csv", "--due", "2026-12-15T23:59",
                "--late-penalty", "10%/day");
        CommandLine grade = Jgrad.commandLine().getSubcommands().get("grade");
        List<OptionSpec> classOptions = grade.getCommandSpec().argGroups().get(0).options();
        assertTrue(classOptions.size() >= 5, "the class options are the first group: " + classOptions);
        for (OptionSpec option : classOptions) {
            String name = option.longestName();
            if (name.equals("--class")) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("grade", name));
            if (option.arity().max() > 0) {
                assertTrue(samples.containsKey(name), "no sample value for " + name);
                args.add(samples.get(name));
            }
            assertOneLine(Run.of(args.toArray(String[]::new)),
                    "jgrad grade: " + name + " applies only with --class (see ./jgrad grade --help)");
        }
    }

    @Test
    void aFolderArgumentDoesNotApplyWithClass() {
        assertOneLine(Run.of("grade", "--class", "submissions", "exercises"), "jgrad grade: DIR applies only "
                + "without --class (the class folder is --class submissions) (see ./jgrad grade --help)");
    }

    @Test
    void missingValuesNameTheOption() {
        assertOneLine(Run.of("run", "x.ipynb", "--timeout"),
                "jgrad run: Missing required parameter for option '--timeout' (SECONDS) (see ./jgrad run --help)");
        assertOneLine(Run.of("kernel", "install", "--prefix"), "jgrad kernel install: Missing required "
                + "parameter for option '--prefix' (DIR) (see ./jgrad kernel install --help)");
        assertOneLine(Run.of("run"), "jgrad run: Missing required parameter: 'NOTEBOOK' (see ./jgrad run --help)");
    }

    @Test
    void wrongValuesNameTheOptionAndWhatItTakes() {
        assertOneLine(Run.of("run", "--timeout", "soon", "x.ipynb"), "jgrad run: Invalid value for option "
                + "'--timeout': 'soon' is not a positive number of seconds (see ./jgrad run --help)");
        assertOneLine(Run.of("run", "--jobs", "0", "x.ipynb"), "jgrad run: Invalid value for option '--jobs': "
                + "'0' is not a positive whole number (see ./jgrad run --help)");
        assertOneLine(Run.of("grade", "--class", "c", "--max-heap", "lots"), "jgrad grade: Invalid value for option "
                + "'--max-heap': 'lots' is not a heap size such as 512m or 2g (see ./jgrad grade --help)");
        assertOneLine(Run.of("outputs", "--timeout", "1.5"), "jgrad outputs: Invalid value for option "
                + "'--timeout': '1.5' is not a positive whole number (see ./jgrad outputs --help)");
    }

    @Test
    void kernelPlacesExcludeEachOther() {
        assertOneLine(Run.of("kernel", "where", "--user", "--prefix", "/tmp/p"), "jgrad kernel where: --user, "
                + "--prefix=DIR are mutually exclusive (specify only one) (see ./jgrad kernel where --help)");
    }

    @Test
    void commandsAndActionsAreNamed() {
        assertOneLine(Run.of("grad"), "jgrad: unknown command 'grad' (did you mean grade? see ./jgrad help)");
        assertOneLine(Run.of("kernel"), "jgrad kernel: which action? install, uninstall or where (see ./jgrad kernel --help)");
        assertOneLine(Run.of("assign", "extra"), "jgrad assign: Unmatched argument at index 1: 'extra' (see ./jgrad assign --help)");
        assertOneLine(Run.of("help", "kernel", "instal"), "jgrad help: no command 'kernel instal' (see ./jgrad help --help)");
        assertOneLine(Run.of("bench", "nosuch"), "jgrad bench: no workload named 'nosuch'; try --list (see ./jgrad bench --help)");
        assertOneLine(Run.of("bench", "--cell", "--processes", "0", "xor"),
                "jgrad bench: --processes needs 1 or more fresh JVMs, not 0 (see ./jgrad bench --help)");
    }

    @Test
    void badInputExitsTwoWithTheMessage() {
        Run run = Run.of("grade", "/no/such/folder");
        assertEquals(2, run.code());
        assertEquals(List.of("jgrad grade: /no/such/folder is not a folder of notebooks"), run.errLines());
        Run lab = Run.of("lab");
        assertEquals(2, lab.code());
        assertEquals(List.of("jgrad lab: lab is run by the ./jgrad script (it installs Jupyter first): use ./jgrad lab"),
                lab.errLines());
    }

    private static void assertOneLine(Run run, String expected) {
        assertEquals(2, run.code(), run.err());
        assertEquals(List.of(expected), run.errLines());
        assertEquals("", run.out());
    }
}
