"""Contributions: `contributions(s)` of the Monte Carlo workload's simulation (50 projects ×
1,000,000 trials, lognormal σ = 0.35, Gaussian copula ρ = 0.3) against the simulation itself.

The contributions are a second pass over the same chunks and streams (bit-identical draws,
plus each draw's copula uniform) that accumulates ten sums per project and chunk, after
ranking the million totals. Target (issue 17.5): the `contributions(s)` statement takes at
most 1.5 × the `simulate(…)` statement, both timed by `.timer` in one run (median over runs).
No peer: the comparison is with panorama's own simulation.
"""
import re

COSTS = [10 + 3 * i for i in range(50)]


def program():
    costs = ", ".join(str(c) for c in COSTS)
    return (".timer on\n"
            f"s = simulate(cost=[{costs}], overrun=lognormal(0, 0.35), corr=0.3, trials=1000000, seed=1)\n"
            "c = contributions(s)\n")


def timers(stderr):
    """The `.timer` wall seconds of the simulate and contributions statements (the last two)."""
    lines = [float(x) for x in re.findall(r"Run Time: wall ([0-9.]+) s", stderr)]
    if len(lines) < 2:
        raise RuntimeError("expected two .timer lines in panorama's stderr: " + stderr[-300:])
    return lines[-2], lines[-1]


def contributions_seconds(stdout, stderr):
    return timers(stderr)[1]


def ratio(stdout, stderr):
    simulation, contributions = timers(stderr)
    return contributions / simulation


def workloads(ctx):
    script = ctx.tmp / "contributions.pan"

    def prepare(ctx):
        script.write_text(program())

    return [{
        "name": "contributions-50x1M",
        "target": "contributions(s) ≤ 1.5 × simulate(…)",
        "max_ratio": None,
        "prepare": prepare,
        "panorama": [str(ctx.panorama), "--no-init", str(script)],
        "panorama_inner": contributions_seconds,
        "statement_ratio": (ratio, 1.5),
    }]
