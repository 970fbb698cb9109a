"""Reference intervals of the `mean` method (and, below, Wilson coverage intervals), as R's forecast::meanf computes them:
point = sample mean; interval = mean ± qt((1 + level)/2, n − 1) · s · sqrt(1 + 1/n), s the sample
standard deviation (n − 1). An independent implementation with numpy and scipy (R is not
available here); the output is pasted into BenchmarkMethodTests.meanIntervalsUseStudentT.

Run: python3 generate_mean_intervals.py
"""
import numpy as np
from scipy import stats

# Published totals (Md€), editions 1–10, 13, 14 (11 and 12 missing: gaps, not values).
y = np.array([2.29, 2.51, 2.56, 2.63, 2.83, 2.55, 1.78, 1.64, 1.58, 1.56, 2.35, 2.62])
n = len(y)
m = y.mean()
s = y.std(ddof=1)
se = s * np.sqrt(1 + 1 / n)
print(f"mean = {float(m)!r}")
for level in (80, 95):
    q = stats.t.ppf((1 + level / 100) / 2, n - 1)
    print(f"lo{level} = {float(m - q * se)!r}  hi{level} = {float(m + q * se)!r}")

# Wilson score 95 % intervals of backtest coverage counts (Accuracy.coverageInterval), by the
# textbook formula with scipy's normal quantile; pasted into CoverageTests.
z = stats.norm.ppf(0.975)
for inside, scored in ((7, 11), (3, 6), (0, 5), (11, 11)):
    p = inside / scored
    centre = (p + z * z / (2 * scored)) / (1 + z * z / scored)
    half = z / (1 + z * z / scored) * np.sqrt(p * (1 - p) / scored + z * z / (4 * scored * scored))
    print(f"wilson {inside} of {scored}: {float(max(0, centre - half))!r} {float(min(1, centre + half))!r}")
