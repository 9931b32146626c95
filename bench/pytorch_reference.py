#!/usr/bin/env python3
"""The jgrad benchmark workloads in PyTorch (CPU, float64, 2 threads), printing the same lines as
`./jgrad bench` (jgrad.bench.Main): `name  median ms [GFLOP/s]`.

    python3 bench/pytorch_reference.py               every workload
    python3 bench/pytorch_reference.py xor conv2d    only these
    python3 bench/pytorch_reference.py --cell        as a notebook cell runs them: each workload in a fresh
                                                     process, one warm-up run, the median of the next three
                                                     (micrograd: 15 steps, the median of steps 5-14); the
                                                     median of that over 5 fresh processes, with their range
    python3 bench/pytorch_reference.py --cell --processes 1    one fresh process per workload

Needs PyTorch (Debian: apt-get install python3-torch; with pyenv, run /usr/bin/python3)."""
import subprocess
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)
torch.set_default_dtype(torch.float64)


def xor():
    x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    y = torch.tensor([[0.], [1.], [1.], [0.]])

    def run():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(2, 2), nn.Sigmoid(), nn.Linear(2, 1))
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(5000):
            opt.zero_grad()
            F.mse_loss(model(x), y).backward()
            opt.step()
    return run


def iris():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(150, 4, generator=g)
    labels = torch.arange(150) % 3

    def run():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 3))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        for _ in range(100):
            order = torch.randperm(150)
            for start in range(0, 150, 16):
                batch = order[start:start + 16]
                opt.zero_grad()
                F.cross_entropy(model(x[batch]), labels[batch]).backward()
                opt.step()
    return run


def matmul(n):
    def prepare():
        g = torch.Generator().manual_seed(2)
        a = torch.randn(n, n, generator=g)
        b = torch.randn(n, n, generator=g)
        return lambda: a @ b
    return prepare


def numpy_matmul(n):
    """The same product in numpy (its OpenBLAS), the yardstick of the issue's GFLOP/s targets."""
    def prepare():
        import numpy as np
        rng = np.random.default_rng(2)
        a = rng.standard_normal((n, n))
        b = rng.standard_normal((n, n))
        return lambda: a @ b
    return prepare


def conv2d():
    g = torch.Generator().manual_seed(3)
    x = torch.randn(64, 3, 32, 32, generator=g, requires_grad=True)
    w = torch.randn(32, 3, 3, 3, generator=g, requires_grad=True)
    b = torch.randn(32, generator=g, requires_grad=True)

    def run():
        x.grad = w.grad = b.grad = None
        F.conv2d(x, w, b, stride=1, padding=1).sum().backward()
    return run


def tinycnn():
    g = torch.Generator().manual_seed(4)
    x = torch.randn(32, 1, 8, 8, generator=g)
    labels = torch.arange(32) % 10

    def run():
        torch.manual_seed(0)
        model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(72, 10))
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        for _ in range(100):
            opt.zero_grad()
            F.cross_entropy(model(x), labels).backward()
            opt.step()
    return run


def moons(n, noise, seed):
    """Two interleaving half circles, as jgrad.data.Moons makes them (labels -1 / +1)."""
    g = torch.Generator().manual_seed(seed)
    outer, inner = n // 2, n - n // 2
    t_out = torch.linspace(0, torch.pi, outer)
    t_in = torch.linspace(0, torch.pi, inner)
    x = torch.cat([torch.stack([t_out.cos(), t_out.sin()], 1),
                   torch.stack([1 - t_in.cos(), 0.5 - t_in.sin()], 1)])
    x = x + noise * torch.randn(n, 2, generator=g)
    y = torch.cat([-torch.ones(outer), torch.ones(inner)])
    return x, y


def micrograd():
    """micrograd's demo as one PyTorch step: MLP(2, [16, 16, 1]) on 100 moons, max-margin loss + 1e-4 L2."""
    x, y = moons(100, 0.1, 1)
    torch.manual_seed(1337)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
    params = list(model.parameters())

    def run():
        scores = model(x).squeeze(1)
        data_loss = F.relu(1 - y * scores).mean()
        reg_loss = 1e-4 * sum((p * p).sum() for p in params)
        loss = data_loss + reg_loss
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.5 * p.grad
    return run


def gflops(flops):
    return lambda ms: f"  {flops / (ms * 1e6):6.1f} GFLOP/s"


