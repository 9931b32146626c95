"""Kernel > Interrupt and Kernel > Restart through jupyter_client, as Jupyter Notebook and Lab do them.

Usage: JUPYTER_PATH=... python3 interrupt_kernel.py [--kernel jgrad]
Starts the kernel, defines state (a variable, an import, a method), then for each kind of endless
cell (busy loop, counted int loop, Thread.sleep, System.in.read(), printing loop): executes it,
interrupts it after 1.5 s, and checks that the cell's own reply is an error naming the interrupt
within 2 s, and that the next cell sees the state and prints normally. Then restarts the kernel and
checks a cell runs. Prints one line per check; exits 1 on the first failure.
"""
import argparse
import queue
import sys
import time

from jupyter_client.manager import KernelManager

STATE = "import java.util.concurrent.atomic.AtomicLong;\nint kept = 41;\nint plusOne(int x) { return x + 1; }\n"
CELLS = {
    "busy loop": "long n = 0; while (true) { n++; }",
    "counted loop": "long s = 0;\nfor (int i = 0; i < Integer.MAX_VALUE; i++) { for (int j = 0; j < Integer.MAX_VALUE; j++) { s += i ^ j; } }",
    "sleep": "Thread.sleep(600_000);",
    "blocking read": "System.in.read();",
    "printing loop": "for (long k = 0; ; k++) { System.out.println(\"line \" + k); }",
}
CHECK = "System.out.println(plusOne(kept) + \" \" + new AtomicLong(7).get());"


def collect(kc, msg_id, timeout, on_input=None):
    """The reply to msg_id and the iopub messages with that parent, within timeout seconds."""
    deadline = time.monotonic() + timeout
    outputs, reply = [], None
    while time.monotonic() < deadline and (reply is None or not idle(outputs)):
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
            if msg["parent_header"].get("msg_id") == msg_id:
                outputs.append(msg)
        except queue.Empty:
            pass
        if reply is None:
            try:
                msg = kc.get_shell_msg(timeout=0.01)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = msg
            except queue.Empty:
                pass
        if on_input is not None:
            try:
                on_input(kc.get_stdin_msg(timeout=0.01))
            except queue.Empty:
                pass
    return reply, outputs


def idle(outputs):
    return any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle" for m in outputs)


def text(outputs):
    parts = []
    for m in outputs:
        if m["msg_type"] == "stream":
            parts.append(m["content"]["text"])
        elif m["msg_type"] == "error":
            parts.append(m["content"]["ename"] + ": " + m["content"]["evalue"] + "\n" + "\n".join(m["content"]["traceback"]))
    return "".join(parts)


def fail(why):
    print("FAIL: " + why, flush=True)
    sys.exit(1)


def run_ok(kc, code, expect, what, timeout=60):
    msg_id = kc.execute(code, allow_stdin=False)
    reply, outputs = collect(kc, msg_id, timeout)
    if reply is None or reply["content"]["status"] != "ok":
        fail(f"{what}: {code!r} did not run: reply {reply and reply['content']}, outputs {text(outputs)!r}")
    if expect not in text(outputs):
        fail(f"{what}: expected {expect!r} in the output of {code!r}, got {text(outputs)!r}")
    print(f"ok: {what}", flush=True)


def check_vector_api(kc):
    """lib's fast kernels are on in the cells, and no output (nor stderr) carries the JVM's incubator warning."""
    msg_id = kc.execute("System.out.println(\"vector \" + jgrad.tensor.Kernels.usesVectorApi());", allow_stdin=False)
    reply, outputs = collect(kc, msg_id, 60)
    out = text(outputs)
    if reply is None or reply["content"]["status"] != "ok" or out.strip() != "vector true":
        fail(f"the cell sees usesVectorApi() as {out!r}, expected 'vector true' and nothing else")
    print("ok: the Vector API is on in the kernel, no warning in the output", flush=True)


def check_control_kernel_info(kc):
    """jupyter_server nudges a new connection with kernel_info_request on the control channel too."""
    msg = kc.session.msg("kernel_info_request")
    kc.control_channel.send(msg)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            reply = kc.get_control_msg(timeout=0.5)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            if reply["msg_type"] != "kernel_info_reply":
                fail(f"kernel_info_request on control got {reply['msg_type']}")
            print("ok: kernel_info_request on the control channel is answered there", flush=True)
            return
    fail("kernel_info_request on the control channel got no reply within 10 s")


def interrupt_case(km, kc, name, code):
    pending = []
    msg_id = kc.execute(code, allow_stdin=True)
    _, started = collect(kc, msg_id, 1.5, on_input=pending.append)
    if any(m["msg_type"] == "error" for m in started):
        fail(f"{name}: the cell failed before the interrupt: {text(started)!r}")
    if name == "blocking read" and not pending:
        fail(f"{name}: the kernel never asked for input")
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply, outputs = collect(kc, msg_id, 10)
    took = time.monotonic() - t0
    if reply is None:
        fail(f"{name}: no execute_reply within 10 s of the interrupt (outputs {text(outputs)[-300:]!r})")
    errors = [m for m in outputs if m["msg_type"] == "error"]
    if reply["content"]["status"] != "error" or not errors:
        fail(f"{name}: the cell's reply is {reply['content']['status']!r}, not an error on the cell")
    if "nterrupt" not in text(errors):
        fail(f"{name}: the cell's error does not say it was interrupted: {text(errors)!r}")
    if took > 2.0:
        fail(f"{name}: the cell ended {took:.1f} s after the interrupt (limit 2 s)")
    print(f"ok: {name} interrupted in {took:.2f} s", flush=True)
    time.sleep(0.3)  # let a stopped thread unwind: the next cell must not see its output
    msg_id = kc.execute(CHECK, allow_stdin=False)
    reply, outputs = collect(kc, msg_id, 30)
    out = text(outputs)
    if reply is None or reply["content"]["status"] != "ok" or out.strip() != "42 7":
        fail(f"{name}: the next cell printed {out[-300:]!r} (reply {reply and reply['content']['status']}), expected '42 7'")
    print(f"ok: {name}: the next cell sees the state", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default="jgrad")
    parser.add_argument("--only", action="append")
    parser.add_argument("--vector", action="store_true", help="also check the Vector API is on, with no warning")
    args = parser.parse_args()
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        run_ok(kc, STATE + "System.out.println(\"state \" + plusOne(kept));", "state 42", "state defined")
        check_control_kernel_info(kc)
        if args.vector:
            check_vector_api(kc)
        for name, code in CELLS.items():
            if not args.only or name in args.only:
                interrupt_case(km, kc, name, code)
        t0 = time.monotonic()
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=120)
        print(f"ok: restarted in {time.monotonic() - t0:.1f} s", flush=True)
        run_ok(kc, "int fresh = 5; System.out.println(\"after restart \" + fresh);", "after restart 5", "a cell after the restart")
        msg_id = kc.execute("System.out.println(kept);", allow_stdin=False)
        reply, _ = collect(kc, msg_id, 30)
        if reply is None or reply["content"]["status"] != "error":
            fail("after the restart, the old variable 'kept' still exists: the kernel was not restarted")
        print("ok: the restart cleared the old state", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("PASS", flush=True)


if __name__ == "__main__":
    main()
