package jgrad.grader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.io.SafeFiles;

/**
 * The bubblewrap ({@code bwrap}) sandbox one student is graded in. Two nested sandboxes:
 * <ul>
 *   <li>the <b>outer</b> one holds the checks' JVM (JUnit, JShell's compiler): its own PID, network (loopback
 *       only), IPC and UTS namespaces, the system read-only, a private /tmp, the environment cleared, only the
 *       student's working copy writable, and of the grader's files only read-only copies of the course
 *       classpath and the compiled check classes (a per-run staging folder). Solutions, check sources, other
 *       students, the class folder, OUT, the instructor's home and {@code ~/.m2} are simply not there;
 *   <li>the <b>inner</b> one holds the notebook's JShell JVM (the student's code). JShell launches
 *       {@code java.home/bin/java}; inside the outer sandbox that name is a small script that starts the real
 *       {@code java} in a nested bwrap with its own PID namespace (it cannot see, signal or read the checks'
 *       JVM), its own /tmp, and no check classes. It shares the loopback network, which the JDI link needs.
 * </ul>
 * When the grader runs as root, each job slot runs as its own unprivileged uid (so the kernel counts
 * processes per student and no file of the system is writable by ownership); resource limits are set with
 * {@code prlimit} before bwrap starts.
 */
final class Sandbox {

