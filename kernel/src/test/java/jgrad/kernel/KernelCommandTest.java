package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path kernels = KernelCommand.prefixKernelsDir(tmp);
        String message = KernelCommand.install(kernels, "");
        Path spec = tmp.resolve("share/jupyter/kernels/jgrad");
        assertEquals("installed kernelspec 'jgrad' (\"Java (jgrad)\") in " + spec, message);
        assertEquals(spec, KernelCommand.where(kernels));
        assertTrue(Files.isRegularFile(spec.resolve("kernel.json")));
        assertEquals("removed kernelspec 'jgrad' from " + kernels, KernelCommand.uninstall(kernels));
        assertEquals("no kernelspec 'jgrad' in " + kernels + ": nothing to remove", KernelCommand.uninstall(kernels));
    }
}
