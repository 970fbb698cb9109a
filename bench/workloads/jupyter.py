"""The Jupyter kernel (issue 20): start-up to the first kernel_info_reply under 100 ms and a
`1 + 1` execute round trip under 5 ms, both timed through jupyter_client by
bench/tools/jupyter_timing.py, beside ipykernel's figures for the same messages in the same run.
"""
import json


def field(name):
    def read(stdout, stderr):
        return json.loads(stdout.strip().splitlines()[-1])[name]
    return read


def workloads(ctx):
    tool = [ctx.python, "bench/tools/jupyter_timing.py"]
    panorama = tool + ["panorama", "--panorama", ctx.panorama]
    ipykernel = tool + ["python3"]
    # The client retries its connection every millisecond, so the start is the kernel's own
    # (ZeroMQ's default waits 100–200 ms before retrying a port the kernel has not bound yet).
    fast = ["--reconnect-ms", "1"]
    return [
        {
            "name": "jupyter-kernel-start",
            "target": "first kernel_info_reply < 100 ms",
            "max_ratio": None, "max_seconds": 0.1, "prepare": None,
            "panorama": panorama + fast, "panorama_inner": field("start_s"),
            "peer": ipykernel + fast, "peer_inner": field("start_s"), "peer_name": "ipykernel",
        },
        {
            "name": "jupyter-kernel-start-default-client",
            "target": "report only: ZeroMQ's default reconnect interval",
            "max_ratio": None, "prepare": None,
            "panorama": panorama, "panorama_inner": field("start_s"),
            "peer": ipykernel, "peer_inner": field("start_s"), "peer_name": "ipykernel",
        },
        {
            "name": "jupyter-execute-1+1",
            "target": "execute round trip < 5 ms",
            "max_ratio": None, "max_seconds": 0.005, "prepare": None,
            "panorama": panorama, "panorama_inner": field("execute_s"),
            "peer": ipykernel, "peer_inner": field("execute_s"), "peer_name": "ipykernel",
        },
    ]
