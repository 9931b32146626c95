package jgrad.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./jgrad kernel install|uninstall|where} does, once its arguments are parsed (the command
 * line itself is {@code jgrad.cli.KernelCommands}, in the cli module, so that picocli stays off the
 * kernel's classpath, which the kernelspec copies for notebooks).
 *
 * <p>Where the kernelspec goes follows Jupyter's own rules, so {@code jupyter kernelspec list} finds it:
 * the user's data folder by default ({@code $JUPYTER_DATA_DIR}, else {@code ~/.local/share/jupyter} on
 * Linux, {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows), or
 * {@code PREFIX/share/jupyter} for a virtualenv or a JupyterHub image.
 */
public final class KernelCommand {

    private KernelCommand() {
    }

    /**
     * Installs the kernelspec.
     *
     * @param kernelsDir the Jupyter {@code kernels} folder
     * @param classpath  what notebook cells can use, entries separated by the platform's path separator
     * @return the message to print
     */
    public static String install(Path kernelsDir, String classpath) throws IOException {
        List<Path> entries = classpathEntries(classpath);
        if (KernelSpec.upToDate(absolute(kernelsDir), entries)) {
            return "kernelspec '" + KernelSpec.NAME + "' in " + where(kernelsDir) + " is up to date (nothing copied)";
        }
        Path spec = KernelSpec.install(absolute(kernelsDir), entries);
        return "installed kernelspec '" + KernelSpec.NAME + "' (\"" + KernelSpec.DISPLAY_NAME + "\") in " + spec;
    }

    /** Removes the kernelspec this project installed, if there is one; returns the message to print. */
    public static String uninstall(Path kernelsDir) throws IOException {
        Path dir = absolute(kernelsDir);
        return KernelSpec.uninstall(dir)
                ? "removed kernelspec '" + KernelSpec.NAME + "' from " + dir
                : "no kernelspec '" + KernelSpec.NAME + "' in " + dir + ": nothing to remove";
    }

    /** @return the folder the kernelspec is (or would be) installed in */
    public static Path where(Path kernelsDir) {
        return absolute(kernelsDir).resolve(KernelSpec.NAME);
    }

    /** @return {@code PREFIX/share/jupyter/kernels}, where {@code jupyter kernelspec install --prefix} puts kernels */
    public static Path prefixKernelsDir(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    /** @return the current user's Jupyter kernels folder, from this process's environment */
    public static Path userKernelsDir() {
        return userKernelsDir(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    private static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /** @return the entries of a classpath string, blank ones dropped */
    public static List<Path> classpathEntries(String classpath) {
        List<Path> entries = new ArrayList<>();
        Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isBlank()).forEach(s -> entries.add(Path.of(s)));
        return entries;
    }

    /** Jupyter's per-user data folder plus {@code kernels}, as {@code jupyter --data-dir} computes it. */
    static Path userKernelsDir(Map<String, String> env, String osName, String home) {
        String dataDir = env.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        String os = osName.toLowerCase();
        if (os.contains("win")) {
            String appData = env.getOrDefault("APPDATA", Path.of(home, "AppData", "Roaming").toString());
            return Path.of(appData, "jupyter", "kernels");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Jupyter", "kernels");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return data.resolve("jupyter").resolve("kernels");
    }
}
