package jgrad.kernel.launch;

/**
 * Thrown in an interrupted cell's thread at its next print or read (see {@link CellExecutor}). An
 * {@link Error}, so a student's {@code catch (Exception e)} does not swallow it.
 */
final class CellInterrupted extends Error {

    private static final long serialVersionUID = 1L;

    CellInterrupted() {
        super("the cell was interrupted (Kernel > Interrupt)", null, false, false);
    }
}
