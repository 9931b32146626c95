package jgrad.kernel.launch;

import java.lang.reflect.Field;
import java.util.List;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.RapaioKernel;

/**
 * Guards rapaio-jupyter-kernel 3.0.1's start-up against two races that leave a kernel alive but deaf
 * (Jupyter then waits forever on "Connecting to kernel"; seen under CPU load):
 * <ol>
 *   <li>{@code Channels.connect} starts the shell and control loops before it creates and fills its
 *       handler table. A request already waiting when the shell socket is bound (Jupyter sends
 *       {@code kernel_info_request} as soon as the kernel process exists) is looked up in a null table
 *       (the NullPointerException kills the shell loop) or a half-filled one ("Unhandled message": the
 *       request is dropped and Jupyter waits 60 s). The guard runs {@code connect} holding the shell and
 *       control channels' own monitors, which their {@code readMessage} needs: the loops read their
 *       first request only once the table is complete (and visible to them).
 *   <li>{@code LoopThread.start()} sets its {@code running} flag only after {@code Thread.start()},
 *       so a loop thread that runs first sees {@code false} and ends silently. The guard restarts any
 *       channel loop (shell, control, heartbeat) that has ended while the kernel is not shutting down.
 * </ol>
 * Both work on private fields of that exact version; {@code StartupGuardTest} pins them.
 */
final class StartupGuard {

    private static final Logger LOGGER = Logger.getLogger(StartupGuard.class.getSimpleName());
    /** The channels that run a {@link LoopThread}: the iopub and stdin channels have none. */
    private static final List<String> LOOPING_CHANNELS = List.of("shell", "control", "heartbeat");

    private final Channels channels;

    StartupGuard(Channels channels) {
        this.channels = channels;
    }

    /** {@code channels.connect(kernel)} with no request read before the handler table is complete. */
    void connect(RapaioKernel kernel) {
        Object shell = channel("shell");
        Object control = channel("control");
        synchronized (shell) {
            synchronized (control) {
                channels.connect(kernel);
            }
        }
    }

    /** Whether any channel has been closed (the kernel is shutting down). */
    boolean closed() {
        for (String name : LOOPING_CHANNELS) {
            if ((boolean) read(channel(name), channel(name).getClass().getSuperclass(), "closed")) {
                return true;
            }
        }
        return false;
    }

    /** Restarts every channel loop that has ended while the kernel is not shutting down; returns how many. */
    int reviveEndedLoops() {
        int revived = 0;
        for (String name : LOOPING_CHANNELS) {
            Object channel = channel(name);
            LoopThread loop = (LoopThread) read(channel, channel.getClass(), "loopThread");
            // Ended with running still true: it never looped (race 2 above) or died of an exception. A loop that
            // was shut down (kernel shutdown) has running == false and stays ended.
            if (loop == null || loop.isAlive() || loop.getState() == Thread.State.NEW
                    || !(boolean) read(loop, LoopThread.class, "running") || channels.isMarkedForShutdown() || closed()) {
                continue;
            }
            LoopThread fresh = new LoopThread(loop.getName(), (long) read(loop, LoopThread.class, "sleep"),
                    (Runnable) read(loop, LoopThread.class, "loopBody"));
            write(fresh, LoopThread.class, "running", true); // before start(): no second race
            write(channel, channel.getClass(), "loopThread", fresh);
            fresh.start();
            LOGGER.info("restarted the " + name + " loop (" + loop.getName() + "), which had ended while the kernel was running");
            revived++;
        }
        return revived;
    }

    /** Checks the loops every {@code periodMillis} until the kernel shuts down. */
    void watchUntilClosed(long periodMillis) throws InterruptedException {
        while (!closed()) {
            reviveEndedLoops();
            Thread.sleep(periodMillis);
        }
    }

    LoopThread loop(String name) {
        Object channel = channel(name);
        return (LoopThread) read(channel, channel.getClass(), "loopThread");
    }

    private Object channel(String name) {
        return read(channels, Channels.class, name);
    }

    static Object read(Object target, Class<?> type, String field) {
        try {
            return field(type, field).get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(Object target, Class<?> type, String field, Object value) {
        try {
            field(type, field).set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("rapaio-jupyter-kernel changed: " + type.getName() + " has no field '" + name
                    + "' (jgrad's start-up guard is written for version 3.0.1)", e);
        }
    }
}
