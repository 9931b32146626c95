package jgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * The README's command reference is the command line's own help, so the two cannot drift: this test
 * fails when they differ. To regenerate the README's block after changing a command:
 * {@code ./mvnw -pl cli -am test -Dtest=ReadmeTest -Dsurefire.failIfNoSpecifiedTests=false -Djgrad.writeReadme=true}.
 */
class ReadmeTest {

    static final String BEGIN = "<!-- BEGIN command reference: generated from the usage help by cli/src/test/java/jgrad/cli/ReadmeTest.java -->\n";
    static final String END = "<!-- END command reference -->\n";

    /** The block: {@code ./jgrad help}, then each command's {@code --help}, folded. */
    static String reference() {
        CommandLine root = Jgrad.commandLine();
        StringBuilder md = new StringBuilder("```\n$ ./jgrad help\n").append(usage(root)).append("```\n");
        for (CommandLine command : Jgrad.commands(root)) {
            String name = command.getCommandSpec().qualifiedName();
            if (command == root || command.getCommandSpec().name().equals("help")) {
                continue;
            }
            md.append("\n<details><summary><code>").append(name).append(" --help</code></summary>\n\n```\n")
                    .append(usage(command)).append("```\n\n</details>\n");
        }
        return md.toString();
    }

    private static String usage(CommandLine command) {
        String text = command.getUsageMessage(Ansi.OFF);
        return text.endsWith("\n") ? text : text + "\n";
    }

    @Test
    void readmeCommandReferenceIsTheHelp() throws IOException {
        Path readme = Course.home().resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the markers " + BEGIN.strip() + " ... " + END.strip());
        String current = text.substring(begin + BEGIN.length(), end);
        String expected = reference();
        if (Boolean.getBoolean("jgrad.writeReadme") && !current.equals(expected)) {
            Path temp = readme.resolveSibling(".README.md.tmp");
            Files.writeString(temp, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            Files.move(temp, readme, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        assertEquals(expected, current, "README.md's command reference differs from the help; regenerate it with"
                + " -Djgrad.writeReadme=true (see ReadmeTest)");
    }

    @Test
    void theReferenceHasEveryCommand() {
        String reference = reference();
        for (String command : new String[] {"lab", "run", "grade", "assign", "kernel", "kernel install",
                "kernel uninstall", "kernel where", "outputs", "bench"}) {
            assertTrue(reference.contains("<code>./jgrad " + command + " --help</code>"), command);
        }
    }
}
