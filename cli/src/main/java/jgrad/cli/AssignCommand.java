package jgrad.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jgrad.grader.Assign;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./jgrad assign}: the student notebooks from the solutions. */
@Command(name = "assign", sortOptions = false, description = {
        "Makes the student notebooks (exercises/) from the solutions (solutions/).",
        "Each solutions/NAME.ipynb becomes exercises/NAME.ipynb: solution regions become stubs, outputs are "
                + "cleared. A notebook that is not what assign wrote last (recorded in exercises/" + Assign.RECORD
                + ") is refused unless --force. With --check, writes nothing and exits 1 when exercises/ is out of date."})
final class AssignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "write nothing; list the differences and exit 1 when exercises/ is out of date")
    boolean check;

    @Option(names = "--solutions", paramLabel = "DIR",
            description = "where the solution notebooks are (default: solutions/ in the course folder)")
    Path solutions;

    @Option(names = "--exercises", paramLabel = "DIR",
            description = "where the student notebooks go (default: exercises/ in the course folder)")
    Path exercises;

    @Option(names = "--force", description = "overwrite exercise notebooks that are not what assign wrote last"
            + " (someone worked in them); without it they are refused and nothing is written")
    boolean force;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        Path from = solutions != null ? solutions : Course.home().resolve("solutions");
        Path to = exercises != null ? exercises : Course.home().resolve("exercises");
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            List<String> problems = Assign.check(from, to);
            if (problems.isEmpty()) {
                out.println("assign --check: " + to + " is up to date with " + from);
                return 0;
            }
            problems.forEach(p -> out.println("assign --check: " + p));
            out.println("run ./jgrad assign to regenerate the student notebooks");
            return 1;
        }
        for (Path written : Assign.generate(from, to, force)) {
            out.println("wrote " + written);
        }
        return 0;
    }
}
