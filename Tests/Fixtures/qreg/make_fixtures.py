"""Reference values for qreg: exact quantile regression coefficients from an LP solver and
quantreg's "iid" and "nid" standard errors implemented in numpy.

R is not installed here, so the oracle is the primal LP (Koenker & Bassett 1978)
    min  sum_i w_i (tau u_i + (1 - tau) v_i)   s.t.  X b + u - v = y,  u, v >= 0,  b free
solved by scipy.optimize.linprog(method="highs"), then polished to its vertex: the p
observations with the smallest |residual| (linearly independent) are fitted exactly,
b = X_h^{-1} y_h. Whether the optimum is unique is decided from the slopes of the objective
along the vertex's 2p edges (a zero slope: a flat edge, another optimal vertex).

Standard errors follow quantreg's summary.rq (Koenker, quantreg 5.x, R/summary.rq):
  bandwidth.rq(tau, n, hs=TRUE):  n^(-1/3) qnorm(0.975)^(2/3) ((1.5 dnorm(x0)^2) / (2 x0^2 + 1))^(1/3)
  "iid": pz = #(|r| < eps); h = max(p + 1, ceiling(n bw)); ir = (pz+1):(h+pz+1);
         ord.resid = sort(r[order(|r|)][ir]); xt = ir/(n - p);
         sparsity = slope of rq(ord.resid ~ xt, tau = .5);
         cov = sparsity^2 (X'X)^{-1} tau (1 - tau)
  "nid": h = bw (halved while tau - h < 0 or tau + h > 1); dyhat = X (b(tau+h) - b(tau-h));
         f = pmax(0, 2h / (dyhat - eps)); cov = tau (1 - tau) (X'FX)^{-1} X'X (X'FX)^{-1}
  eps = .Machine$double.eps^(1/2) (summary.rq's own eps, not rq.fit.br's ^(2/3)); with weights, X, y and r are multiplied by w first.

Run from this folder: python3 make_fixtures.py (writes the CSV cases and qreg_fixtures.json;
panel_steps.csv is the semester steps of the bundled panel, written by panorama:
steps |> select(cost_growth, cost, phase), see notebooks/03).
"""
import json
import numpy as np
import pandas as pd
from scipy.optimize import linprog
from scipy.stats import norm, t as student

EPS = np.finfo(float).eps ** (1 / 2)


