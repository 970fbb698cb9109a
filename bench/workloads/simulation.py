"""Monte Carlo workload: 50 projects × 1,000,000 trials, lognormal overrun factors (σ = 0.35)
joined by a Gaussian copula with pairwise ρ = 0.3; reports P10, P50, P80, P90 and the mean.

panorama uses its one-factor form of the equicorrelated Gaussian copula (exact, O(n) a
trial), chunks of 4,096 trials on all cores, and keeps only the totals (8 MB). The peer is
vectorised numpy (bench/peers/simulation_numpy.py): Cholesky of the 50×50 matrix, standard
normals, a matrix product, exp, a sum and percentiles, in blocks of 100,000 trials.
Different generators, so the results agree within Monte Carlo error, not digit for digit:
`check` compares them against 5 × the percentiles' standard errors.
"""
import json

COSTS = [10 + 3 * i for i in range(50)]
TRIALS = 1_000_000


def _panorama_code():
    costs = ", ".join(str(c) for c in COSTS)
    return (f"s = simulate(cost=[{costs}], overrun=lognormal(0, 0.35), corr=0.3, trials={TRIALS}, seed=1); "
            "[s.p10, s.p50, s.p80, s.p90, s.mean]")


def check(panorama_stdout, peer_stdout):
    """Both report P10, P50, P80, P90, mean; they must agree within Monte Carlo error."""
    ours = json.loads(panorama_stdout.strip().splitlines()[-1])
    theirs = [float(line) for line in peer_stdout.split()]
    # The total's sd is about 1,070 here; a percentile's SE is √(p(1−p)/N)/f(q) ≈ 1.3–2.2, the
    # mean's ≈ 1.1, and each side has its own error: 5 × √2 × 2.2 ≈ 16.
    for name, a, b in zip(["P10", "P50", "P80", "P90", "mean"], ours, theirs):
        if abs(a - b) > 16:
            raise AssertionError(f"{name}: panorama {a} vs numpy {b}")


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
    }]
