package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        int java = javaIndex(argv);
        assertEquals("-Djgrad.jupyter=true", argv.get(java + 1).getAsString());
        assertTrue(argv.toString().contains("--add-modules=jdk.incubator.vector"), "the Vector API is on: " + argv);
        assertFalse(json.getAsJsonObject("metadata").get("debugger").getAsBoolean(), "no debugger is advertised to JupyterLab");
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

    private static int javaIndex(com.google.gson.JsonArray argv) {
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).getAsString().equals(KernelSpec.javaExecutable())) {
                return i;
            }
        }
        throw new AssertionError("no java in " + argv);
    }

    @Test
    void outsideWindowsTheKernelsOwnOutputGoesToTheLogFile() throws Exception {
        List<String> argv = KernelSpec.argv(tmp, List.of(tmp.resolve("k.jar")), 17, false);
        assertEquals(List.of("/bin/sh", "-c", KernelSpec.LOG_REDIRECT, "jgrad-kernel", KernelSpec.javaExecutable()), argv.subList(0, 5));
        assertEquals(KernelSpec.javaExecutable(), KernelSpec.argv(tmp, List.of(tmp.resolve("k.jar")), 17, true).get(0), "no sh on Windows");
        assertTrue(argv.contains("-XX:SharedArchiveFile=" + tmp.resolve(ClassDataArchive.CDS_FILE)), "Java 17: the CDS archive");
        assertTrue(KernelSpec.argv(tmp, List.of(), 25, false).contains("-XX:AOTCache=" + tmp.resolve(ClassDataArchive.AOT_FILE)),
                "Java 25: the AOT cache");
        if (File.separatorChar == '/') {
            Path log = tmp.resolve("kernel.log");
            ProcessBuilder run = new ProcessBuilder("/bin/sh", "-c", KernelSpec.LOG_REDIRECT, "jgrad-kernel",
                    "/bin/sh", "-c", "echo to-stdout; echo WARNING: Using incubator modules >&2");
            run.environment().put("JGRAD_KERNEL_LOG", log.toString());
            Process p = run.redirectErrorStream(true).start();
            String terminal = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor());
            assertEquals("", terminal, "nothing reaches the terminal");
            assertEquals("to-stdout\nWARNING: Using incubator modules\n", Files.readString(log));
        }
    }

    @Test
    void installMakesTheClassDataArchiveTheKernelStartsWith() throws IOException {
        Path kernels = tmp.resolve("kernels");
        Path spec = KernelSpec.install(kernels, List.of(fakeJar("a.jar")));
        String archive = KernelSpec.javaFeatureVersion() >= 25 ? ClassDataArchive.AOT_FILE : ClassDataArchive.CDS_FILE;
        assertTrue(Files.size(spec.resolve(archive)) > 1_000_000, "the warm-up run wrote " + archive + ":\n"
                + Files.readString(spec.resolve("archive.log")));
    }

    @Test
    void anUnchangedKernelspecIsUpToDateAndAChangedJarIsNot() throws IOException {
        Path kernels = tmp.resolve("kernels");
        Path a = fakeJar("a.jar");
        List<Path> classpath = List.of(a, fakeJar("b.jar"));
        assertFalse(KernelSpec.upToDate(kernels, classpath), "nothing installed yet");
        KernelSpec.install(kernels, classpath);
        assertTrue(KernelSpec.upToDate(kernels, classpath));
        assertFalse(KernelSpec.upToDate(kernels, List.of(a)), "a jar less");
        Files.write(a, new byte[] {1, 2, 3});
        assertFalse(KernelSpec.upToDate(kernels, classpath), "a jar's contents changed");
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
