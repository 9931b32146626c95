#!/usr/bin/env python3
"""Regenerates the hostile-submission suite in resources/class/ and the sample solution resources/hello.ipynb.

Each folder of resources/class/ is one student handing in hello.ipynb (see sample/HelloChecks.java).
Run from this folder: python3 make_sample_class.py
"""
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "resources")

IMPORTS = "import jgrad.autograd.*;\nimport static jgrad.grader.Grading.*;"
ANSWER = "int answer() {\n    return 42;\n}"
GREET = 'String greet(String name) {\n    return "Hello, " + name + "!";\n}'
SQUARE = ("Value square(Value x) {\n    return x.mul(x);\n}\n\n"
          "double gradOfSquareAt(double x) {\n    Value v = Value.of(x);\n    square(v).backward();\n    return v.grad();\n}")
GRADE = 'grade("hello")'
SOLUTION = [IMPORTS, ANSWER, GREET, SQUARE, GRADE]

def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])

def notebook(cells):
    out = []
    for c in cells:
        if c.startswith("md:"):
            out.append({"cell_type": "markdown", "metadata": {}, "source": lines(c[3:])})
        else:
            out.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": lines(c)})
    return {"cells": out, "metadata": {"kernelspec": {"display_name": "Java (jgrad)", "language": "java", "name": "jgrad"},
            "language_info": {"name": "java"}}, "nbformat": 4, "nbformat_minor": 5}

def text(nb):
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"

def with_cell(cell):
    return [IMPORTS, cell, ANSWER, GREET, SQUARE, GRADE]

STUDENTS = {
    "good1": SOLUTION,
    "good2": ["md:# Hello\nMy answers.", IMPORTS, "int answer() { return 6 * 7; }",
              'String greet(String name) { return String.format("Hello, %s!", name); }',
              "Value square(Value x) { return x.pow(2); }\n"
              "double gradOfSquareAt(double x) { var v = Value.of(x); var y = square(v); y.backward(); return v.grad(); }",
              "display(square(Value.of(4)));", GRADE],
    "infinite_loop": with_cell("while (true) {\n}"),
    "system_exit": with_cell("System.exit(0);"),
    "huge_allocation": with_cell("void hog() {\n    List<long[]> all = new ArrayList<>();\n    while (true) {\n"
                                 "        all.add(new long[16 * 1024 * 1024]);\n    }\n}\nhog();"),
    "unbounded_recursion": with_cell("int down(int n) {\n    return down(n + 1) + 1;\n}\ndown(0);"),
    "compile_error": [IMPORTS, 'int answer() {\n    return "forty-two";\n}', GREET, SQUARE, GRADE],
    "top_level_exception": with_cell('throw new IllegalStateException("something went wrong at top level");'),
    "thread_never_ends": with_cell("Thread worker = new Thread(() -> {\n    while (true) {\n"
                                   "        try { Thread.sleep(50); } catch (InterruptedException e) { }\n    }\n});\n"
                                   "worker.setDaemon(false);\nworker.start();"),
    "print_100mb": with_cell('String line = "x".repeat(999);\nfor (int i = 0; i < 100_000; i++) {\n'
                             "    System.out.println(line);\n}"),
    "write_output": with_cell(
        'for (String target : List.of("gradebook.csv", "../gradebook.csv", "../../gradebook.csv",\n'
        '        "../../../gradebook.csv", "feedback/good1.md", "../feedback/good1.md",\n'
        '        "../../feedback/good1.md", "../../../feedback/good1.md")) {\n'
        "    try {\n"
        "        java.nio.file.Path path = java.nio.file.Path.of(target).toAbsolutePath();\n"
        "        java.nio.file.Files.createDirectories(path.getParent());\n"
        '        java.nio.file.Files.writeString(path, "student,hello,total,note\\ngood1,0,0,hacked\\n");\n'
        "    } catch (Exception e) {\n    }\n}"),
}

def main():
    with open(os.path.join(RES, "hello.ipynb"), "w") as f:
        f.write(text(notebook(SOLUTION)))
    root = os.path.join(RES, "class")
    shutil.rmtree(root, ignore_errors=True)
    for name, cells in STUDENTS.items():
        os.makedirs(os.path.join(root, name))
        with open(os.path.join(root, name, "hello.ipynb"), "w") as f:
            f.write(text(notebook(cells)))
    os.makedirs(os.path.join(root, "malformed_json"))
    with open(os.path.join(root, "malformed_json", "hello.ipynb"), "w") as f:
        f.write(text(notebook(SOLUTION))[:300])
    os.makedirs(os.path.join(root, "missing_notebook"))
    with open(os.path.join(root, "missing_notebook", "notes.txt"), "w") as f:
        f.write("I forgot to hand in the notebook.\n")

main()
