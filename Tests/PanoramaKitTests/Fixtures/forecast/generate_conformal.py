"""Reference values for forecast(…, calibrate=true) (issue 19.3), computed independently of the
Swift code with numpy: a fixture series with one gap, the naive and drift methods' rolling-origin
one-step backtest (FPP3 §5.5 formulas; a difference across a gap of k steps is scaled by √k, and a
target after a gap is forecast at its effective horizon), the conformal scores |y − ŷ| / σ̂, the
finite-sample conformal quantile (the ⌈(n + 1) L⌉-th smallest of the n scores), the calibrated
intervals of the final forecast at h = 1 and 2, and the calibrated intervals replayed on the
backtest, each target calibrated on the scores of the targets before it only (with fewer than
⌈L/(1 − L)⌉ scores a level takes the factor of the widest calibrated level below it, or the
model's own interval).

Run: python3 generate_conformal.py > conformal.txt
"""
import math
import numpy as np
from scipy import stats

rng = np.random.default_rng(1903)
n = 30
steps = rng.normal(8, 20, n) * np.linspace(1, 2.5, n)   # the spread grows: the model's σ lags
y = 1000 + np.cumsum(steps)
y[17] = np.nan                                           # one gap
LEVELS = (80, 95)
MIN_TRAIN = 6                                            # the most any candidate method needs (holt)


def observed(x):
    return [i for i in range(len(x)) if not np.isnan(x[i])]


def pairs(x):
    idx = observed(x)
    return [(s, t, t - s, x[t] - x[s]) for s, t in zip(idx, idx[1:])]


def naive(x, h):
    """(point, sd) at horizon h counted from the end of x (trailing gaps lengthen it)."""
    p = pairs(x)
    sigma = math.sqrt(sum(d * d / k for _, _, k, d in p) / len(p))
    last = observed(x)[-1]
    he = h + (len(x) - 1 - last)
    return x[last], sigma * math.sqrt(he)


def drift(x, h):
    idx = observed(x)
    first, last = idx[0], idx[-1]
    span = last - first
    b = (x[last] - x[first]) / span
    p = pairs(x)
    sigma = math.sqrt(sum((d - k * b) ** 2 / k for _, _, k, d in p) / (len(p) - 1))
    he = h + (len(x) - 1 - last)
    return x[last] + he * b, sigma * math.sqrt(he + he * he / span)


def z(level):
    return stats.norm.ppf(0.5 + level / 200)


def conformal(scores, level):
    s = sorted(scores)
    k = math.ceil((len(s) + 1) * level / 100)
    return s[k - 1] if len(s) > 0 and k <= len(s) else None


def calibrated(scores, point, sd):
    """Per level (lower, upper): the conformal interval, else the lower level's factor, else the model's."""
    out, factor = {}, None
    for level in LEVELS:
        q = conformal(scores, level)
        if q is not None:
            out[level] = (point - q * sd, point + q * sd)
            factor = q / z(level)
        elif factor is not None:
            out[level] = (point - factor * z(level) * sd, point + factor * z(level) * sd)
        else:
            out[level] = (point - z(level) * sd, point + z(level) * sd)
    return out


def fmt(xs):
    return " ".join("NA" if (x is None or (isinstance(x, float) and math.isnan(x))) else repr(float(x)) for x in xs)


print("# generate_conformal.py: the fixture series (NA = gap) and, per method, the backtest's")
print("# targets (0-based), scores, conformal quantiles, calibrated final intervals and replays.")
print("series =", fmt(y))
targets, seen = [], 0
for j in range(n):
    if not np.isnan(y[j]) and seen >= MIN_TRAIN:
        targets.append(j)
    if not np.isnan(y[j]):
        seen += 1
print("targets =", " ".join(str(t) for t in targets))
for name, method in (("naive", naive), ("drift", drift)):
    forecasts = [method(y[:j], 1) for j in targets]
    scores = [abs(y[j] - p) / sd for j, (p, sd) in zip(targets, forecasts)]
    print(f"{name}.scores =", fmt(scores))
    for level in LEVELS:
        print(f"{name}.q{level} =", fmt([conformal(scores, level)]))
    for h in (1, 2):
        point, sd = method(y, h)
        c = calibrated(scores, point, sd)
        print(f"{name}.h{h} =", fmt([point, sd] + [b for level in LEVELS for b in c[level]]))
    for level in LEVELS:
        replay = [calibrated(scores[:i], p, sd)[level] for i, (p, sd) in enumerate(forecasts)]
        print(f"{name}.replay{level}.lower =", fmt([r[0] for r in replay]))
        print(f"{name}.replay{level}.upper =", fmt([r[1] for r in replay]))
        inside = sum(1 for j, r in zip(targets, replay) if r[0] <= y[j] <= r[1])
        print(f"{name}.covered{level} =", inside, len(targets))
