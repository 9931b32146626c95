package jgrad.grader;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.display.Html;

/**
 * Turns what JShell and the checks say into what the student wrote: JShell's wrapper classes
 * ({@code REPL.$JShell$12$Scalar}), the checks' helpers ({@code check$model(0)}), compiled lambdas
 * ({@code lambda$exp$5}) and snippet frames ({@code at .(#28:1)}) become the names in the student's
 * cells. Also writes such text into HTML that Jupyter's MathJax leaves alone.
 */
public final class StudentText {

    /** JShell wraps every snippet in a class such as {@code REPL.$JShell$12$} or {@code $JShell$22B}. */
    private static final Pattern WRAPPER = Pattern.compile("(?:\\bREPL\\.)?\\$JShell\\$\\d+[A-Z]?(?:\\$|\\.|\\b)");
    /** javac's name for a lambda: {@code lambda$exp$5}, {@code lambda$new$0}, {@code lambda$static$1}. */
    private static final Pattern LAMBDA = Pattern.compile("\\blambda\\$([A-Za-z_][A-Za-z0-9_]*?)\\$\\d+(\\(\\.\\.\\.\\))?");
    /** The checks declare their helpers as {@code check$name}: the student knows them as {@code name}. */
    private static final Pattern CHECK_HELPER = Pattern.compile("\\bcheck\\$(?=[A-Za-z_])");
    /** A frame of a snippet, {@code at Scalar.exp(#28:3)} or {@code at .(#28:1)}. */
    private static final Pattern SNIPPET_FRAME = Pattern.compile("\\bat ([A-Za-z0-9_.$]*)\\(#\\d+(?::(\\d+))?\\)");
    /** A snippet position left elsewhere, {@code (#28:1)} or {@code #28:1}. */
    private static final Pattern SNIPPET_POSITION = Pattern.compile("\\(?#\\d+:(\\d+)\\)?");
    /** JShell's method for a statement snippet: {@code do_it$} or {@code do_it$Aux}. */
    private static final Pattern DO_IT = Pattern.compile("\\bdo_it\\$[A-Za-z0-9_$]*(?:\\((?:\\.\\.\\.)?\\))?");

    private StudentText() {
    }

    /**
     * @return {@code text} with JShell's and the checks' internal names replaced by the student's: wrapper
     *     prefixes removed, {@code check$} dropped, {@code lambda$exp$5(...)} as "a lambda in exp(...)",
     *     snippet frames as "at exp (line 3 of its cell)"
     */
    public static String clean(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = WRAPPER.matcher(text).replaceAll("");
        out = SNIPPET_FRAME.matcher(out).replaceAll(StudentText::frame);
        out = LAMBDA.matcher(out).replaceAll(StudentText::lambda);
        out = SNIPPET_POSITION.matcher(out).replaceAll("(line $1 of its cell)");
        out = DO_IT.matcher(out).replaceAll("the cell");
        return CHECK_HELPER.matcher(out).replaceAll("");
    }

    /** A method name as the student wrote it: {@code lambda$exp$5} is "a lambda in exp". */
    public static String methodName(String compiled) {
        Matcher lambda = LAMBDA.matcher(compiled);
        if (lambda.matches()) {
            return lambda(lambda);
        }
        return compiled.startsWith("check$") ? compiled.substring("check$".length()) : compiled;
    }

    /**
     * Escapes text for HTML and writes {@code $} as {@code &#36;}, so that MathJax (which typesets what
     * stands between two dollars in Jupyter's outputs) shows it as written.
     */
    public static String html(String text) {
        return Html.escape(text).replace("$", "&#36;");
    }

    private static String lambda(MatchResult m) {
        String enclosing = m.group(1);
        String call = m.group(2) == null ? "" : "(...)";
        String where = switch (enclosing) {
            case "new" -> "a constructor";
            case "static" -> "a static initialiser";
            default -> enclosing + call;
        };
        return Matcher.quoteReplacement("a lambda in " + where);
    }

    private static String frame(MatchResult m) {
        String method = m.group(1);
        int dot = method.lastIndexOf('.');
        String name = dot < 0 ? method : method.substring(dot + 1);
        String owner = dot <= 0 ? "" : method.substring(0, dot);
        String line = m.group(2) == null ? "its cell" : "line " + m.group(2) + " of its cell";
        if (name.isEmpty() || name.startsWith("do_it")) {
            return Matcher.quoteReplacement("at " + line);
        }
        String shown = methodName(name);
        return Matcher.quoteReplacement("at " + (owner.isEmpty() || shown.startsWith("a lambda") ? "" : owner + ".")
                + shown + " (" + line + ")");
    }
}
