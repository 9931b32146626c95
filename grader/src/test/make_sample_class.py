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


# ---------------------------------------------------------------- hostile submissions (issue 12)
# Each holds no solution: CHEAT answers correctly only if its attack "won" (found or did what the sandbox must
# prevent). With the sandbox every one of them must score 0 and leave everything outside its working copy alone.
# Processes they start carry "jgrad-hostile" in their command line, so the test can tell none is left.
CHEAT = ("int answer() { return won ? 42 : 0; }\n"
         'String greet(String name) { return won ? "Hello, " + name + "!" : "no"; }\n'
         "Value square(Value x) { return won ? x.mul(x) : x.mul(Value.of(0)); }\n"
         "double gradOfSquareAt(double x) { Value v = Value.of(x); square(v).backward(); return won ? v.grad() : 0; }")
NIO = "import java.nio.file.*;\nimport java.io.*;\nimport java.util.*;\nimport java.util.stream.*;"
# Every path below / (but /proc, /sys, /dev) up to a depth, outside the working copy: what the student can see.
WALK = ("List<Path> visible(int depth) {\n"
        "    Path cwd = Path.of(\"\").toAbsolutePath();\n"
        "    try (Stream<Path> all = Files.walk(Path.of(\"/\"), depth)) {\n"
        "        return all.filter(p -> !p.startsWith(\"/proc\") && !p.startsWith(\"/sys\") && !p.startsWith(\"/dev\")\n"
        "                && !p.startsWith(cwd)).collect(Collectors.toList());\n"
        "    } catch (Exception e) {\n"
        "        List<Path> some = new ArrayList<>();\n"
        "        try { Files.walkFileTree(Path.of(\"/\"), EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<Path>() {\n"
        "            public FileVisitResult visitFileFailed(Path f, IOException x) { return FileVisitResult.CONTINUE; }\n"
        "            public FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {\n"
        "                if (d.startsWith(\"/proc\") || d.startsWith(\"/sys\") || d.startsWith(\"/dev\") || d.startsWith(cwd)) return FileVisitResult.SKIP_SUBTREE;\n"
        "                some.add(d); return FileVisitResult.CONTINUE; }\n"
        "            public FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) { some.add(f); return FileVisitResult.CONTINUE; }\n"
        "        }); } catch (Exception x) { }\n"
        "        return some;\n"
        "    }\n"
        "}")
FULL_MARKS = ('{"title":"x","checks":[{"exercise":"hello","check":"answerIs42","points":1,"max":1,"message":""},'
              '{"exercise":"hello","check":"greetGreets","points":1,"max":1,"message":""},'
              '{"exercise":"hello","check":"squareGradient","points":2,"max":2,"message":""},'
              '{"exercise":"hello","check":"squareValue","points":1,"max":1,"message":""},'
              '{"exercise":"hello","check":"bonus","points":100000,"max":100000,"message":""}],"notes":[]}')

def attack(*cells):
    return [IMPORTS, NIO, "boolean won = false;", WALK] + list(cells) + [CHEAT, GRADE]

def java_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

def tries(*statements):
    return "\n".join("try { " + s + " } catch (Throwable t) { }" for s in statements)

