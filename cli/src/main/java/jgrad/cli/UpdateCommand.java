package jgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import jgrad.cli.update.Update;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./jgrad update}: the course's new release, in a students' repository, keeping the student's work. */
@Command(name = "update", sortOptions = false, description = {
        "Brings the course's new release into a students' repository, keeping your work.",
        "A notebook you changed stays as it is, and the new version is written beside it (04_xor.new.ipynb); "
                + "a notebook you never changed is replaced; new notebooks appear; the course's own files (checks, "
                + "jars, ./jgrad, README) are replaced. The release comes from the git URL or folder recorded when "
                + "the instructor released the course (release --upstream), or from --from."})
final class UpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "URL|DIR",
            description = "the new release: a git URL or a folder (default: the one recorded at release)")
    String from;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : Update.run(Course.home(), from)) {
            out.println("update: " + line);
        }
        return 0;
    }
}
