#!/usr/bin/env python3
"""Benchmarks: each workload runs in panorama and in its peer, in one run, on the same machine.

Every file in bench/workloads/ defines `workloads(ctx)` returning a list of dicts:
  name, target (text), max_ratio (panorama/peer median time must not exceed it; None = report
  only), prepare (fn(ctx) or None), panorama (argv), peer (argv or None), peer_name,
  optional max_rss_mb (panorama peak RSS bound), optional check (fn(stdout) -> str|None error),
  optional panorama_inner / peer_inner (fn(stdout, stderr) -> seconds): time measured inside the
  process (panorama's `.timer` line, the peer's own clock) used instead of the process wall time,
  for workloads whose target is about one step and not start-up or loading; optional
  statement_seconds ((fn(stdout, stderr) -> seconds, limit)): one statement's own time, which
  must stay under the limit; optional statement_ratio ((fn(stdout, stderr) -> ratio, limit)):
  a ratio of two statements' own times in one run (say, a second pass against the pass it
  repeats), whose median over the runs must stay under the limit.
Each command runs `--repeat` times (default 5) after one warm-up; the medians, the ratio and the
peak RSS are printed and written to bench/out/results.json.
The peers' Python packages are listed (some pinned) in bench/requirements.txt; a missing or
mismatched one is named before the run (`--check-requirements` only checks, exit 1 if any).

  python3 bench/run.py [--repeat N] [--only NAME,...] [--check-requirements]
"""
import argparse
import importlib.metadata
import importlib.util
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


class Context:
    def __init__(self, tmp):
        self.tmp = pathlib.Path(tmp)
        self.root = ROOT
        self.panorama = str(ROOT / ".build" / "release" / "panorama")
        self.python = sys.executable
        self.peers = ROOT / "bench" / "peers"


def run_once(argv, env):
    """Wall time (s), peak RSS (MB) and stdout of one run of argv."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    out, err = proc.communicate()
    # wait4 via os.wait4 would be cleaner, but communicate() already reaped: use ru_maxrss of children.
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
    return wall, out.decode(errors="replace"), err.decode(errors="replace")


def measure(argv, repeat, env, inner=None, extra=None):
    """Median wall time (or inner time when `inner` reads it from the output) and peak RSS over
    `repeat` runs (after a warm-up), the last run's output, and the median of `extra` (a number
    read from each run's output) when given."""
    run_once(argv, env)
    times, extras, rss, out, err = [], [], 0.0, "", ""
    for _ in range(repeat):
        # Peak RSS of this child alone: run it under a fresh fork that reports its own rusage.
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            try:
                t, o, e = run_once(argv, env)
                if inner is not None:
                    t = inner(o, e)
                x = extra(o, e) if extra is not None else None
                peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
                os.write(w, json.dumps({"t": t, "x": x, "rss": peak, "out": o[-4000:], "err": e[-4000:]}).encode())
            except Exception as e:  # noqa: BLE001
                os.write(w, json.dumps({"error": str(e)}).encode())
            os._exit(0)
        os.close(w)
        data = b""
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
        os.close(r)
        os.waitpid(pid, 0)
        result = json.loads(data)
        if "error" in result:
            raise RuntimeError(result["error"])
        times.append(result["t"])
        extras.append(result["x"])
        rss = max(rss, result["rss"])
        out = result["out"]
        err = result["err"]
    return statistics.median(times), rss, out, err, (statistics.median(extras) if extra is not None else None)


def requirement_problems(path=ROOT / "bench" / "requirements.txt"):
    """What is wrong with the installed peers' packages: one line per package of `path` that is
    missing, or installed at another version than its `name==version` pin."""
    problems = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, pinned = line.partition("==")
        name, pinned = name.strip(), pinned.strip()
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed")
            continue
        if pinned and installed != pinned:
            problems.append(f"{name} {installed} is installed, the peers need {pinned}")
    return problems


