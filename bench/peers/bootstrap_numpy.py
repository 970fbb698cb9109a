"""Peer of bootstrap-10k: 10,000 case resamples of a 50-row, 3-term model with numpy.

Per resample: draw row indices (Generator.integers), `numpy.linalg.lstsq` on the resampled
rows; then the 2.5 % / 97.5 % percentiles and the standard deviation per coefficient.
Prints `seconds: …` (the loop and the percentiles).
"""
import sys
import time

import numpy as np

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
y = data[:, 0]
X = np.column_stack([np.ones(len(y)), data[:, 1:]])
n, reps = len(y), 10_000
rng = np.random.default_rng(1)
start = time.perf_counter()
draws = np.empty((reps, X.shape[1]))
for r in range(reps):
    idx = rng.integers(0, n, n)
    draws[r] = np.linalg.lstsq(X[idx], y[idx], rcond=None)[0]
low, high = np.percentile(draws, [2.5, 97.5], axis=0)
se = draws.std(axis=0, ddof=1)
elapsed = time.perf_counter() - start
print(low, high, se)
print(f"seconds: {elapsed}")
