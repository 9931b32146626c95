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


def java(v):
    v = float(v)
    if math.isnan(v):
        return "Double.NaN"
    if math.isinf(v):
        return "Double.POSITIVE_INFINITY" if v > 0 else "Double.NEGATIVE_INFINITY"
    return repr(v)


def show(name, t):
    flat = t.detach().reshape(-1).tolist() if torch.is_tensor(t) else list(t)
    print(f"    static final double[] {name} = {{{', '.join(java(v) for v in flat)}}};")


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

print("// ---- batch norm")
torch.manual_seed(0)
bn = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(seq((3,), 0.9, 1.1) + 1.5)
    bn.bias.copy_(seq((3,), 0.4, 0.2))
for step in range(4):
    xb = (seq((5, 3), 0.3 + 0.1 * step, 0.2 * step) * (step + 1) + step).requires_grad_()
    y = bn(xb)
    if step == 3:
        weighted(y).backward()
        show("BN1_Y", y)
        show("BN1_GRAD_X", xb.grad)
        show("BN1_GRAD_W", bn.weight.grad)
        show("BN1_GRAD_B", bn.bias.grad)
show("BN1_RUNNING_MEAN", bn.running_mean)
show("BN1_RUNNING_VAR", bn.running_var)
bn.eval()
xe = seq((2, 3), 1.7, 0.5).requires_grad_()
ye = bn(xe)
weighted(ye).backward()
show("BN1_EVAL_Y", ye)
show("BN1_EVAL_GRAD_X", xe.grad)

bn2 = torch.nn.BatchNorm2d(2, momentum=0.3)
for step in range(3):
    xb = (seq((3, 2, 4, 5), 0.21 + 0.05 * step, step) * 2 + 0.5 * step).requires_grad_()
    y2 = bn2(xb)
weighted(y2).backward()
show("BN2_Y", y2)
show("BN2_GRAD_X", xb.grad)
show("BN2_RUNNING_MEAN", bn2.running_mean)
show("BN2_RUNNING_VAR", bn2.running_var)

print("// ---- losses")
pr = torch.sigmoid(seq((4, 3), 1.1, 0.5) * 3).requires_grad_()
tg = (seq((4, 3), 0.6, 0.9) + 1) / 2
bce = F.binary_cross_entropy(pr, tg)
bce.backward()
show("BCE", bce)
show("BCE_GRAD", pr.grad)
z = (seq((4, 3), 1.1, 0.5) * 30).requires_grad_()
tz = tg.clone().requires_grad_()
bcel = F.binary_cross_entropy_with_logits(z, tz)
bcel.backward()
show("BCEL", bcel)
show("BCEL_GRAD_Z", z.grad)
show("BCEL_GRAD_T", tz.grad)
lp = seq((4, 3), 1.1, 0.5).log_softmax(1).detach().requires_grad_()
targets = torch.tensor([2, 0, 1, 2])
cw = torch.tensor([0.2, 1.0, 3.0])
nll = F.nll_loss(lp, targets, weight=cw)
nll.backward()
show("NLL_W", nll)
show("NLL_W_GRAD", lp.grad)
logits = (3 * seq((4, 3), 1.1, 0.5)).requires_grad_()
ce = F.cross_entropy(logits, targets, weight=cw, label_smoothing=0.2)
ce.backward()
show("CE_W_LS", ce)
show("CE_W_LS_GRAD", logits.grad)
logits = (3 * seq((4, 3), 1.1, 0.5)).requires_grad_()
ce = F.cross_entropy(logits, targets, label_smoothing=0.1)
ce.backward()
show("CE_LS", ce)
show("CE_LS_GRAD", logits.grad)

print("// ---- optimizers (as torch_reference_values.py: 5 steps on sum(seq * p^2) + sum(p^3)/3)")


def run(make, steps=5):
    p = seq((6,), 0.9, 0.1).clone().requires_grad_()
    opt = make([p])
    for _ in range(steps):
        opt.zero_grad()
        f = (seq((6,), 0.4, 0.7) * p * p).sum() + (p ** 3).sum() / 3
        f.backward()
        opt.step()
    return p


show("ADAMAX", run(lambda ps: torch.optim.Adamax(ps, lr=0.1)))
show("ADAMAX_WD", run(lambda ps: torch.optim.Adamax(ps, lr=0.1, betas=(0.8, 0.9), eps=1e-6, weight_decay=0.1)))
show("ADAMW", run(lambda ps: torch.optim.AdamW(ps, lr=0.1)))
show("ADAMW_WD", run(lambda ps: torch.optim.AdamW(ps, lr=0.1, betas=(0.8, 0.99), weight_decay=0.5)))
show("RMSPROP_MOMENTUM", run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.9)))
show("RMSPROP_CENTERED", run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, centered=True, weight_decay=0.1)))
show("RMSPROP_BOTH", run(lambda ps: torch.optim.RMSprop(ps, lr=0.01, momentum=0.5, centered=True)))
show("SGD_DAMPENING", run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.3)))

print("// ---- schedules: the rate of each of 25 steps")
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.5)
sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, eta_min=0.05)
rates = []
for _ in range(25):
    rates.append(opt.param_groups[0]["lr"])
    opt.step()
    sch.step()
show("COSINE", rates)
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.5)
sch = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[3, 7, 8], gamma=0.2)
rates = []
for _ in range(12):
    rates.append(opt.param_groups[0]["lr"])
    opt.step()
    sch.step()
