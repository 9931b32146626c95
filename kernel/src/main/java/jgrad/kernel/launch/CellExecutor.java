package jgrad.kernel.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Runs the cells' code (rapaio's execution control submits each snippet here) and stops it on
 * Kernel &gt; Interrupt without stopping the kernel.
 *
 * <p>{@link #interrupt()} does three things. It cancels the cell's future, so the shell thread, which
 * waits on it, ends the cell at once with the "interrupted" error while JShell keeps every earlier
 * variable, import and method. It marks the cell as stopping, so the cell's next print or read
 * ({@link #checkpoint()}, called by {@link CellStreams}) throws {@link CellInterrupted} instead of
 * writing into a later cell. And it stops the thread still running the cell: {@code Thread.stop} where
 * the JVM still has it (Java 17 to 19: busy loops, counted loops, sleeps), else {@code Thread.interrupt}
 * for a cell that sleeps or waits. The thread is stopped only while the stopper holds the iopub
 * channel's monitor and the cell is not inside a stdin read, so it never dies half-way through a
 * Jupyter message.
 */
final class CellExecutor extends AbstractExecutorService {

    private static final Logger LOGGER = Logger.getLogger(CellExecutor.class.getSimpleName());
    private static final ThreadLocal<Cell> CURRENT = new ThreadLocal<>();
    /** Thread.stop(), or null on Java 20+ where it only throws UnsupportedOperationException. */
    private static final Method THREAD_STOP = threadStop();
    /** How long the stopper keeps trying after an interrupt, and how often. */
    static final long STOP_TRYING_MILLIS = 2000;
    private static final long STOP_PERIOD_MILLIS = 50;

    /** One running snippet: its thread, its future and whether an interrupt asked it to stop. */
    static final class Cell {
        final Thread thread;
        final Future<?> future;
        volatile boolean stopping;
        /** True while the cell waits for a stdin reply (it then stops itself within 100 ms). */
        volatile boolean inInput;

        Cell(Thread thread, Future<?> future) {
            this.thread = thread;
            this.future = future;
        }
    }

    private final ExecutorService pool;
    private final Set<Cell> running = ConcurrentHashMap.newKeySet();
    /** Held by the stopper and by a cell entering or leaving a stdin read. */
    private final Object inputGate = new Object();
    private final Object iopubMonitor;

    /** @param iopubMonitor the iopub channel: its sendMessage is synchronized on it */
    CellExecutor(Object iopubMonitor) {
        this.iopubMonitor = iopubMonitor;
        AtomicInteger ids = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "jgrad-cell-" + ids.getAndIncrement());
            t.setDaemon(true); // a cell that cannot be stopped must not keep a shut-down kernel alive
            return t;
        });
    }

    /** Throws {@link CellInterrupted} when the calling thread runs a cell that was interrupted. */
    static void checkpoint() {
        if (stopping()) {
            throw new CellInterrupted();
        }
    }

    /** Whether the calling thread runs a cell that was interrupted. */
    static boolean stopping() {
        Cell cell = CURRENT.get();
        return cell != null && cell.stopping;
    }

    /** Whether the calling thread runs a cell. */
    static boolean inCell() {
        return CURRENT.get() != null;
    }

    /** Runs {@code wait} as the cell's stdin read: the stopper leaves the thread alone meanwhile. */
    <T> T input(java.util.function.Supplier<T> wait) {
        Cell cell = CURRENT.get();
        if (cell == null) {
            return wait.get();
        }
        synchronized (inputGate) {
            checkpoint();
            cell.inInput = true;
        }
        try {
            return wait.get();
        } finally {
            synchronized (inputGate) {
                cell.inInput = false;
            }
        }
    }

    /**
     * Each snippet sends what it printed before its future completes: the shell thread, which waits on
     * the future, then publishes the snippet's value or error, and both must come after the text.
     */
    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> snippet) {
        return super.newTaskFor(() -> {
            try {
                return snippet.call();
            } finally {
                CellStreams.sendPrinted();
            }
        });
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable snippet, T value) {
        return newTaskFor(Executors.callable(snippet, value));
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(() -> {
            Cell cell = new Cell(Thread.currentThread(), task instanceof Future<?> f ? f : null);
            CURRENT.set(cell);
            running.add(cell);
            try {
                task.run();
            } finally {
                running.remove(cell);
                CURRENT.remove();
                Thread.interrupted(); // Thread.stop also sets the flag: the next cell on this thread starts clean
            }
        });
    }

    /** Whether any cell is running. */
    boolean busy() {
        return !running.isEmpty();
    }

    /**
     * Interrupts every running cell: their execute requests end now with the interrupted error, and a
     * stopper thread stops what still runs within {@link #STOP_TRYING_MILLIS}. Returns how many cells.
     */
    int interrupt() {
        List<Cell> cells = new ArrayList<>(running);
        for (Cell cell : cells) {
            cell.stopping = true;
            if (cell.future != null) {
                cell.future.cancel(false); // the waiting shell thread ends the cell with "interrupted"
            }
        }
        if (!cells.isEmpty()) {
            Thread stopper = new Thread(() -> stopAll(cells), "jgrad-interrupt");
            stopper.setDaemon(true);
            stopper.start();
        }
        return cells.size();
    }

    private void stopAll(List<Cell> cells) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TRYING_MILLIS);
        List<Cell> left = new ArrayList<>(cells);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            left.removeIf(cell -> !running.contains(cell));
            for (Cell cell : left) {
                synchronized (iopubMonitor) {
                    synchronized (inputGate) {
                        if (running.contains(cell) && !cell.inInput && inCellCode(cell.thread)) {
                            stop(cell.thread);
                        }
                    }
                }
            }
            sleep(STOP_PERIOD_MILLIS);
            left.removeIf(cell -> !running.contains(cell));
        }
        for (Cell cell : left) {
            LOGGER.warning("an interrupted cell still runs on " + cell.thread.getName() + " (this JVM, Java "
                    + Runtime.version().feature() + ", has no Thread.stop; it ends at its next print or read; "
                    + "Kernel > Restart stops it)");
        }
    }

    /**
     * Whether the thread is inside the cell's own code (a frame of a JShell snippet class, package
     * {@code REPL}): a thread already unwinding through the executor is left to finish.
     */
    static boolean inCellCode(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith("REPL.")) {
                return true;
            }
        }
        return false;
    }

    private static void stop(Thread thread) {
        if (THREAD_STOP != null) {
            try {
                THREAD_STOP.invoke(thread);
                return;
            } catch (IllegalAccessException | InvocationTargetException e) {
                // Java 20+: UnsupportedOperationException; fall back to interrupt below
            }
        }
        Thread.State state = thread.getState();
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            thread.interrupt(); // a sleep or wait; a busy loop ignores it
        }
    }

    private static Method threadStop() {
        if (Runtime.version().feature() >= 20) {
            return null;
        }
        try {
            return Thread.class.getMethod("stop");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return pool.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
