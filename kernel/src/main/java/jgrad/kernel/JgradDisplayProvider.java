package jgrad.kernel;

import java.util.List;

import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

/**
 * The course's renderers, found by rapaio-jupyter-kernel's display system through
 * {@code META-INF/services/org.rapaio.jupyter.kernel.display.spi.DisplayProvider}. They apply both to
 * {@code display(x)} and to a cell whose last line is an expression.
 */
public final class JgradDisplayProvider implements DisplayProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public JgradDisplayProvider() {
    }

    /** SVG before HTML: an object offering both is a picture first. */
    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new SvgRenderer(), new HtmlRenderer(), new ChartRenderer(), new TableRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
