package jgrad.cli.release;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithAnnotations;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import java.util.List;
import java.util.Optional;
import jgrad.grader.Hidden;

/**
 * The public part of a check class's source: what students may read. Methods marked {@link Hidden} are taken
 * out (with their Javadoc), a class marked {@link Hidden} is left out whole (a nested one too), and the import of {@code Hidden}
 * goes when nothing uses it. Everything else keeps its exact text (JavaParser's lexical-preserving printer).
 */
public final class PublicChecks {

    private static final String HIDDEN = Hidden.class.getSimpleName();

    private PublicChecks() {
    }

    /**
     * @param fileName the source file's name, for messages
     * @param source   a Java source file
     * @return the source without its hidden checks, or empty when the whole file is hidden
     * @throws IllegalArgumentException naming the file when it does not parse
     */
    public static Optional<String> of(String fileName, String source) {
        CompilationUnit unit;
        try {
            StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
            unit = LexicalPreservingPrinter.setup(StaticJavaParser.parse(source));
        } catch (ParseProblemException e) {
            throw new IllegalArgumentException(fileName + ": cannot read this check source: "
                    + e.getProblems().get(0).getVerboseMessage(), e);
        }
        if (!unit.getTypes().isEmpty() && unit.getTypes().stream().allMatch(PublicChecks::hidden)) {
            return Optional.empty();
        }
        if (!hasHidden(source)) {
            return Optional.of(source);
        }
        // hidden classes at any depth (a nested hidden reference too), then hidden methods
        unit.findAll(TypeDeclaration.class, PublicChecks::hidden).forEach(TypeDeclaration::remove);
        List<MethodDeclaration> hiddenMethods = unit.findAll(MethodDeclaration.class, PublicChecks::hidden);
        hiddenMethods.forEach(MethodDeclaration::remove);
        String printed = LexicalPreservingPrinter.print(unit);
        if (!printed.matches("(?s).*@(jgrad\\.grader\\.)?" + HIDDEN + "\\b.*")) {
            unit.getImports().stream().filter(PublicChecks::importsHidden).toList()
                    .forEach(ImportDeclaration::remove);
            printed = LexicalPreservingPrinter.print(unit);
        }
        return Optional.of(printed);
    }

    /** @return whether a source mentions the annotation at all (a quick test before parsing further) */
    private static boolean hasHidden(String source) {
        return source.contains("@" + HIDDEN) || source.contains("@jgrad.grader." + HIDDEN);
    }

    private static boolean hidden(NodeWithAnnotations<?> node) {
        return node.getAnnotations().stream().anyMatch(a -> a.getNameAsString().equals(HIDDEN)
                || a.getNameAsString().equals(Hidden.class.getName()));
    }

    private static boolean importsHidden(ImportDeclaration i) {
        return !i.isAsterisk() && i.getNameAsString().equals(Hidden.class.getName());
    }
}
