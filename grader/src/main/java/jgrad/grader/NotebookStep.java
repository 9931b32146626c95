package jgrad.grader;

import java.util.ArrayList;
import java.util.List;

/**
 * One transformation of a notebook, in the manner of nbgrader's preprocessors: {@code assign} is
 * {@link ClearSolutions}, then {@link ClearOutputs}, then {@link AddCellIds}. Steps never change the
 * notebook they are given (notebooks are immutable); they return a new one.
 */
@FunctionalInterface
public interface NotebookStep {

    /** @return the transformed notebook */
    Notebook apply(Notebook notebook);

    /** This step, then {@code next}. */
    default NotebookStep then(NotebookStep next) {
        return nb -> next.apply(apply(nb));
    }

    /**
     * A step that changes cells one at a time.
     *
     * @param change the new version of one cell; {@code where} names it for messages ("FILE, cell N")
     */
    static NotebookStep eachCell(CellChange change) {
        return nb -> {
            List<Notebook.Cell> cells = new ArrayList<>();
            for (Notebook.Cell cell : nb.cells()) {
                cells.add(change.apply(cell, nb.path() + ", cell " + cell.number()));
            }
            return nb.withCells(cells, nb.nbformatMinor());
        };
    }

    /** What {@link #eachCell} does to one cell. */
    @FunctionalInterface
    interface CellChange {
        /** @return the new cell */
        Notebook.Cell apply(Notebook.Cell cell, String where);
    }
}
