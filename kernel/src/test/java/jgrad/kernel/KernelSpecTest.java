package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class KernelSpecTest {

    @TempDir
    Path tmp;

    private Path fakeJar(String name) throws IOException {
        return Files.writeString(tmp.resolve(name), "not really a jar");
    }

    private JsonObject kernelJson(Path spec) throws IOException {
        return JsonParser.parseString(Files.readString(spec.resolve("kernel.json"))).getAsJsonObject();
    }

    @Test
    void installCopiesEveryJarAndPointsTheKernelAtTheCopies() throws IOException {
        Path kernels = tmp.resolve("kernels");
        Path a = fakeJar("a.jar");
        Path spec = KernelSpec.install(kernels, List.of(a, tmp.resolve("missing.jar"), fakeJar("b.jar"), a));

        assertEquals(kernels.resolve("jgrad"), spec);
        JsonObject json = kernelJson(spec);
        assertEquals("Java (jgrad)", json.get("display_name").getAsString());
        String cp = json.getAsJsonObject("env").get("RJK_CLASSPATH").getAsString();
        assertEquals(spec.resolve("jars/a.jar") + ";" + spec.resolve("jars/b.jar"), cp);
        var argv = json.getAsJsonArray("argv");
        assertEquals("-Djgrad.jupyter=true", argv.get(1).getAsString());
        assertEquals("{connection_file}", argv.get(argv.size() - 1).getAsString());
        assertEquals(KernelSpec.LAUNCHER_MAIN, argv.get(argv.size() - 2).getAsString());
        assertEquals("-cp", argv.get(argv.size() - 4).getAsString());
        for (String entry : argv.get(argv.size() - 3).getAsString().split(File.pathSeparator)) {
            assertTrue(Files.isRegularFile(Path.of(entry)) && entry.startsWith(spec.resolve("jars").toString()),
                    "rapaio's jar and the launcher are copied: " + entry);
        }
        assertEquals(spec.resolve("jars/a.jar") + File.pathSeparator + spec.resolve("jars/b.jar"),
                json.getAsJsonObject("env").get("JGRAD_CLASSPATH").getAsString(), "grade(...)'s JVM gets the cells' classpath");
        assertTrue(Files.readString(spec.resolve("init.jshell")).contains("import static jgrad.kernel.Display.display;"));
        assertEquals(spec.resolve("init.jshell").toString(), json.getAsJsonObject("env").get("RJK_INIT_SCRIPT").getAsString());
    }

    @Test
    void classFoldersArePackedIntoJars() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("mod/target/classes/pkg"));
        Files.writeString(classes.resolve("A.class"), "bytes");
        Path spec = KernelSpec.install(tmp.resolve("kernels"), List.of(tmp.resolve("mod/target/classes")));
        try (JarFile jar = new JarFile(spec.resolve("jars/mod-classes.jar").toFile())) {
            assertTrue(jar.getEntry("pkg/A.class") != null);
            assertTrue(jar.getEntry("pkg/") != null, "a package is listable (JUnit's class scan needs the folder entry)");
        }
    }

    @Test
    void theLauncherJarRunsWithRapaiosJarAlone() throws Exception {
        Path spec = KernelSpec.install(tmp.resolve("kernels"), List.of());
        var argv = kernelJson(spec).getAsJsonArray("argv");
        Process p = new ProcessBuilder(KernelSpec.javaExecutable(), "-cp", argv.get(argv.size() - 3).getAsString(),
                KernelSpec.LAUNCHER_MAIN).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.contains("usage:") && out.contains("CONNECTION_FILE"), out);
    }

    @Test
    void sameFileNamesDoNotOverwriteEachOther() throws IOException {
        Path one = Files.writeString(Files.createDirectories(tmp.resolve("one")).resolve("x.jar"), "1");
        Path two = Files.writeString(Files.createDirectories(tmp.resolve("two")).resolve("x.jar"), "2");
        Path spec = KernelSpec.install(tmp.resolve("kernels"), List.of(one, two));
        assertEquals("1", Files.readString(spec.resolve("jars/x.jar")));
        assertEquals("2", Files.readString(spec.resolve("jars/2-x.jar")));
    }

    @Test
    void reinstallReplacesTheOldSpecAndLeavesNoStagingBehind() throws IOException {
        Path kernels = tmp.resolve("kernels");
        KernelSpec.install(kernels, List.of(fakeJar("old.jar")));
        Path spec = KernelSpec.install(kernels, List.of(fakeJar("new.jar")));
        assertFalse(Files.exists(spec.resolve("jars/old.jar")));
        assertTrue(Files.exists(spec.resolve("jars/new.jar")));
        try (var names = Files.list(kernels)) {
            assertEquals(List.of("jgrad"), names.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void uninstallRemovesOnlyOurKernelspec() throws IOException {
        Path kernels = tmp.resolve("kernels");
        assertFalse(KernelSpec.uninstall(kernels));
        KernelSpec.install(kernels, List.of());
        assertTrue(KernelSpec.uninstall(kernels));
        assertFalse(Files.exists(kernels.resolve("jgrad")));

        Path foreign = Files.createDirectories(kernels.resolve("jgrad"));
        Files.writeString(foreign.resolve("kernel.json"), "{\"argv\": [\"python\"]}");
        IOException e = assertThrows(IOException.class, () -> KernelSpec.uninstall(kernels));
        assertTrue(e.getMessage().startsWith("refusing to remove " + foreign), e.getMessage());
        assertThrows(IOException.class, () -> KernelSpec.install(kernels, List.of()));
        assertEquals("{\"argv\": [\"python\"]}", Files.readString(foreign.resolve("kernel.json")), "left untouched");
    }
}