show("MULTISTEP", rates)

print("// ---- initialisers: PyTorch's bound / standard deviation for a (64, 32, 3, 3) weight")
w = torch.empty(64, 32, 3, 3)
torch.manual_seed(0)
fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(w)
show("FANS", [fan_in, fan_out])
show("XAVIER_UNIFORM_MAX", [torch.nn.init.xavier_uniform_(w, gain=5 / 3).abs().max()])
show("XAVIER_NORMAL_STD", [torch.nn.init.xavier_normal_(w).std()])
show("HE_UNIFORM_MAX", [torch.nn.init.kaiming_uniform_(w, nonlinearity="relu").abs().max()])
show("HE_NORMAL_STD", [torch.nn.init.kaiming_normal_(w, nonlinearity="relu").std()])

print("// ---- edges (PyTorch 1.13 agrees here with what the 2.x documentation says)")
x = torch.tensor([1., 3., 3., 2., 3.], requires_grad=True)
x.max().backward()
show("MAX_TIE_GRAD", x.grad)
x = torch.tensor([1., 3., 3., 2., 3.], requires_grad=True)
x.min().backward()
show("MIN_TIE_GRAD", x.grad)
nan = float("nan")
x = torch.tensor([1., nan, 3., nan], requires_grad=True)
m = x.max()
m.backward()
show("MAX_NAN", [m])
show("MAX_NAN_GRAD", x.grad)
x = torch.tensor([[1., nan, 3.], [2., 5., 5.], [nan, 0., nan]], requires_grad=True)
v, i = x.max(1)
weighted(v).backward()
show("MAXDIM_NAN", v)
show("MAXDIM_NAN_ARG", i)
show("MAXDIM_NAN_GRAD", x.grad)
show("ARGMAX0_NAN", x.argmax(0))
show("ARGMIN1_NAN", x.argmin(1))
x = torch.tensor([nan, -nan, -1., 0., -0., 2.], requires_grad=True)
y = x.relu()
y.sum().backward()
show("RELU_NAN", y)
show("RELU_NAN_GRAD", x.grad)
e = torch.zeros(0, 3, requires_grad=True)
show("MEAN_EMPTY", [e.mean()])
show("MEAN0_EMPTY", e.mean(0))
print("    // mean(1) of (0, 3):", tuple(e.mean(1).shape), " flatten(1) of (0, 3, 4):", tuple(torch.zeros(0, 3, 4).flatten(1).shape))
# 0·inf in a backward pass: b's gradient aᵀ·g meets a = 0 against g = inf, and PyTorch keeps the NaN.
# jgrad's Kernels.gemmTN skipped zero entries of a and gave 2 there; EdgesReferenceTest and KernelsTest
# now assert the NaN.
a = torch.tensor([[0., 1.], [2., 3.]], requires_grad=True)
b = torch.ones(2, 2, requires_grad=True)
(a @ b * torch.tensor([[float("inf"), 1.], [1., 1.]])).sum().backward()
show("ZERO_INF_MATMUL_GRAD_A", a.grad)
show("ZERO_INF_MATMUL_GRAD_B", b.grad)
# the same 0·inf through an elementwise product: d(x*y)/dx = y = inf where the incoming gradient is 0
x = torch.tensor([1., 2.], requires_grad=True)
y = torch.tensor([float("inf"), 3.], requires_grad=True)
(x * y * torch.tensor([0., 1.])).sum().backward()
show("ZERO_INF_MUL_GRAD_X", x.grad)
show("ZERO_INF_MUL_GRAD_Y", y.grad)
# the divisor's gradient −g·a/b²: finite where b² alone under- or overflows
a = torch.tensor([1e-300, 1e300, 3.0, 1e-200, -2e200], requires_grad=True)
b = torch.tensor([1e-200, 1e200, 1e-160, 1e-300, 4e150], requires_grad=True)
(a / b).sum().backward()
show("DIV_SMALL_LARGE", a / b)
show("DIV_GRAD_A", a.grad)
show("DIV_GRAD_B", b.grad)

print("// ---- conv2d with a rectangular kernel, stride and padding per axis; max pooling with padding")
x = seq((2, 3, 7, 6), 0.31, 0.1).requires_grad_()
w = (seq((4, 3, 3, 2), 0.77, 0.4) * 0.5).detach().requires_grad_()
b = seq((4,), 1.7, 0.2).requires_grad_()
conv = F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2))
pool = F.max_pool2d(conv, 3, stride=2, padding=1)
print("    // conv", tuple(conv.shape), " pool", tuple(pool.shape))
(pool * seq(tuple(pool.shape), 0.23, 0.9)).sum().backward()
show("RECT_CONV", conv)
show("RECT_POOL", pool)
show("RECT_CONV_GRAD_X", x.grad)
show("RECT_CONV_GRAD_W", w.grad)
show("RECT_CONV_GRAD_B", b.grad)
# padding with -inf: a window over the corner of an all-negative input takes the input's value, not 0
x = (-1 - seq((1, 1, 4, 5), 0.9, 0.2).abs()).requires_grad_()
p = F.max_pool2d(x, 2, stride=2, padding=1)
print("    // pool of negatives", tuple(p.shape))
weighted(p).backward()
show("PAD_POOL_NEG", p)
show("PAD_POOL_NEG_GRAD", x.grad)
