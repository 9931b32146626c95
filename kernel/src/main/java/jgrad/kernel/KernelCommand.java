package jgrad.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./jgrad kernel install|uninstall|where [--user | --prefix DIR | --kernels-dir DIR] [--classpath CP]}.
 *
 * <p>Where the kernelspec goes follows Jupyter's own rules, so {@code jupyter kernelspec list} finds it:
 * the user's data folder by default ({@code $JUPYTER_DATA_DIR}, else {@code ~/.local/share/jupyter} on
 * Linux, {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows), or
 * {@code PREFIX/share/jupyter} for a virtualenv or a JupyterHub image.
 */
public final class KernelCommand {

    private KernelCommand() {
    }

    static final String USAGE = """
            usage: jgrad kernel install   [--user | --prefix DIR | --kernels-dir DIR] [--classpath CP]
                   jgrad kernel uninstall [--user | --prefix DIR | --kernels-dir DIR]
                   jgrad kernel where     [--user | --prefix DIR | --kernels-dir DIR]
              --user          the user's Jupyter data folder (default)
              --prefix DIR    DIR/share/jupyter/kernels, as `jupyter kernelspec install --prefix DIR`
              --kernels-dir   exactly this kernels folder
              --classpath CP  jars for notebook cells, separated by '%s' (default: this JVM's class path)""";

    /** Runs the command; exits 2 on a usage error, 1 when the install fails. */
    public static void main(String[] args) {
        try {
            System.out.println(run(List.of(args), System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("jgrad kernel: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("jgrad kernel: " + e.getMessage());
            System.exit(1);
        }
    }

    static String usage() {
        return String.format(USAGE, File.pathSeparator);
    }

    /** Does what the arguments say and returns the message to print. */
    static String run(List<String> args, Map<String, String> env) throws IOException {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing the action: install, uninstall or where");
        }
        String action = args.get(0);
        Path kernelsDir = null;
        String classpath = System.getProperty("java.class.path");
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--user" -> kernelsDir = userKernelsDir(env, System.getProperty("os.name"), System.getProperty("user.home"));
                case "--prefix" -> kernelsDir = Path.of(value(args, ++i, option)).resolve("share/jupyter/kernels");
                case "--kernels-dir" -> kernelsDir = Path.of(value(args, ++i, option));
                case "--classpath" -> classpath = value(args, ++i, option);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (kernelsDir == null) {
            kernelsDir = userKernelsDir(env, System.getProperty("os.name"), System.getProperty("user.home"));
        }
        kernelsDir = kernelsDir.toAbsolutePath().normalize();
        return switch (action) {
            case "install" -> {
                List<Path> entries = classpathEntries(classpath);
                if (KernelSpec.upToDate(kernelsDir, entries)) {
                    yield "kernelspec '" + KernelSpec.NAME + "' in " + kernelsDir.resolve(KernelSpec.NAME)
                            + " is up to date (nothing copied)";
                }
                Path spec = KernelSpec.install(kernelsDir, entries);
                yield "installed kernelspec '" + KernelSpec.NAME + "' (\"" + KernelSpec.DISPLAY_NAME + "\") in " + spec;
            }
            case "uninstall" -> KernelSpec.uninstall(kernelsDir)
                    ? "removed kernelspec '" + KernelSpec.NAME + "' from " + kernelsDir
                    : "no kernelspec '" + KernelSpec.NAME + "' in " + kernelsDir + ": nothing to remove";
            case "where" -> kernelsDir.resolve(KernelSpec.NAME).toString();
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use install, uninstall or where");
        };
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    static List<Path> classpathEntries(String classpath) {
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
