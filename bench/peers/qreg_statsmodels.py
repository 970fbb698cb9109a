"""Peer of qreg-100k: statsmodels `QuantReg(y, X).fit(q=0.8)` (iteratively reweighted least
squares with its default robust covariance), timed in-process.

The design comes from .npy (not timed). Prints `seconds: …`.
"""
import sys
import time

import numpy as np
import statsmodels.api as sm

data = np.load(sys.argv[1])
y = data[:, 0]
X = sm.add_constant(data[:, 1:])
start = time.perf_counter()
result = sm.regression.quantile_regression.QuantReg(y, X).fit(q=0.8)
elapsed = time.perf_counter() - start
print(result.params[:3], result.bse[:3], "iterations:", result.iterations if hasattr(result, "iterations") else "?")
print(f"seconds: {elapsed}")
