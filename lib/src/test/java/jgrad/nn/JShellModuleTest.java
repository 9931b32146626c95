package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * A module declared in JShell, as a student does in a notebook cell, finds its layers and parameters
 * without overriding anything. JShell compiles a class as a nested class of a generated wrapper class
 * (package REPL); here it runs in this JVM ("local" execution) on the library's classes.
 */
class JShellModuleTest {

    private JShell shell;

    @BeforeEach
    void start() throws URISyntaxException {
        shell = JShell.builder().executionEngine("local").build();
        Path classes = Path.of(Module.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        shell.addToClasspath(classes.toString());
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    /** Evaluates one snippet; returns its value, failing with the diagnostics when it is rejected. */
    private String eval(String code) {
        List<SnippetEvent> events = shell.eval(code);
        SnippetEvent last = events.get(events.size() - 1);
        if (last.status() == Snippet.Status.REJECTED || last.exception() != null) {
            StringBuilder why = new StringBuilder(code + " was rejected:");
            shell.diagnostics(last.snippet()).forEach(d -> why.append('\n').append(d.getMessage(null)));
            if (last.exception() != null) {
                why.append('\n').append(last.exception());
            }
            throw new AssertionError(why);
        }
        return last.value();
    }

    private boolean compiles(String code) {
        List<SnippetEvent> events = shell.eval(code);
        return events.get(events.size() - 1).status() != Snippet.Status.REJECTED;
    }

    @Test
    void aNotebookClassRegistersItsFields() {
        eval("import jgrad.tensor.*;");
        eval("import jgrad.nn.*;");
        eval("import jgrad.nn.Module;");
        eval("class Net extends Module {\n"
                + "    Linear fc1 = new Linear(2, 3);\n"
                + "    Linear fc2 = new Linear(3, 1).bias(false);\n"
                + "    public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()); }\n"
                + "}");
        eval("Net net = new Net();");
        assertEquals("\"fc1.weight,fc1.bias,fc2.weight\"", eval("String.join(\",\", net.namedParameters().keySet())"));
        assertEquals("12", eval("net.parameterCount()"));
        assertEquals("3", eval("net.parameters().size()"));
    }

    @Test
    void theStarImportAloneLeavesModuleAmbiguousAndTheSingleImportResolvesIt() {
        eval("import jgrad.tensor.*;");
        eval("import jgrad.nn.*;");
        assertTrue(!compiles("class A extends Module { public Tensor forward(Tensor x) { return x; } }"),
                "Module is ambiguous between jgrad.nn.Module and java.lang.Module");
        assertTrue(compiles("Linear fc = new Linear(2, 2);"), "the other names need nothing more");
        eval("import jgrad.nn.Module;");
        assertTrue(compiles("class B extends Module { public Tensor forward(Tensor x) { return x; } }"));
    }
}
