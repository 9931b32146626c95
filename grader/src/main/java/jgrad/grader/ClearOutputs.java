package jgrad.grader;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Empties every code cell's outputs and execution count, and drops the run's timing from its metadata
 * ({@code metadata.execution}, written by JupyterLab's "record timing"): a notebook as if never run.
 */
public final class ClearOutputs implements NotebookStep {

    private final NotebookStep steps = NotebookStep.eachCell((cell, where) -> {
        if (!cell.isCode()) {
            return cell;
        }
        JsonObject metadata = cell.metadata();
        metadata.remove("execution");
        return cell.withRun(List.of(), null, metadata);
    });

    @Override
    public Notebook apply(Notebook notebook) {
        return steps.apply(notebook);
    }
}
