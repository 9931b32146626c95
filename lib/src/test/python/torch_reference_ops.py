"""Known values for the tests of the ops, layers, optimizers and losses added for issue 16, computed once
with PyTorch (float64) and pasted into lib/src/test/java/jgrad/{tensor,nn,optim}/*Test.java. The tests
themselves never run Python. Run with Debian's python3-torch: /usr/bin/python3 torch_reference_ops.py

Inputs are filled with seq(shape, a, b)[i] = sin(a*i + b), as in torch_reference_values.py."""
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def seq(shape, a=0.7, b=0.3):
    n = math.prod(shape)
    return torch.tensor([math.sin(a * i + b) for i in range(n)]).reshape(shape)


def show(name, t):
    flat = t.detach().reshape(-1).tolist() if torch.is_tensor(t) else list(t)
    print(f"    static final double[] {name} = {{{', '.join(repr(float(v)) for v in flat)}}};")


def weighted(y, a=0.5, b=0.1):
    """A loss that weights every output element differently, like TensorGradCheck."""
    return (y * (seq(tuple(y.shape), a, b) + 2)).sum()


print("// ---- ops")
x = seq((3, 4)).requires_grad_()
mn = x.min(1).values
mk = x.min(0, keepdim=True).values
weighted(mn).backward()
show("MIN1", mn)
show("MIN1_GRAD", x.grad)
show("MIN0_KEEP", mk)
show("ARGMIN1", x.argmin(1))
show("ARGMIN0", x.argmin(0))

x = seq((3, 4)).requires_grad_()
c = x.clamp(-0.5, 0.6)
weighted(c).backward()
show("CLAMP", c)
show("CLAMP_GRAD", x.grad)

a = seq((2, 3, 4)).requires_grad_()
b = seq((4,), 1.3, -0.4).requires_grad_()
cond = seq((3, 1), 0.9, 1.1) > 0.5
w = torch.where(cond, a, b)
weighted(w).backward()
show("WHERE", w)
show("WHERE_GRAD_A", a.grad)
show("WHERE_GRAD_B", b.grad)

x = seq((3, 4, 2)).requires_grad_()
v1 = x.var(1)
s0 = x.std(0, unbiased=False, keepdim=True)
vall = x.var()
sall = x.std()
(weighted(v1) + weighted(s0) + vall + 2 * sall).backward()
show("VAR1", v1)
show("STD0_BIASED", s0)
show("VAR_ALL", vall)
show("STD_ALL", sall)
show("SPREAD_GRAD", x.grad)

x = seq((3, 4)).requires_grad_()
idx = torch.tensor([[3, 0, 3], [1, 1, 2], [0, 2, 0]])
g = x.gather(1, idx)
g0 = x.gather(0, torch.tensor([[2, 0, 1, 2]]))
(weighted(g) + weighted(g0)).backward()
show("GATHER1", g)
show("GATHER0", g0)
show("GATHER_GRAD", x.grad)

a = seq((2, 1, 3, 4)).requires_grad_()
b = seq((3, 4, 5), 0.37, 0.2).requires_grad_()
p = a @ b
v = seq((4,), 1.3, -0.4).requires_grad_()
m = seq((2, 4, 3), 0.9, 0.1).requires_grad_()
vm = v @ m
mv = m.transpose(1, 2) @ v
dot = v @ v
(weighted(p) + weighted(vm) + weighted(mv) + dot).backward()
print("    // matmul shapes", tuple(p.shape), tuple(vm.shape), tuple(mv.shape), tuple(dot.shape))
show("BMM", p)
show("BMM_GRAD_A", a.grad)
show("BMM_GRAD_B", b.grad)
show("VM", vm)
show("MV", mv)
show("DOT", dot)
show("VEC_GRAD_V", v.grad)
show("VEC_GRAD_M", m.grad)
