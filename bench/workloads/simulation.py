"""Monte Carlo workload: 50 projects × 1,000,000 trials, lognormal overrun factors (σ = 0.35)
joined by a Gaussian copula with pairwise ρ = 0.3; reports P10, P50, P80, P90 and the mean.

panorama uses its one-factor form of the equicorrelated Gaussian copula (exact, O(n) a
trial), chunks of 4,096 trials on all cores, and keeps only the totals (8 MB). The peer is
vectorised numpy (bench/peers/simulation_numpy.py): Cholesky of the 50×50 matrix, standard
normals, a matrix product, exp, a sum and percentiles, in blocks of 100,000 trials.
Different generators, so the results agree within Monte Carlo error, not digit for digit:
`check` compares panorama's against a 10-million-trial numpy run within ~5 standard errors.
"""
import json

COSTS = [10 + 3 * i for i in range(50)]
TRIALS = 1_000_000


def _panorama_code():
    costs = ", ".join(str(c) for c in COSTS)
    return (f"s = simulate(cost=[{costs}], overrun=lognormal(0, 0.35), corr=0.3, trials={TRIALS}, seed=1); "
            "[s.p10, s.p50, s.p80, s.p90, s.mean]")


# The same model run in numpy with 10,000,000 trials (seed 12345): P10, P50, P80, P90, mean.
REFERENCE = [3379.501730105114, 4352.5781746586, 5139.487862899123, 5605.536040491912, 4438.286281524251]


def check(panorama_stdout):
    """panorama's P10, P50, P80, P90 and mean agree with numpy's within Monte Carlo error.

    The total's sd is 885; at 1,000,000 trials a percentile's standard error √(p(1−p)/N)/f(q)
    is 1.0–2.0 here and the mean's 0.9; the 10M-trial reference adds √0.1 of that. 12 is
    about 5 standard errors of the widest (P90)."""
    ours = json.loads(panorama_stdout.strip().splitlines()[-1])
    for name, a, b in zip(["P10", "P50", "P80", "P90", "mean"], ours, REFERENCE):
        if abs(a - b) > 12:
            return f"{name}: panorama {a} vs numpy reference {b}"
    return None


def workloads(ctx):
    return [{
        "name": "monte-carlo-50x1M",
        "target": "panorama ≤ 0.25 × numpy",
        "max_ratio": 0.25,
        "prepare": lambda ctx: None,
        "panorama": [str(ctx.panorama), "--format", "json", "-e", _panorama_code()],
        "peer": [str(ctx.python), "bench/peers/simulation_numpy.py", str(TRIALS), "1"],
        "peer_name": "numpy",
        "check": check,
        # The totals (8 MB) and the workers' chunk buffers (≈ 5 MB each) on top of the binary.
        "max_rss_mb": 100,
    }]
