package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

import jgrad.bench.Main;
import jgrad.grader.NotebookException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The course's command line, {@code ./jgrad}: one picocli command tree, so that every command and option
 * has generated help ({@code ./jgrad help}, {@code ./jgrad COMMAND --help}) and the same error rules.
 * The README's command section is this help, checked by a test.
 *
 * <p>Exit codes: 0 done; 1 a notebook failed, {@code assign --check} found differences, or an I/O error;
 * 2 a usage or input error, reported in one line that names the option or value and the command's help.
 */
@Command(name = Jgrad.NAME, sortOptions = false, description = "jgrad: deep learning from scratch in Java notebooks.",
        subcommands = {LabCommand.class, RunCommand.class, GradeCommand.class, AssignCommand.class, ReleaseCommand.class, UpdateCommand.class,
                KernelCommands.class, OutputsCommand.class, Main.class, HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n",
        footer = {"", "Each command's options: ./jgrad COMMAND --help (or ./jgrad help COMMAND).",
                "Tests: ./mvnw verify"})
public final class Jgrad implements Callable<Integer> {

    /** How the user starts the command line: the name in usage lines. */
    static final String NAME = "./jgrad";
    /** Usage errors and bad input. */
    static final int USAGE = 2;
    /** Width of the usage help: fixed, so the README's copy matches on every terminal. */
    static final int WIDTH = 100;
    /** Room for the longest option with its value ("--student-timeout=SECONDS") before its description. */
    static final int LONG_OPTIONS = 26;

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        // Exit explicitly: a stray non-daemon thread (a notebook session's) must not keep a command alive.
        System.exit(code);
    }

    /** With no command: the list of commands. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** @return the command tree with the project's error handling, writing to stdout and stderr */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Jgrad());
        cli.setUsageHelpWidth(WIDTH);
        cli.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS);
        cli.setParameterExceptionHandler(Jgrad::usageError);
        cli.setExecutionExceptionHandler(Jgrad::failure);
        for (CommandLine command : commands(cli)) {
            // a blank line between the description and the first list
            var usage = command.getCommandSpec().usageMessage();
            if (command.getCommandSpec().positionalParameters().isEmpty()) {
                usage.optionListHeading("%n");
            } else {
                usage.parameterListHeading("%n");
            }
        }
        return cli;
    }

    /** @return the command tree writing to these streams (tests) */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli;
    }

    /** One line: the command, what is wrong (picocli's first line, or ours), where the help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        String message = e.getMessage().lines().findFirst().orElse("bad arguments").strip().replaceFirst("^Error: ", "");
        if (e instanceof UnmatchedArgumentException unmatched && cli.getParent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        String see = "see " + (cli.getParent() == null ? NAME + " help" : command + " --help");
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            see = "did you mean " + String.join(" or ", unmatched.getSuggestions()) + "? " + see;
        }
        cli.getErr().println(errorPrefix(cli) + message + " (" + see + ")");
        return USAGE;
    }

    /**
     * A command that stopped on bad input (a missing folder, a malformed notebook) exits 2 with its
     * message, an I/O failure exits 1 with its message; anything else is a bug and keeps its stack trace.
     */
    private static int failure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof NotebookException) {
            cli.getErr().println(errorPrefix(cli) + e.getMessage());
            return USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            cli.getErr().println(errorPrefix(cli) + e.getMessage());
            return 1;
        }
        throw e;
    }

    /** "jgrad grade: ": the command as the user typed it, without the script's "./". */
    static String errorPrefix(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName().replaceFirst("^\\./", "") + ": ";
    }

    /** @return every command of the tree, root first, in help order (hidden ones left out) */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new java.util.ArrayList<>(List.of(root));
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !all.contains(sub)) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }
}
