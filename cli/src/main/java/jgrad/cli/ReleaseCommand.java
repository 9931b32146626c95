package jgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jgrad.cli.release.Release;
import jgrad.grader.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./jgrad release OUT}: the students' repository. */
@Command(name = "release", sortOptions = false, description = {
        "Makes the students' repository (a GitHub Classroom template) in a new folder.",
        "A fresh git repository with one commit: the exercise notebooks, the public checks (@Hidden checks "
                + "left out), the course's jars, the Classroom workflow, Binder's files and a README for students. "
                + "Refused when any line of a solution region would be in it."})
final class ReleaseCommand implements Callable<Integer> {

    /** The course's modules whose jars students need, in build order; the parent pom comes first. */
    static final List<String> MODULES = List.of("lib", "bench", "grader", "kernel", "cli");

    private static final Pattern PROJECT_VERSION = Pattern.compile(
            "<artifactId>jgrad-parent</artifactId>\\s*<version>([^<]+)</version>");

    @Spec
    CommandSpec spec;

    // Optional to picocli, required here: an unknown option is then reported as such, not as a missing OUT.
    @Parameters(paramLabel = "OUT", arity = "0..1", description = "the new folder (must not exist, or be empty)")
    Path out;

    @Option(names = "--upstream", paramLabel = "URL|DIR", description = "where students' ./jgrad update fetches "
            + "the next release: the git URL (or folder) this release will be pushed to")
    String upstream;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() throws IOException {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'OUT'");
        }
        Path home = Course.home().toAbsolutePath().normalize();
        String projectVersion = projectVersion(home);
        List<Release.Artifact> artifacts = new ArrayList<>();
        artifacts.add(new Release.Artifact("jgrad-parent", null, home.resolve("pom.xml"), projectVersion));
        for (String module : MODULES) {
            artifacts.add(new Release.Artifact("jgrad-" + module, jar(home, module, projectVersion),
                    home.resolve(module).resolve("pom.xml"), projectVersion));
        }
        String version = Release.contentVersion(projectVersion.replace("-SNAPSHOT", ""), artifacts);
        Path made = Release.make(new Release.Inputs(home, version, artifacts, Checks.exerciseClasses(), upstream), out);
        spec.commandLine().getOut().println("wrote the students' repository " + made + " (version " + version
                + "): push it to GitHub and make it a template for GitHub Classroom");
        return 0;
    }

    private static String projectVersion(Path home) throws IOException {
        Matcher m = PROJECT_VERSION.matcher(Files.readString(home.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no jgrad-parent version in " + home.resolve("pom.xml"));
        }
        return m.group(1);
    }

    private static Path jar(Path home, String module, String version) {
        Path jar = home.resolve(module).resolve("target").resolve("jgrad-" + module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the course first (./jgrad builds it)");
        }
        return jar;
    }
}
