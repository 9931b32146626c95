package jgrad.cli.update;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jgrad.io.SafeFiles;

/**
 * {@code ./jgrad update} in a students' repository: brings the course's new release in without losing a
 * student's work, as nbgitpuller does. A notebook the student changed (its hash is not the one recorded at
 * the last release or update, see {@link Manifest}) stays as it is and the new version is written beside it
 * ({@code 04_xor.new.ipynb}); a notebook they never changed is replaced; a new one appears; the course's own
 * files (checks, jars, the launcher, the README) are replaced. With no manifest (a release older than update)
 * every notebook that differs from the new one counts as changed.
 *
 * <p>Nothing is lost when it is interrupted: every new file is first written into
 * {@code .jgrad/update-staging/}, then each is moved into place with one rename (a student's notebook is only
 * ever replaced when its content is the released one), and the manifest is rewritten last, so a second run
 * finishes what the first began.
 */
public final class Update {

    private static final String STAGING = ".jgrad/update-staging";
    private static final String NOTEBOOK = ".ipynb";

    private enum Kind { NEW, REPLACED, KEPT, COURSE }

    /** One file to move into place: from the staging folder to {@code target} (relative, with '/'). */
    private record Step(Kind kind, String path, String target, String newHash, String seenHash) {
    }

    private Update() {
    }

    /**
     * Updates the students' repository {@code repo} from {@code from} (a git URL or a folder; null: the
     * recorded {@link Manifest#UPSTREAM}).
     *
     * @return what was done, one line each, for the terminal
     * @throws IllegalArgumentException when {@code repo} is not a students' repository or no upstream is known
     * @throws IllegalStateException    when the upstream cannot be fetched or is not a release
     */
    public static List<String> run(Path repo, String from) throws IOException {
        return run(repo, from, mavenCache());
    }

