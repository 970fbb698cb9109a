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
- ols-1M-<shape>-vs-numpy-qr: the same target on four more shapes of 1,000,000 rows (issue 18.4),
  each against the same numpy QR route: `correlated` (ten predictors mixed through a random
  matrix, condition number ≈ 40, R² ≈ 0.986), `r2-near-1` (the same predictors, R² ≈ 0.99999),
  `large-offsets` (ten integer predictors around 1e9 in unit steps, an intercept recovered by
  cancellation: panorama refines it, numpy does not), `dummies` (a 20-level factor `C(g)` and
  three numeric predictors; the peer's dummy columns are built before its clock starts).
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


SHAPES = ["correlated", "r2-near-1", "large-offsets", "dummies"]


def shape_data(shape, rng):
    """(header, CSV columns, numpy design columns) for one of SHAPES."""
    import numpy as np
    if shape in ("correlated", "r2-near-1"):
        mixing = np.eye(K) * 2 + rng.normal(size=(K, K))
        X = rng.normal(size=(ROWS, K)) @ mixing
        signal = X @ rng.normal(size=K)
        noise = (0.12 if shape == "correlated" else 0.003) * signal.std()
        y = 1 + signal + rng.normal(size=ROWS) * noise
        names = [f"x{i}" for i in range(1, K + 1)]
        return names, [y, *X.T], X
    if shape == "large-offsets":
        X = 1e9 + rng.integers(0, 1000, size=(ROWS, K)).astype(float)
        y = 3 + X @ rng.normal(size=K) + rng.normal(size=ROWS)
        names = [f"x{i}" for i in range(1, K + 1)]
        return names, [y, *X.T], X
    levels = 20
    g = rng.integers(0, levels, size=ROWS)
    numeric = rng.normal(size=(ROWS, 3)) * [1, 5, 0.2] + [0, 10, -3]
    effects = rng.normal(size=levels)
    y = 2 + effects[g] + numeric @ np.array([0.5, -0.1, 2]) + rng.normal(size=ROWS)
    dummies = (g[:, None] == np.arange(1, levels)[None, :]).astype(float)
    labels = np.array([f"g{k:02d}" for k in range(levels)])
    return ["g", "x1", "x2", "x3"], [y, labels[g], *numeric.T], np.column_stack([dummies, numeric])


def generate_shape(tmp, shape):
    import numpy as np
    csv = pathlib.Path(tmp) / f"ols-{shape}.csv"
    if csv.exists():
        return
    rng = np.random.default_rng(20261206 + SHAPES.index(shape))
    names, columns, design = shape_data(shape, rng)
    with open(csv, "w") as f:
        f.write("y," + ",".join(names) + "\n")
        text = [c if c.dtype.kind == "U" else np.char.mod("%.17g", c) for c in columns]
        rows = text[0]
        for c in text[1:]:
            rows = np.char.add(np.char.add(rows, ","), c)
        f.write("\n".join(rows.tolist()) + "\n")
    # Written with 17 digits, the CSV reads back bit for bit: the peer gets the same numbers.
    np.save(pathlib.Path(tmp) / f"ols-{shape}.npy", np.column_stack([columns[0], design]))


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
    shapes = []
    for shape in SHAPES:
        formula = "y ~ C(g) + x1 + x2 + x3" if shape == "dummies" else FORMULA
        shapes.append(dict(
            common, name=f"ols-1M-{shape}-vs-numpy-qr", target="panorama ≤ numpy QR route", max_ratio=1.0,
            prepare=lambda c, s=shape: generate_shape(c.tmp, s),
            panorama=[ctx.panorama, "--no-init", "-e", f'd = load("{tmp / f"ols-{shape}.csv"}")\n.timer on\nols({formula}, d)'],
            check=lambda out: None if "1,000,000 observations" in out else "no summary printed",
            peer=[ctx.python, str(ctx.peers / "regression_numpy.py"), str(tmp / f"ols-{shape}.npy")], peer_name="numpy qr"))
    return shapes + [
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
