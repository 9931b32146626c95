package jgrad.grader.agent;

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

/**
 * The main class of a notebook's JVM: JShell's own remote agent ({@link RemoteExecutionControl#main}), with
 * one change: its socket to the grader sends each packet at once ({@code TCP_NODELAY}).
 *
 * <p>Why: JShell's protocol writes every command and reply as many small packets; with Nagle's algorithm on
 * both ends and the receiver's delayed acknowledgement (40 ms on Linux), each round trip waited for a
 * timer, which made every cell and every check's probe cost about 0.2 s however small it was.
 *
 * <p>This class runs alone on the notebook JVM's class path (a folder holding only it, see
 * {@code NoDelayJdi}), so the course's classes keep loading from JShell's class loader; it uses nothing
 * but the JDK.
 */
public final class NoDelayAgent {

    private NoDelayAgent() {
    }

    /** @param args the grader's port on the loopback interface */
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket((String) null, Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", s -> System.setOut(new PrintStream(s, true, StandardCharsets.UTF_8)));
        outputs.put("err", s -> System.setErr(new PrintStream(s, true, StandardCharsets.UTF_8)));
        Map<String, Consumer<InputStream>> input = new HashMap<>();
        input.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new RemoteExecutionControl(), in, out, outputs, input);
    }
}
