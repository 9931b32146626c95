package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.QuickChart;
import org.knowm.xchart.XYChart;
import org.rapaio.jupyter.kernel.display.DisplaySystem;

import jgrad.autograd.Value;
import jgrad.display.HtmlDisplayable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Renders through the kernel's own DisplaySystem, so these also check the SPI registration. */
class RenderersTest {

    private static Map<String, Object> render(Object o) {
        return DisplaySystem.inst().render(o).data();
    }

    @Test
    void chartBecomesAPngOfTheChartsSizeAndATextLine() throws IOException {
        XYChart chart = QuickChart.getChart("loss", "step", "loss", "train", new double[] {1, 2, 3}, new double[] {3, 2, 1});
        Map<String, Object> data = render(chart);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data.get("image/png"))));
        assertEquals(600, png.getWidth());
        assertEquals(400, png.getHeight());
        assertEquals("XYChart \"loss\" 600x400", data.get("text/plain"));
    }

    @Test
    void tableShowsItsShapeAndFirstRowsEscaped() {
        double[] xs = new double[25];
        String[] names = new String[25];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i * 0.5;
            names[i] = i == 0 ? "<b>&" : "n" + i;
        }
        Table table = Table.create("demo", DoubleColumn.create("x", xs), StringColumn.create("name", names));
        Map<String, Object> data = render(table);
        String html = (String) data.get("text/html");
        assertTrue(html.contains("demo: 25 rows × 2 columns (first 10 shown)"), html);
        assertTrue(html.contains("&lt;b&gt;&amp;"), "cell text is escaped: " + html);
        assertEquals(11, html.split("<tr>", -1).length - 1, "header + 10 rows");
        assertTrue(html.contains("text-align:right\">4.5</td>"), "numbers right-aligned: " + html);
        assertFalse(html.contains(">n10<"), "row 11 is not shown");
        String text = (String) data.get("text/plain");
        assertTrue(text.startsWith("demo: 25 rows × 2 columns (first 10 shown)\n"), text);
        assertTrue(text.contains("n9") && !text.contains("n10"), text);
    }

    @Test
    void floatingPointCellsAreRoundedToSixSignificantDigits() {
        assertEquals("0.166667", TableRenderer.number(1.0 / 6));
        assertEquals("2", TableRenderer.number(2.0));
        assertEquals("0", TableRenderer.number(0.0));
        assertEquals("-123457", TableRenderer.number(-123456.7));
        assertEquals("1.00000e-07", TableRenderer.number(1e-7));
        assertEquals("NaN", TableRenderer.number(Double.NaN));
    }

    @Test
    void smallTableSaysNothingAboutRowsNotShown() {
        Table table = Table.create("one", DoubleColumn.create("x", new double[] {1}));
        assertEquals("one: 1 row × 1 column", TableRenderer.shape(table, 1));
    }

    @Test
    void valueGraphIsSvgWithTheValueAsText() {
        Value out = Value.of(2.0, "a").mul(Value.of(3.0, "b")).tanh();
        Map<String, Object> data = render(out);
        assertTrue(((String) data.get("image/svg+xml")).contains("<svg"));
        assertEquals(out.toString(), data.get("text/plain"));
    }

    @Test
    void anyHtmlDisplayableIsHtmlAndText() {
        HtmlDisplayable note = new HtmlDisplayable() {
            @Override
            public String toHtml() {
                return "<i>hi</i>";
            }

            @Override
            public String toString() {
                return "hi";
            }
        };
        assertEquals(Map.of("text/html", "<i>hi</i>", "text/plain", "hi"), render(note));
    }

    @Test
    void askingForTextOnlyGivesText() {
        Value v = Value.of(1.0);
        assertEquals(Map.of("text/plain", v.toString()), DisplaySystem.inst().render("text/plain", v).data());
    }
}
