"""Reference fixtures for the forecast kernel, generated once with statsmodels ETSModel (MLE).

Run: python3 generate_ets.py   (statsmodels 0.15.0; writes ets_*.txt beside this script)

Each file: '#' header lines, then 'name = v1 v2 …' lines:
  series, params (alpha [beta phi] l0 [b0]), default_llf (default start), llf (statsmodels' loglike maximised by scipy
  from a grid of starts), aicc, mse, forecast (h = 1…5),
  lo80 hi80 lo95 hi95 (analytic intervals, statsmodels get_prediction().summary_frame).
"""
import warnings
from pathlib import Path
import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from scipy.optimize import minimize

warnings.simplefilter("ignore")
HERE = Path(__file__).parent


def simulated_damped():
    # A damped-trend series whose MLE is interior (numpy default_rng seed 7).
    rng = np.random.default_rng(7)
    a, b, phi, level, slope = 0.6, 0.25, 0.9, 100.0, 3.0
    y = []
    for _ in range(40):
        e = rng.normal(0, 4)
        yhat = level + phi * slope
        y.append(round(yhat + e, 2))
        level = yhat + a * e
        slope = phi * slope + b * e
    return np.array(y)


def write(name, source, y, damped):
    y = pd.Series(y, index=pd.RangeIndex(len(y)))
    model = ETSModel(y, error="add", trend="add" if damped else None, damped_trend=damped)
    default = model.fit(disp=False, maxiter=10000)
    # statsmodels' own fit often stops short on flat likelihoods (its initial level barely
    # moves from the heuristic start). The reference optimum is therefore statsmodels' own
    # log-likelihood maximised by scipy (bounded Nelder-Mead from a grid of starts, then
    # polished), within ETSModel's bounds, with beta = alpha * beta_star as statsmodels does.
    lo, hi = 1e-4, 1 - 1e-4

    def to_params(x):
        if damped:
            a, bs, phi, l0, b0 = x
            return np.array([a, a * bs, phi, l0, b0])
        return np.array(x)

    bounds = [(lo, hi), (lo, hi), (0.8, 0.98), (None, None), (None, None)] if damped else [(lo, hi), (None, None)]
    d = np.asarray(default.params)
    base = [d[0], max(min(d[1] / d[0], hi), lo), d[2], d[3], d[4]] if damped else [d[0], d[1]]
    scale = np.std(y.values)
    best_x, best_f = np.array(base), -default.llf
    for a in [0.05, 0.2, 0.5, 0.8, 0.99]:
        for bs in ([0.01, 0.3, 0.9] if damped else [None]):
            for phi in ([0.85, 0.95] if damped else [None]):
                for shift in [-0.5, 0, 0.5]:
                    x0 = list(base)
                    x0[0] = a
                    if damped:
                        x0[1], x0[2] = bs, phi
                    x0[3 if damped else 1] += shift * scale
                    f = lambda x: -model.loglike(to_params(x))
                    res = minimize(f, x0, method="Nelder-Mead", bounds=bounds,
                                   options={"maxiter": 40000, "maxfev": 40000, "xatol": 1e-10, "fatol": 1e-12})
                    res = minimize(f, res.x, method="Powell", bounds=bounds,
                                   options={"maxiter": 40000, "xtol": 1e-12, "ftol": 1e-14})
                    if res.fun < best_f:
                        best_x, best_f = res.x, res.fun
    r = model.smooth(to_params(best_x))
    pred = r.get_prediction(start=len(y), end=len(y) + 4)
    f80 = pred.summary_frame(alpha=0.2)
    f95 = pred.summary_frame(alpha=0.05)
    fmt = lambda xs: " ".join(repr(float(x)) for x in xs)
    lines = [
        f"# {name}: statsmodels {statsmodels.__version__} ETSModel(error='add', "
        f"trend={'add' if damped else None!r}, damped_trend={damped}).fit() — MLE",
        f"# series: {source}",
        f"series = {fmt(y.values)}",
        f"params = {fmt(np.asarray(r.params))}",
        f"# default_llf: the log-likelihood of statsmodels' fit from its default start",
        f"default_llf = {float(default.llf)!r}",
        f"llf = {float(r.llf)!r}",
        f"aicc = {float(r.aicc)!r}",
        f"mse = {float(r.mse)!r}",
        f"forecast = {fmt(r.forecast(5))}",
        f"lo80 = {fmt(f80['pi_lower'])}",
        f"hi80 = {fmt(f80['pi_upper'])}",
        f"lo95 = {fmt(f95['pi_lower'])}",
        f"hi95 = {fmt(f95['pi_upper'])}",
    ]
    (HERE / f"ets_{name}.txt").write_text("\n".join(lines) + "\n")


nile = sm.datasets.nile.load_pandas().data["volume"].values.astype(float)
totemp = sm.datasets.longley.load_pandas().data["TOTEMP"].values.astype(float)
co2 = sm.datasets.co2.load_pandas().data["co2"].resample("YE").mean().dropna().values
write("nile_ses", "Nile annual flow 1871-1970 (statsmodels.datasets.nile)", nile, False)
write("nile_damped", "Nile annual flow 1871-1970 (statsmodels.datasets.nile)", nile, True)
write("longley_damped", "Longley TOTEMP 1947-1962 (statsmodels.datasets.longley)", totemp, True)
write("co2_ses", "Mauna Loa CO2 annual means 1958-2001 (statsmodels.datasets.co2)", co2, False)
write("co2_damped", "Mauna Loa CO2 annual means 1958-2001 (statsmodels.datasets.co2)", co2, True)
write("simulated_damped", "simulated damped trend, numpy default_rng(7), see simulated_damped()",
      simulated_damped(), True)
