package jgrad.cli.release;

import java.util.Map;

/**
 * The files that make a student repository open on mybinder.org with nothing installed (repo2docker's
 * configuration files): {@code apt.txt} brings a JDK from the image's Ubuntu, {@code postBuild} builds the
 * course and installs the "Java (jgrad)" kernelspec into the image's Jupyter, failing the image build on the
 * first error.
 */
public final class Binder {

    private Binder() {
    }

    /** @return file name → content, relative to the repository's root */
    public static Map<String, String> files() {
        return Map.of(
                "apt.txt", "openjdk-17-jdk-headless\n",
                "postBuild", """
                        #!/bin/bash
                        # repo2docker runs this once when it builds the Binder image: build the course and install its
                        # kernel into the image's Jupyter (sys.prefix), so notebooks open on "Java (jgrad)".
                        set -euo pipefail
                        ./jgrad build
                        ./jgrad kernel install --prefix "$(python3 -c 'import sys; print(sys.prefix)')"
                        """);
    }

    /** @return the Markdown launch badge for a repository on GitHub ({@code owner/name}) */
    public static String badge(String repository, String firstNotebook) {
        return "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/" + repository
                + "/HEAD?labpath=" + firstNotebook + ")";
    }
}
