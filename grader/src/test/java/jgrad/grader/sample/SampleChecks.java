package jgrad.grader.sample;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the sample checks were compiled to: the check classpath for the grader's own class-grading tests. */
public final class SampleChecks {

    private SampleChecks() {
    }

    /** @return the folder (or jar) holding {@code HelloChecks} */
    public static String location() {
        try {
            return Path.of(HelloChecks.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