def lp_fit(X, y, tau):
    n, p = X.shape
    c = np.concatenate([np.zeros(p), np.full(n, tau), np.full(n, 1 - tau)])
    A = np.hstack([X, np.eye(n), -np.eye(n)])
    bounds = [(None, None)] * p + [(0, None)] * (2 * n)
    res = linprog(c, A_eq=A, b_eq=y, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    return polish(X, y, res.x[:p])


def polish(X, y, b):
    """The vertex nearest b: p independent observations of smallest |residual| fitted exactly."""
    r = y - X @ b
    order = np.argsort(np.abs(r), kind="stable")
    chosen = []
    for i in order:
        trial = chosen + [i]
        if np.linalg.matrix_rank(X[trial], tol=1e-9 * np.abs(X[trial]).max()) == len(trial):
            chosen = trial
        if len(chosen) == X.shape[1]:
            break
    return np.linalg.solve(X[chosen], y[chosen]), chosen


def objective(X, y, b, tau):
    r = y - X @ b
    return float(np.sum(np.where(r < 0, (tau - 1) * r, tau * r)))


def unique(X, y, b, basis, tau):
    """False when an edge out of the vertex has zero slope (another vertex fits as well)."""
    H = np.linalg.inv(X[basis])
    A = X @ H
    r = y - X @ b
    r[basis] = 0
    off = np.ones(len(y), bool)
    off[basis] = False
    zero = np.abs(r) <= 1e-12 * max(1, np.abs(y).max())
    for k in range(X.shape[1]):
        a = A[:, k]
        g = np.where(r > 0, tau, tau - 1)
        signed = np.sum((g * a)[off & ~zero])
        ties_plus = np.sum(np.maximum(-tau * a, (1 - tau) * a)[off & zero])
        ties_minus = np.sum(np.maximum(tau * a, (tau - 1) * a)[off & zero])
        tol = 1e-10 * (np.abs(a[off]).sum() + 1)
        for slope in (-signed + ties_plus + (1 - tau), signed + ties_minus + tau):
            assert slope > -tol, "LP vertex not optimal"
            if abs(slope) <= tol:
                return False
    return True


def bandwidth(tau, n):
    x0 = norm.ppf(tau)
    f0 = norm.pdf(x0)
    return n ** (-1 / 3) * norm.ppf(0.975) ** (2 / 3) * ((1.5 * f0 ** 2) / (2 * x0 ** 2 + 1)) ** (1 / 3)


def se_iid(X, y, b, tau):
    n, p = X.shape
    r = y - X @ b
    pz = int(np.sum(np.abs(r) < EPS))
    h = max(p + 1, int(np.ceil(n * bandwidth(tau, n))))
    ir = np.arange(pz + 1, min(n, h + pz + 1) + 1)
    ord_resid = np.sort(r[np.argsort(np.abs(r), kind="stable")][ir - 1])
    xt = ir / (n - p)
    Z = np.column_stack([np.ones(len(ir)), xt])
    sparsity = lp_fit(Z, ord_resid, 0.5)[0][1]
    xxinv = np.linalg.inv(X.T @ X)
    return np.sqrt(np.diag(sparsity ** 2 * xxinv * tau * (1 - tau)))


def se_nid(X, y, tau):
    n, p = X.shape
    h = bandwidth(tau, n)
    while tau - h < 0 or tau + h > 1:
        h /= 2
    bhi = lp_fit(X, y, tau + h)[0]
    blo = lp_fit(X, y, tau - h)[0]
    dyhat = X @ (bhi - blo)
    f = np.maximum(0, 2 * h / (dyhat - EPS))
    fxxinv = np.linalg.inv(X.T @ (f[:, None] * X))
    cov = tau * (1 - tau) * fxxinv @ (X.T @ X) @ fxxinv
    return np.sqrt(np.diag(cov))


def design(d, terms):
    """Columns of X for terms: '1' (intercept), 'log(col)', 'col', or 'C(col)' (treatment dummies)."""
    cols, names = [], []
    for term in terms:
        if term == "1":
            cols.append(np.ones(len(d))); names.append("(Intercept)")
        elif term.startswith("log("):
            cols.append(np.log(d[term[4:-1]].to_numpy(float))); names.append(term)
        elif term.startswith("C("):
            v = d[term[2:-1]].astype(str).to_numpy()
            for level in sorted(set(v))[1:]:
                cols.append((v == level).astype(float)); names.append(f"{term}[T.{level}]")
        else:
            cols.append(d[term].to_numpy(float)); names.append(term)
    return np.column_stack(cols), names


def case(name, file, d, formula, response, terms, taus, weights=None, se=("iid", "nid")):
    X, names = design(d, terms)
    y = d[response].to_numpy(float)
    if weights is not None:
        w = d[weights].to_numpy(float)
        X, y = X * w[:, None], y * w
    out = {"name": name, "file": file, "formula": formula, "weights": weights, "terms": names, "taus": taus, "fits": []}
    for tau in taus:
        b, basis = lp_fit(X, y, tau)
        fit = {"tau": tau, "coefficients": list(map(float, b)), "unique": bool(unique(X, y, b, basis, tau)),
               "objective": objective(X, y, b, tau)}
        if "iid" in se:
            fit["se_iid"] = list(map(float, se_iid(X, y, b, tau)))
        if "nid" in se:
            fit["se_nid"] = list(map(float, se_nid(X, y, tau)))
        out["fits"].append(fit)
    return out


rng = np.random.default_rng(20261206)
cases = []

panel = pd.read_csv("panel_steps.csv")
cases.append(case("panel", "panel_steps.csv", panel, "cost_growth ~ log(cost) + C(phase)", "cost_growth",
                  ["1", "log(cost)", "C(phase)"], [0.5, 0.8, 0.95], se=("iid",)))

n = 300
x1 = np.round(rng.uniform(0, 10, n), 4)
x2 = np.round(rng.normal(0, 1, n), 4)
y = np.round(1 + 0.5 * x1 - 0.8 * x2 + (0.3 + 0.25 * x1) * rng.standard_normal(n), 6)
pd.DataFrame({"y": y, "x1": x1, "x2": x2}).to_csv("heteroscedastic.csv", index=False)
cases.append(case("heteroscedastic", "heteroscedastic.csv", pd.read_csv("heteroscedastic.csv"), "y ~ x1 + x2", "y",
                  ["1", "x1", "x2"], [0.5, 0.8, 0.95]))

n = 200
x = np.round(rng.uniform(1, 5, n), 3)
g = rng.choice(["a", "b", "c"], n)
w = np.round(rng.uniform(0.2, 3, n), 3)
y = np.round(2 + x + np.where(g == "b", 1.5, 0) + np.where(g == "c", -0.5, 0) + rng.standard_t(3, n) / np.sqrt(w), 5)
pd.DataFrame({"y": y, "x": x, "g": g, "w": w}).to_csv("weighted.csv", index=False)
cases.append(case("weighted", "weighted.csv", pd.read_csv("weighted.csv"), "y ~ x + C(g)", "y", ["1", "x", "C(g)"],
                  [0.5, 0.8], weights="w"))

n = 120
x = rng.integers(0, 6, n).astype(float)
y = np.round(x + rng.integers(-2, 3, n) + (rng.uniform(size=n) < 0.3) * rng.integers(1, 4, n)).astype(float)
pd.DataFrame({"y": y, "x": x}).to_csv("ties.csv", index=False)
cases.append(case("ties", "ties.csv", pd.read_csv("ties.csv"), "y ~ x", "y", ["1", "x"], [0.5, 0.8, 0.95], se=()))

n = 5000
X4 = rng.normal(size=(n, 3)).round(6)
y = np.round(3 + X4 @ np.array([1.0, -2.0, 0.5]) + (1 + np.abs(X4[:, 0])) * rng.standard_normal(n), 6)
pd.DataFrame({"y": y, "x1": X4[:, 0], "x2": X4[:, 1], "x3": X4[:, 2]}).to_csv("large.csv", index=False)
cases.append(case("large", "large.csv", pd.read_csv("large.csv"), "y ~ x1 + x2 + x3", "y",
                  ["1", "x1", "x2", "x3"], [0.8], se=("nid",)))

with open("qreg_fixtures.json", "w") as f:
    json.dump({"cases": cases}, f, indent=1)
for c in cases:
    print(c["name"], [(fit["tau"], fit["unique"]) for fit in c["fits"]])
