package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GraphSvgTest {

    private static Value neuron() {
        Value x0 = Value.of(-1, "x0"), w0 = Value.of(2, "w0");
        Value x1 = Value.of(-2, "x1"), w1 = Value.of(-3, "w1");
        Value b = Value.of(-3, "w2");
        Value f = w0.mul(x0).add(w1.mul(x1)).add(b).neg().exp().add(1).pow(-1).label("f");
        f.backward();
        return f;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyNodeShowsItsLabelDataAndGrad() throws Exception {
        String svg = neuron().toSvg();
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains(">w0<"));
        assertTrue(svg.contains(">data 2.0000<"));
        assertTrue(svg.contains(">grad -0.1966<"), "d f / d w0");
        assertTrue(svg.contains(">data 0.7311<"), "the output f");
        assertTrue(svg.contains(">exp<"));
        assertTrue(svg.contains(">^-1<"));
    }

    @Test
    void oneBoxPerValueOneCirclePerOperationOneArrowPerInput() throws Exception {
        Value f = neuron();
        Document doc = parse(f.toSvg());
        int values = f.topologicalOrder().size();
        int ops = 0, inputs = 0;
        for (Value v : f.topologicalOrder()) {
            if (!v.parents().isEmpty()) {
                ops++;
                inputs += v.parents().size();
            }
        }
        assertEquals(values, doc.getElementsByTagName("rect").getLength() - 1, "one box per value plus the background");
        assertEquals(ops, doc.getElementsByTagName("circle").getLength());
        assertEquals(inputs, doc.getElementsByTagName("path").getLength() - 1, "one curve per input plus the arrow head");
    }

    @Test
    void labelsAreEscaped() throws Exception {
        Value a = Value.of(1, "a<b & \"c\"");
        String svg = a.mul(2).toSvg();
        parse(svg);
        assertTrue(svg.contains("a&lt;b &amp; &quot;c&quot;"));
        assertFalse(svg.contains("a<b"));
    }

    @Test
    void numbersStayReadable() {
        assertEquals("0.0000", GraphSvg.format(0));
        assertEquals("-46.0000", GraphSvg.format(-46));
        assertEquals("1.235e-07", GraphSvg.format(1.2345e-7));
        assertEquals("inf", GraphSvg.format(Double.POSITIVE_INFINITY));
        assertEquals("NaN", GraphSvg.format(Double.NaN));
    }

    @Test
    void saveWritesTheWholeDocument(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graphs/neuron.svg");
        Value f = neuron();
        GraphSvg.save(f, file);
        assertEquals(f.toSvg(), Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
