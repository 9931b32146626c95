package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import jgrad.io.SafeFiles;

/**
 * End to end as a student sees it: a {@code jupyter notebook} server on 127.0.0.1 (free port, random
 * token), headless Chromium driven by playwright-core (src/test/browser/run-notebook.mjs) opens
 * display_check.ipynb, runs all cells and finds the chart image and the table. The screenshot is
 * target/browser/display_check.png.
 */
class BrowserIT {

    private static final Path MODULE = JupyterSupport.moduleDir();
    private static final Path HOME = MODULE.resolve("target/jupyter-browser");
    private static final Path BROWSER = MODULE.resolve("target/browser");

    @Test
    void notebookRendersChartAndTableInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        JupyterSupport.need(Files.isExecutable(chromium), "Chromium is not installed at " + chromium + " (apt-get install chromium)");
        JupyterSupport.need(JupyterSupport.onPath("node").isPresent() && JupyterSupport.onPath("npm").isPresent(),
                "node and npm are not on the PATH");
        JupyterSupport.need(JupyterSupport.onPath("jupyter").isPresent()
                && JupyterSupport.works(List.of("jupyter", "notebook", "--version")), "`jupyter notebook` is not installed");

        installPlaywright();
        JupyterSupport.installKernel(HOME);
        Path notebooks = Files.createDirectories(HOME.resolve("notebooks"));
        Files.copy(MODULE.resolve("src/test/notebooks/display_check.ipynb"), notebooks.resolve("display_check.ipynb"),
                StandardCopyOption.REPLACE_EXISTING);

        int port = freePort();
        String token = UUID.randomUUID().toString();
        Map<String, String> env = JupyterSupport.env(HOME);
        env.put("JUPYTER_TOKEN", token);
        List<String> server = new ArrayList<>(List.of("jupyter", "notebook", "--no-browser", "--ip=127.0.0.1",
                "--port=" + port, "--port-retries=0"));
        if ("root".equals(System.getProperty("user.name"))) {
            server.add("--allow-root");
        }
        Path serverLog = HOME.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(server).directory(notebooks.toFile()).redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process jupyter = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitServer(base + "/api?token=" + token, jupyter, serverLog);
            Path screenshot = BROWSER.resolve("display_check.png");
            Files.deleteIfExists(screenshot);
            Path profile = BROWSER.resolve("chromium-profile");
            SafeFiles.deleteRecursively(profile); // a fresh --user-data-dir every run
            Path log = BROWSER.resolve("run-notebook.log");
            int exit = JupyterSupport.run(List.of("node", "run-notebook.mjs", base, token, "display_check.ipynb",
                    screenshot.toString(), profile.toString()), BROWSER, Map.of("CHROMIUM", chromium.toString()), log, 300);
            System.out.printf("browser test took %.1f s (server start included)%n", (System.nanoTime() - start) / 1e9);
            assertEquals(0, exit, "the browser run failed:\n" + JupyterSupport.tail(log)
                    + "\n--- server log ---\n" + JupyterSupport.tail(serverLog));
            assertTrue(Files.size(screenshot) > 10_000, "screenshot " + screenshot + " looks empty");
        } finally {
            JupyterSupport.stop(jupyter);
        }
    }

    /** Copies the script and its pinned package.json to target/browser and installs playwright-core there. */
    private static void installPlaywright() throws IOException, InterruptedException {
        Files.createDirectories(BROWSER);
        Path lock = MODULE.resolve("src/test/browser/package-lock.json");
        boolean upToDate = Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))
                && Files.exists(BROWSER.resolve("package-lock.json"))
                && Files.mismatch(lock, BROWSER.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "run-notebook.mjs")) {
            Files.copy(MODULE.resolve("src/test/browser").resolve(file), BROWSER.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (upToDate) {
            return;
        }
        Path log = BROWSER.resolve("npm.log");
        int exit = JupyterSupport.run(List.of("npm", "ci", "--no-audit", "--no-fund"), BROWSER, Map.of(), log, 300);
        if (exit != 0) {
            JupyterSupport.need(false, "npm could not install playwright-core:\n" + JupyterSupport.tail(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitServer(String url, Process server, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("jupyter notebook exited with " + server.exitValue() + ":\n" + JupyterSupport.tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        fail("jupyter notebook did not answer on " + url.replaceAll("token=.*", "token=...") + " within 90 s:\n" + JupyterSupport.tail(log));
    }
}