def load_workloads(ctx, only):
    found = []
    for path in sorted((ROOT / "bench" / "workloads").glob("*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for w in module.workloads(ctx):
            if not only or w["name"] in only:
                found.append(w)
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--check-requirements", action="store_true",
                        help="only check bench/requirements.txt against the installed packages")
    args = parser.parse_args()
    problems = requirement_problems()
    for problem in problems:
        print(f"bench/requirements.txt: {problem} (pip install -r bench/requirements.txt)", file=sys.stderr)
    if args.check_requirements:
        sys.exit(1 if problems else 0)
    only = set(filter(None, args.only.split(",")))
    env = dict(os.environ)
    env.setdefault("PANORAMA_DATASETS", str(ROOT / "datasets"))
    env["NO_COLOR"] = "1"
    results, failures = [], []
    with tempfile.TemporaryDirectory(prefix="panorama-bench-") as tmp:
        ctx = Context(tmp)
        if not os.path.exists(ctx.panorama):
            sys.exit("build first: swift build -c release (make bench does it)")
        for w in load_workloads(ctx, only):
            name = w["name"]
            print(f"· {name}: preparing…", file=sys.stderr, flush=True)
            try:
                row = run_workload(w, ctx, args.repeat, env, failures)
            except Exception as e:  # noqa: BLE001 — one broken workload must not hide the others
                failures.append(f"{name}: could not run: {str(e).strip().splitlines()[-1] if str(e).strip() else e}")
                continue
            results.append(row)
            print(format_row(row), flush=True)
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(table(results))
    if failures:
        print("\n".join(["", "targets missed:"] + failures))
        sys.exit(1)


def run_workload(w, ctx, repeat, env, failures):
    """Times one workload and its peer; appends missed targets to `failures`."""
    name = w["name"]
    if w.get("prepare"):
        w["prepare"](ctx)
    ratio_check = w.get("statement_ratio")
    p_time, p_rss, p_out, p_err, p_ratio = measure(w["panorama"], repeat, env, w.get("panorama_inner"),
                                                   ratio_check[0] if ratio_check else None)
    if w.get("check"):
        problem = w["check"](p_out)
        if problem:
            failures.append(f"{name}: wrong result: {problem}")
    row = {"name": name, "target": w.get("target", ""), "panorama_s": p_time, "panorama_rss_mb": p_rss}
    if w.get("statement_seconds"):
        # One statement's own time (its `.timer` line, last run) against its limit.
        read, limit = w["statement_seconds"]
        row["statement_s"] = read(p_out, p_err)
        if row["statement_s"] > limit:
            failures.append(f"{name}: statement took {row['statement_s']:.3f} s, above {limit} s")
    if ratio_check:
        row["statement_ratio"] = p_ratio
        print(f"  {name}: statement ratio {p_ratio:.2f} (target ≤ {ratio_check[1]})", file=sys.stderr)
        if p_ratio > ratio_check[1]:
            failures.append(f"{name}: statement ratio {p_ratio:.2f} above {ratio_check[1]}")
    if w.get("peer"):
        q_time, q_rss, _, _, _ = measure(w["peer"], repeat, env, w.get("peer_inner"))
        row.update({"peer": w.get("peer_name", "peer"), "peer_s": q_time, "peer_rss_mb": q_rss,
                    "ratio": p_time / q_time})
        if w.get("max_ratio") is not None and row["ratio"] > w["max_ratio"]:
            failures.append(f"{name}: ratio {row['ratio']:.3f} above target {w['max_ratio']}")
    if w.get("max_seconds") is not None and p_time > w["max_seconds"]:
        failures.append(f"{name}: {p_time:.3f} s above target {w['max_seconds']} s")
    if w.get("max_rss_mb") is not None and p_rss > w["max_rss_mb"]:
        failures.append(f"{name}: peak RSS {p_rss:.0f} MB above {w['max_rss_mb']} MB")
    return row


def format_row(r):
    s = f"{r['name']:<28} panorama {r['panorama_s']*1000:9.1f} ms  {r['panorama_rss_mb']:7.1f} MB"
    if "statement_s" in r:
        s += f" (statement {r['statement_s']*1000:.1f} ms)"
    if "peer_s" in r:
        s += f" | {r['peer']:<12} {r['peer_s']*1000:9.1f} ms  {r['peer_rss_mb']:7.1f} MB | ratio {r['ratio']:.3f}"
    return s


def table(results):
    lines = ["| workload | target | panorama | peak RSS | peer | peer time | ratio |", "|---|---|---|---|---|---|---|"]
    for r in results:
        peer = r.get("peer", "—")
        pt = f"{r['peer_s']*1000:.1f} ms" if "peer_s" in r else "—"
        ratio = f"{r['ratio']:.3f}" if "ratio" in r else "—"
        lines.append(f"| {r['name']} | {r['target']} | {r['panorama_s']*1000:.1f} ms | {r['panorama_rss_mb']:.0f} MB | {peer} | {pt} | {ratio} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
