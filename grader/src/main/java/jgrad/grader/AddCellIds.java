package jgrad.grader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Gives every cell without one an nbformat 4.5 cell id, and then marks the notebook 4.5 if it was older.
 * Jupyter makes random ids; these are derived from the notebook's file name and the cell's position
 * ({@link #idFor}), so {@code assign} and {@code ./jgrad outputs} write the same file every time, and a
 * solution and the exercise made from it (same file name) get the same ids. Cells that have an id keep it.
 */
public final class AddCellIds implements NotebookStep {

    /** The nbformat minor version that introduced cell ids. */
    static final int IDS_MINOR = 5;

    @Override
    public Notebook apply(Notebook notebook) {
        Set<String> taken = new HashSet<>();
        notebook.cells().stream().map(Notebook.Cell::id).filter(id -> id != null).forEach(taken::add);
        String name = notebook.path() == null || notebook.path().getFileName() == null ? ""
                : notebook.path().getFileName().toString();
        List<Notebook.Cell> cells = new ArrayList<>();
        boolean added = false;
        for (Notebook.Cell cell : notebook.cells()) {
            if (cell.id() != null) {
                cells.add(cell);
                continue;
            }
            String id = idFor(name, cell.number() - 1);
            for (int attempt = 1; !taken.add(id); attempt++) {
                id = idFor(name + "#" + attempt, cell.number() - 1); // a clash with an id already there
            }
            cells.add(cell.withId(id));
            added = true;
        }
        if (!added) {
            return notebook;
        }
        Integer minor = notebook.nbformatMinor();
        return notebook.withCells(cells, minor == null || minor < IDS_MINOR ? Integer.valueOf(IDS_MINOR) : minor);
    }

    /**
     * The id of the cell at {@code index} (from 0) of the notebook file {@code fileName}: the first 8 hex digits
     * of SHA-256("jgrad-cell:" + fileName + ":" + index). kernel/src/main/python/refresh_outputs.py derives
     * the same ids.
     */
    public static String idFor(String fileName, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("jgrad-cell:" + fileName + ":" + index).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
