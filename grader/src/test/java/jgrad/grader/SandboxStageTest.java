package jgrad.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jgrad.io.SafeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.ReflectionSupport;

/** The sandbox stages the check classes as a jar (a class-data archive takes no folder on the classpath). */
class SandboxStageTest {

    @TempDir
    Path dir;

    private Path sampleChecks() throws Exception {
        Path classes = Path.of(jgrad.grader.sample.SampleChecks.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        Path copy = dir.resolve("classes");
        SafeFiles.copyTree(classes.resolve("jgrad/grader/sample"), copy.resolve("jgrad/grader/sample"), (f, a) -> true);
        Files.writeString(copy.resolve("jgrad/grader/sample/notes.txt"), "not a class");
        return copy;
    }

    @Test
    void junitFindsTheChecksOfAPackageInTheJar() throws Exception {
        Path jar = dir.resolve("checks.jar");
        Sandbox.jarClasses(sampleChecks(), jar);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                List<Class<?>> found = ReflectionSupport.findAllClassesInPackage("jgrad.grader.sample", c -> true, n -> true);
                assertTrue(found.stream().anyMatch(c -> c.getName().equals("jgrad.grader.sample.SampleChecks")), found::toString);
                assertTrue(found.stream().allMatch(c -> c.getClassLoader() == loader), found::toString);
            } finally {
                thread.setContextClassLoader(previous);
            }
            assertEquals(null, loader.getResource("jgrad/grader/sample/notes.txt"), "only class files are staged");
        }
    }

    @Test
    void theSameClassesMakeTheSameJar() throws Exception {
        Path classes = sampleChecks();
        Sandbox.jarClasses(classes, dir.resolve("a.jar"));
        Thread.sleep(1100);
        Sandbox.jarClasses(classes, dir.resolve("b.jar"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.jar")), Files.readAllBytes(dir.resolve("b.jar")));
    }
}
