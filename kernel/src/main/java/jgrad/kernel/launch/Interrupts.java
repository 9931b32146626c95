package jgrad.kernel.launch;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatter;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.EvaluationInterruptedException;
import org.rapaio.jupyter.kernel.core.java.JavaEngine;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl;
import org.rapaio.jupyter.kernel.core.java.RapaioExecutionControlProvider;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;
import org.rapaio.jupyter.kernel.display.text.ANSI;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.ShellKernelInfoReply;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Kernel &gt; Interrupt that stops the cell and keeps the kernel. rapaio-jupyter-kernel 3.0.1's own
 * interrupt kills the kernel without saying so:
 * <ol>
 *   <li>its handler shuts down the executor that runs cells ({@code JavaEngine.interrupt} calls
 *       {@code stop()}), so every later cell fails to start and gets no output;
 *   <li>it only {@code Thread.interrupt}s the cell, which a busy loop ignores (the JVM stays at 100%);
 *   <li>the control loop that reads interrupt_request shares the shell's "current message" and
 *       after-actions: it re-parents the running cell's messages to the interrupt request and runs the
 *       cell's clean-up (idle status, stream restore) early, so the cell's error went out as the reply
 *       to the interrupt and the cell stayed [*].
 * </ol>
 * This replaces the cells' executor with a {@link CellExecutor}, the console's streams with
 * {@link CellStreams}, and the control loop with one that answers interrupt_request itself, without
 * touching the shell's state; other control messages (shutdown, restart) go to rapaio as before.
 */
final class Interrupts {

    private static final Logger LOGGER = Logger.getLogger(Interrupts.class.getSimpleName());
    private static final long LOOP_SLEEP_MILLIS = 20;

    private final RapaioKernel kernel;
    private final Channels channels;
    private final CellExecutor executor;

    private Interrupts(RapaioKernel kernel, Channels channels, CellExecutor executor) {
        this.kernel = kernel;
        this.channels = channels;
        this.executor = executor;
    }

    /** Installs the interruptible executor and streams; call before the channels are connected. */
    static Interrupts prepare(RapaioKernel kernel, Channels channels) {
        Object iopub = StartupGuard.read(channels, Channels.class, "iopub");
        CellExecutor executor = new CellExecutor(iopub);
        JavaEngine engine = kernel.javaEngine();
        RapaioExecutionControlProvider provider = (RapaioExecutionControlProvider) StartupGuard.read(engine, JavaEngine.class, "controlProvider");
        RapaioExecutionControl control = provider.getRegisteredControl((String) StartupGuard.read(engine, JavaEngine.class, "executionId"));
        ExecutorService old = (ExecutorService) StartupGuard.read(control, RapaioExecutionControl.class, "executor");
        StartupGuard.write(control, RapaioExecutionControl.class, "executor", executor);
        old.shutdown(); // it ran the init scripts; its idle threads would keep the JVM alive for a minute
        CellStreams.install((JShellConsole) StartupGuard.read(kernel, RapaioKernel.class, "shellConsole"), channels, executor);
        explainInterruptedCells();
        return new Interrupts(kernel, channels, executor);
    }

    CellExecutor executor() {
        return executor;
    }

    /**
     * Replaces the control channel's loop (once {@code channels.connect} has created it) with one that
     * handles interrupt_request here. Returns the new loop.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    LoopThread takeOverControlLoop() throws InterruptedException {
        Object control = StartupGuard.read(channels, Channels.class, "control");
        Class<?> channelType = control.getClass();
        LoopThread old = (LoopThread) StartupGuard.read(control, channelType, "loopThread");
        ZMQ.Socket socket = (ZMQ.Socket) StartupGuard.read(control, channelType.getSuperclass(), "socket");
        ZMQ.Context context = (ZMQ.Context) StartupGuard.read(control, channelType.getSuperclass(), "ctx");
        var channel = (org.rapaio.jupyter.kernel.channels.ControlChannel) control;
        ZMQ.Poller poller = context.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        LoopThread loop = new LoopThread("jgrad-control", LOOP_SLEEP_MILLIS, () -> {
            if (poller.poll(0) <= 0) {
                return;
            }
            Message<?> message = channel.readMessage();
            if (message == null) {
                return;
            }
            if (message.header().type() == MessageType.CONTROL_INTERRUPT_REQUEST) {
                int cells = executor.interrupt();
                LOGGER.info("interrupt_request: interrupted " + cells + " running cell(s)");
                channel.sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
                return;
            }
            if (message.header().type() == MessageType.SHELL_KERNEL_INFO_REQUEST) {
                answerKernelInfo(channel, message); // rapaio would answer on the shell socket: lost
                return;
            }
            MessageHandler handler = channels.getHandler(message.header().type());
            if (handler == null) {
                LOGGER.severe("unhandled control message: " + message.header().type().name());
                return;
            }
            channels.setMsgId(message.getId());
            try {
                handler.handle(message);
            } catch (Exception e) {
                LOGGER.severe("exception handling " + message.header().type().name() + ": " + e);
            } finally {
                channels.runAfterActions();
            }
            if (channels.isMarkedForShutdown()) {
                channels.close();
            }
        });
        if (old != null) {
            old.shutdown();
            old.join(2000);
        }
        StartupGuard.write(loop, LoopThread.class, "running", true); // before start(): LoopThread's own race
        StartupGuard.write(control, channelType, "loopThread", loop);
        loop.start();
        return loop;
    }

    /**
     * kernel_info_request on the control channel (jupyter_server "nudges" a kernel this way when a
     * browser connects, and waits for an answer and for iopub traffic before it reports the kernel's
     * status: JupyterLab showed "Unknown"): answered on the control socket, with busy and idle on iopub.
     */
    private void answerKernelInfo(org.rapaio.jupyter.kernel.channels.ControlChannel control, Message<?> request) {
        Object iopub = StartupGuard.read(channels, Channels.class, "iopub");
        var iopubChannel = (org.rapaio.jupyter.kernel.channels.IOPubChannel) iopub;
        iopubChannel.sendMessage(new Message<>(request.getId(), MessageType.IOPUB_STATUS, IOPubStatus.BUSY));
        try {
            Method info = RapaioKernel.class.getDeclaredMethod("kernelInfo");
            info.setAccessible(true);
            control.sendMessage(new Message<>(request.getId(), MessageType.SHELL_KERNEL_INFO_REPLY,
                    (ShellKernelInfoReply) info.invoke(kernel)));
        } catch (ReflectiveOperationException e) {
            LOGGER.severe("cannot answer kernel_info_request on the control channel: " + e);
        } finally {
            iopubChannel.sendMessage(new Message<>(request.getId(), MessageType.IOPUB_STATUS, IOPubStatus.IDLE));
        }
    }

    /** The interrupted cell's error, in the student's terms, in place of "InterruptedException:". */
    @SuppressWarnings("unchecked")
    private static void explainInterruptedCells() {
        Map<Class<?>, ErrorFormatter<?>> formatters = (Map<Class<?>, ErrorFormatter<?>>) StartupGuard.read(null, ErrorFormatters.class, "map");
        ErrorFormatter<EvaluationInterruptedException> format = (kernel, e) -> {
            List<String> lines = new ArrayList<>(ANSI.errorTypeHeader("Interrupted:"));
            lines.addAll(ANSI.errorMessages("this cell was stopped (Kernel > Interrupt). Variables, imports and methods"
                    + " from earlier cells are kept; what this cell had not finished is not."));
            lines.addAll(ANSI.sourceCode(e.getSource()));
            return lines;
        };
        formatters.put(EvaluationInterruptedException.class, format);
    }
}
