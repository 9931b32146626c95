package jgrad.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./jgrad help [COMMAND...]}: the same text as {@code ./jgrad COMMAND... --help}. */
@Command(name = "help", sortOptions = false,
        description = "Shows the help of a command: ./jgrad help grade is ./jgrad grade --help.")
final class HelpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "the command, e.g. grade or kernel install (default: the list of commands)")
    List<String> words = List.of();

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        CommandLine command = spec.root().commandLine();
        for (String word : words) {
            CommandLine sub = command.getSubcommands().get(word);
            if (sub == null) {
                throw new ParameterException(spec.commandLine(), "no command '" + String.join(" ", words) + "'");
            }
            command = sub;
        }
        command.usage(spec.commandLine().getOut(), spec.commandLine().getColorScheme());
        return 0;
    }
}