    /** The student's working copy, inside both sandboxes. */
    static final String WORK = "/work";
    /** The staged course classpath, inside both sandboxes. */
    static final String CLASSPATH_DIR = "/jgrad/classpath";
    /** The folder, beside the course classpath's entries, that holds only the notebook JVM's main class. */
    private static final String AGENT_DIR_NAME = "agent";
    /** The notebook JVM's main class ({@link NoDelayJdi}'s agent), inside both sandboxes. */
    static final String AGENT_DIR = CLASSPATH_DIR + "/" + AGENT_DIR_NAME;
    /** The staged check classes, inside the outer sandbox only. */
    static final String CHECKS_DIR = "/jgrad/checks";
    /** First uid of the job slots when the grader runs as root (one uid per slot, none with a login). */
    static final int FIRST_UID = 61_000;
    /** JVM options that keep a JVM's address space small enough for an address-space limit. */
    static final List<String> SMALL_RESERVATIONS = List.of("-XX:ReservedCodeCacheSize=64m",
            "-XX:CompressedClassSpaceSize=128m", "-XX:MaxMetaspaceSize=256m", "-XX:-UsePerfData");
    private static final String[] TOP_DIRS = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};
    private static final String[] ETC_FILES = {"/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
        "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf", "/etc/host.conf"};

    private Sandbox() {
    }

    /** @return true when this JVM runs as root (then every job slot gets its own uid) */
    static boolean runningAsRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS)) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** @return why a sandbox cannot be made on this machine, or empty when it can */
    static Optional<String> unavailable() {
        Optional<Path> bwrap = onPath("bwrap");
        Optional<Path> prlimit = onPath("prlimit");
        if (bwrap.isEmpty()) {
            return Optional.of("bubblewrap (bwrap) is not installed; install it (Debian/Ubuntu: "
                    + "sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap), "
                    + "or grade without a sandbox with --no-sandbox");
        }
        if (prlimit.isEmpty() || (runningAsRoot() && onPath("setpriv").isEmpty())) {
            return Optional.of("prlimit and setpriv (util-linux) are needed for the sandbox's limits; "
                    + "install util-linux, or grade without a sandbox with --no-sandbox");
        }
        List<String> probe = new ArrayList<>(dropToUid(FIRST_UID));
        probe.add(bwrap.get().toString());
        probe.addAll(List.of("--unshare-all", "--die-with-parent", "--new-session", "--ro-bind", "/usr", "/usr"));
        probe.addAll(systemMounts());
        probe.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--",
                bwrap.get().toString(), "--unshare-user", "--unshare-pid", "--ro-bind", "/usr", "/usr"));
        probe.addAll(systemMounts());
        probe.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--", "/usr/bin/true"));
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
            p.getOutputStream().close();
            boolean done = p.waitFor(20, TimeUnit.SECONDS);
            String said = new String(p.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.of("bwrap cannot create namespaces here (" + (said.isEmpty() ? "no message" : said)
                        + "); user namespaces must be allowed (sysctl kernel.unprivileged_userns_clone=1 or "
                        + "user.max_user_namespaces > 0), or grade without a sandbox with --no-sandbox");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot start bwrap: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying bwrap");
        }
    }

    /** setpriv to the slot's uid when root (so limits count per student); nothing otherwise. */
    private static List<String> dropToUid(int uid) {
        if (!runningAsRoot()) {
            return List.of();
        }
        return List.of(onPath("setpriv").map(Path::toString).orElse("setpriv"), "--reuid=" + uid, "--regid=" + uid,
                "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--");
    }

    /** /bin, /lib, ...: the same symbolic link (merged /usr) or a read-only bind. */
    private static List<String> systemMounts() {
        List<String> args = new ArrayList<>();
        for (String dir : TOP_DIRS) {
            Path path = Path.of(dir);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), dir));
                } else if (Files.isDirectory(path)) {
                    args.addAll(List.of("--ro-bind", dir, dir));
                }
            } catch (IOException e) {
                // Not there: the sandbox does without it.
            }
        }
        return args;
    }

    static Optional<Path> onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, tool);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ the staging folder (once per run)

    /**
     * What every student's sandbox mounts read-only, prepared once per run.
     *
     * @param dir            the staging folder (outside every sandbox's view)
     * @param classpath      the course classpath as seen inside the sandbox
     * @param checkClasspath the check classes as seen inside the outer sandbox
     * @param javaHome       the JDK both JVMs run on
     * @param realJava       the real java launcher
     */
    record Stage(Path dir, List<String> classpath, List<String> checkClasspath, Path javaHome, Path realJava,
                 List<String> archiveOptions) {

        /** @return this stage with the checks' JVM's options that map its class-data archive ({@link ChecksArchive}) */
        Stage withArchiveOptions(List<String> options) {
            return new Stage(dir, classpath, checkClasspath, javaHome, realJava, List.copyOf(options));
        }
    }

    /**
     * Copies the course classpath and the check classes (class files only: no sources, no notebooks, no
     * resources a build put beside them; a folder of them becomes a jar, since a class-data archive accepts
     * no folder on the classpath) into {@code dir}, readable by everyone and writable by no sandbox,
     * and writes the inner sandbox's launcher.
     */
    static Stage stage(Path dir, List<String> courseClasspath, List<String> checkClasspath, ClassGrader.Limits limits,
                       String notebookHeap) {
        try {
            Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
            Path realJava = javaHome.resolve("bin").resolve("java").toRealPath();
            Files.createDirectories(dir);
            List<String> inner = copyAll(courseClasspath, dir.resolve("classpath"), CLASSPATH_DIR, false);
            NoDelayJdi.writeAgentInto(dir.resolve("classpath").resolve(AGENT_DIR_NAME));
            List<String> checks = copyAll(checkClasspath, dir.resolve("checks"), CHECKS_DIR, true);
            Files.createDirectories(dir.resolve("etc"));
            Files.writeString(dir.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n",
                    StandardCharsets.UTF_8);
            Path launcher = dir.resolve("java");
            Files.writeString(launcher, innerLauncher(javaHome, limits, notebookHeap), StandardCharsets.UTF_8);
            makeReadable(dir);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("r-xr-xr-x"));
            return new Stage(dir, inner, checks, javaHome, realJava, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox's read-only files in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> copyAll(List<String> entries, Path to, String inside, boolean classesOnly)
            throws IOException {
        Files.createDirectories(to);
        List<String> mapped = new ArrayList<>();
        int i = 0;
        for (String entry : entries) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) {
                continue;
            }
            String name = i++ + "-" + from.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            if (Files.isDirectory(from) && classesOnly) {
                name += ".jar";
                jarClasses(from, to.resolve(name));
            } else if (Files.isDirectory(from)) {
                SafeFiles.copyTree(from, to.resolve(name), (file, attrs) -> true);
            } else {
                Files.copy(from, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            mapped.add(inside + "/" + name);
        }
        return mapped;
    }

    /**
     * Writes the class files of a tree (links not followed) into a jar, in a fixed order and with fixed times,
     * so the same classes make the same jar.
     */
    static void jarClasses(Path from, Path jar) throws IOException {
        List<Path> classes;
        try (Stream<Path> all = Files.walk(from)) {
            classes = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().endsWith(".class")).sorted().toList();
        }
        // Folder entries too: JUnit finds a package's classes in a jar by walking its folders.
        java.util.SortedSet<String> folders = new java.util.TreeSet<>();
        for (Path file : classes) {
            for (Path dir = from.relativize(file).getParent(); dir != null; dir = dir.getParent()) {
                folders.add(dir.toString().replace(File.separatorChar, '/') + "/");
            }
        }
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String folder : folders) {
                putEntry(out, folder, null);
            }
            for (Path file : classes) {
                putEntry(out, from.relativize(file).toString().replace(File.separatorChar, '/'), file);
            }
        }
    }

    private static void putEntry(java.util.jar.JarOutputStream out, String name, Path file) throws IOException {
        java.util.jar.JarEntry entry = new java.util.jar.JarEntry(name);
        entry.setTime(0);
        out.putNextEntry(entry);
        if (file != null) {
            Files.copy(file, out);
        }
        out.closeEntry();
    }

    private static void makeReadable(Path root) throws IOException {
        Set<PosixFilePermission> dirs = PosixFilePermissions.fromString("rwxr-xr-x");
        Set<PosixFilePermission> files = PosixFilePermissions.fromString("rw-r--r--");
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? dirs : files);
            }
        }
    }

    /** The script JShell runs as "java": the notebook's JVM in a nested sandbox with its own PID namespace. */
    private static String innerLauncher(Path javaHome, ClassGrader.Limits limits, String notebookHeap) {
        List<String> args = new ArrayList<>();
        args.add(onPath("prlimit").orElseThrow().toString());
        args.add("--as=" + addressSpace(notebookHeap, limits));
        args.add("--");
        args.add(onPath("bwrap").orElseThrow().toString());
        args.addAll(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
        args.addAll(systemMounts());
        if (!javaHome.startsWith("/usr")) {
            args.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
        }
        // Its /tmp is a fresh folder of the outer /tmp (on the student's size-bounded tmpfs when there is one).
        args.addAll(List.of("--ro-bind", CLASSPATH_DIR, CLASSPATH_DIR, "--bind", WORK, WORK, "--chdir", WORK,
                "--proc", "/proc", "--dev", "/dev", "--bind", "$tmp", "/tmp",
                "--remount-ro", "/", "--remount-ro", "/dev", "--", javaHome.resolve("bin/java-real").toString()));
        args.addAll(SMALL_RESERVATIONS);
        args.add("-Djava.io.tmpdir=/tmp");
        return "#!/bin/sh\n# The notebook's JVM, in a sandbox nested in the grading one (written by jgrad's grader).\n"
                + "tmp=$(mktemp -d /tmp/notebook.XXXXXX) || exit 1\nexec "
                + args.stream().map(a -> a.equals("$tmp") ? "\"$tmp\"" : shellQuote(a)).collect(Collectors.joining(" "))
                + " \"$@\"\n";
    }

    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./=:,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** Bytes of address space for a JVM of this -Xmx value plus the limit's native allowance. */
    static long addressSpace(String heap, ClassGrader.Limits limits) {
        return parseSize(heap) + (limits.extraAddressMb() << 20);
    }

    static long parseSize(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Long.parseLong(s) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a heap size: '" + size + "' (write it as for -Xmx, e.g. 512m)");
        }
    }

    // ------------------------------------------------------------------ one student

    /**
     * The command that grades one student: (setpriv to the slot's uid,) prlimit, the outer bwrap, then the
     * checks' JVM with {@code javaArgs} (options, main class and arguments).
     *
     * @param stage     the staged read-only files
     * @param slot      the job slot, 0-based (its uid when root)
     * @param work      the student's working copy (writable, mounted at {@value #WORK})
     * @param tmp       a folder for the sandbox's /tmp, or null for a bwrap tmpfs
     * @param graderHeap the checks' JVM's -Xmx
     * @param notebookHeap the notebook JVM's -Xmx
     */
    static List<String> command(Stage stage, int slot, Path work, Path tmp, ClassGrader.Limits limits, String graderHeap,
                                String notebookHeap, List<String> javaArgs) {
        List<String> cmd = new ArrayList<>(dropToUid(FIRST_UID + slot));
        cmd.add(onPath("prlimit").orElseThrow().toString());
        cmd.add("--nproc=" + processLimit(limits));
        cmd.add("--fsize=" + limits.fileSize());
        cmd.add("--cpu=" + limits.cpuSeconds());
        cmd.add("--core=0");
        // Soft: the checks' JVM's own bound; hard: room for the notebook JVM's bound, which its launcher sets.
        long checks = addressSpace(graderHeap, limits);
        cmd.add("--as=" + checks + ":" + Math.max(checks, addressSpace(notebookHeap, limits)));
        cmd.add("--");
        cmd.add(onPath("bwrap").orElseThrow().toString());
        cmd.addAll(List.of("--unshare-all", "--die-with-parent", "--new-session", "--hostname", "jgrad",
                "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "PATH", "/usr/bin:/bin",
                "--setenv", "LANG", "C.UTF-8", "--setenv", "TMPDIR", "/tmp", "--setenv", "MALLOC_ARENA_MAX", "2",
                "--ro-bind", "/usr", "/usr"));
        cmd.addAll(systemMounts());
        for (String etc : ETC_FILES) {
            cmd.addAll(List.of("--ro-bind-try", etc, etc));
        }
        for (String javaConf : javaEtc()) {
            cmd.addAll(List.of("--ro-bind", javaConf, javaConf));
        }
        cmd.addAll(List.of("--ro-bind", stage.dir().resolve("etc/hosts").toString(), "/etc/hosts"));
        String home = stage.javaHome().toString();
        if (!stage.javaHome().startsWith("/usr")) {
            cmd.addAll(List.of("--ro-bind", home, home));
        }
        // java.home/bin/java becomes the inner sandbox's launcher; the real launcher sits beside it as java-real.
        cmd.addAll(List.of("--tmpfs", home + "/bin", "--ro-bind", stage.realJava().toString(), home + "/bin/java-real",
                "--ro-bind", stage.dir().resolve("java").toString(), home + "/bin/java", "--remount-ro", home + "/bin",
                "--ro-bind", stage.dir().resolve("classpath").toString(), CLASSPATH_DIR,
                "--ro-bind", stage.dir().resolve("checks").toString(), CHECKS_DIR,
                "--proc", "/proc", "--dev", "/dev"));
        if (tmp != null) {
            cmd.addAll(List.of("--bind", tmp.toString(), "/tmp"));
        } else {
            cmd.addAll(List.of("--perms", "01777", "--tmpfs", "/tmp"));
        }
        // The root and /dev are bwrap's own tmpfs: read-only, so nothing but /work and /tmp can take space.
        cmd.addAll(List.of("--bind", work.toString(), WORK, "--chdir", WORK, "--remount-ro", "/", "--remount-ro", "/dev",
                "--", home + "/bin/java-real"));
        cmd.addAll(SMALL_RESERVATIONS);
        cmd.addAll(javaArgs);
        return cmd;
    }

    /** Debian's JDKs read their configuration through links into /etc/java-N-openjdk. */
    private static List<String> javaEtc() {
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            return etc.filter(p -> p.getFileName().toString().startsWith("java")).filter(Files::isDirectory)
                    .map(Path::toString).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /**
     * As root each slot has its own uid, so the limit counts only that student's tasks; otherwise the
     * kernel counts all of this user's tasks, so the limit sits above those already running.
     */
    private static long processLimit(ClassGrader.Limits limits) {
        if (runningAsRoot()) {
            return limits.processes();
        }
        String me = System.getProperty("user.name");
        long mine = ProcessHandle.allProcesses().filter(p -> p.info().user().map(me::equals).orElse(false)).count();
        return limits.processes() + 8 * mine; // threads count too; a rough allowance for the user's own
    }

    /** Gives the working copy (and the sandbox's /tmp) to the slot's uid, so only that student can write it. */
    static void handOver(Path dir, int slot) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        int uid = FIRST_UID + slot;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /**
     * Removes a tree whatever the student did to it (read-only folders, paths longer than PATH_MAX):
     * {@code chmod -R u+rwX} then {@code rm -rf}, which work by file descriptor, not by full path.
     *
     * @return true when the tree is gone
     */
    static boolean removeTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            for (List<String> cmd : List.of(List.of("chmod", "-R", "u+rwX", "--", root.toString()),
                    List.of("rm", "-rf", "--one-file-system", "--", root.toString()))) {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !Files.exists(root, LinkOption.NOFOLLOW_LINKS);
    }

    /** @return the classpath entries joined as the JVM wants them */
    static String joined(List<String> entries) {
        return String.join(File.pathSeparator, entries);
    }
}
