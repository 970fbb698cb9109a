"""Peer of glm-logistic-1M: statsmodels `GLM(y, X, family=Binomial()).fit()` (IRLS, its
default), timed in-process. The design comes from .npy (not timed). Prints `seconds: …`.
"""
import sys
import time

import numpy as np
import statsmodels.api as sm

data = np.load(sys.argv[1])
y = data[:, 0]
X = sm.add_constant(data[:, 1:])
start = time.perf_counter()
result = sm.GLM(y, X, family=sm.families.Binomial()).fit()
elapsed = time.perf_counter() - start
print(result.params[:3], result.bse[:3], result.deviance)
print(f"seconds: {elapsed}")
