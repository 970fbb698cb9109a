"""Reference values for ReferenceClassUplift (Flyvbjerg's uplift = Q_p(factor) - 1, R type 7
quantile = numpy's default 'linear'). Run: python3 generate_uplift.py; pasted into UpliftTests."""
import numpy as np

x = np.array([1, 1.02, 0.97, 1.3, 1.1, 1, 2.4, 1.05, 1.15, 1.6])
for p in (50, 80, 90):
    print(f"all p{p}: uplift {float(np.quantile(x, p / 100) - 1)!r}")
print(f"median {float(np.median(x))!r}")
groups = np.array(["a", "b"] * 5)
for g in ("a", "b"):
    print(f"class {g} p80: {float(np.quantile(x[groups == g], 0.8) - 1)!r}")
