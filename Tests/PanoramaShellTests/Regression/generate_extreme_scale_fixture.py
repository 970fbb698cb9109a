"""Reference values for ExtremeScaleRegressionTests.swift: statsmodels OLS of a 12-project
portfolio (actual ~ budget), nonrobust and HC3. A response multiplied by c scales estimates,
standard errors and σ by c and leaves t, R², F, skew and kurtosis unchanged (log-likelihood
gains n·log|1/c|), so these values at c = 1 are the reference at c = 1e-300 and 1e300 too.

Run: python3 generate_extreme_scale_fixture.py (prints the Swift literals pasted in the test)."""
import numpy as np
import statsmodels
import statsmodels.api as sm

budget = np.array([1.2, 2.0, 0.8, 3.5, 5.1, 0.5, 1.7, 2.2, 4.0, 0.9, 6.0, 1.1])
actual = np.array([1.5, 2.1, 1.4, 3.2, 6.9, 0.55, 2.4, 2.0, 5.5, 0.9, 8.8, 1.0])
X = sm.add_constant(budget)
m = sm.OLS(actual, X).fit()
h = sm.OLS(actual, X).fit(cov_type="HC3")
print("// statsmodels", statsmodels.__version__)
print("params:", [float(v) for v in m.params])
print("bse:", [float(v) for v in m.bse])
print("sigma:", repr(float(np.sqrt(m.scale))))
print("rsquared:", repr(float(m.rsquared)), "fvalue:", repr(float(m.fvalue)), "llf:", repr(float(m.llf)))
print("bse_hc3:", [float(v) for v in h.bse], "fvalue_hc3:", repr(float(h.fvalue)))
