"""Starts a Jupyter kernel with jupyter_client and measures it as a notebook user meets it.

Run with Debian's /usr/bin/python3 (jupyter_client 7.4.9); JUPYTER_PATH must hold kernels/<name>.
Prints one JSON line: ready_seconds (start to kernel_info reply), first_cell_seconds, median and
p90 of the small cells' round trip (execute_request to idle), resident memory after the first
cell and after the last, and the growth per cell (over all cells, and over the second half only,
once the compiler's code paths are warm).

    /usr/bin/python3 kernel_cells.py --kernel segmentation-csharp --cells 200 --work DIR
"""
import argparse
import json
import os
import queue
import statistics
import time

from jupyter_client import KernelManager

TIMEOUT = 300


def rss_mib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    raise RuntimeError("no VmRSS")


def kernel_pid(km):
    """The kernel process: the launched one, or the single child of a launcher that did not exec."""
    pid = km.provisioner.pid
    children = f"/proc/{pid}/task/{pid}/children"
    if os.path.exists(children):
        with open(children, encoding="ascii") as f:
            kids = f.read().split()
        if len(kids) == 1:
            return int(kids[0])
    return pid


def run(kc, code):
    """Executes code; returns (status, seconds from request to idle)."""
    started = time.perf_counter()
    msg_id = kc.execute(code)
    deadline = time.time() + TIMEOUT
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            raise AssertionError(f"no idle status for {code!r}") from None
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            break
    seconds = time.perf_counter() - started
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"], seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()

    km = KernelManager(kernel_name=args.kernel)
    log = open(os.path.join(args.work, f"{args.kernel}-stderr.log"), "wb")
    started = time.perf_counter()
    km.start_kernel(stderr=log, cwd=args.work)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        ready = time.perf_counter() - started
        status, first = run(kc, "1")
        assert status == "ok", status
        pid = kernel_pid(km)
        before = rss_mib(pid)
        seconds = []
        halfway = before
        for i in range(args.cells):
            if i == args.cells // 2:
                halfway = rss_mib(pid)
            status, elapsed = run(kc, f"var v{i} = Enumerable.Range(0, {i} + 10).Select(x => x * 2).ToList();\nv{i}.Count")
            assert status == "ok", (i, status)
            seconds.append(elapsed)
        after = rss_mib(pid)
        seconds.sort()
        print(json.dumps({
            "kernel": args.kernel,
            "ready_seconds": round(ready, 2),
            "first_cell_seconds": round(first, 2),
            "cells": args.cells,
            "median_cell_ms": round(1000 * statistics.median(seconds), 1),
            "p90_cell_ms": round(1000 * seconds[int(0.9 * (len(seconds) - 1))], 1),
            "rss_mib_after_first_cell": round(before, 1),
            "rss_mib_after_cells": round(after, 1),
            "mib_per_cell": round((after - before) / args.cells, 3),
            "mib_per_cell_second_half": round((after - halfway) / (args.cells - args.cells // 2), 3),
        }), flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        log.close()


if __name__ == "__main__":
    main()
