"""GLM: logistic regression `glm(y ~ x1 + … + x10, d)` with its full summary on a
1,000,000 × 10 frame, against statsmodels `GLM(y, X, family=Binomial()).fit()`.

Data: a seeded CSV (y 0/1, x1…x10 normal with different scales and means, true log-odds
linear with moderate coefficients) generated once into ctx.tmp, with the same arrays saved as
.npy for the peer so that loading is not what is compared. Times are measured inside each
process: panorama's `.timer` line for the `glm(…)` statement (fit + summary printed), the
peer's own `time.perf_counter()` around the fit.

- glm-logistic-1M-vs-statsmodels: target panorama ≤ 0.33 × statsmodels (issue 18).
"""
import importlib.util
import pathlib

# The in-process clocks are the regression workload's (`.timer` line, the peer's `seconds:`).
_spec = importlib.util.spec_from_file_location("regression_workload", pathlib.Path(__file__).with_name("regression.py"))
_regression = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_regression)
timer, own_clock = _regression.timer, _regression.own_clock

ROWS, K = 1_000_000, 10
FORMULA = "y ~ " + " + ".join(f"x{i}" for i in range(1, K + 1))


def generate(tmp):
    import numpy as np
    csv = pathlib.Path(tmp) / "glm-1M.csv"
    if csv.exists():
        return
    rng = np.random.default_rng(20261206)
    scale = np.linspace(0.5, 3, K)
    X = rng.normal(size=(ROWS, K)) * scale + np.arange(K)
    beta = rng.normal(size=K) * 0.4 / scale
    eta = -0.5 + (X - np.arange(K)) @ beta
    y = (rng.uniform(size=ROWS) < 1 / (1 + np.exp(-eta))).astype(float)
    data = np.column_stack([y, X])
    with open(csv, "w") as f:
        f.write("y," + ",".join(f"x{i}" for i in range(1, K + 1)) + "\n")
        np.savetxt(f, data, fmt="%.10g", delimiter=",")
    np.save(pathlib.Path(tmp) / "glm-1M.npy", np.loadtxt(csv, delimiter=",", skiprows=1))


def workloads(ctx):
    tmp = pathlib.Path(ctx.tmp)
    csv, npy = tmp / "glm-1M.csv", tmp / "glm-1M.npy"
    fit = f'd = load("{csv}")\n.timer on\nglm({FORMULA}, d)'
    check = lambda out: None if "1,000,000 observations" in out and "Residual deviance" in out else "no summary printed"
    return [
        dict(name="glm-logistic-1M-vs-statsmodels", target="panorama ≤ 0.33 × statsmodels GLM().fit()",
             max_ratio=0.33, prepare=lambda c: generate(c.tmp), panorama=[ctx.panorama, "--no-init", "-e", fit],
             panorama_inner=timer, peer=[ctx.python, str(ctx.peers / "glm_statsmodels.py"), str(npy)],
             peer_name="statsmodels", peer_inner=own_clock, check=check),
    ]
