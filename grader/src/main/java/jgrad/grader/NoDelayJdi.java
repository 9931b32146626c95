package jgrad.grader;

import com.sun.jdi.BooleanValue;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jshell.execution.JdiExecutionControl;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jgrad.grader.agent.NoDelayAgent;

/**
 * JShell's JDI execution engine ({@code "jdi:hostname(localhost)"}: the notebook's code in a JVM of its own,
 * JDI to stop a runaway cell) with the command socket in {@code TCP_NODELAY} mode at both ends. With JDK's
 * own engine every snippet, however small, waited about 0.2 s on Nagle's algorithm and delayed
 * acknowledgements (JShell writes each message as many small packets); a check that probes a notebook
 * twenty times lost four seconds to it. Everything else is as in the JDK's {@code JdiDefaultExecutionControl}.
 *
 * <p>The notebook JVM's main class is {@link NoDelayAgent}, which runs from a folder that holds only that
 * class ({@link #agentFolder()}): the notebook JVM's application class path gains nothing else.
 */
final class NoDelayJdi implements ExecutionControlProvider {

    /** System property: a folder holding {@code jgrad/grader/agent/NoDelayAgent.class} (the sandbox stages one). */
    static final String AGENT_PROPERTY = "jgrad.session.agent";
    private static final String AGENT_CLASS = NoDelayAgent.class.getName();
    private static final String AGENT_FILE = AGENT_CLASS.replace('.', '/') + ".class";
    /** The frames {@link Control#stop()} looks for: JShell's agent, which NoDelayAgent runs. */
    private static final String REMOTE_CONTROL = RemoteExecutionControl.class.getName();
    private static final int TIMEOUT_MS = 30_000;
    private static volatile Path extracted;

    @Override
    public String name() {
        return "jgrad-jdi";
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of();
    }

    /**
     * The folder on the notebook JVM's class path: {@value #AGENT_PROPERTY} when set, else a copy of the
     * agent's class file made once per JVM in the temporary folder (removed when this JVM exits).
     */
    static Path agentFolder() {
        String given = System.getProperty(AGENT_PROPERTY);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path folder = extracted;
        if (folder == null) {
            synchronized (NoDelayJdi.class) {
                if (extracted == null) {
                    extracted = writeAgent();
                }
                folder = extracted;
            }
        }
        return folder;
    }

    private static Path writeAgent() {
        try {
            Path dir = Files.createTempDirectory("jgrad-agent-");
            writeAgentInto(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "jgrad-agent-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the notebook JVM's agent class: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    /** Writes the agent's class file under {@code dir} (its package's folders included). */
    static void writeAgentInto(Path dir) throws IOException {
        Path file = dir.resolve(AGENT_FILE);
        Files.createDirectories(file.getParent());
        try (InputStream in = NoDelayJdi.class.getClassLoader().getResourceAsStream(AGENT_FILE)) {
            if (in == null) {
                throw new IOException(AGENT_FILE + " is not on the grader's class path");
            }
            Files.write(file, in.readAllBytes());
        }
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(TIMEOUT_MS);
            List<String> options = new ArrayList<>(env.extraRemoteVMOptions());
            options.add("-cp");
            options.add(agentFolder().toString());
            JdiInitiator jdi = new JdiInitiator(listener.getLocalPort(), options, AGENT_CLASS, false, "localhost",
                    TIMEOUT_MS, Map.of());
            VirtualMachine vm = jdi.vm();
            Process process = jdi.process();
            List<Consumer<String>> deathListeners = new ArrayList<>();
            Util.detectJdiExitEvent(vm, s -> deathListeners.forEach(h -> h.accept(s)));
            Socket socket = listener.accept();
            socket.setTcpNoDelay(true);
            Map<String, OutputStream> outputs = new HashMap<>();
            outputs.put("out", env.userOut());
            outputs.put("err", env.userErr());
            Map<String, InputStream> input = new HashMap<>();
            input.put("in", env.userIn());
            return Util.remoteInputOutput(socket.getInputStream(), socket.getOutputStream(), outputs, input,
                    (in, out) -> new Control(out, in, vm, process, env, deathListeners));
        }
    }

    /** The host's end: JDK's JdiDefaultExecutionControl, which cannot be reused with another socket. */
    private static final class Control extends JdiExecutionControl {
        private final Object stopLock = new Object();
        private boolean userCodeRunning;
        private VirtualMachine vm;
        private Process process;

        Control(ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process, ExecutionEnv env,
                List<Consumer<String>> deathListeners) {
            super(out, in);
            this.vm = vm;
            this.process = process;
            deathListeners.add(s -> env.closeDown());
            deathListeners.add(s -> disposeVm());
        }

        @Override
        public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
                InternalException {
            synchronized (stopLock) {
                userCodeRunning = true;
            }
            try {
                return super.invoke(className, methodName);
            } finally {
                synchronized (stopLock) {
                    userCodeRunning = false;
                }
            }
        }

        /** As JShell does: marks the stop as expected in the agent, then throws its stop exception in the thread. */
        @Override
        public void stop() throws EngineTerminationException, InternalException {
            synchronized (stopLock) {
                if (!userCodeRunning) {
                    return;
                }
                vm().suspend();
                try {
                    outer:
                    for (ThreadReference thread : vm().allThreads()) {
                        for (StackFrame frame : thread.frames()) {
                            String method = frame.location().method().name();
                            if (REMOTE_CONTROL.equals(frame.location().declaringType().name())
                                    && ("invoke".equals(method) || "varValue".equals(method))) {
                                ObjectReference self = frame.thisObject();
                                Field inClientCode = self.referenceType().fieldByName("inClientCode");
                                Field expectingStop = self.referenceType().fieldByName("expectingStop");
                                Field stopException = self.referenceType().fieldByName("stopException");
                                if (((BooleanValue) self.getValue(inClientCode)).value()) {
                                    self.setValue(expectingStop, vm().mirrorOf(true));
                                    ObjectReference stopInstance = (ObjectReference) self.getValue(stopException);
                                    vm().resume();
                                    thread.stop(stopInstance);
                                    self.setValue(expectingStop, vm().mirrorOf(false));
                                }
                                break outer;
                            }
                        }
                    }
                } catch (ClassNotLoadedException | IncompatibleThreadStateException | InvalidTypeException e) {
                    throw new InternalException("Exception on remote stop: " + e);
                } finally {
                    vm().resume();
                }
            }
        }

        /**
         * Sends the close command, then disposes of the VM and destroys its process at once. The JDK's own
         * control waits up to a second for the remote to exit by itself; ours never exits by itself (measured:
         * the full second, every time), so that wait cost a second per notebook, about 13 s per graded student.
         * Nothing is lost by not waiting: a cell's output is flushed when its snippet ends.
         */
        @Override
        public void close() {
            super.close();
            disposeVm();
        }

        private synchronized void disposeVm() {
            try {
                if (vm != null) {
                    vm.dispose();
                    vm = null;
                }
            } catch (VMDisconnectedException e) {
                // Already gone.
            } catch (RuntimeException e) {
                // Disposing a dying VM may fail in many ways; the process is destroyed below either way.
            } finally {
                if (process != null) {
                    process.destroy();
                    process = null;
                }
            }
        }

        @Override
        protected synchronized VirtualMachine vm() throws EngineTerminationException {
            if (vm == null) {
                throw new EngineTerminationException("VM closed");
            }
            return vm;
        }
    }
}
