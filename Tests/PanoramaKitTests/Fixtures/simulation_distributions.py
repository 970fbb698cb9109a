# Generates Tests/PanoramaKitTests/Fixtures/simulation_distributions.json (scipy reference values).
import json, numpy as np, scipy, scipy.stats as st, scipy.optimize as so
out = {"generator": f"scipy {scipy.__version__}, numpy {np.__version__}", "distributions": [], "fits": []}
specs = [
    ("normal", {"mean": 1, "sd": 2}, st.norm(1, 2)),
    ("uniform", {"min": -1, "max": 3}, st.uniform(-1, 4)),
    ("triangular", {"min": 1, "mode": 2, "max": 5}, st.triang(c=0.25, loc=1, scale=4)),
    ("pert", {"min": 1, "mode": 2, "max": 5}, st.beta(2, 4, loc=1, scale=4)),
    ("pert", {"min": 0, "mode": 0.1, "max": 1}, st.beta(1.4, 4.6, loc=0, scale=1)),
    ("lognormal", {"meanlog": 0.1, "sdlog": 0.35}, st.lognorm(s=0.35, scale=np.exp(0.1))),
    ("student_t", {"df": 4, "location": 1, "scale": 2}, st.t(4, loc=1, scale=2)),
    ("student_t", {"df": 1.5, "location": 0, "scale": 1}, st.t(1.5)),
    ("student_t", {"df": 30, "location": 0, "scale": 1}, st.t(30)),
    ("pareto", {"scale": 2, "shape": 1.5}, st.pareto(b=1.5, scale=2)),
    ("gpd", {"threshold": 1, "scale": 0.5, "shape": 0.3}, st.genpareto(c=0.3, loc=1, scale=0.5)),
    ("gpd", {"threshold": 0, "scale": 1, "shape": -0.2}, st.genpareto(c=-0.2, loc=0, scale=1)),
    ("gpd", {"threshold": 0, "scale": 2, "shape": 0}, st.genpareto(c=0, loc=0, scale=2)),
]
ps = [1e-10, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.8, 0.9, 0.99, 0.9999]
for name, params, d in specs:
    lo, hi = d.ppf(0.001), d.ppf(0.999)
    xs = list(np.linspace(lo, hi, 9))
    out["distributions"].append({
        "name": name, "parameters": params,
        "x": [float(x) for x in xs], "cdf": [float(d.cdf(x)) for x in xs], "pdf": [float(d.pdf(x)) for x in xs],
        "p": ps, "quantile": [float(d.ppf(p)) for p in ps],
        "mean": float(d.mean()), "sd": float(d.std()),
    })
rng = np.random.default_rng(20240601)
def nll_fit(f, x0, data):
    r = so.minimize(f, x0, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100000, "maxfev": 200000})
    r = so.minimize(f, r.x, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100000, "maxfev": 200000})
    return r.x
x = rng.normal(3, 1.5, 200); m, s = st.norm.fit(x)
out["fits"].append({"family": "normal", "x": list(map(float, x)), "parameters": {"mean": m, "sd": s}})
x = rng.lognormal(0.2, 0.5, 150); s, loc, scale = st.lognorm.fit(x, floc=0)
out["fits"].append({"family": "lognormal", "x": list(map(float, x)), "parameters": {"meanlog": float(np.log(scale)), "sdlog": s}})
x = rng.uniform(2, 7, 50); loc, scale = st.uniform.fit(x)
out["fits"].append({"family": "uniform", "x": list(map(float, x)), "parameters": {"min": loc, "max": loc + scale}})
x = (rng.pareto(1.3, 120) + 1) * 1.5; b, loc, scale = st.pareto.fit(x, floc=0)
out["fits"].append({"family": "pareto", "x": list(map(float, x)), "parameters": {"scale": scale, "shape": b}})
x = st.t(3.5, loc=2, scale=0.8).rvs(300, random_state=rng)
df, loc, scale = st.t.fit(x)
f = lambda p: -np.sum(st.t.logpdf(x, np.exp(p[0]), loc=p[1], scale=np.exp(p[2])))
p = nll_fit(f, [np.log(df), loc, np.log(scale)], x)
out["fits"].append({"family": "student_t", "x": list(map(float, x)), "parameters": {"df": float(np.exp(p[0])), "location": float(p[1]), "scale": float(np.exp(p[2]))},
                    "log_likelihood": float(-f(p))})
