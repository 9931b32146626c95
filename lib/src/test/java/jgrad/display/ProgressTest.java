package jgrad.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Progress terminal(String label, int total) {
        return new Progress(label, total, new TerminalProgressSink(() -> out), clock::get);
    }

    @Test
    void terminalPrintsOneLinePerTenthAndNoExtraLastLine() {
        try (Progress progress = terminal("training", 100)) {
            for (int step = 1; step <= 100; step++) {
                clock.addAndGet(10_000_000);
                progress.update(step, "loss " + (100 - step));
            }
        }
        List<String> lines = lines();
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertEquals("training  10/100  10%  loss 90  (0.1 s)", lines.get(0));
        assertEquals("training  100/100  100%  loss 0  (1.0 s)", lines.get(9));
    }

    @Test
    void closePrintsTheFinalStateWhenItWasNotPrintedYet() {
        try (Progress progress = terminal("eval", 1000)) {
            progress.update(5);
        }
        assertEquals(List.of("eval  5/1000  1%  (0.0 s)"), lines());
    }

    @Test
    void unknownTotalPrintsAtPowersOfTwo() {
        try (Progress progress = terminal("search", 0)) {
            for (int step = 1; step <= 10; step++) {
                progress.update(step);
            }
        }
        assertEquals(List.of("search  1  (0.0 s)", "search  2  (0.0 s)", "search  4  (0.0 s)",
                "search  8  (0.0 s)", "search  10  (0.0 s)"), lines());
    }

    @Test
    void rangeVisitsEveryIndexAndClosesAtTheEnd() {
        List<Progress.Snapshot> seen = new ArrayList<>();
        ProgressSink recording = recordingSink(seen);
        List<Integer> visited = new ArrayList<>();
        PrintStream saved = System.out;
        System.setOut(out); // range() uses the default sink: the terminal, i.e. System.out when each line prints
        try {
            for (int i : Progress.range("loop", 3)) {
                visited.add(i);
            }
        } finally {
            System.setOut(saved);
        }
        assertEquals(List.of(0, 1, 2), visited);
        assertEquals(List.of("loop  1/3  33%  (0.0 s)", "loop  2/3  67%  (0.0 s)", "loop  3/3  100%  (0.0 s)"),
                lines().stream().map(l -> l.replaceAll("\\(\\d+\\.\\d s\\)", "(0.0 s)")).toList());
        // the explicit-sink variant records every state, ending with a done snapshot
        try (Progress progress = Progress.start("rec", 2, recording)) {
            progress.update(1, "a");
            progress.update(2, "b");
        }
        assertEquals(System.out, saved);
        assertEquals(4, seen.size());
        assertTrue(seen.get(3).done());
        assertEquals("b", seen.get(3).message());
    }

    @Test
    void updateAfterCloseNamesTheProgressAndTheStep() {
        Progress progress = terminal("fit", 10);
        progress.close();
        progress.close(); // harmless
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> progress.update(3));
        assertEquals("Progress \"fit\" is closed: update(3) after close()", e.getMessage());
    }

    @Test
    void negativeTotalIsRejectedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> terminal("x", -1));
        assertEquals("Progress \"x\": total must be >= 0 (0 = unknown), got -1", e.getMessage());
    }

    @Test
    void withoutRegisteredSinksTheTerminalIsUsed() {
        assertTrue(Progress.defaultSink() instanceof TerminalProgressSink);
    }

    private static ProgressSink recordingSink(List<Progress.Snapshot> seen) {
        return new ProgressSink() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public View open(Progress.Snapshot first) {
                seen.add(first);
                return new View() {
                    @Override
                    public void update(Progress.Snapshot state) {
                        seen.add(state);
                    }

                    @Override
                    public void close(Progress.Snapshot last) {
                        seen.add(last);
                    }
                };
            }
        };
    }
}
