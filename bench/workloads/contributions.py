"""Contributions: `contributions(s)` of a simulation against the `simulate(…)` statement itself.

The main workload is the Monte Carlo workload's simulation (50 projects × 1,000,000 trials,
lognormal σ = 0.35, Gaussian copula ρ = 0.3); the others vary the shape (fewer projects, more
projects and fewer trials, a t copula with Pareto overruns, Iman–Conover with a discrete
empirical overrun). The run takes each project's Σx, Σx², Σx·T; `contributions` ranks the
totals and makes a second pass over the same chunks and streams that regenerates only the copula
latents (bit-identical to the run's) and takes seven sums per project and chunk.
Target (issue 17.5): the `contributions(s)` statement takes at most 1.5 × the `simulate(…)`
statement, both timed by `.timer` in one run (median over runs). No peer: the comparison is
with panorama's own simulation.
"""
import re

COSTS = [10 + 3 * i for i in range(50)]

# name → (projects, simulate's other arguments)
SHAPES = {
    "contributions-50x1M": (50, "overrun=lognormal(0, 0.35), corr=0.3, trials=1000000, seed=1"),
    "contributions-10x1M": (10, "overrun=lognormal(0, 0.35), corr=0.3, trials=1000000, seed=2"),
    "contributions-200x250k": (200, "overrun=lognormal(0, 0.35), corr=0.3, trials=250000, seed=3"),
    "contributions-t-pareto-50x200k": (50, "overrun=pareto(1, 3), corr=0.3, copula=\"t\", df=4, trials=200000, seed=4"),
    "contributions-ic-empirical-50x200k": (50, "overrun=empirical([0.9, 1, 1, 1.1, 1.2, 1.5, 2.5]), corr=0.3, "
                                               "copula=\"iman-conover\", trials=200000, seed=9"),
}


def program(projects=50, arguments=SHAPES["contributions-50x1M"][1]):
    costs = ", ".join(str(10 + 3 * i) for i in range(projects))
    return (".timer on\n"
            f"s = simulate(cost=[{costs}], {arguments})\n"
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
    def workload(name, projects, arguments):
        script = ctx.tmp / (name + ".pan")

        def prepare(ctx):
            script.write_text(program(projects, arguments))

        return {
            "name": name,
            "target": "contributions(s) ≤ 1.5 × simulate(…)",
            "max_ratio": None,
            "prepare": prepare,
            "panorama": [str(ctx.panorama), "--no-init", str(script)],
            "panorama_inner": contributions_seconds,
            "statement_ratio": (ratio, 1.5),
        }

    return [workload(name, projects, arguments) for name, (projects, arguments) in SHAPES.items()]
