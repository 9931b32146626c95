package jgrad.cli.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.io.SafeFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A students' repository taken through two course releases, with work of the student's in between. */
class UpdateTest {

    @TempDir
    Path tmp;
    Path student;
    /** Maven's local repository, as the student's machine has it. */
    Path cache;

    /** The first release's files: notebooks, checks, the course jar, the launcher, the README. */
    private static Map<String, String> version1() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("exercises/01_sum.ipynb", "{\"sum\": 1}\n");
        files.put("exercises/04_xor.ipynb", "{\"xor\": 1}\n");
        files.put("checks/jgrad/exercises/XorChecks.java", "class XorChecks { /* 1 */ }\n");
        files.put(".jgrad/repository/io/github/jgrad/jgrad-lib/1/jgrad-lib-1.jar", "jar 1");
        files.put("jgrad", "#!/bin/sh\necho 1\n");
        files.put("README.md", "# Course 1\n");
        return files;
    }

    @BeforeEach
    void firstRelease() throws Exception {
        cache = tmp.resolve("m2");
        Files.createDirectories(cache.resolve("io/github/jgrad/jgrad-lib/1"));
        Path v1 = release("v1", version1());
        // GitHub Classroom makes the student's repository from the template's files, not its history.
        student = tmp.resolve("student");
        SafeFiles.copyTree(v1, student, (file, attributes) -> !v1.relativize(file).startsWith(".git"));
        git(student, "init", "-q");
        git(student, "add", "-A");
        git(student, "-c", "user.name=s", "-c", "user.email=s@x", "commit", "-q", "-m", "initial");
    }

    @Test
    void aChangedNotebookStaysAndTheNewOneIsBesideIt() throws Exception {
        write("exercises/04_xor.ipynb", "{\"xor\": \"my work\"}\n");
        Map<String, String> v2 = version1();
        v2.put("exercises/01_sum.ipynb", "{\"sum\": 2}\n");
        v2.put("exercises/04_xor.ipynb", "{\"xor\": 2}\n");
        v2.put("exercises/05_new.ipynb", "{\"new\": 2}\n");
        v2.put("checks/jgrad/exercises/XorChecks.java", "class XorChecks { /* 2 */ }\n");
        v2.put(".jgrad/repository/io/github/jgrad/jgrad-lib/2/jgrad-lib-2.jar", "jar 2");
        v2.remove(".jgrad/repository/io/github/jgrad/jgrad-lib/1/jgrad-lib-1.jar");
        v2.put("README.md", "# Course 2\n");
        List<String> report = Update.run(student, release("v2", v2).toString(), cache);

        assertEquals("{\"xor\": \"my work\"}\n", read("exercises/04_xor.ipynb"), "the student's work is kept");
        assertEquals("{\"xor\": 2}\n", read("exercises/04_xor.new.ipynb"));
        assertTrue(report.contains("kept     exercises/04_xor.ipynb (you changed it); the course's new version is"
                + " exercises/04_xor.new.ipynb: compare the two, copy what you need into yours, then delete the .new one"),
                String.join("\n", report));
        assertEquals("{\"sum\": 2}\n", read("exercises/01_sum.ipynb"), "never changed: replaced");
        assertTrue(report.contains("updated  exercises/01_sum.ipynb (you had not changed it)"), report.toString());
        assertEquals("{\"new\": 2}\n", read("exercises/05_new.ipynb"));
        assertTrue(report.contains("new      exercises/05_new.ipynb"), report.toString());
        assertEquals("class XorChecks { /* 2 */ }\n", read("checks/jgrad/exercises/XorChecks.java"));
        assertEquals("# Course 2\n", read("README.md"));
        assertFalse(Files.exists(student.resolve(".jgrad/repository/io/github/jgrad/jgrad-lib/1/jgrad-lib-1.jar")),
                "the old jar, unchanged and no longer released, is removed");
        assertTrue(Files.isExecutable(student.resolve("jgrad")));
        assertFalse(Files.exists(student.resolve(".jgrad/update-staging")));
        assertTrue(report.get(report.size() - 1).contains("git add -A && git commit"), report.toString());
        assertEquals(Manifest.of(tmp.resolve("v2")).get("exercises/04_xor.ipynb"),
                Manifest.read(student).orElseThrow().get("exercises/04_xor.ipynb"), "the baseline is the new release");
        assertEquals(List.of("already up to date with " + tmp.resolve("v2")),
                Update.run(student, tmp.resolve("v2").toString(), cache), "a second run has nothing to do");
    }

    @Test
    void aSecondReleaseAfterTheStudentMergedByHand() throws Exception {
        write("exercises/04_xor.ipynb", "{\"xor\": \"my work\"}\n");
        Map<String, String> v2 = version1();
        v2.put("exercises/04_xor.ipynb", "{\"xor\": 2}\n");
        v2.put("exercises/01_sum.ipynb", "{\"sum\": 2}\n");
        Update.run(student, release("v2", v2).toString(), cache);
        write("exercises/04_xor.ipynb", "{\"xor\": 2, \"mine\": \"merged\"}\n");
        Files.delete(student.resolve("exercises/04_xor.new.ipynb"));

        Map<String, String> v3 = new LinkedHashMap<>(v2);
        v3.put("exercises/04_xor.ipynb", "{\"xor\": 3}\n");
        v3.put("exercises/01_sum.ipynb", "{\"sum\": 3}\n");
        v3.remove("checks/jgrad/exercises/XorChecks.java");
        List<String> report = Update.run(student, release("v3", v3).toString(), cache);
        assertEquals("{\"xor\": 2, \"mine\": \"merged\"}\n", read("exercises/04_xor.ipynb"));
        assertEquals("{\"xor\": 3}\n", read("exercises/04_xor.new.ipynb"));
        assertEquals("{\"sum\": 3}\n", read("exercises/01_sum.ipynb"), "replaced in v2, still untouched: replaced");
        assertFalse(Files.exists(student.resolve("checks/jgrad/exercises/XorChecks.java")));
        assertTrue(report.contains("removed  checks/jgrad/exercises/XorChecks.java (no longer in the course)"),
                report.toString());
    }

    @Test
    void theRecordedUpstreamIsUsedAndAPlainFolderWorksToo() throws Exception {
        Map<String, String> v2 = version1();
        v2.put("exercises/05_new.ipynb", "{}\n");
        Path folder = release("v2", v2);
        SafeFiles.deleteRecursively(folder.resolve(".git")); // not a git repository: read where it is
        write(Manifest.UPSTREAM, folder + "\n");
        Files.createDirectories(student.resolve(".jgrad/update-staging/exercises"));
        write(".jgrad/update-staging/exercises/05_new.ipynb", "{\"half");  // an update interrupted while staging
        Update.run(student, null, cache);
        assertEquals("{}\n", read("exercises/05_new.ipynb"));
        assertFalse(Files.exists(student.resolve(".jgrad/update-staging")));
    }

    @Test
    void errorsNameWhatIsWrong() throws Exception {
        SafeFiles.deleteRecursively(tmp.resolve("v1/.jgrad/repository"));
        String notStudent = assertThrows(IllegalArgumentException.class,
                () -> Update.run(tmp.resolve("v1"), "x", cache)).getMessage();
        assertTrue(notStudent.contains("is not a students' repository"), notStudent);
        String none = assertThrows(IllegalArgumentException.class, () -> Update.run(student, null, cache)).getMessage();
        assertTrue(none.contains("--from URL|DIR"), none);
        String unreachable = assertThrows(IllegalStateException.class,
                () -> Update.run(student, tmp.resolve("nowhere").toString(), cache)).getMessage();
        assertTrue(unreachable.startsWith("cannot fetch the course from " + tmp.resolve("nowhere") + ": "), unreachable);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String notRelease = assertThrows(IllegalStateException.class, () -> Update.run(student, empty.toString(), cache))
                .getMessage();
        assertTrue(notRelease.contains("is not a course release"), notRelease);
        assertEquals("", git(student, "status", "--porcelain"), "nothing was written");
    }

    /** A release as ./jgrad release makes it: the files, the manifest, one commit. */
    private Path release(String name, Map<String, String> files) throws Exception {
        Path dir = tmp.resolve(name);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
        dir.resolve("jgrad").toFile().setExecutable(true);
        Files.writeString(dir.resolve(Manifest.FILE), Manifest.text(Manifest.of(dir)));
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=r", "-c", "user.email=r@x", "commit", "-q", "-m", name);
        return dir;
    }

    private void write(String relative, String text) throws IOException {
        Files.writeString(student.resolve(relative), text, StandardCharsets.UTF_8);
    }

    private String read(String relative) throws IOException {
        return Files.readString(student.resolve(relative), StandardCharsets.UTF_8);
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aReleaseRecordsItsUpstreamAndEveryFileAndTheNextOneUpdatesIt() throws Exception {
        Path course = tmp.resolve("course");
        Path real = Path.of(System.getProperty("jgrad.home", "..")).toAbsolutePath().normalize();
        for (String tool : List.of("jgrad", "mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties")) {
            Files.createDirectories(course.resolve(tool).getParent());
            Files.copy(real.resolve(tool), course.resolve(tool));
        }
        Files.createDirectories(course.resolve("exercises/src/test/java/jgrad/exercises"));
        Files.createDirectories(course.resolve("solutions"));
        Files.writeString(course.resolve("pom.xml"), "<project><version>1.0-SNAPSHOT</version></project>\n");
        Files.writeString(course.resolve("exercises/01_sum.ipynb"), "{\"cells\": [], \"v\": 1}\n");
        Path upstream = tmp.resolve("released");
        jgrad.cli.release.Release.Inputs inputs = new jgrad.cli.release.Release.Inputs(course, "1.0",
                List.of(new jgrad.cli.release.Release.Artifact("jgrad-parent", null, course.resolve("pom.xml"), "1.0-SNAPSHOT")),
                List.of(), upstream.toString());
        Path first = jgrad.cli.release.Release.make(inputs, tmp.resolve("first"));
        assertEquals(upstream + "\n", Files.readString(first.resolve(Manifest.UPSTREAM)));
        assertEquals(Manifest.of(first), Manifest.read(first).orElseThrow());
        assertTrue(Manifest.read(first).orElseThrow().containsKey("exercises/01_sum.ipynb"));

        Path mine = tmp.resolve("mine");
        SafeFiles.copyTree(first, mine, (file, attributes) -> !first.relativize(file).startsWith(".git"));
        Files.writeString(course.resolve("exercises/01_sum.ipynb"), "{\"cells\": [], \"v\": 2}\n");
        jgrad.cli.release.Release.make(inputs, upstream);
        List<String> report = Update.run(mine, null, cache);
        assertEquals("{\"cells\": [], \"v\": 2}\n", Files.readString(mine.resolve("exercises/01_sum.ipynb")),
                String.join("\n", report));
    }

    @Test
    void aCourseJarChangedUnderTheSameVersionIsDroppedFromMavensCache() throws Exception {
        Map<String, String> v2 = version1();
        v2.put(".jgrad/repository/io/github/jgrad/jgrad-lib/1/jgrad-lib-1.jar", "jar 1, rebuilt");
        List<String> report = Update.run(student, release("v2", v2).toString(), cache);
        assertEquals("jar 1, rebuilt", read(".jgrad/repository/io/github/jgrad/jgrad-lib/1/jgrad-lib-1.jar"));
        assertFalse(Files.exists(cache.resolve("io/github/jgrad/jgrad-lib/1")), report.toString());
        assertTrue(Files.isDirectory(cache.resolve("io/github/jgrad")), "only that version's copy goes");
    }
}