x = st.genpareto(c=0.4, loc=0, scale=1).rvs(400, random_state=rng) + 0.5 * rng.uniform(size=400)
u = 1.0
exc = x[x > u]
c, loc, scale = st.genpareto.fit(exc, floc=u)
f = lambda p: -np.sum(st.genpareto.logpdf(exc, p[1], loc=u, scale=np.exp(p[0])))
p = nll_fit(f, [np.log(scale), c], exc)
out["fits"].append({"family": "gpd", "threshold": u, "x": list(map(float, x)), "parameters": {"threshold": u, "scale": float(np.exp(p[0])), "shape": float(p[1])},
                    "log_likelihood": float(-f(p))})
# Triangular: the mode's ML is at an observation (van Dorp & Kotz 2002), so profile it over
# every observation by brute force; the endpoints by Nelder-Mead from a grid of starts.
x = np.sort(st.triang(c=0.3, loc=2, scale=6).rvs(60, random_state=rng))
def tri_loglik(a, b, c):
    return float(np.sum(st.triang.logpdf(x, (c - a) / (b - a), loc=a, scale=b - a)))
def tri_profile(p):
    a, b = x[0] - np.exp(p[0]), x[-1] + np.exp(p[1])
    return -max(tri_loglik(a, b, c) for c in x)
starts = [[u, v] for u in np.log(np.ptp(x) * np.array([0.001, 0.01, 0.1, 0.5])) for v in np.log(np.ptp(x) * np.array([0.001, 0.01, 0.1, 0.5]))]
p = min((nll_fit(tri_profile, s0, x) for s0 in starts), key=tri_profile)
a, b = x[0] - np.exp(p[0]), x[-1] + np.exp(p[1])
c = max(x, key=lambda c: tri_loglik(a, b, c))
out["fits"].append({"family": "triangular", "x": list(map(float, x)), "parameters": {"min": float(a), "mode": float(c), "max": float(b)},
                    "log_likelihood": float(tri_loglik(a, b, c))})
# PERT: Beta(1 + 4(c - a)/(b - a), 1 + 4(b - c)/(b - a)) on [a, b], Nelder-Mead from a grid of starts.
x = 1 + 4 * rng.beta(2, 4, 80)
def pert_nll(p):
    a, b = x.min() - np.exp(p[0]), x.max() + np.exp(p[1])
    c = a + (b - a) / (1 + np.exp(-p[2]))
    al, be = 1 + 4 * (c - a) / (b - a), 1 + 4 * (b - c) / (b - a)
    v = -np.sum(st.beta.logpdf(x, al, be, loc=a, scale=b - a))
    return v if np.isfinite(v) else 1e300
r = np.ptp(x)
starts = [[u, v, w] for u in np.log(r * np.array([0.01, 0.1, 0.5])) for v in np.log(r * np.array([0.01, 0.1, 0.5])) for w in [-1.0, 0.0, 1.0]]
p = min((nll_fit(pert_nll, s0, x) for s0 in starts), key=pert_nll)
a, b = x.min() - np.exp(p[0]), x.max() + np.exp(p[1]); c = a + (b - a) / (1 + np.exp(-p[2]))
out["fits"].append({"family": "pert", "x": list(map(float, x)), "parameters": {"min": float(a), "mode": float(c), "max": float(b)},
                    "log_likelihood": float(-pert_nll(p))})
def clean(v):
    # JSON has no infinity: write it as the string "inf".
    if isinstance(v, dict): return {k: clean(x) for k, x in v.items()}
    if isinstance(v, list): return [clean(x) for x in v]
    if isinstance(v, float) and np.isinf(v): return "inf" if v > 0 else "-inf"
    return v
json.dump(clean(out), open("Tests/PanoramaKitTests/Fixtures/simulation_distributions.json", "w"), indent=1, allow_nan=False)
print("ok", [ (f["family"], f["parameters"]) for f in out["fits"]])
