package jgrad.kernel.launch;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * The jgrad kernel's entry point (the kernelspec's argv): rapaio-jupyter-kernel's {@code MainApp}
 * with a {@link StartupGuard}, so a kernel started on a busy machine always answers Jupyter, and
 * {@link Interrupts}, so Kernel &gt; Interrupt stops the running cell and keeps the kernel.
 * It runs on the JVM classpath next to the rapaio jar only (the kernelspec's jars/jgrad-kernel-launcher.jar);
 * everything notebooks see is on the cells' classpath (RJK_CLASSPATH).
 */
public final class KernelMain {

    private static final Logger LOGGER = Logger.getLogger(KernelMain.class.getSimpleName());
    /** How often the guard checks the channel loops while the kernel runs. */
    private static final long WATCH_MILLIS = 250;

    private KernelMain() {
    }

    /**
     * The install-time run that fills the class-data archive (jgrad.kernel.ClassDataArchive): starts
     * JShell as a kernel does, evaluates one snippet of each kind, exits (the JVM writes the archive).
     */
    private static void warmUp() throws Exception {
        RapaioKernel kernel = MainApp.kernel;
        kernel.eval("int warmUp = 1 + 1;");
        kernel.eval("double[] warm = new double[] {1, 2, 3};");
        kernel.eval("String.valueOf(warmUp)");
        kernel.onShutdown();
        System.exit(0);
    }

    /** @param args the connection file Jupyter wrote ({connection_file} in kernel.json) */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--warm-up")) {
            warmUp();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -cp rapaio-jupyter-kernel.jar:jgrad-kernel-launcher.jar "
                    + KernelMain.class.getName() + " CONNECTION_FILE   (Jupyter runs this; see kernel.json)");
            System.exit(2);
        }
        try (InputStream logging = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            if (logging != null) {
                LogManager.getLogManager().readConfiguration(logging);
            }
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("connection file '" + connectionFile + "' is not a file");
        }
        ConnectionProperties connection = Transform.fromJson(Files.readString(connectionFile, StandardCharsets.UTF_8),
                ConnectionProperties.class);
        if ("ipc".equals(connection.transport())) {
            LOGGER.severe("the ipc transport is not supported by rapaio-jupyter-kernel; use tcp");
        }
        RapaioKernel kernel = MainApp.kernel; // starts JShell (the slow part) before any socket is bound
        Channels channels = new Channels(connection);
        Interrupts interrupts = Interrupts.prepare(kernel, channels);
        StartupGuard guard = new StartupGuard(channels);
        guard.connect(kernel);
        interrupts.takeOverControlLoop();
        guard.watchUntilClosed(WATCH_MILLIS);
        channels.joinUntilClose();
        // A cell that could not be stopped (a busy loop on Java 20+) must not keep a shut-down kernel alive:
        // Jupyter would wait for it, then kill it, and a restart would take seconds longer.
        System.exit(0);
    }
}
