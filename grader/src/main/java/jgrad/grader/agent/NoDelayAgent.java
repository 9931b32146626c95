package jgrad.grader.agent;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;

/**
 * The main class of a notebook's JVM: JShell's own remote agent ({@link RemoteExecutionControl#main}), with
 * two changes: its socket to the grader sends each packet at once ({@code TCP_NODELAY}), and the cells'
 * output is buffered (sent every 50 ms while a cell runs, and when it ends) — without Nagle, a cell printing
 * 100,000 lines would otherwise send 200,000 tiny packets and take longer than the cell's time limit.
 *
 * <p>Why: JShell's protocol writes every command and reply as many small packets; with Nagle's algorithm on
 * both ends and the receiver's delayed acknowledgement (40 ms on Linux), each round trip waited for a
 * timer, which made every cell and every check's probe cost about 0.2 s however small it was.
 *
 * <p>This class runs alone on the notebook JVM's class path (a folder holding only it, see
 * {@code NoDelayJdi}), so the course's classes keep loading from JShell's class loader; it uses nothing
 * but the JDK.
 */
public final class NoDelayAgent extends RemoteExecutionControl {

    /** How often the cells' buffered output is sent while a cell runs (as the kernel batches its output). */
    private static final long FLUSH_MILLIS = 50;

    private NoDelayAgent() {
    }

    /** @param args the grader's port on the loopback interface */
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket((String) null, Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", s -> System.setOut(buffered(s)));
        outputs.put("err", s -> System.setErr(buffered(s)));
        Map<String, Consumer<InputStream>> input = new HashMap<>();
        input.put("in", System::setIn);
        Thread flusher = new Thread(NoDelayAgent::flushPeriodically, "jgrad-output");
        flusher.setDaemon(true);
        flusher.start();
        Util.forwardExecutionControlAndIO(new NoDelayAgent(), in, out, outputs, input);
    }

    /** Runs a cell's snippet; whatever it printed is sent before its result. */
    @Override
    public String invoke(String className, String methodName) throws ExecutionControl.RunException,
            ExecutionControl.InternalException, ExecutionControl.EngineTerminationException {
        try {
            return super.invoke(className, methodName);
        } finally {
            flushOutputs();
        }
    }

    private static PrintStream buffered(OutputStream stream) {
        return new PrintStream(new BufferedOutputStream(stream, 1 << 16), false, StandardCharsets.UTF_8);
    }

    private static void flushPeriodically() {
        while (true) {
            try {
                Thread.sleep(FLUSH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            flushOutputs();
        }
    }

    private static void flushOutputs() {
        System.out.flush();
        System.err.flush();
    }
}
