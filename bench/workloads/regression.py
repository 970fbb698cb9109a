"""Regression: `ols` with its full summary on a 1,000,000 × 10 numeric frame, and a bootstrap.

Data: a seeded CSV (y, x1…x10; predictors on different scales and offsets, y linear plus
noise) generated once into ctx.tmp, with the same arrays saved as .npy for the Python peers so
that their loading is not what is compared. Times are measured inside each process: panorama's
`.timer` line for the `ols(…)` statement (fit + summary printed), the peers' own
`time.perf_counter()` around the fit. Peers run with numpy's default threading (OpenBLAS may use
both cores); panorama's LAPACK is Debian's OpenBLAS.

- ols-1M-vs-numpy-qr: target panorama ≤ numpy's QR route (numpy.linalg.qr + triangular solve
  + residuals + standard errors).
- ols-1M-vs-statsmodels: target panorama ≤ ⅓ × statsmodels `OLS(y, X).fit()`.
- bootstrap-10k: `bootstrap(m, reps=10000)` of a 50-row, 3-term model vs a numpy loop doing the
  same (resample rows, `lstsq`, percentile intervals); target ≤ ⅓.
"""
import pathlib
import re

ROWS, K = 1_000_000, 10
FORMULA = "y ~ " + " + ".join(f"x{i}" for i in range(1, K + 1))


def generate(tmp):
    import numpy as np
    csv = pathlib.Path(tmp) / "ols-1M.csv"
    if csv.exists():
        return
    rng = np.random.default_rng(20240611)
    X = rng.normal(size=(ROWS, K)) * np.arange(1, K + 1) + 10.0 * np.arange(K)
    y = 3 + X @ rng.normal(size=K) + rng.normal(size=ROWS) * 2
    data = np.column_stack([y, X])
    with open(csv, "w") as f:
        f.write("y," + ",".join(f"x{i}" for i in range(1, K + 1)) + "\n")
        np.savetxt(f, data, fmt="%.10g", delimiter=",")
    # The peers read exactly what panorama parses.
    np.save(pathlib.Path(tmp) / "ols-1M.npy", np.loadtxt(csv, delimiter=",", skiprows=1))
    small = pathlib.Path(tmp) / "boot-50.csv"
    xs = np.round(rng.uniform(0, 10, (50, 2)), 3)
    ys = np.round(1 + xs @ np.array([0.5, -0.3]) + rng.normal(size=50), 4)
    with open(small, "w") as f:
        f.write("y,x1,x2\n")
        for a, (b, c) in zip(ys, xs):
            f.write(f"{a},{b},{c}\n")


def timer(stdout, stderr):
    """The wall seconds of the last `.timer` line (the measured statement)."""
    lines = re.findall(r"Run Time: wall ([0-9.]+) s", stderr)
    if not lines:
        raise RuntimeError("no .timer line in panorama's stderr: " + stderr[-300:])
    return float(lines[-1])


def own_clock(stdout, stderr):
    match = re.search(r"seconds: ([0-9.eE+-]+)", stdout)
    if not match:
        raise RuntimeError("peer printed no 'seconds:' line: " + stdout[-300:])
    return float(match.group(1))


def workloads(ctx):
    tmp = pathlib.Path(ctx.tmp)
    csv, npy = tmp / "ols-1M.csv", tmp / "ols-1M.npy"
    fit = f'd = load("{csv}")\n.timer on\nols({FORMULA}, d)'
    check = lambda out: None if "1,000,000 observations" in out and "x10" in out else "no summary printed"
    common = {"prepare": lambda c: generate(c.tmp), "panorama": [ctx.panorama, "--no-init", "-e", fit],
              "panorama_inner": timer, "peer_inner": own_clock, "check": check}
    small = tmp / "boot-50.csv"
    boot = f'd = load("{small}")\nm = ols(y ~ x1 + x2, d)\n.timer on\nbootstrap(m, reps=10000, seed=1)'
    return [
        dict(common, name="ols-1M-vs-numpy-qr", target="panorama ≤ numpy QR route", max_ratio=1.0,
             peer=[ctx.python, str(ctx.peers / "regression_numpy.py"), str(npy)], peer_name="numpy qr"),
        dict(common, name="ols-1M-vs-statsmodels", target="panorama ≤ ⅓ × statsmodels OLS().fit()",
             max_ratio=1 / 3, peer=[ctx.python, str(ctx.peers / "regression_statsmodels.py"), str(npy)],
             peer_name="statsmodels"),
        {"name": "bootstrap-10k", "target": "panorama ≤ ⅓ × numpy loop", "max_ratio": 1 / 3,
         "prepare": lambda c: generate(c.tmp), "panorama": [ctx.panorama, "--no-init", "-e", boot],
         "panorama_inner": timer, "peer": [ctx.python, str(ctx.peers / "bootstrap_numpy.py"), str(small)],
         "peer_name": "numpy loop", "peer_inner": own_clock,
         "check": lambda out: None if "10,000 case resamples" in out else "no bootstrap printed"},
    ]
