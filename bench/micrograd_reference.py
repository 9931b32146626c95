#!/usr/bin/env python3
"""micrograd's demo step in pure Python, for the `micrograd` line of `./jgrad bench`.

A faithful copy of the engine and nn of Andrej Karpathy's micrograd (MIT license,
github.com/karpathy/micrograd), which is not packaged for Debian: scalar Values, a Neuron summing
w·x from the bias, MLP(2, [16, 16, 1]), and the demo's loss (max-margin averaged plus 1e-4·Σp²).
Prints `micrograd  <median ms per training step> ms` like jgrad.bench.Main. Needs only Python 3."""
import math
import random
import time


class Value:
    def __init__(self, data, _children=(), _op=''):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), '+')

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), '*')

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), 'ReLU')

        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, visited = [], set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)
        build_topo(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other


class Neuron:
    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, nin, nouts):
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


def moons(n, noise, seed):
    rng = random.Random(seed)
    outer, inner = n // 2, n - n // 2
    xs, ys = [], []
    for i in range(outer):
        t = math.pi * i / (outer - 1)
        xs.append([math.cos(t) + noise * rng.gauss(0, 1), math.sin(t) + noise * rng.gauss(0, 1)])
        ys.append(-1)
    for i in range(inner):
        t = math.pi * i / (inner - 1)
        xs.append([1 - math.cos(t) + noise * rng.gauss(0, 1), 0.5 - math.sin(t) + noise * rng.gauss(0, 1)])
        ys.append(1)
    return xs, ys


def main():
    random.seed(1337)
    model = MLP(2, [16, 16, 1])
    X, y = moons(100, 0.1, 1)
    times = []
    for k in range(12):  # 2 warm-ups, 10 timed steps
        t0 = time.perf_counter()
        inputs = [list(map(Value, xrow)) for xrow in X]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
        total_loss = data_loss + reg_loss
        for p in model.parameters():
            p.grad = 0
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        if k >= 2:
            times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print(f"{'micrograd':<12} {(times[4] + times[5]) / 2:9.1f} ms", flush=True)


if __name__ == "__main__":
    main()
