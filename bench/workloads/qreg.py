"""Quantile regression: `qreg` at tau 0.8 on a 100,000 × 10 numeric frame against statsmodels
`QuantReg(y, X).fit(q=0.8)` on the same data, in the same run.

Data: a seeded CSV (y, x1…x10; heteroscedastic noise, so the quantile lines are not parallel)
generated once into ctx.tmp, with the same array saved as .npy for the peer so that its loading
is not what is compared. Times are measured inside each process: panorama's `.timer` line for
the `qreg(…)` statement (the exact fit and its nid standard errors, which need two more exact
fits at tau ± h, plus the printed summary), statsmodels' own `time.perf_counter()` around
`fit(q=0.8)` (its iteratively reweighted least squares, an approximate method, and its default
robust sandwich covariance).

- qreg-100k-vs-statsmodels: target panorama ≤ 1 × statsmodels QuantReg.
"""
import importlib.util
import pathlib

# The timing readers of the regression workload (.timer line; the peer's `seconds:` line).
_spec = importlib.util.spec_from_file_location("regression", pathlib.Path(__file__).with_name("regression.py"))
_regression = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_regression)
timer, own_clock = _regression.timer, _regression.own_clock

ROWS, K = 100_000, 10
FORMULA = "y ~ " + " + ".join(f"x{i}" for i in range(1, K + 1))


def generate(tmp):
    import numpy as np
    csv = pathlib.Path(tmp) / "qreg-100k.csv"
    if csv.exists():
        return
    rng = np.random.default_rng(20261206)
    X = rng.normal(size=(ROWS, K)) * np.arange(1, K + 1) * 0.3 + np.arange(K)
    y = 2 + X @ rng.normal(size=K) + (1 + 0.5 * np.abs(X[:, 0])) * rng.standard_normal(ROWS)
    with open(csv, "w") as f:
        f.write("y," + ",".join(f"x{i}" for i in range(1, K + 1)) + "\n")
        np.savetxt(f, np.column_stack([y, X]), fmt="%.10g", delimiter=",")
    np.save(pathlib.Path(tmp) / "qreg-100k.npy", np.loadtxt(csv, delimiter=",", skiprows=1))


def workloads(ctx):
    tmp = pathlib.Path(ctx.tmp)
    csv, npy = tmp / "qreg-100k.csv", tmp / "qreg-100k.npy"
    fit = f'd = load("{csv}")\n.timer on\nqreg({FORMULA}, d, tau=0.8)'
    check = lambda out: None if "100,000 observations" in out and "tau = 0.8" in out else "no summary printed"
    return [
        {"name": "qreg-100k-vs-statsmodels", "target": "panorama ≤ 1 × statsmodels QuantReg", "max_ratio": 1.0,
         "prepare": lambda c: generate(c.tmp), "panorama": [ctx.panorama, "--no-init", "-e", fit],
         "panorama_inner": timer, "peer": [ctx.python, str(ctx.peers / "qreg_statsmodels.py"), str(npy)],
         "peer_name": "statsmodels", "peer_inner": own_clock, "check": check},
    ]
