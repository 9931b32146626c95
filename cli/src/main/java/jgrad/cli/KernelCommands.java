package jgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import jgrad.kernel.KernelCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./jgrad kernel install|uninstall|where}: the "Java (jgrad)" kernelspec, for Jupyter, VS Code, IntelliJ. */
@Command(name = "kernel", sortOptions = false,
        description = {"Installs or removes the \"Java (jgrad)\" Jupyter kernel.",
                "The kernelspec is what Jupyter, VS Code and IntelliJ list as \"Java (jgrad)\": the course's "
                        + "classpath, so notebooks need no %%maven or %%jars magic."},
        subcommands = {KernelCommands.Install.class, KernelCommands.Uninstall.class, KernelCommands.Where.class})
final class KernelCommands implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    /** {@code ./jgrad kernel} alone. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which action? install, uninstall or where");
    }

    /** Where the kernelspec goes: one of --user, --prefix, --kernels-dir (default --user). */
    static final class Place {

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Choice choice;

        static final class Choice {
            @Option(names = "--user",
                    description = "the user's Jupyter kernels folder, e.g. ~/.local/share/jupyter/kernels (the default)")
            boolean user;

            @Option(names = "--prefix", paramLabel = "DIR", description =
                    "DIR/share/jupyter/kernels, as jupyter kernelspec install --prefix: a virtualenv, a JupyterHub image")
            Path prefix;

            @Option(names = "--kernels-dir", paramLabel = "DIR", description = "exactly this kernels folder")
            Path kernelsDir;
        }

        /** @return the Jupyter kernels folder chosen */
        Path kernelsDir() {
            if (choice != null && choice.prefix != null) {
                return KernelCommand.prefixKernelsDir(choice.prefix);
            }
            if (choice != null && choice.kernelsDir != null) {
                return choice.kernelsDir;
            }
            return KernelCommand.userKernelsDir();
        }
    }

    /** What every action has: where the kernelspec is, and help; each prints one message. */
    abstract static class Action implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Place place;

        @Mixin
        HelpOption help;

        abstract String run(Path kernelsDir) throws IOException;

        @Override
        public Integer call() throws IOException {
            spec.commandLine().getOut().println(run(place.kernelsDir()));
            return 0;
        }
    }

    @Command(name = "install", sortOptions = false, description = {
            "Installs the kernelspec, replacing an earlier one of this project.",
            "It holds copies of every jar, so it keeps working after ./mvnw clean; install it again after "
                    + "changing the library to give notebooks the new code."})
    static final class Install extends Action {
        @Option(names = "--classpath", paramLabel = "CP", description = "what notebook cells can use, entries "
                + "separated by ':' (';' on Windows) (default: the kernel's renderers, the library, the grader and "
                + "the compiled exercise checks)")
        String classpath;

        @Override
        String run(Path kernelsDir) throws IOException {
            return KernelCommand.install(kernelsDir, classpath != null ? classpath : Course.kernelClasspath());
        }
    }

    @Command(name = "uninstall", sortOptions = false, description = {"Removes the kernelspec.",
            "Only one this project installed: another kernel named \"jgrad\" is left alone."})
    static final class Uninstall extends Action {
        @Override
        String run(Path kernelsDir) throws IOException {
            return KernelCommand.uninstall(kernelsDir);
        }
    }

    @Command(name = "where", sortOptions = false, description = "Prints the folder the kernelspec is, or would be, installed in.")
    static final class Where extends Action {
        @Override
        String run(Path kernelsDir) {
            return KernelCommand.where(kernelsDir).toString();
        }
    }
}
