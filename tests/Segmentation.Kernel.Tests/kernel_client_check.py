"""Drives the segmentation-csharp kernel with jupyter_client, as JupyterLab and VS Code do.

Run with Debian's /usr/bin/python3 (it has jupyter_client); JUPYTER_PATH must point at a
directory holding kernels/segmentation-csharp. Prints one "ok <check>" line per check and, last,
a JSON line of measurements; exits non-zero at the first failed check.

    /usr/bin/python3 kernel_client_check.py --work DIR

Memory and latency over many cells are measured by the benchmarks (tests/Segmentation.Benchmarks, `kernel`).
"""
import argparse
import json
import os
import queue
import signal
import sys
import time

import zmq
from jupyter_client import KernelManager
from jupyter_client.session import Session

KERNEL = "segmentation-csharp"
TIMEOUT = 300


def collect(kc, msg_id, timeout=TIMEOUT):
    """IOPub messages answering msg_id, up to and including status idle."""
    messages = []
    deadline = time.time() + timeout
    while True:
        remaining = deadline - time.time()
        if remaining <= 0:
            raise AssertionError(f"no idle status for {msg_id}; got {len(messages)} messages, the last {[m['msg_type'] for m in messages[-5:]]}")
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while True:
        remaining = deadline - time.time()
        if remaining <= 0:
            raise AssertionError(f"no shell reply to {msg_id}")
        msg = kc.get_shell_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def execute(kc, code, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    iopub = collect(kc, msg_id)
    reply = shell_reply(kc, msg_id)
    return reply["content"], iopub


def types(iopub):
    return [m["msg_type"] if m["msg_type"] != "status" else "status:" + m["content"]["execution_state"] for m in iopub]


def stream_text(iopub, name="stdout"):
    return "".join(m["content"]["text"] for m in iopub if m["msg_type"] == "stream" and m["content"]["name"] == name)


def check(condition, message):
    if not condition:
        raise AssertionError(str(message)[:2000])


def start(work, log_name):
    km = KernelManager(kernel_name=KERNEL)
    log = open(os.path.join(work, log_name), "wb")
    started = time.time()
    km.start_kernel(stderr=log, cwd=work)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc, log, time.time() - started


def run_checks(work):
    results = {}
    km, kc, log, ready = start(work, "kernel-stderr.log")
    results["ready_seconds"] = round(ready, 2)
    try:
        info = kc.kernel_info(reply=True, timeout=TIMEOUT)["content"]
        check(info["status"] == "ok", info)
        check(info["protocol_version"] == "5.3", info)
        check(info["language_info"]["name"] == "csharp", info)
        print("ok kernel_info", flush=True)

        started = time.time()
        reply, iopub = execute(kc, 'var text = "abc";\nConsole.WriteLine("out " + text);\ntext.Length + 39')
        results["first_cell_seconds"] = round(time.time() - started, 2)
        check(reply["status"] == "ok" and reply["execution_count"] == 1, reply)
        check(types(iopub) == ["status:busy", "execute_input", "stream", "execute_result", "status:idle"], types(iopub))
        check(stream_text(iopub) == "out abc\n", stream_text(iopub))
        result = [m for m in iopub if m["msg_type"] == "execute_result"][0]["content"]
        check(result["data"]["text/plain"] == "42" and result["execution_count"] == 1, result)
        started = time.time()
        reply, iopub = execute(kc, "text + text")
        results["second_cell_seconds"] = round(time.time() - started, 2)
        check(reply["execution_count"] == 2, reply)
        print("ok execute", flush=True)

        reply, iopub = execute(kc, 'throw new InvalidOperationException("boom");')
        check(reply["status"] == "error" and reply["ename"].endswith("InvalidOperationException"), reply)
        errors = [m["content"] for m in iopub if m["msg_type"] == "error"]
        check(len(errors) == 1 and "boom" in errors[0]["evalue"], errors)
        reply, _ = execute(kc, "int broken = ;")
        check(reply["status"] == "error", reply)
        reply, iopub = execute(kc, "text.ToUpperInvariant()")
        check(reply["status"] == "ok", reply)
        print("ok errors leave the kernel usable", flush=True)

        reply, iopub = execute(kc, 'Console.WriteLine("quiet");', silent=True)
        check(reply["status"] == "ok", reply)
        check(types(iopub) == ["status:busy", "status:idle"], types(iopub))
        reply, _ = execute(kc, "1")
        check(reply["execution_count"] == 6, reply)
        print("ok silent", flush=True)

        code = "text.Len"
        msg_id = kc.complete(code, len(code))
        reply = shell_reply(kc, msg_id)["content"]
        check(reply["status"] == "ok" and "Length" in reply["matches"], reply)
        check(reply["cursor_start"] == len("text.") and reply["cursor_end"] == len(code), reply)
        code = "Enumerable.Ra"
        reply = shell_reply(kc, kc.complete(code, len(code)))["content"]
        check("Range" in reply["matches"], reply)
        code = "te"
        reply = shell_reply(kc, kc.complete(code, len(code)))["content"]
        check("text" in reply["matches"], reply)
        print("ok complete", flush=True)

        code = "text.Length"
        reply = shell_reply(kc, kc.inspect(code, len(code) - 2))["content"]
        check(reply["status"] == "ok" and reply["found"], reply)
        plain = reply["data"]["text/plain"]
        check("int" in plain and "Length" in plain, plain)
        reply = shell_reply(kc, kc.inspect("text", 2))["content"]
        check(reply["found"] and "string text" in reply["data"]["text/plain"], reply)
        print("ok inspect", flush=True)

        reply = shell_reply(kc, kc.is_complete("for (var i = 0; i < 3; i++) {"))["content"]
        check(reply["status"] == "incomplete", reply)
        reply = shell_reply(kc, kc.is_complete("var y = 1;"))["content"]
        check(reply["status"] == "complete", reply)
        print("ok is_complete", flush=True)

        msg_id = kc.comm_info()
        reply = shell_reply(kc, msg_id)["content"]
        check(reply["status"] == "ok" and reply["comms"] == {}, reply)
        reply = shell_reply(kc, kc.history())["content"]
        check(reply["status"] == "ok", reply)
        print("ok comm_info and history", flush=True)

        msg_id = kc.execute('var name = Console.ReadLine();\nConsole.WriteLine("hi " + name);', allow_stdin=True)
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        check(request["msg_type"] == "input_request", request)
        kc.input("Ada")
        iopub = collect(kc, msg_id)
        reply = shell_reply(kc, msg_id)["content"]
        check(reply["status"] == "ok" and stream_text(iopub) == "hi Ada\n", (reply, stream_text(iopub)))
        print("ok stdin", flush=True)

        started = time.time()
        reply, iopub = execute(kc, 'for (var i = 0; i < 20000; i++) Console.WriteLine(i.ToString("D10") + new string(\'.\', 89));')
        results["two_megabytes_seconds"] = round(time.time() - started, 2)
        check(reply["status"] == "ok", reply)
        text = stream_text(iopub)
        expected = "".join(f"{i:010d}" + "." * 89 + "\n" for i in range(20000))
        check(text == expected, f"{len(text)} characters, expected {len(expected)}")
        # How many messages depends on how fast the cell writes (text is batched for 50 ms); the
        # in-process tests check the batching itself.
        results["stream_messages"] = sum(1 for m in iopub if m["msg_type"] == "stream")
        print("ok large output", flush=True)

        results["interrupt_seconds"] = interrupt_loop(kc, km.interrupt_kernel)
        reply, iopub = execute(kc, "text.Length")
        check(reply["status"] == "ok", reply)
        print("ok interrupt", flush=True)
        results["sigint_seconds"] = interrupt_loop(kc, lambda: os.kill(km.provisioner.pid, signal.SIGINT))
        check(km.is_alive(), "SIGINT ended the kernel")
        reply, iopub = execute(kc, "text.Length")
        check(reply["status"] == "ok", reply)
        print("ok SIGINT interrupts", flush=True)

        check_bad_signature(km, kc, work)
        print("ok bad signature ignored", flush=True)

        before_pid = km.provisioner.pid
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        check(km.provisioner.pid != before_pid, "restart kept the process")
        reply, iopub = execute(kc, "text")
        check(reply["status"] == "error" and reply["execution_count"] == 1, reply)
        reply, iopub = execute(kc, "2 + 2")
        check(reply["status"] == "ok", reply)
        print("ok restart", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
        log.close()
    with open(os.path.join(work, "kernel-stderr.log"), encoding="utf-8", errors="replace") as stderr:
        logged = stderr.read()
    check("bad signature" in logged, "the rejected message was not logged:\n" + logged)
    print("ok bad signature logged", flush=True)
    return results


def interrupt_loop(kc, interrupt):
    """Starts a cell that prints, then loops without looking at its cancellation token; interrupts it once the print arrived; returns seconds to the reply."""
    msg_id = kc.execute('Console.WriteLine("looping");\nwhile (true) { System.Threading.Thread.Sleep(20); }')
    deadline = time.time() + TIMEOUT
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break  # the cell's code runs: the interrupt finds it in its loop
        check(time.time() < deadline, "the looping cell never started")
    interrupted = time.time()
    interrupt()
    reply = shell_reply(kc, msg_id)["content"]
    seconds = round(time.time() - interrupted, 2)
    check(reply["status"] == "error" and reply["ename"] in ("Interrupted", "Cancelled"), reply)
    collect(kc, msg_id)
    return seconds


def check_bad_signature(km, kc, work):
    """A message signed with another key is ignored: no reply, no execution, kernel still serves."""
    info = km.get_connection_info()
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    marker = os.path.join(work, "bad-signature-ran")
    forged = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
    code = f'System.IO.File.WriteAllText(@"{marker}", "ran");'
    forged.send(socket, "execute_request", content={"code": code, "silent": False, "store_history": True,
                                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forged.send(socket, "kernel_info_request", content={})
    check(socket.poll(3000) == 0, "the kernel answered a message with a bad signature")
    check(not os.path.exists(marker), "the kernel executed a message with a bad signature")
    genuine = Session(key=info["key"], signature_scheme="hmac-sha256")
    genuine.send(socket, "kernel_info_request", content={})
    check(socket.poll(TIMEOUT * 1000) != 0, "no reply to a correctly signed message on a fresh socket")
    _, reply = genuine.recv(socket)
    check(reply["msg_type"] == "kernel_info_reply", reply)
    socket.close()


def main():
    # A kernel inherits an ignored SIGINT (a test run started in the background by a shell without job control ignores
    # it), and .NET then installs no handler: the interrupt check would wait for a cell that never stops. Kernels
    # started from a terminal have the default disposition; give ours the same.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    results = run_checks(args.work)
    print(json.dumps(results, sort_keys=True), flush=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", flush=True)
        sys.exit(1)
