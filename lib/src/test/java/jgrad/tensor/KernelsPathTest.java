package jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The build runs every lib test twice (lib/pom.xml): with the Vector API, and on the plain loops with
 * {@code -Djgrad.vector=false}. This checks that each run is on the path it claims, so a plain run that
 * silently used the vector kernels (as {@code -DargLine=-Djgrad.vector=false} on the command line did) fails.
 */
class KernelsPathTest {

    @Test
    void runsOnThePathItsPropertySays() {
        boolean plain = "false".equals(System.getProperty("jgrad.vector"));
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(!plain && vectorModule, Kernels.usesVectorApi(),
                "jgrad.vector=" + System.getProperty("jgrad.vector") + ", vector module present: " + vectorModule);
    }
}
