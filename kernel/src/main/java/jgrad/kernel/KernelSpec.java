package jgrad.kernel;

import java.io.File;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jgrad.io.SafeFiles;
import org.rapaio.jupyter.kernel.MainApp;

/**
 * The {@code jgrad} Jupyter kernelspec: a folder holding {@code kernel.json}, the init script and a
 * copy of every jar the course needs, so it keeps working after {@code mvnw clean}.
 *
 * <pre>
 * KERNELS/jgrad/kernel.json     argv: /bin/sh -c 'exec "$@" >>LOG 2>&1' jgrad-kernel   (not on Windows; see argv(...))
 *                                     java -Djgrad.jupyter=true --add-modules=jdk.incubator.vector ...
 *                                     -cp jars/rapaio-jupyter-kernel-V.jar:jars/jgrad-kernel-launcher.jar
 *                                     jgrad.kernel.launch.KernelMain {connection_file}
 *                               env:  RJK_CLASSPATH = every course jar, ';'-separated; RJK_INIT_SCRIPT;
 *                                     JGRAD_CLASSPATH = the same jars, for grade(...)'s separate JVM
 * KERNELS/jgrad/init.jshell     run once when the kernel starts
 * KERNELS/jgrad/jars/*.jar      rapaio-jupyter-kernel, jgrad-lib, jgrad-kernel, grader, checks, Tablesaw, XChart, ...
 * KERNELS/jgrad/jars/jgrad-kernel-launcher.jar   the jgrad.kernel.launch classes: rapaio's main with a start-up guard
 * </pre>
 *
 * <p>Installing builds the new folder next to the old one and swaps them with atomic renames, so an
 * interrupted install leaves the previous kernelspec (or none), never half of one.
 */
public final class KernelSpec {

    /** The kernelspec's name: notebooks record it in their metadata. */
    public static final String NAME = "jgrad";
    /** What Jupyter, VS Code and IntelliJ show in their kernel pickers. */
    public static final String DISPLAY_NAME = "Java (jgrad)";
    /** Marks a kernel.json as written by this class, so uninstall never removes someone else's "jgrad". */
    static final String MARKER = "jgrad_kernelspec";
    /** The kernel's main class: rapaio-jupyter-kernel's MainApp plus a start-up guard (see its Javadoc). */
    static final String LAUNCHER_MAIN = "jgrad.kernel.launch.KernelMain";
    /** The jar in jars/ that holds the launcher, next to rapaio's jar on the kernel JVM's classpath. */
    static final String LAUNCHER_JAR = "jgrad-kernel-launcher.jar";
    /** The Vector API's module, which lib's fast kernels (jgrad.tensor.VectorKernels) use when it is present. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** What the kernelspec was made from (see {@link #stamp}): an unchanged one is not copied again. */
    static final String STAMP_FILE = ".jgrad-stamp";
    /** Part of the stamp: bump it when kernel.json's layout changes in a way argv(...) does not show. */
    private static final String STAMP_FORMAT = "jgrad-kernelspec-2";
    /** The /bin/sh script that runs the kernel JVM ("$@") with its stdout and stderr in the kernel log. */
    static final String LOG_REDIRECT = "log=\"${JGRAD_KERNEL_LOG:-${TMPDIR:-/tmp}/jgrad-kernel-$(id -u).log}\"; "
            + "exec \"$@\" >>\"$log\" 2>&1";

    /** kernel.json's layout: two-space indent, and "<" or "=" in a path left as they are. */
    private static final Gson KERNEL_JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private KernelSpec() {
    }

