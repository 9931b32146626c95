"""Refreshes the committed outputs of notebooks by executing them in Jupyter with the jgrad kernel.

usage: python3 refresh_outputs.py [--kernel NAME] [--timeout SECONDS] NOTEBOOK...

Each notebook runs top to bottom with a fresh kernel started in its own folder (as in Jupyter). The
executed notebook is written to a temporary file next to it and moves over the original (one atomic
rename) only when no cell failed: no error output, nothing on stderr, no timeout. Otherwise the original
is left exactly as it was and the failing cells are listed. The file is written as Jupyter writes it
(nbformat: one-space indent, sorted keys, trailing newline), so diffs show only real changes.
Exit status: 0 when every notebook was refreshed, 1 when any was refused, 2 on bad arguments.
Run through ./jgrad outputs, which installs the current kernel first.
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient


def failures(notebook):
    """(cell number, what failed) for every error or stderr output."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                found.append((number, f"{output.ename}: {output.evalue}"))
            elif output.output_type == "stream" and output.name == "stderr":
                found.append((number, "stderr: " + output.text.strip()[:300]))
    return found


def coalesce_streams(notebook):
    """Merges consecutive stdout (or stderr) pieces into one output, as Jupyter's own front end saves them.

    The kernel sends each print as it happens, so one line can arrive in several pieces; left apart they
    show as separate blocks on GitHub and make every refresh diff noisy."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for output in cell.get("outputs", []):
            if (output.output_type == "stream" and merged and merged[-1].output_type == "stream"
                    and merged[-1].name == output.name):
                merged[-1].text += output.text
            else:
                merged.append(output)
        cell.outputs = merged


def cell_id(file_name, index, taken):
    """The id jgrad gives cell `index` (from 0) of `file_name` when it has none: jgrad.grader.AddCellIds."""
    key = file_name
    attempt = 0
    while True:
        candidate = hashlib.sha256(f"jgrad-cell:{key}:{index}".encode("utf-8")).hexdigest()[:8]
        if candidate not in taken:
            return candidate
        attempt += 1
        key = f"{file_name}#{attempt}"


def give_missing_ids(path, notebook):
    """Cells the file has without an id get jgrad's deterministic ids, as `./jgrad assign` gives them.

    nbformat (5.1 to 5.x) fills missing ids with random ones while reading, so every refresh would
    change them; this replaces those with ids derived from the file name and the cell's position."""
    with open(path, encoding="utf-8") as f:
        raw_cells = json.load(f).get("cells", [])
    missing = [i for i, cell in enumerate(raw_cells) if not cell.get("id")]
    if not missing:
        return
    taken = {cell.get("id") for cell in raw_cells if cell.get("id")}
    for index in missing:
        new_id = cell_id(os.path.basename(path), index, taken)
        taken.add(new_id)
        notebook.cells[index]["id"] = new_id
    notebook.nbformat_minor = max(notebook.nbformat_minor, 5)


def refresh(path, kernel, timeout):
    """Executes one notebook; replaces it on success. Returns None or the reason it was refused."""
    folder = os.path.dirname(os.path.abspath(path))
    notebook = nbformat.read(path, as_version=4)
    give_missing_ids(path, notebook)
    try:
        # record_timing=False: no per-cell timestamps in the metadata, so a refresh diffs only real changes
        NotebookClient(notebook, kernel_name=kernel, timeout=timeout, allow_errors=True, startup_timeout=180,
                       record_timing=False, resources={"metadata": {"path": folder}}).execute()
    except Exception as e:  # timeout, dead kernel
        return f"execution stopped: {type(e).__name__}: {str(e).strip()[:500]}"
    coalesce_streams(notebook)
    failed = failures(notebook)
    if failed:
        return "cells failed:\n" + "\n".join(f"  cell {n}: {what}" for n, what in failed)
    fd, temp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            nbformat.write(notebook, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)  # atomic on one file system: readers see the old file or the new one
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return None


def main(argv):
    parser = argparse.ArgumentParser(description="Refresh notebook outputs by executing them in Jupyter.")
    parser.add_argument("--kernel", default="jgrad", help="kernelspec name (default: jgrad)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default: 600)")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    refused = 0
    for path in args.notebooks:
        if not os.path.isfile(path):
            print(f"{path}: no such notebook", file=sys.stderr)
            refused += 1
            continue
        start = time.monotonic()
        reason = refresh(path, args.kernel, args.timeout)
        seconds = time.monotonic() - start
        if reason is None:
            print(f"{path}: outputs refreshed ({seconds:.1f} s)", flush=True)
        else:
            refused += 1
            print(f"{path}: NOT updated, the file is unchanged; {reason}", file=sys.stderr, flush=True)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
