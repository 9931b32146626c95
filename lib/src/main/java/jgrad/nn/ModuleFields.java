package jgrad.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jgrad.tensor.Tensor;

/**
 * Finds a module's sub-modules and parameters in its fields, the way PyTorch's {@code __setattr__}
 * registers attributes: fields of type {@link Module} are sub-modules, fields of type {@link Tensor}
 * holding a leaf that requires gradients are parameters. The fields of each class are looked up once.
 */
final class ModuleFields {

    /** The instance fields of one module class that can hold a module or a tensor, superclass fields first. */
    private record Scan(List<Field> modules, List<Field> tensors, boolean overridesChildren) {
    }

    private static final ClassValue<Scan> SCANS = new ClassValue<>() {
        @Override
        protected Scan computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private ModuleFields() {
    }

    /** True when {@code type} or a superclass below {@link Module} declares its own {@code children()}. */
    static boolean overridesChildren(Class<? extends Module> type) {
        return SCANS.get(type).overridesChildren();
    }

    /** The sub-modules in {@code m}'s fields, by field name, in declaration order (nulls and {@code m} itself left out). */
    static Map<String, Module> children(Module m) {
        Map<String, Module> named = new LinkedHashMap<>();
        for (Field f : SCANS.get(m.getClass()).modules()) {
            Object value = read(m, f);
            if (value != null && value != m) {
                named.putIfAbsent(f.getName(), (Module) value);
            }
        }
        return named;
    }

    /** Adds to {@code into} the parameters in {@code m}'s tensor fields that were not registered explicitly. */
    static void parameters(Module m, Map<String, Tensor> into) {
        for (Field f : SCANS.get(m.getClass()).tensors()) {
            Tensor t = (Tensor) read(m, f);
            if (t != null && t.isLeaf() && t.needsGrad() && !m.isRegistered(t)) {
                into.putIfAbsent(f.getName(), t);
            }
        }
    }

    private static Scan scan(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Module.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> modules = new ArrayList<>();
        List<Field> tensors = new ArrayList<>();
        boolean overrides = false;
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                // Synthetic fields are the compiler's: an inner class's outer instance, a local class's captures.
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) {
                    continue;
                }
                if (Module.class.isAssignableFrom(f.getType())) {
                    modules.add(f);
                } else if (f.getType() == Tensor.class) {
                    tensors.add(f);
                }
            }
            overrides |= declaresChildren(c);
        }
        for (Field f : modules) {
            f.trySetAccessible();
        }
        for (Field f : tensors) {
            f.trySetAccessible();
        }
        return new Scan(List.copyOf(modules), List.copyOf(tensors), overrides);
    }

    private static boolean declaresChildren(Class<?> c) {
        try {
            c.getDeclaredMethod("children");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Object read(Module m, Field f) {
        try {
            return f.get(m);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(f.getDeclaringClass().getName() + "." + f.getName()
                    + ": jgrad finds a module's layers and parameters by reading its fields, and this one cannot be"
                    + " read (its package is in a Java module that does not open it to jgrad). Open the package,"
                    + " or override children() and register parameters with register(name, tensor)", e);
        }
    }
}
