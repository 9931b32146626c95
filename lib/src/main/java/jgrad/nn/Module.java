package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jgrad.tensor.Tensor;

/**
 * A layer or a model: a function of a tensor with parameters, like {@code torch.nn.Module}.
 *
 * <p>Subclasses register their parameters with {@link #register(String, Tensor)} and override
 * {@link #forward(Tensor)}, and {@link #outputShape(int...)} when the output shape can be computed
 * without running the layer (for {@link #summary(int...)} of large models).
 */
public abstract class Module {

    private final Map<String, Tensor> ownParameters = new LinkedHashMap<>();
    private boolean training = true;

    /** Applies the layer to a batch. */
    public abstract Tensor forward(Tensor x);

    /** Registers a parameter under {@code name} and marks it as requiring gradients; returns it. */
    protected final Tensor register(String name, Tensor parameter) {
        ownParameters.put(name, parameter.requiresGrad());
        return parameter;
    }

    /** The sub-modules, in order (none by default). */
    protected List<Module> children() {
        return Collections.emptyList();
    }

    /** The names sub-modules' parameters are prefixed with ({@code "0"}, {@code "1"}, ... by default). */
    protected String childName(int index) {
        return Integer.toString(index);
    }

    /** Every parameter by name, e.g. {@code "0.weight"}, {@code "0.bias"} in a Sequential. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = new LinkedHashMap<>(ownParameters);
        List<Module> kids = children();
        for (int i = 0; i < kids.size(); i++) {
            String prefix = childName(i) + ".";
            kids.get(i).namedParameters().forEach((name, p) -> all.put(prefix + name, p));
        }
        return all;
    }

    /** The parameter called {@code name} (see {@link #namedParameters()}). */
    public Tensor parameter(String name) {
        Tensor p = namedParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException(this + " has no parameter '" + name + "'; it has "
                    + namedParameters().keySet());
        }
        return p;
    }

    /** Every parameter, in a stable order (what optimizers take). */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The number of scalar parameters. */
    public int parameterCount() {
        int n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    /** Training mode (dropout active); returns this module. */
    public Module train() {
        setTraining(true);
        return this;
    }

    /** Evaluation mode (dropout off); returns this module. */
    public Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        for (Module child : children()) {
            child.setTraining(on);
        }
    }

    /** True in training mode (the default). */
    public boolean isTraining() {
        return training;
    }

    /**
     * The output shape for an input of shape {@code inputShape} (batch included), with the same errors
     * as {@link #forward(Tensor)}. By default runs the layer on zeros without recording a graph.
     */
    @SuppressWarnings("try") // the scope is used only for its effect
    public int[] outputShape(int... inputShape) {
        try (var scope = Tensor.noGrad()) {
            return forward(Tensor.zeros(inputShape)).shape();
        }
    }

    /**
     * A Keras-like table of the layers, their output shapes and parameter counts for inputs of shape
     * {@code inputShapeWithoutBatch} (e.g. 3, 32, 32 for CIFAR images).
     */
    public Summary summary(int... inputShapeWithoutBatch) {
        return Summary.of(this, inputShapeWithoutBatch);
    }
}