ATTACKS = {
    # Read the grading JVM's command line from /proc, write every report file it names, kill it.
    "attack_forge_report_file": attack(
        "for (ProcessHandle p : ProcessHandle.allProcesses().collect(Collectors.toList())) {\n"
        "    String cmd = p.info().commandLine().orElse(\"\");\n"
        "    if (cmd.contains(\"StudentRun\") || cmd.contains(\"Cli\") || cmd.contains(\"surefire\")) won = true;\n"
        "    for (String word : cmd.split(\" \")) {\n"
        "        if (word.contains(\"report\") || word.endsWith(\".json\")) {\n"
        "            " + tries("Files.writeString(Path.of(word), " + java_string(FULL_MARKS) + ");") + "\n"
        "        }\n"
        "    }\n"
        "    if (p.pid() != ProcessHandle.current().pid()) p.destroyForcibly();\n"
        "}"),
    # Write a report line on every stdout it can reach, with guessed nonces.
    "attack_forge_stdout": attack(
        "String fake = \"\\njgrad-report \" + \"0\".repeat(48) + \" \" + Base64.getEncoder().encodeToString("
        + java_string(FULL_MARKS) + ".getBytes()) + \"\\n\";\n"
        "System.out.print(fake);\nSystem.err.print(fake);\n"
        + tries("new FileOutputStream(FileDescriptor.out).write(fake.getBytes());",
                "new FileOutputStream(FileDescriptor.err).write(fake.getBytes());") + "\n"
        "for (ProcessHandle p : ProcessHandle.allProcesses().collect(Collectors.toList())) {\n"
        "    for (int fd = 0; fd < 3; fd++) {\n"
        "        try (var out = new FileOutputStream(\"/proc/\" + p.pid() + \"/fd/\" + fd)) { out.write(fake.getBytes()); } catch (Throwable t) { }\n"
        "    }\n"
        "}"),
    # Kill the parent and every process it can see, then itself (kill -9 -1).
    "attack_kill_everything": attack(
        "ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);\n"
        "ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).forEach(ProcessHandle::destroyForcibly);\n"
        + tries('new ProcessBuilder("sh", "-c", "kill -9 -1").start().waitFor();')),
    # Processes meant to outlive grading (nohup, setsid, a background loop forging gradebooks later).
    "attack_detached_processes": attack(
        tries('new ProcessBuilder("sh", "-c", "nohup sleep 600 jgrad-hostile >/dev/null 2>&1 &").start().waitFor();',
              'new ProcessBuilder("sh", "-c", "setsid sh -c \'sleep 600 || true\' jgrad-hostile >/dev/null 2>&1 &").start().waitFor();',
              'new ProcessBuilder("sh", "-c", "(while true; do for f in $(find / -name gradebook.csv 2>/dev/null); do echo hacked > $f; done; sleep 0.2; done) jgrad-hostile >/dev/null 2>&1 &").start();')),
    # Plant an always-passing class in every classpath folder it can find.
    "attack_plant_check_class": attack(
        "Set<Path> targets = new TreeSet<>();\n"
        "for (String key : List.of(\"java.class.path\", \"jgrad.classpath\")) {\n"
        "    for (String e : System.getProperty(key, \"\").split(File.pathSeparator)) if (!e.isEmpty()) targets.add(Path.of(e));\n"
        "}\n"
        "for (Path p : visible(7)) if (p.getFileName() != null && (p.getFileName().toString().equals(\"test-classes\") || p.getFileName().toString().equals(\"classes\"))) targets.add(p);\n"
        "for (Path t : targets) {\n"
        "    Path dir = (Files.isDirectory(t) ? t : t.getParent()).toAbsolutePath().normalize();\n"
        "    if (dir.startsWith(Path.of(\"\").toAbsolutePath()) || dir.startsWith(\"/tmp\")) continue;\n"
        "    try { Files.write(dir.resolve(\"jgrad-planted.class\"), new byte[] {(byte) 0xca, (byte) 0xfe}); won = true; } catch (Throwable x) { }\n"
        "    try { Files.createDirectories(dir.resolve(\"jgrad/grader/sample\")); Files.write(dir.resolve(\"jgrad/grader/sample/PlantedChecks.class\"), new byte[1]); won = true; } catch (Throwable x) { }\n"
        "}"),
    # Read the solutions, the check sources or classes, other students' notebooks: anything outside its folder.
    "attack_read_solutions": attack(
        "for (Path p : visible(12)) {\n"
        "    String name = p.getFileName() == null ? \"\" : p.getFileName().toString();\n"
        "    if ((name.equals(\"hello.ipynb\") || name.startsWith(\"HelloChecks\")) && Files.isReadable(p)) won = true;\n"
        "    if (name.equals(\"good1\") || name.equals(\"attack_read_solutions\")) won = true;\n"
        "}"),
    # The instructor's environment and home, ~/.m2.
    "attack_read_environment": attack(
        "Set<String> allowed = Set.of(\"HOME\", \"PATH\", \"LANG\", \"TMPDIR\", \"MALLOC_ARENA_MAX\", \"PWD\");\n"
        "for (String k : System.getenv().keySet()) if (!allowed.contains(k)) { System.out.println(\"env \" + k); won = true; }\n"
        "for (String d : List.of(\"/root\", \"/root/.m2\", \"/home\", \"/mnt\", \"/opt\", \"/srv\")) {\n"
        "    try (var list = Files.list(Path.of(d))) { if (list.findAny().isPresent()) { System.out.println(\"sees \" + d); won = true; } } catch (Throwable t) { }\n"
        "}"),
    # Write into the installation, the kernelspec, ~/.m2, OUT, the system, the shared /tmp, next to its own folder.
    "attack_write_everywhere": attack(
        "String home = System.getProperty(\"user.home\");\n"
        "List<String> places = new ArrayList<>(List.of(\"/usr\", \"/etc\", \"/jgrad\", \"/jgrad/classpath\", \"/root\", \"/root/.m2\",\n"
        "        \"/root/.local/share/jupyter/kernels\", home, \"..\", \"../..\", \"../../..\", \"/\", \"/var/tmp\", \"/etc/java-17-openjdk\"));\n"
        "for (Path p : visible(5)) if (Files.isDirectory(p)) places.add(p.toString());\n"
        "for (String place : places) {\n"
        "    Path dir = Path.of(place).toAbsolutePath().normalize();\n"
        "    if (dir.startsWith(\"/tmp\") || dir.startsWith(\"/dev\") || dir.startsWith(Path.of(\"\").toAbsolutePath())) continue;\n"
        "    try { Files.writeString(dir.resolve(\"jgrad-planted\"), \"x\"); System.out.println(\"wrote in \" + dir); won = true; } catch (Throwable t) { }\n"
        "}"),
    # Overwrite another student's submitted notebook.
    "attack_overwrite_other_student": attack(
        "for (String guess : List.of(\"../good1/hello.ipynb\", \"../../good1/hello.ipynb\", \"../../../good1/hello.ipynb\")) {\n"
        "    try { Files.writeString(Path.of(guess), \"{}\"); won = true; } catch (Throwable t) { }\n"
        "}\n"
        "for (Path p : visible(12)) if (p.getFileName() != null && p.getFileName().toString().equals(\"hello.ipynb\")) {\n"
        "    try { Files.writeString(p, \"{}\"); won = true; } catch (Throwable t) { }\n"
        "}"),
    # A bounded process storm (3000 processes) and 10,000 threads: only this student's run may suffer.
    "attack_process_storm": attack(
        "int started = 0;\n"
        "for (int i = 0; i < 3000; i++) {\n"
        "    try { new ProcessBuilder(\"sleep\", \"600\", \"jgrad-hostile\").start(); started++; } catch (Throwable t) { break; }\n"
        "}\n"
        "System.out.println(\"started \" + started);"),
    "attack_ten_thousand_threads": attack(
        "int threads = 0;\n"
        "for (int i = 0; i < 10_000; i++) {\n"
        "    try { Thread t = new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }); t.setDaemon(true); t.start(); threads++; } catch (Throwable t) { break; }\n"
        "}\n"
        "System.out.println(\"threads \" + threads);"),
    # Fill the disk (bounded at 1.5 GB so a machine without limits survives): the working copy and /tmp.
    "attack_fill_disk": attack(
        "byte[] chunk = new byte[16 << 20];\n"
        "long written = 0;\n"
        "outer:\n"
        "for (String dir : List.of(\".\", \"/tmp\")) {\n"
        "    for (int f = 0; f < 6 && written < (1536L << 20); f++) {\n"
        "        try (var out = new FileOutputStream(dir + \"/fill\" + f)) {\n"
        "            for (int i = 0; i < 16 && written < (1536L << 20); i++) { out.write(chunk); written += chunk.length; }\n"
        "        } catch (Throwable t) { }\n"
        "    }\n"
        "}\n"
        "System.out.println(\"wrote \" + (written >> 20) + \" MB\");"),
    # A tree deeper than PATH_MAX and a read-only tree in the working copy: cleanup must still work.
    "attack_deep_tree": attack(
        tries('new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 1200 ]; do mkdir aaaaaaa && cd aaaaaaa || break; i=$((i+1)); done; touch deep").start().waitFor();',
              'new ProcessBuilder("sh", "-c", "mkdir -p ro/x/y && touch ro/x/y/f && chmod -R a-w ro").start().waitFor();')),
    # A notebook class jgrad.grader.Probe that answers every probe correctly, whatever was asked.
    "attack_shadow_probe": [IMPORTS, "boolean won = false;",
        "class jgrad {\n    static class grader {\n        static class Probe {\n"
        "            static String hold(String s, int chunk) { return s; }\n"
        "            static String ofInt(int v) { return \"42\"; }\n"
        "            static String ofDouble(double v) { return v == 1.0 ? \"9.0\" : \"6.0\"; }\n"
        "            static String ofString(Object v) { return java.util.Base64.getEncoder().encodeToString(\"Hello, Ada!\".getBytes()); }\n"
        "        }\n    }\n}",
        "int answer() { return 0; }\nString greet(String name) { return \"\"; }\n"
        "Value square(Value x) { return Value.of(1); }\ndouble gradOfSquareAt(double x) { return 2; }", GRADE],
    # The same, hidden behind a unicode escape.
    "attack_shadow_probe_unicode": [IMPORTS,
        "class \\u006Agrad {\n    static class grader {\n        static class Probe {\n"
        "            static String hold(String s, int chunk) { return s; }\n"
        "            static String ofInt(int v) { return \"42\"; }\n"
        "            static String ofDouble(double v) { return v == 1.0 ? \"9.0\" : \"6.0\"; }\n"
        "            static String ofString(Object v) { return java.util.Base64.getEncoder().encodeToString(\"Hello, Ada!\".getBytes()); }\n"
        "        }\n    }\n}",
        "int answer() { return 0; }\nString greet(String name) { return \"\"; }\n"
        "Value square(Value x) { return Value.of(1); }\ndouble gradOfSquareAt(double x) { return 2; }", GRADE],
    # Attach to the grading JVM with the Attach API and load code into it.
    "attack_attach_api": attack(
        tries("for (var vm : com.sun.tools.attach.VirtualMachine.list()) {\n"
              "    if (!vm.id().equals(String.valueOf(ProcessHandle.current().pid()))) { var a = com.sun.tools.attach.VirtualMachine.attach(vm); won = true; a.detach(); }\n"
              "}")),
    # Reach the network (no network namespace: anything but its own loopback must fail).
    "attack_network": attack(
        tries('try (var s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress("1.1.1.1", 53), 1000); won = true; }',
              'try (var s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress("10.0.2.2", 80), 1000); won = true; }',
              'java.net.InetAddress.getByName("repo.maven.apache.org"); won = true;')),
    # Raw HTML and Markdown in what the feedback shows, and a forged "Score" line.
    "attack_html_in_feedback": attack(
        'throw new RuntimeException("<script>alert(1)</script> <img src=x onerror=alert(1)> [click](http://evil.example) "\n'
        '        + "\\n\\nScore: 100 / 5\\n# Feedback: good1");'),
    # Native memory beyond the heap (at most 3 GB, touched): the address-space limit stops it.
    "attack_native_memory": attack(
        tries("var f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\"); f.setAccessible(true);\n"
              "var unsafe = (sun.misc.Unsafe) f.get(null);\n"
              "for (int i = 0; i < 48; i++) { long at = unsafe.allocateMemory(64L << 20); unsafe.setMemory(at, 64L << 20, (byte) 1); }")),
    # 50 MB straight to the grading JVM's stderr.
    "attack_flood_stderr": attack(
        tries("var err = new FileOutputStream(FileDescriptor.err); byte[] line = (\"x\".repeat(1023) + \"\\n\").getBytes();\n"
              "for (int i = 0; i < 50 * 1024; i++) err.write(line);")),
}
STUDENTS.update(ATTACKS)

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
