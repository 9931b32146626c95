package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Kernel &gt; Interrupt and Kernel &gt; Restart through jupyter_client, as Notebook and Lab send them
 * (src/test/python/interrupt_kernel.py): a busy loop, a counted int loop, {@code Thread.sleep}, a
 * blocking {@code System.in.read()} and a printing loop each end within 2 s with an "interrupted"
 * error on their own cell, the next cell sees the variable, import and method defined before, a
 * restart gives a fresh kernel; and the cells see lib's Vector API kernels on, with no incubator
 * warning in any output nor on the kernel's stdout/stderr (they go to the kernel log).
 */
class InterruptIT {

    private static final Path HOME = JupyterSupport.moduleDir().resolve("target/jupyter-interrupt");

    @Test
    void interruptStopsTheCellKeepsTheStateAndRestartWorks() throws Exception {
        Optional<String> python = JupyterSupport.pythonWithNbclient();
        JupyterSupport.need(python.isPresent(), "no Python with jupyter_client/nbclient (install jupyter-nbconvert / nbclient)");
        JupyterSupport.installKernel(HOME);
        Path log = HOME.resolve("interrupt.log");
        Path kernelLog = HOME.resolve("kernel.log");
        Map<String, String> env = new java.util.HashMap<>(JupyterSupport.env(HOME));
        env.put("JGRAD_KERNEL_LOG", kernelLog.toString());
        int exit = JupyterSupport.run(List.of(python.get(), JupyterSupport.moduleDir().resolve("src/test/python/interrupt_kernel.py").toString(),
                "--kernel", KernelSpec.NAME, "--vector"), HOME, env, log, 600);
        String out = Files.readString(log);
        System.out.println(out);
        assertEquals(0, exit, "interrupt_kernel.py failed:\n" + out);
        assertTrue(out.contains("PASS"), out);
        assertFalse(out.contains("Using incubator modules"), "the JVM's incubator warning reached the terminal:\n" + out);
        assertFalse(out.contains("Parsing classpath"), "the kernel's start-up lines reached the terminal:\n" + out);
        if (java.io.File.separatorChar == '/') {
            assertTrue(Files.readString(kernelLog).contains("Using incubator modules"), "the warning is in the kernel log instead");
        }
    }
}