    /**
     * {@link #run(Path, String)} with Maven's local repository given: a course jar that changed under the same
     * version is dropped from it, or Maven would keep building with its cached copy of the old one.
     */
    public static List<String> run(Path repo, String from, Path mavenCache) throws IOException {
        Path root = repo.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve(".jgrad").resolve("repository"))) {
            throw new IllegalArgumentException(root + " is not a students' repository (no .jgrad/repository):"
                    + " update runs in a repository made by ./jgrad release");
        }
        String source = from != null ? from : recordedUpstream(root);
        Path temp = Files.createTempDirectory("jgrad-update-");
        try {
            Path release = fetch(source, temp);
            return apply(root, release, source, mavenCache);
        } finally {
            SafeFiles.deleteRecursively(temp);
        }
    }

    private static String recordedUpstream(Path root) throws IOException {
        Path file = root.resolve(Manifest.UPSTREAM);
        String upstream = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("this repository does not say where the course's updates come from"
                    + " (no " + Manifest.UPSTREAM + "): give it, ./jgrad update --from URL|DIR (ask your instructor)");
        }
        return upstream;
    }

    /** The release as files: a folder that is no git repository is read where it is, anything else is cloned. */
    private static Path fetch(String source, Path temp) {
        Path local = Path.of(source);
        boolean folder = !source.contains("://") && Files.isDirectory(local);
        Path release;
        if (folder && !Files.exists(local.resolve(".git"))) {
            release = local.toAbsolutePath().normalize();
        } else {
            release = temp.resolve("release");
            String url = folder ? local.toAbsolutePath().normalize().toString() : source;
            clone(url, release, source);
        }
        if (!Files.isDirectory(release.resolve(".jgrad").resolve("repository"))) {
            throw new IllegalStateException(source + " is not a course release made by ./jgrad release"
                    + " (no .jgrad/repository in it)");
        }
        return release;
    }

    private static void clone(String url, Path into, String source) {
        ProcessBuilder builder = new ProcessBuilder("git", "clone", "-q", "--depth", "1", "--", url, into.toString())
                .redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0"); // fail, never wait for a password
        try {
            Process git = builder.start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(300, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IllegalStateException("cannot fetch the course from " + source + ": git clone took over 5 minutes");
            }
            if (git.exitValue() != 0) {
                String last = output.lines().reduce((a, b) -> b).orElse("git clone failed").replaceFirst("^fatal: ", "");
                throw new IllegalStateException("cannot fetch the course from " + source + ": " + last);
            }
        } catch (IOException e) {
            throw new IllegalStateException("update needs git to fetch the course: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + source, e);
        }
    }

    /** Maven's local repository as Maven finds it without settings: maven.repo.local, else ~/.m2/repository. */
    private static Path mavenCache() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static List<String> apply(Path root, Path release, String source, Path mavenCache) throws IOException {
        Map<String, String> released = Manifest.of(release);
        Optional<Map<String, String>> listed = Manifest.read(release);
        listed.ifPresent(files -> released.keySet().retainAll(files.keySet()));
        Optional<Map<String, String>> before = Manifest.read(root);
        List<Step> steps = plan(root, released, before);
        List<String> removed = new ArrayList<>();
        Path staging = root.resolve(STAGING);
        SafeFiles.deleteRecursively(staging); // a left-over of an interrupted update
        for (Step step : steps) {
            stage(release.resolve(step.path()), staging.resolve(step.target()));
        }
        List<String> report = new ArrayList<>();
        for (Step step : steps) {
            report.add(swap(root, staging, step));
        }
        if (before.isPresent()) {
            for (Map.Entry<String, String> old : before.get().entrySet()) {
                removed.addAll(removeIfUnchanged(root, old.getKey(), old.getValue(), released));
            }
        }
        removed.addAll(dropCachedCopies(steps, mavenCache));
        SafeFiles.writeAtomically(root.resolve(Manifest.FILE), Manifest.text(released));
        Path upstream = release.resolve(Manifest.UPSTREAM);
        SafeFiles.writeAtomically(root.resolve(Manifest.UPSTREAM),
                Files.isRegularFile(upstream) ? Files.readString(upstream, StandardCharsets.UTF_8) : source + "\n");
        SafeFiles.deleteRecursively(staging);
        return summary(source, report, removed);
    }

    /** What to write: every released file that differs from the one here, a changed notebook's as NAME.new.ipynb. */
    private static List<Step> plan(Path root, Map<String, String> released, Optional<Map<String, String>> before) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, String> file : released.entrySet()) {
            String path = file.getKey();
            String here = Manifest.sha256OrNull(root.resolve(path));
            if (file.getValue().equals(here)) {
                continue;
            }
            if (!isNotebook(path)) {
                steps.add(new Step(Kind.COURSE, path, path, file.getValue(), here));
            } else if (here == null) {
                steps.add(new Step(Kind.NEW, path, path, file.getValue(), null));
            } else if (before.isPresent() && here.equals(before.get().get(path))) {
                steps.add(new Step(Kind.REPLACED, path, path, file.getValue(), here));
            } else if (!file.getValue().equals(Manifest.sha256OrNull(root.resolve(beside(path))))) {
                steps.add(new Step(Kind.KEPT, path, beside(path), file.getValue(), here));
            }
        }
        return steps;
    }

    /** The student's work: the notebooks in exercises/. */
    private static boolean isNotebook(String path) {
        return path.startsWith("exercises/") && path.endsWith(NOTEBOOK) && path.indexOf('/', "exercises/".length()) < 0;
    }

    /** exercises/04_xor.ipynb → exercises/04_xor.new.ipynb */
    static String beside(String notebook) {
        return notebook.substring(0, notebook.length() - NOTEBOOK.length()) + ".new" + NOTEBOOK;
    }

    /** A copy with a fresh time stamp (so ./jgrad sees the build is stale) and the release's permissions. */
    private static void stage(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here (Windows): nothing to keep
        }
    }

    /** Moves one staged file into place with a rename; a notebook saved meanwhile is kept, its new version beside it. */
    private static String swap(Path root, Path staging, Step step) throws IOException {
        Step now = step;
        if (step.kind() != Kind.COURSE && step.kind() != Kind.KEPT
                && !java.util.Objects.equals(step.seenHash(), Manifest.sha256OrNull(root.resolve(step.path())))) {
            now = new Step(Kind.KEPT, step.path(), beside(step.path()), step.newHash(), null);
            Files.createDirectories(staging.resolve(now.target()).getParent());
            Files.move(staging.resolve(step.target()), staging.resolve(now.target()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path target = root.resolve(now.target());
        Files.createDirectories(target.getParent());
        Files.move(staging.resolve(now.target()), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return switch (now.kind()) {
            case NEW -> "new      " + now.path();
            case REPLACED -> "updated  " + now.path() + " (you had not changed it)";
            case KEPT -> "kept     " + now.path() + " (you changed it); the course's new version is " + now.target()
                    + ": compare the two, copy what you need into yours, then delete the .new one";
            case COURSE -> "course   " + now.path();
        };
    }

    /** A course file the new release no longer has is deleted, unless it was changed here (then it stays). */
    private static List<String> removeIfUnchanged(Path root, String path, String oldHash, Map<String, String> released)
            throws IOException {
        if (released.containsKey(path) || isNotebook(path)) {
            return List.of();
        }
        Path file = root.resolve(path);
        String here = Manifest.sha256OrNull(file);
        if (here == null) {
            return List.of();
        }
        if (!here.equals(oldHash)) {
            return List.of("left     " + path + " (no longer in the course, but changed here)");
        }
        Files.delete(file);
        return List.of("removed  " + path + " (no longer in the course)");
    }

    /** The cached copies of course artifacts whose files were replaced under the same version. */
    private static List<String> dropCachedCopies(List<Step> steps, Path mavenCache) throws IOException {
        String prefix = ".jgrad/repository/";
        java.util.Set<String> versions = new java.util.TreeSet<>();
        for (Step step : steps) {
            if (step.kind() == Kind.COURSE && step.seenHash() != null && step.path().startsWith(prefix)) {
                versions.add(step.path().substring(prefix.length(), step.path().lastIndexOf('/')));
            }
        }
        List<String> lines = new ArrayList<>();
        for (String version : versions) {
            Path cached = mavenCache.resolve(version);
            if (Files.isDirectory(cached)) {
                SafeFiles.deleteRecursively(cached);
                lines.add("dropped  " + cached + " (Maven's copy of the old jars of that version; the build takes the new ones)");
            }
        }
        return lines;
    }

    private static List<String> summary(String source, List<String> report, List<String> removed) {
        List<String> lines = new ArrayList<>();
        List<String> course = report.stream().filter(l -> l.startsWith("course ")).toList();
        report.stream().filter(l -> !l.startsWith("course ")).forEach(lines::add);
        if (!course.isEmpty()) {
            lines.add("replaced " + course.size() + " course file(s) (checks, jars, launcher, README, ...)");
        }
        lines.addAll(removed);
        if (lines.isEmpty()) {
            lines.add("already up to date with " + source);
        } else {
            lines.add(0, "updated from " + source + ":");
            lines.add("your own changes were not touched; record the update: git add -A && git commit -m \"course update\"");
        }
        return lines;
    }
}
