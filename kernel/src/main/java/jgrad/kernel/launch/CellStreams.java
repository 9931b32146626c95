package jgrad.kernel.launch;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.java.io.JShellConsole;
import org.rapaio.jupyter.kernel.core.java.io.JShellInputStream;
import org.rapaio.jupyter.kernel.core.java.io.JShellOutputStream;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.StdinInputReply;
import org.rapaio.jupyter.kernel.message.messages.StdinInputRequest;
import org.rapaio.org.zeromq.ZMQ;

/**
 * The cells' {@code System.out}, {@code System.err} and {@code System.in}, in place of rapaio's
 * (the kernel rebinds {@code System.*} to the console's streams for every execute request):
 * <ul>
 *   <li>a print from an interrupted cell throws {@link CellInterrupted} rather than writing into
 *       whichever cell runs next;
 *   <li>a read ({@code System.in.read()}, {@code Scanner}) waits for the frontend's input_reply in
 *       100 ms polls, so an interrupt ends it; rapaio's blocks in the socket and can only be killed.
 *       A reply that arrives after its read was interrupted is dropped before the next request.
 * </ul>
 */
public final class CellStreams {

    private static final long POLL_MILLIS = 100;
    /** How often a cell's printed text goes out: one message per println flooded Jupyter's iopub queue. */
    static final long FLUSH_MILLIS = 50;

    /** The installed streams, for {@link #sendPrinted()}; null outside the jgrad kernel. */
    private static volatile Output installedOut;
    private static volatile Output installedErr;

    private CellStreams() {
    }

    /**
     * Sends what the running cell printed so far, before something else goes to its output: a
     * display, a progress bar, the snippet's value or its error (as ipykernel flushes sys.stdout
     * first). Without it the 50 ms batching showed a table above the line the cell printed before it.
     * Does nothing outside the kernel or in a cell that is being interrupted.
     */
    public static void sendPrinted() {
        Output out = installedOut;
        Output err = installedErr;
        if (out == null || CellExecutor.stopping()) {
            return;
        }
        out.send();
        err.send();
    }

    /** Replaces the console's three streams with the interruptible ones. */
    static void install(JShellConsole console, Channels channels, CellExecutor executor) {
        Output out = new Output(false);
        Output err = new Output(true);
        installedOut = out;
        installedErr = err;
        replace(console, "out", out);
        replace(console, "err", err);
        replace(console, "in", new Input(channels, executor));
        Thread flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(FLUSH_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                out.send();
                err.send();
            }
        }, "jgrad-output-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    private static void replace(JShellConsole console, String name, Object stream) {
        try {
            Field field = JShellConsole.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(console, stream);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rapaio-jupyter-kernel changed: JShellConsole has no field '" + name
                    + "' (jgrad's interrupt support is written for version 3.0.1)", e);
        }
    }

    /**
     * rapaio's output stream (it sends on flush) with a checkpoint before every write, and batched:
     * a flush from the cell (every println) only marks the text for the flusher thread, which sends it
     * every {@link #FLUSH_MILLIS} ms, as ipykernel does. rapaio sent one iopub message per line: a
     * printing loop sent thousands a second, ZeroMQ dropped what the frontend could not take (the
     * cell's error and idle status among them) and the cell stayed [*]. The kernel's own flush at the
     * end of a cell (not on a cell thread) sends at once.
     */
    static final class Output extends JShellOutputStream {

        Output(boolean err) {
            super(err);
        }

        /** Sends what is pending, if a cell is bound to the channels (else drops it: nobody to show it to). */
        synchronized void send() {
            if (size() == 0) {
                return;
            }
            try {
                super.flush();
            } catch (IllegalStateException unbound) {
                reset(); // printed by a stopped cell after its cell ended
            }
        }

        @Override
        public synchronized void write(int b) {
            CellExecutor.checkpoint();
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            CellExecutor.checkpoint();
            super.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            CellExecutor.checkpoint();
            if (!CellExecutor.inCell()) {
                super.flush();
            }
        }
    }

    /** Reads lines from the frontend (input_request / input_reply on the stdin channel), interruptibly. */
    static final class Input extends JShellInputStream {

        private final Channels channels;
        private final CellExecutor executor;
        private byte[] pending = new byte[0];
        private int next;
        private volatile boolean enabled;

        Input(Channels channels, CellExecutor executor) {
            this.channels = channels;
            this.executor = executor;
        }

        @Override
        public void bindChannels(Channels channels, boolean enabled) {
            super.bindChannels(channels, enabled);
            this.enabled = enabled;
        }

        @Override
        public void unbindChannels() {
            super.unbindChannels();
            this.enabled = false;
        }

        @Override
        public synchronized int read() {
            if (!fill()) {
                return -1;
            }
            return pending[next++] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] into, int offset, int len) {
            java.util.Objects.checkFromIndexSize(offset, len, into.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, pending.length - next);
            System.arraycopy(pending, next, into, offset, n);
            next += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return pending.length - next;
        }

        /** Makes sure a byte is pending: asks the frontend for a line if none is. False: no stdin here. */
        private boolean fill() {
            CellExecutor.checkpoint();
            if (next < pending.length) {
                return true;
            }
            if (!enabled) {
                return false;
            }
            String line = executor.input(this::askFrontend);
            pending = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            next = 0;
            return true;
        }

        private String askFrontend() {
            Object stdin = StartupGuard.read(channels, Channels.class, "stdin");
            MessageId<?> parent = (MessageId<?>) StartupGuard.read(channels, Channels.class, "msgId");
            ZMQ.Socket socket = (ZMQ.Socket) StartupGuard.read(stdin, stdin.getClass().getSuperclass(), "socket");
            ZMQ.Context context = (ZMQ.Context) StartupGuard.read(stdin, stdin.getClass().getSuperclass(), "ctx");
            var channel = (org.rapaio.jupyter.kernel.channels.StdinChannel) stdin;
            synchronized (stdin) {
                ZMQ.Poller poller = context.poller(1);
                try {
                    poller.register(socket, ZMQ.Poller.POLLIN);
                    while (poller.poll(0) > 0) {
                        channel.readMessage(); // the late reply to a read that was interrupted
                    }
                    channel.sendMessage(new Message<>(parent, MessageType.STDIN_INPUT_REQUEST, new StdinInputRequest("", false)));
                    while (true) {
                        CellExecutor.checkpoint();
                        if (poller.poll(POLL_MILLIS) > 0) {
                            Message<?> reply = channel.readMessage();
                            if (reply != null && reply.content() instanceof StdinInputReply input) {
                                return input.value();
                            }
                        }
                    }
                } finally {
                    poller.close();
                }
            }
        }
    }
}
