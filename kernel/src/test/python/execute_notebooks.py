"""Executes notebooks one after another through Jupyter (nbclient) with one kernelspec, in one process.

usage: python3 execute_notebooks.py KERNEL_NAME CELL_TIMEOUT REPORT.json IN.ipynb=OUT.ipynb...

Each notebook runs with a fresh kernel started in the notebook's own folder (as Jupyter does), with
errors allowed so that every cell runs; the executed notebook is written to OUT.ipynb. REPORT.json lists,
per notebook, the seconds it took and the execution failure if nbclient itself failed (timeout, dead
kernel). Used by jgrad.kernel.CourseNotebooksIT; exits 0 unless the arguments are wrong.
"""
import json
import os
import sys
import time
import traceback

import nbformat
from nbclient import NotebookClient


def main(argv):
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    kernel_name, cell_timeout, report_path = argv[0], int(argv[1]), argv[2]
    report = []
    for pair in argv[3:]:
        source, target = pair.split("=", 1)
        notebook = nbformat.read(source, as_version=4)
        start = time.monotonic()
        failure = None
        try:
            NotebookClient(notebook, kernel_name=kernel_name, timeout=cell_timeout, allow_errors=True,
                           startup_timeout=180,
                           resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}}).execute()
        except Exception:  # a timeout or a dead kernel: reported, and the next notebook still runs
            failure = traceback.format_exc()
        seconds = time.monotonic() - start
        nbformat.write(notebook, target)
        report.append({"notebook": source, "executed": target, "seconds": round(seconds, 2), "failure": failure})
        print(f"{source}: {seconds:.1f} s" + (" FAILED" if failure else ""), flush=True)
    with open(report_path, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
