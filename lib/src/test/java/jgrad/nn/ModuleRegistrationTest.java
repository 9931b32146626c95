package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jgrad.tensor.Tensor;

/** A composite module's layers and parameters are found in its fields, without overriding anything. */
class ModuleRegistrationTest {

    static class Net extends Module {
        Linear fc1 = new Linear(4, 3, new Random(1));
        private final Linear fc2 = new Linear(3, 2, new Random(2));
        Tensor scale = Tensor.ones(1).requiresGrad();   // a parameter of its own
        Tensor mask = Tensor.ones(2);                     // a constant, not a parameter
        Linear unused;                                    // null: nothing to register

        @Override
        public Tensor forward(Tensor x) {
            return fc2.forward(fc1.forward(x).relu()).mul(scale).mul(mask);
        }
    }

    @Test
    void fieldsAreSubModulesAndParametersInDeclarationOrder() {
        Net net = new Net();
        assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertSame(net.fc1.weight(), net.parameter("fc1.weight"));
        assertEquals(1 + 4 * 3 + 3 + 3 * 2 + 2, net.parameterCount());
        assertEquals(List.of("fc1", "fc2"), List.copyOf(net.namedChildren().keySet()));
        net.forward(Tensor.ones(5, 4)).sum().backward();
        assertTrue(net.parameters().stream().allMatch(Tensor::hasGrad), "every parameter got a gradient");
    }

    @Test
    void fieldsAssignedLaterAreSeen() {
        Net net = new Net();
        net.unused = new Linear(2, 2, new Random(3));
        assertTrue(net.namedParameters().containsKey("unused.weight"));
    }

    static class Base extends Module {
        Linear first = new Linear(2, 2, new Random(1));

        @Override
        public Tensor forward(Tensor x) {
            return first.forward(x);
        }
    }

    static class Derived extends Base {
        Dropout drop = new Dropout(0.5, new Random(2));
        Linear second = new Linear(2, 1, new Random(3));
    }

    @Test
    void superclassFieldsComeFirstAndEvalReachesEveryField() {
        Derived d = new Derived();
        assertEquals(List.of("first.weight", "first.bias", "second.weight", "second.bias"),
                List.copyOf(d.namedParameters().keySet()));
        d.eval();
        assertFalse(d.drop.isTraining());
        d.train();
        assertTrue(d.drop.isTraining());
    }

    static class Shared extends Module {
        Linear layer = new Linear(2, 2, new Random(1));
        Linear same = layer;
        Shared self = this;
        Back back = new Back(this);

        @Override
        public Tensor forward(Tensor x) {
            return same.forward(layer.forward(x));
        }
    }

    /** A child that points back at its parent: the walk must not loop. */
    static class Back extends Module {
        final Shared parent;
        Tensor tied;

        Back(Shared parent) {
            this.parent = parent;
            this.tied = parent.layer.weight();
        }

        @Override
        public Tensor forward(Tensor x) {
            return x;
        }
    }

    @Test
    void aModuleOrParameterReachedTwiceIsListedOnceUnderItsFirstName() {
        Shared s = new Shared();
        assertEquals(List.of("layer.weight", "layer.bias"), List.copyOf(s.namedParameters().keySet()));
        assertEquals(2, s.parameters().size());
        s.eval();
        assertFalse(s.layer.isTraining());
        assertFalse(s.back.isTraining());
    }

    @Test
    void compilerFieldsOfInnerAndLocalClassesAreNotChildren() {
        Linear captured = new Linear(2, 2, new Random(5));
        class Local extends Module {
            final Linear own = new Linear(2, 1, new Random(6));

            @Override
            public Tensor forward(Tensor x) {
                return own.forward(captured.forward(x));   // captured: a synthetic field val$captured
            }
        }
        Local local = new Local();
        assertEquals(List.of("own.weight", "own.bias"), List.copyOf(local.namedParameters().keySet()));
        Outer outer = new Outer();
        assertEquals(List.of("fc.weight", "fc.bias", "head.own.weight", "head.own.bias"),
                List.copyOf(outer.namedParameters().keySet()));
        assertEquals(List.of("own"), List.copyOf(outer.head.namedChildren().keySet()));
    }

    static class Outer extends Module {
        final Linear fc = new Linear(2, 2, new Random(7));
        final Head head = new Head();

        /** An inner class: its hidden field this$0 holds the Outer module, which is not its child. */
        class Head extends Module {
            final Linear own = new Linear(2, 1, new Random(8));

            @Override
            public Tensor forward(Tensor x) {
                return own.forward(fc.forward(x));   // reads Outer.this.fc
            }
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(x);
        }
    }

    /** The explicit way keeps working: children() overridden, index names, fields not scanned for modules. */
    static class Explicit extends Module {
        final Linear a = new Linear(2, 2, new Random(1));
        final Linear b = new Linear(2, 2, new Random(2));

        @Override
        protected List<Module> children() {
            return List.of(b, a);
        }

        @Override
        public Tensor forward(Tensor x) {
            return a.forward(b.forward(x));
        }
    }

    @Test
    void anOverriddenChildrenListIsUsedWithItsNames() {
        Explicit e = new Explicit();
        Map<String, Tensor> named = e.namedParameters();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(named.keySet()));
        assertSame(e.b.weight(), named.get("0.weight"));
    }

    @Test
    void sequentialKeepsItsIndexNames() {
        Sequential model = new Sequential(new Linear(4, 3, new Random(1)), new ReLU(), new Linear(3, 2, new Random(2)));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.of("0", "1", "2"), List.copyOf(model.namedChildren().keySet()));
    }

    @Test
    void aSequentialInsideAFieldIsPrefixedByTheFieldName() {
        class WithFeatures extends Module {
            final Sequential features = new Sequential(new Linear(2, 2, new Random(1)), new ReLU());

            @Override
            public Tensor forward(Tensor x) {
                return features.forward(x);
            }
        }
        assertEquals(List.of("features.0.weight", "features.0.bias"),
                List.copyOf(new WithFeatures().namedParameters().keySet()));
    }
}
