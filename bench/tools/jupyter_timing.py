"""Times a Jupyter kernel through jupyter_client, as a notebook front end talks to it.

  python3 bench/tools/jupyter_timing.py KERNEL_NAME [--panorama BINARY] [--executes N] [--reconnect-ms MS]

Prints one JSON line: `start_s`, from asking jupyter_client to start the kernel to the first
`kernel_info_reply`, and `execute_s`, the median of N round trips of `1 + 1` (execute_request
sent → its execute_reply and the idle status both received). With --panorama the kernelspec of
that binary is installed in a temporary Jupyter path first (`panorama kernel install --prefix`).

The client connects as soon as the kernel process is spawned, before the kernel has bound its
ports; ZeroMQ then retries after its reconnect interval (100 ms plus up to 100 ms of jitter by
default), which would dominate a fast kernel's start. --reconnect-ms sets that interval on the
client's context, so the figure is the kernel's own start; 0 keeps ZeroMQ's default.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kernel")
    parser.add_argument("--panorama")
    parser.add_argument("--executes", type=int, default=200)
    parser.add_argument("--reconnect-ms", type=int, default=0)
    args = parser.parse_args()
    if args.panorama:
        prefix = tempfile.mkdtemp(prefix="panorama-kernelspec-")
        subprocess.run([args.panorama, "kernel", "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
        os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")

    context = zmq.Context()
    if args.reconnect_ms > 0:
        context.setsockopt(zmq.RECONNECT_IVL, args.reconnect_ms)
    # A first start and shutdown, untimed: jupyter_client discovers its kernel provisioners
    # (entry points, ~2 s here) on the first start of a process, whatever the kernel.
    km = KernelManager(kernel_name=args.kernel, context=context)
    km.start_kernel()
    km.shutdown_kernel(now=True)

    km = KernelManager(kernel_name=args.kernel, context=context)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client(context=context)
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    start_s = time.perf_counter() - start
    # Wait until IOPub is connected too, so round trips are not timed against a joining socket.
    kc.wait_for_ready(timeout=60)
    kc.execute_interactive("1 + 1", timeout=60, output_hook=lambda m: None)

    times = []
    for _ in range(args.executes):
        t0 = time.perf_counter()
        msg_id = kc.execute("1 + 1")
        replied = idle = False
        while not replied:
            replied = kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") == msg_id
        while not idle:
            m = kc.get_iopub_msg(timeout=60)
            idle = (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "idle")
        times.append(time.perf_counter() - t0)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    print(json.dumps({"start_s": start_s, "execute_s": statistics.median(times)}))


if __name__ == "__main__":
    main()
