package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jgrad.tensor.Tensor;

/**
 * A layer or a model: a function of a tensor with parameters, like {@code torch.nn.Module}.
 *
 * <p>Subclasses override {@link #forward(Tensor)}, and {@link #outputShape(int...)} when the output
 * shape can be computed without running the layer (for {@link #summary(int...)} of large models).
 * Parameters and sub-modules are found by themselves, as PyTorch's attribute assignment registers them:
 * <ul>
 * <li>every field holding a {@code Module} is a sub-module named after the field, in declaration order;
 * <li>every field holding a {@code Tensor} that is a leaf requiring gradients (made with
 *     {@link Tensor#requiresGrad()}, PyTorch's {@code nn.Parameter}) is a parameter named after the field;
 *     other tensor fields (constants, masks, cached results) are not parameters;
 * <li>{@link #register(String, Tensor)} registers a parameter explicitly (the built-in layers do).
 * </ul>
 *
 * <pre>{@code
 * class Net extends Module {
 *     Linear fc1 = new Linear(4, 8);
 *     Linear fc2 = new Linear(8, 3);
 *     public Tensor forward(Tensor x) { return fc2.forward(fc1.forward(x).relu()); }
 * }
 * new Net().namedParameters().keySet();   // [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
 * }</pre>
 *
 * <p>Fields are read when the parameters are asked for, so fields assigned in a constructor or later
 * count too. Declaration order is the order the JVM reports fields in, which is declaration order on
 * HotSpot (OpenJDK, Temurin) though the Java specification does not promise it. Sub-modules in a list or
 * an array are not found (as in PyTorch, which needs {@code nn.ModuleList}): use a {@link Sequential},
 * or override {@link #children()}, which then replaces the field scan for sub-modules and names them
 * {@link #childName(int)} ({@code "0"}, {@code "1"}, ...). A module or parameter reached twice is
 * listed once, under its first name, so an optimizer updates a shared parameter once per step.
 *
 * <p><b>The name {@code Module}.</b> {@code java.lang.Module} (the Java platform's modules) has the same
 * simple name, and {@code java.lang.*} is imported everywhere: with only {@code import jgrad.nn.*;} the
 * bare name {@code Module} is ambiguous and does not compile. A single-type import wins over both, so
 * add {@code import jgrad.nn.Module;} (the course's kernel and grader put it in their start-up imports).
 * Names such as {@code Linear} or {@code Sequential} need nothing more.
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

    /**
     * Removes the parameter registered under {@code name} (a layer's bias after {@code bias(false)});
     * returns it, or null when there was none.
     */
    protected final Tensor unregister(String name) {
        return ownParameters.remove(name);
    }

    /**
     * The sub-modules, in order: by default the module fields, in declaration order. Override it to
     * list sub-modules another way (they are then named by {@link #childName(int)}).
     */
    protected List<Module> children() {
        return new ArrayList<>(ModuleFields.children(this).values());
    }

    /**
     * The name of child {@code index} of an overridden {@link #children()} ({@code "0"}, {@code "1"},
     * ... by default); sub-modules found in fields are named after their fields instead.
     */
    protected String childName(int index) {
        return Integer.toString(index);
    }

    /** The direct sub-modules by name: {@code "fc1"} for a field {@code fc1}, {@code "0"}, {@code "1"}, ... in a Sequential. */
    public Map<String, Module> namedChildren() {
        if (!ModuleFields.overridesChildren(getClass())) {
            return ModuleFields.children(this);
        }
        Map<String, Module> named = new LinkedHashMap<>();
        List<Module> kids = children();
        for (int i = 0; i < kids.size(); i++) {
            named.putIfAbsent(childName(i), kids.get(i));
        }
        return named;
    }

    /**
     * Every parameter by name: this module's own first, then each sub-module's prefixed with its name,
     * e.g. {@code "0.weight"}, {@code "0.bias"} in a Sequential, {@code "fc1.weight"} for a field {@code fc1}.
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collect("", all, Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    /** Adds this module's parameters under {@code prefix}, skipping modules and tensors already seen. */
    private void collect(String prefix, Map<String, Tensor> into, Set<Object> seen) {
        if (!seen.add(this)) {
            return;
        }
        Map<String, Tensor> own = new LinkedHashMap<>(ownParameters);
        ModuleFields.parameters(this, own);
        own.forEach((name, p) -> {
            if (seen.add(p)) {
                into.put(prefix + name, p);
            }
        });
        namedChildren().forEach((name, child) -> child.collect(prefix + name + ".", into, seen));
    }

    /** True when {@code t} was registered with {@link #register(String, Tensor)}. */
    final boolean isRegistered(Tensor t) {
        for (Tensor p : ownParameters.values()) {
            if (p == t) {
                return true;
            }
        }
        return false;
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
        setTraining(on, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private void setTraining(boolean on, Set<Module> seen) {
        if (seen.add(this)) {
            training = on;
            for (Module child : namedChildren().values()) {
                child.setTraining(on, seen);
            }
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
