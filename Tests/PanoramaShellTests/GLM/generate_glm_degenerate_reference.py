"""Reference for GLMDegenerateResponseTests.swift: statsmodels GLM Poisson on a two-level factor
whose counts include zeros but no level of zeros only (the MLE exists), and the same fit where
one level has only zeros (statsmodels runs the estimates off to about ±22 with SEs of ~1e4:
no MLE exists). Run: python3 generate_glm_degenerate_reference.py"""
import pandas as pd
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf

print("statsmodels", statsmodels.__version__)
d = pd.DataFrame(dict(g=["a", "a", "a", "b", "b", "b"], y=[2, 0, 1, 0, 1, 0]))
r = smf.glm("y ~ g", d, family=sm.families.Poisson()).fit(tol=1e-12)
print("exists:", [float(v) for v in r.params], [float(v) for v in r.bse], float(r.deviance))
d = pd.DataFrame(dict(g=["a", "a", "a", "b", "b", "b"], y=[0, 0, 0, 2, 3, 1]))
r = smf.glm("y ~ g", d, family=sm.families.Poisson()).fit()
print("runs off:", [float(v) for v in r.params], [float(v) for v in r.bse])
