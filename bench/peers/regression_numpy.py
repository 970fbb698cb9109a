"""Peer of ols-1M: numpy's QR route to the coefficients and their standard errors.

Reads the design from .npy (not timed), then times numpy.linalg.qr (reduced), the triangular
solve for β, residuals, σ² and the standard errors from R⁻¹. Prints `seconds: …`.
"""
import sys
import time

import numpy as np
from scipy.linalg import solve_triangular

data = np.load(sys.argv[1])
y = np.ascontiguousarray(data[:, 0])
X = np.column_stack([np.ones(len(y)), data[:, 1:]])
start = time.perf_counter()
Q, R = np.linalg.qr(X)
beta = solve_triangular(R, Q.T @ y)
resid = y - X @ beta
sigma2 = resid @ resid / (len(y) - X.shape[1])
Rinv = solve_triangular(R, np.eye(R.shape[0]))
se = np.sqrt(np.sum(Rinv * Rinv, axis=1) * sigma2)
elapsed = time.perf_counter() - start
print(beta[:3], se[:3])
print(f"seconds: {elapsed}")
