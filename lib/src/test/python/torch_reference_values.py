"""Known values for the tensor tests, computed once with PyTorch (float64) and pasted into
lib/src/test/java/jgrad/{tensor,nn,optim}/*ReferenceTest.java. The tests themselves never run Python.

Inputs are filled with seq(n, a, b)[i] = sin(a*i + b), so Java builds the same tensors."""
import math
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def seq(shape, a=0.7, b=0.3):
    n = math.prod(shape)
    return torch.tensor([math.sin(a * i + b) for i in range(n)]).reshape(shape)


def show(name, t):
    flat = t.detach().reshape(-1).tolist()
    print(f"{name} = {{{', '.join(repr(v) for v in flat)}}};")


# broadcasting between ranks: (2, 3, 4) with (3, 1) and (4)
a = seq((2, 3, 4)).requires_grad_()
b = (seq((3, 1), 0.9, 1.1) + 2).requires_grad_()
c = seq((4,), 1.3, -0.4).requires_grad_()
y = (a * b + a / b - c).tanh().sum() + (a.exp() * c).mean()
y.backward()
show("BROADCAST_LOSS", y)
show("BROADCAST_GRAD_A", a.grad)
show("BROADCAST_GRAD_B", b.grad)
show("BROADCAST_GRAD_C", c.grad)

# matmul, sigmoid, logSoftmax, softmax
x = seq((3, 4)).requires_grad_()
w = seq((4, 5), 0.37, 0.2).requires_grad_()
z = x @ w
show("MATMUL", z)
ls = z.log_softmax(1)
sm = z.softmax(0)
loss = (ls * seq((3, 5), 0.5, 0.0)).sum() + (sm * sm).sum() + z.sigmoid().sum()
loss.backward()
show("LOG_SOFTMAX", ls)
show("SOFTMAX0", sm)
show("MATMUL_LOSS", loss)
show("MATMUL_GRAD_X", x.grad)
show("MATMUL_GRAD_W", w.grad)

# cross-entropy
logits = (3 * seq((4, 3), 1.1, 0.5)).requires_grad_()
targets = torch.tensor([2, 0, 1, 2])
ce = F.cross_entropy(logits, targets)
ce.backward()
show("CE", ce)
show("CE_GRAD", logits.grad)

# conv2d with stride 2 and padding 1, then max pooling
xi = seq((2, 3, 7, 7), 0.31, 0.1).requires_grad_()
wi = (0.5 * seq((4, 3, 3, 3), 0.77, 0.4)).requires_grad_()
bi = seq((4,), 1.7, 0.2).requires_grad_()
conv = F.conv2d(xi, wi, bi, stride=2, padding=1)
pool = F.max_pool2d(conv, 2, 1)
closs = (pool * seq(tuple(pool.shape), 0.23, 0.9)).sum()
closs.backward()
print("// conv shape", tuple(conv.shape), "pool shape", tuple(pool.shape))
show("CONV", conv)
show("POOL", pool)
show("CONV_GRAD_X", xi.grad)
show("CONV_GRAD_W", wi.grad)
show("CONV_GRAD_B", bi.grad)

# mse
p = seq((5, 2)).requires_grad_()
t = seq((5, 2), 0.2, 0.1)
m = F.mse_loss(p, t)
m.backward()
show("MSE", m)
show("MSE_GRAD", p.grad)


# optimizers on f(p) = sum(seq * p^2) + sum(p^3)/3, 5 steps from p0
def run(make):
    p = seq((6,), 0.9, 0.1).clone().requires_grad_()
    opt = make([p])
    for _ in range(5):
        opt.zero_grad()
        f = (seq((6,), 0.4, 0.7) * p * p).sum() + (p ** 3).sum() / 3
        f.backward()
        opt.step()
    return p


show("SGD_PLAIN", run(lambda ps: torch.optim.SGD(ps, lr=0.1)))
show("SGD_MOMENTUM", run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01)))
show("SGD_NESTEROV", run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)))
show("ADAM", run(lambda ps: torch.optim.Adam(ps, lr=0.1)))
show("ADAM_WD", run(lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)))
show("RMSPROP", run(lambda ps: torch.optim.RMSprop(ps, lr=0.01)))
