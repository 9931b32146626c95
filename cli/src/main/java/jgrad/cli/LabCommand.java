package jgrad.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./jgrad lab}: described here so that its help sits with the others, but run by the ./jgrad
 * script itself (its {@code cmd_lab}), because it may first have to install Jupyter with apt-get or pip.
 */
@Command(name = "lab", description = {
        "Opens the course in Jupyter Notebook.",
        "Installs Jupyter if it is missing and can be installed here (apt-get as root, else pip --user; "
                + "otherwise it prints how), installs the \"Java (jgrad)\" kernel for you, then starts Jupyter "
                + "Notebook in the course folder."})
final class LabCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Parameters(paramLabel = "JUPYTER_ARG", arity = "0..*",
            description = "passed on to jupyter notebook, e.g. --no-browser --port 8890")
    List<String> jupyterArgs;

    /** Options of Jupyter's own, such as --no-browser. */
    @Unmatched
    List<String> jupyterOptions;

    /** Reached only when the Java command line is started without the script. */
    @Override
    public Integer call() {
        throw new IllegalStateException("lab is run by the ./jgrad script (it installs Jupyter first): use ./jgrad lab");
    }
}
