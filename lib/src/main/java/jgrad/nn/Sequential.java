package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jgrad.tensor.Shape;
import jgrad.tensor.Tensor;

/**
 * Layers applied one after the other. When a layer rejects its input, the error says which layer
 * (numbered from 0, as in {@link #summary(int...)} and the parameter names) and what it got:
 * {@code Sequential layer 3 (Linear(1600 -> 10)) got input of shape (32, 576): ...}.
 */
public class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();

    /** The layers in order. */
    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a layer; returns this model. */
    public Sequential add(Module layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential: layer " + layers.size() + " is null");
        }
        layers.add(layer);
        return this;
    }

    /** Layer {@code i} (from 0). */
    public Module get(int i) {
        return layers.get(i);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    /** The layers (read-only). */
    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    protected List<Module> children() {
        return layers();
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < layers.size(); i++) {
            try {
                h = layers.get(i).forward(h);
            } catch (IllegalArgumentException e) {
                throw located(i, h.shape(), e);
            }
        }
        return h;
    }

    @Override
    public int[] outputShape(int... inputShape) {
        int[] s = inputShape.clone();
        for (int i = 0; i < layers.size(); i++) {
            try {
                s = layers.get(i).outputShape(s);
            } catch (IllegalArgumentException e) {
                throw located(i, s, e);
            }
        }
        return s;
    }

    private IllegalArgumentException located(int i, int[] inputShape, IllegalArgumentException e) {
        return new IllegalArgumentException("Sequential layer " + i + " (" + layers.get(i) + ") got input of shape "
                + Shape.format(inputShape) + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) {
            sb.append("\n  (").append(i).append("): ").append(layers.get(i).toString().replace("\n", "\n  "));
        }
        return sb.append(layers.isEmpty() ? ")" : "\n)").toString();
    }
}