# name, warm-ups, timed runs, prepare (returns the timed body), extra column
# (in a cell: one warm-up and the median of three, except micrograd: see CELL)
WORKLOADS = [
    ("micrograd", 300, 51, micrograd, None),
    ("xor", 3, 7, xor, None),
    ("iris", 3, 7, iris, None),
] + [
    (f"matmul{n}", 5 if n < 1024 else 2, 11 if n < 1024 else 5, matmul(n), gflops(2.0 * n ** 3))
    for n in (256, 512, 1024)
] + [
    (f"numpy{n}", 5 if n < 1024 else 2, 11 if n < 1024 else 5, numpy_matmul(n), gflops(2.0 * n ** 3))
    for n in (256, 512, 1024)
] + [
    ("conv2d", 3, 9, conv2d, None),
    ("tinycnn", 5, 11, tinycnn, None),
]


# warm-ups and timed runs as a notebook cell meets them (fresh process), as jgrad.bench.Workload.measureCell
CELL = {"micrograd": (5, 10)}


def median(body, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        body()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    mid = runs // 2
    return times[mid] if runs % 2 == 1 else (times[mid - 1] + times[mid]) / 2


def measure_cell(name, prepare):
    warm_ups, runs = CELL.get(name, (1, 3))
    body = prepare()
    for _ in range(warm_ups):
        body()
    return median(body, runs)


def measure(warm_ups, runs, prepare):
    body = prepare()
    # at least warm_ups runs and one second, as in jgrad.bench.Workload
    start = time.perf_counter()
    i = 0
    while i < warm_ups or (time.perf_counter() - start < 1.0 and i < 100):
        body()
        i += 1
    return median(body, runs)


# fresh processes per workload in a cell measurement, as jgrad.bench.Main.CELL_PROCESSES
CELL_PROCESSES = 5


def cell_in_fresh_processes(name, processes, extra):
    """The workload's cell measurement in `processes` fresh processes: its line for their median, then their range."""
    results = []
    for _ in range(processes):
        child = subprocess.run([sys.executable, __file__, "--cell-child", name], stdout=subprocess.PIPE, text=True)
        words = next((line.split() for line in child.stdout.splitlines() if line.split()[:1] == [name]), [])
        if child.returncode != 0 or len(words) < 3 or words[2] != "ms":
            sys.stdout.write(child.stdout)
            sys.exit(f"pytorch_reference: the cell measurement of {name} in a fresh process "
                     + (f"exited with {child.returncode}" if child.returncode else "printed no line for it"))
        results.append(float(words[1]))
    results.sort()
    mid = processes // 2
    ms = results[mid] if processes % 2 == 1 else (results[mid - 1] + results[mid]) / 2
    if extra:  # from the slowest to the fastest, in the extra column's unit (GFLOP/s)
        (low, unit), (high, _) = extra(results[-1]).split(), extra(results[0]).split()
        spread = f"{low}–{high} {unit}"
    else:
        spread = f"{results[0]:.1f}–{results[-1]:.1f} ms"
    spread = f"  ({processes} processes: {spread})" if processes > 1 else ""
    print(f"{name:<12} {ms:9.1f} ms{extra(ms) if extra else ''}{spread}", flush=True)


def take_processes(names):
    """Removes --processes N (or --processes=N) from names; returns N (default CELL_PROCESSES)."""
    for i, word in enumerate(names):
        if word == "--processes" or word.startswith("--processes="):
            value = word.partition("=")[2] if "=" in word else (names[i + 1] if i + 1 < len(names) else "")
            del names[i:i + (1 if "=" in word else 2)]
            if not value.isdigit() or int(value) < 1:
                sys.exit(f"pytorch_reference: --processes needs a whole number of fresh processes, 1 or more (got '{value}')")
            return int(value)
    return CELL_PROCESSES


def main(names):
    names = list(names)
    processes = take_processes(names)
    cell = "--cell" in names
    child = "--cell-child" in names
    names = [n for n in names if n not in ("--cell", "--cell-child")]
    known = {w[0] for w in WORKLOADS}
    for name in names:
        if name not in known:
            sys.exit(f"pytorch_reference: no workload named '{name}'; known: {' '.join(w[0] for w in WORKLOADS)}")
    for name, warm_ups, runs, prepare, extra in WORKLOADS:
        if names and name not in names:
            continue
        if cell:
            cell_in_fresh_processes(name, processes, extra)
            continue
        if child:  # to the nanosecond: the parent computes the GFLOP/s of the median from it
            print(f"{name} {measure_cell(name, prepare):.6f} ms", flush=True)
            continue
        ms = measure(warm_ups, runs, prepare)
        print(f"{name:<12} {ms:9.1f} ms{extra(ms) if extra else ''}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
