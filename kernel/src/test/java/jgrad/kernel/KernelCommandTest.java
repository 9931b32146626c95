package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCommandTest {

    @TempDir
    Path tmp;

    @Test
    void userFolderFollowsJupytersRules() {
        assertEquals(Path.of("/d/kernels"), KernelCommand.userKernelsDir(Map.of("JUPYTER_DATA_DIR", "/d"), "Linux", "/h"));
        assertEquals(Path.of("/h/.local/share/jupyter/kernels"), KernelCommand.userKernelsDir(Map.of(), "Linux", "/h"));
        assertEquals(Path.of("/x/jupyter/kernels"), KernelCommand.userKernelsDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", "/h"));
        assertEquals(Path.of("/h/Library/Jupyter/kernels"), KernelCommand.userKernelsDir(Map.of(), "Mac OS X", "/h"));
    }

    @Test
    void prefixInstallsWhereJupyterLooksForAVirtualenv() throws IOException {
        String message = KernelCommand.run(List.of("install", "--prefix", tmp.toString(), "--classpath", ""), Map.of());
        Path spec = tmp.resolve("share/jupyter/kernels/jgrad");
        assertEquals("installed kernelspec 'jgrad' (\"Java (jgrad)\") in " + spec, message);
        assertTrue(Files.isRegularFile(spec.resolve("kernel.json")));
        assertEquals("removed kernelspec 'jgrad' from " + tmp.resolve("share/jupyter/kernels"),
                KernelCommand.run(List.of("uninstall", "--prefix", tmp.toString()), Map.of()));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertEquals("unknown action 'instal': use install, uninstall or where",
                assertThrows(IllegalArgumentException.class, () -> KernelCommand.run(List.of("instal"), Map.of())).getMessage());
        assertEquals("--prefix needs a value",
                assertThrows(IllegalArgumentException.class, () -> KernelCommand.run(List.of("install", "--prefix"), Map.of())).getMessage());
        assertEquals("unknown option '--sys'",
                assertThrows(IllegalArgumentException.class, () -> KernelCommand.run(List.of("install", "--sys"), Map.of())).getMessage());
    }
}