    /**
     * Installs (or replaces) the kernelspec in {@code kernelsDir/jgrad}, with {@code classpath} (jars or
     * class folders, in order) for the notebook cells. Returns the kernelspec folder.
     */
    public static Path install(Path kernelsDir, List<Path> classpath) throws IOException {
        Path target = kernelsDir.resolve(NAME);
        if (Files.exists(target) && !isOurs(target)) {
            throw new IOException("refusing to replace " + target + ": it holds a kernelspec jgrad did not write "
                    + "(no \"" + MARKER + "\" in its kernel.json); move it away first");
        }
        Files.createDirectories(kernelsDir);
        Path staging = Files.createTempDirectory(kernelsDir, ".jgrad-staging-");
        List<String> cells;
        try {
            cells = writeSpec(staging, target, classpath);
            Files.writeString(staging.resolve(STAMP_FILE), stamp(target, classpath), StandardCharsets.UTF_8);
            swapIn(staging, target);
        } finally {
            SafeFiles.deleteRecursively(staging);
        }
        ClassDataArchive.create(target, argv(target, kernelClasspath(target), javaFeatureVersion(), true),
                env(target, cells));
        return target;
    }

    /**
     * Whether {@code kernelsDir/jgrad} was installed by this class from exactly these files (same
     * contents, same java, same kernel.json layout): then installing again would copy the same ~60 MB,
     * and {@code ./jgrad lab} skips it.
     */
    public static boolean upToDate(Path kernelsDir, List<Path> classpath) throws IOException {
        Path target = kernelsDir.resolve(NAME);
        Path stampFile = target.resolve(STAMP_FILE);
        return isOurs(target) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp(target, classpath));
    }

    /**
     * A SHA-256 over everything the kernelspec is made of: each classpath entry's path and contents
     * (class folders file by file), rapaio's jar, the launcher's classes, the java and the argv, env
     * layout and init script this version writes.
     */
    static String stamp(Path target, List<Path> classpath) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((STAMP_FORMAT + "\n" + argv(target, List.of(), javaFeatureVersion(), File.separatorChar == '\\')
                + "\n" + initScript() + "\n" + Runtime.version()).getBytes(StandardCharsets.UTF_8));
        List<Path> entries = new ArrayList<>(classpath);
        entries.add(rapaioKernelJar());
        entries.add(ownCodeSource());
        for (Path entry : entries) {
            digest.update(("\u0000" + entry.toAbsolutePath()).getBytes(StandardCharsets.UTF_8));
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                        digest.update(("\u0000" + entry.relativize(file)).getBytes(StandardCharsets.UTF_8));
                        digestFile(digest, file);
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                digestFile(digest, entry);
            }
        }
        return HexFormat.of().formatHex(digest.digest()) + "\n";
    }

    private static void digestFile(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
    }

    /** Removes {@code kernelsDir/jgrad} if this class wrote it; returns whether anything was removed. */
    public static boolean uninstall(Path kernelsDir) throws IOException {
        Path target = kernelsDir.resolve(NAME);
        if (!Files.exists(target)) {
            return false;
        }
        if (!isOurs(target)) {
            throw new IOException("refusing to remove " + target + ": its kernel.json was not written by jgrad");
        }
        Path doomed = kernelsDir.resolve(".jgrad-removed-" + System.nanoTime());
        Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
        SafeFiles.deleteRecursively(doomed);
        return true;
    }

    static boolean isOurs(Path specDir) throws IOException {
        Path json = specDir.resolve("kernel.json");
        return Files.isRegularFile(json) && Files.readString(json).contains("\"" + MARKER + "\"");
    }

    /** The kernel JVM's classpath in an installed kernelspec: rapaio's jar and the launcher. */
    private static List<Path> kernelClasspath(Path specDir) {
        return List.of(specDir.resolve("jars").resolve(rapaioKernelJar().getFileName()), specDir.resolve("jars").resolve(LAUNCHER_JAR));
    }

    /**
     * Fills {@code dir} with the kernelspec as it will look once moved to {@code finalDir}; returns the
     * cells' classpath (the copies, in {@code finalDir}).
     */
    private static List<String> writeSpec(Path dir, Path finalDir, List<Path> classpath) throws IOException {
        Path jars = Files.createDirectory(dir.resolve("jars"));
        Path kernelJar = rapaioKernelJar();
        Files.copy(kernelJar, jars.resolve(kernelJar.getFileName()));
        writeLauncherJar(jars.resolve(LAUNCHER_JAR));
        Set<String> taken = new HashSet<>(Set.of(kernelJar.getFileName().toString(), LAUNCHER_JAR));
        List<String> cellClasspath = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path entry : classpath) {
            if (!Files.exists(entry) || isSameFile(entry, kernelJar) || !seen.add(entry.toRealPath())) {
                continue; // a missing optional module, the kernel itself (the JVM's own jar), or a repeat
            }
            String name = uniqueName(entry, taken);
            if (Files.isDirectory(entry)) {
                jarFolder(entry, jars.resolve(name));
            } else {
                Files.copy(entry, jars.resolve(name));
            }
            cellClasspath.add(finalDir.resolve("jars").resolve(name).toString());
        }
        Files.writeString(dir.resolve("init.jshell"), initScript(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("kernel.json"),
                kernelJson(finalDir, List.of(finalDir.resolve("jars").resolve(kernelJar.getFileName()),
                        finalDir.resolve("jars").resolve(LAUNCHER_JAR)), cellClasspath),
                StandardCharsets.UTF_8);
        return cellClasspath;
    }

    /**
     * The init script, run once before the first cell. It makes {@code display(x)} a void method (a
     * single-static import shadows the kernel's {@code Global.*} whose {@code display} returns an id
     * that a cell would print) and imports the progress bar. Notebooks still write their own imports,
     * so they also run in the grader's headless runner, which provides the same {@code display}.
     */
    static String initScript() {
        return "// jgrad kernel start-up: loaded once per kernel, before the first cell.\n"
                + "import static jgrad.kernel.Display.display;\n"
                + "import jgrad.display.Progress;\n"
                // jgrad.nn.Module, not java.lang.Module: with it `import jgrad.nn.*;` is all a notebook needs
                + "import jgrad.nn.Module;\n";
    }

    /**
     * kernel.json. The JVM's own classpath is only rapaio's jar and the launcher (jgrad.kernel.launch):
     * the cells' classes, renderers included, are loaded by the kernel's JShell from RJK_CLASSPATH.
     */
    static String kernelJson(Path specDir, List<Path> kernelClasspath, List<String> cellClasspath) {
        List<String> argv = argv(specDir, kernelClasspath, javaFeatureVersion(), File.separatorChar == '\\');
        Map<String, String> env = env(specDir, cellClasspath);
        JsonObject json = new JsonObject();
        JsonArray argvJson = new JsonArray();
        argv.forEach(argvJson::add);
        json.add("argv", argvJson);
        json.addProperty("display_name", DISPLAY_NAME);
        json.addProperty("language", "java");
        json.addProperty("interrupt_mode", "message");
        JsonObject envJson = new JsonObject();
        env.forEach(envJson::addProperty);
        json.add("env", envJson);
        JsonObject marker = new JsonObject();
        marker.addProperty("kernel", kernelClasspath.get(0).getFileName().toString());
        JsonObject metadata = new JsonObject();
        // "debugger": false: JupyterLab asks a kernel that does not say so for a debug session and logs
        // errors in the browser console when it gets no answer (rapaio has no debugger).
        metadata.addProperty("debugger", false);
        metadata.add(MARKER, marker);
        json.add("metadata", metadata);
        return KERNEL_JSON.toJson(json) + "\n";
    }

    /**
     * The kernel's command line. The JVM gets the Vector API ({@code jdk.incubator.vector}: matrix
     * products and convolutions about four times faster) and the class-data archive that install made
     * in the kernelspec folder ({@link ClassDataArchive}: the kernel starts faster). Outside Windows the JVM runs through {@code /bin/sh}, which sends the kernel's
     * own output (start-up lines, its log, the JVM's "Using incubator modules" warning, which nothing
     * else can silence) to {@code $JGRAD_KERNEL_LOG}, by default {@code $TMPDIR/jgrad-kernel-UID.log}:
     * the terminal that runs Jupyter shows Jupyter's lines only. Cells' output goes to the notebook as before.
     */
    static List<String> argv(Path specDir, List<Path> kernelClasspath, int javaVersion, boolean windows) {
        List<String> java = new ArrayList<>(List.of(javaExecutable(),
                "-D" + JupyterProgressSink.KERNEL_PROPERTY + "=true",
                "-Djava.awt.headless=true", // charts are drawn off-screen; no window, no Dock icon
                "-Dfile.encoding=UTF-8",
                "--add-modules=" + VECTOR_MODULE));
        java.addAll(ClassDataArchive.runOptions(specDir, javaVersion));
        java.addAll(List.of("-cp", kernelClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                LAUNCHER_MAIN, "{connection_file}"));
        if (windows) {
            return java;
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LOG_REDIRECT, "jgrad-kernel"));
        argv.addAll(java);
        return argv;
    }

    /** kernel.json's env: what rapaio reads (RJK_*) and grade(...)'s classpath. */
    static Map<String, String> env(Path specDir, List<String> cellClasspath) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RJK_CLASSPATH", String.join(";", cellClasspath));
        // grade(...) runs the checks on the saved notebook in a separate JVM: give it the cells' classpath.
        env.put("JGRAD_CLASSPATH", String.join(File.pathSeparator, cellClasspath));
        env.put("RJK_INIT_SCRIPT", specDir.resolve("init.jshell").toString());
        env.put("RJK_COMPILER_OPTIONS", "");
        env.put("RJK_TIMEOUT_MILLIS", "-1");
        env.put("RJK_MIMA_CACHE", "mima_cache"); // next to the kernel jar, for the %dependency magic
        return env;
    }

    static int javaFeatureVersion() {
        return Runtime.version().feature();
    }

    /** The java that runs the installer: the one known to be 17+ and to have the jars' classes. */
    static String javaExecutable() {
        String exe = File.separatorChar == '\\' ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", exe).toString();
    }

    /** Writes the jgrad.kernel.launch classes (and only those) into {@code jar}. */
    static void writeLauncherJar(Path jar) throws IOException {
        String dir = LAUNCHER_MAIN.substring(0, LAUNCHER_MAIN.lastIndexOf('.')).replace('.', '/') + "/";
        List<String> classes = new ArrayList<>();
        Path source = ownCodeSource();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(dir))) {
                files.map(p -> dir + p.getFileName()).filter(n -> n.endsWith(".class")).forEach(classes::add);
            }
        } else {
            try (JarFile own = new JarFile(source.toFile())) {
                own.stream().map(JarEntry::getName).filter(n -> n.startsWith(dir) && n.endsWith(".class")
                        && n.indexOf('/', dir.length()) < 0).forEach(classes::add);
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("no " + dir + "*.class next to " + source + ": the kernel launcher is missing");
        }
        Collections.sort(classes);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : classes) {
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = KernelSpec.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("cannot read " + name + " from " + source);
                    }
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /** jgrad-kernel's jar or class folder. */
    static Path ownCodeSource() {
        try {
            return Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate jgrad-kernel's classes", e);
        }
    }

    static Path rapaioKernelJar() {
        try {
            return Path.of(MainApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate rapaio-jupyter-kernel's jar", e);
        }
    }

    private static boolean isSameFile(Path a, Path b) throws IOException {
        return Files.exists(b) && Files.isSameFile(a, b);
    }

    /** The file name, or for a class folder such as lib/target/classes a jar named after its module. */
    private static String uniqueName(Path entry, Set<String> taken) {
        String base = Files.isDirectory(entry)
                ? String.join("-", entry.toAbsolutePath().normalize().getParent().getParent().getFileName().toString(),
                entry.getFileName().toString()) + ".jar"
                : entry.getFileName().toString();
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = n + "-" + base;
        }
        return name;
    }

    private static void jarFolder(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(folder)) {
            // Directory entries too: JUnit finds the @Exercise check classes by listing their package with
            // ClassLoader.getResources("jgrad/exercises"), which finds nothing in a jar without them.
            for (Path path : (Iterable<Path>) files.filter(p -> !p.equals(folder)).sorted()::iterator) {
                String name = folder.relativize(path).toString().replace(File.separatorChar, '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(path) ? name + "/" : name));
                if (!Files.isDirectory(path)) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    /** Moves the old kernelspec aside, the new one in, then deletes the old one. */
    private static void swapIn(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(".jgrad-old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous install back
            }
            throw e;
        }
        if (old != null) {
            SafeFiles.deleteRecursively(old);
        }
    }
}
