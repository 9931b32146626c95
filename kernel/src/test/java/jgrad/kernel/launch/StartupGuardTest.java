package jgrad.kernel.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.MessageHandler;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.MessageType;

/**
 * The start-up guard against rapaio-jupyter-kernel 3.0.1's races, on real channels bound to free
 * local ports: a handler lookup made before connect() finishes waits for the real handler instead of
 * throwing, and a channel loop that ended at start-up is restarted. Also pins the private fields used.
 */
class StartupGuardTest {

    private static RapaioKernel kernel;

    @BeforeAll
    static void startJShell() {
        kernel = new RapaioKernel();
    }

    @AfterAll
    static void stopJShell() {
        kernel.onShutdown();
    }

    private static Channels channels() throws Exception {
        return new Channels(new ConnectionProperties(freePort(), freePort(), "tcp", "hmac-sha256", freePort(), freePort(),
                "127.0.0.1", freePort(), "test-key"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aLookupBeforeConnectWaitsForTheRealHandler() throws Exception {
        Channels channels = channels();
        StartupGuard guard = StartupGuard.install(channels);
        try {
            // What the shell loop does when a request is waiting at bind time: without the guard, an NPE.
            CompletableFuture<MessageHandler<?>> early = CompletableFuture.supplyAsync(
                    () -> channels.getHandler(MessageType.SHELL_KERNEL_INFO_REQUEST));
            Thread.sleep(200);
            assertTrue(!early.isDone(), "the lookup waits at the gate");
            channels.connect(kernel);
            guard.open();
            assertNotNull(early.get(10, TimeUnit.SECONDS), "then finds kernel_info_request's handler");
            assertNotNull(channels.getHandler(MessageType.SHELL_EXECUTE_REQUEST));
        } finally {
            channels.close();
        }
    }

    @Test
    void aLoopThatEndedIsRestartedButNotAfterShutdown() throws Exception {
        Channels channels = channels();
        StartupGuard guard = StartupGuard.install(channels);
        try {
            channels.connect(kernel);
            guard.open();
            // rapaio's race may already have ended loops right here (it often does: this is the bug).
            int endedAtStart = guard.reviveEndedLoops();
            System.out.println("loops ended by the start-up race and restarted: " + endedAtStart);
            for (String name : new String[] {"shell", "control", "heartbeat"}) {
                assertTrue(guard.loop(name).isAlive(), name + " loop runs");
            }
            assertEquals(0, guard.reviveEndedLoops(), "nothing left to restart");
            LoopThread shell = guard.loop("shell");
            // Race 2: the thread ended before start() set running; simulate it by stopping the loop, then
            // setting the flag back as start() would have.
            shell.shutdown();
            shell.join(5000);
            StartupGuard.write(shell, LoopThread.class, "running", true);

            assertEquals(1, guard.reviveEndedLoops());
            LoopThread revived = guard.loop("shell");
            assertNotSame(shell, revived);
            assertTrue(revived.isAlive());
            assertEquals(shell.getName(), revived.getName());
        } finally {
            channels.close();
        }
        assertTrue(guard.closed());
        guard.loop("shell").join(5000);
        assertEquals(0, guard.reviveEndedLoops(), "a shut-down kernel stays down");
    }
}
