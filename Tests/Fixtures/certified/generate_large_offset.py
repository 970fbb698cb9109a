"""Certified values for least squares with large-offset regressors, in NIST StRD's file format.

Issue 18.3: with a regressor around 1e9 in unit steps, the coefficients were exact to 15 digits
but σ and the standard errors only to 8.5 (residuals y − Xβ computed with cancellation). These
cases are certified the way NIST certifies its own: the data are exact doubles (written with
repr, so they read back bit for bit), and every statistic is computed from them exactly — the
normal equations solved in rational arithmetic (fractions.Fraction), then σ, the standard errors
and R² taken to 40 digits with mpmath. Run `python3 generate_large_offset.py` in this folder.
"""
from fractions import Fraction
import random

import mpmath

mpmath.mp.dps = 40


def solve(a, b):
    """Gauss–Jordan on fractions: a x = b, exactly."""
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)], m


def inverse(a):
    n = len(a)
    cols = []
    for k in range(n):
        e = [Fraction(int(i == k)) for i in range(n)]
        cols.append(solve(a, e)[0])
    return [[cols[j][i] for j in range(n)] for i in range(n)]


def certify(name, description, rows):
    """rows: [y, x1, …] as doubles; the model has an intercept."""
    n, k = len(rows), len(rows[0]) - 1
    X = [[Fraction(1)] + [Fraction(v) for v in r[1:]] for r in rows]
    y = [Fraction(r[0]) for r in rows]
    p = k + 1
    xtx = [[sum(X[i][a] * X[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    xty = [sum(X[i][a] * y[i] for i in range(n)) for a in range(p)]
    beta, _ = solve(xtx, xty)
    inv = inverse(xtx)
    rss = sum((y[i] - sum(X[i][a] * beta[a] for a in range(p))) ** 2 for i in range(n))
    mean = sum(y) / n
    tss = sum((v - mean) ** 2 for v in y)
    s2 = rss / (n - p)
    mp = lambda f: mpmath.mpf(f.numerator) / f.denominator
    sd = mpmath.sqrt(mp(s2))
    se = [mpmath.sqrt(mp(s2 * inv[a][a])) for a in range(p)]
    r2 = 1 - mp(rss) / mp(tss)
    fmt = lambda v: mpmath.nstr(v, 20, min_fixed=0, max_fixed=0)
    head = [
        "Certified values computed exactly (see generate_large_offset.py)",
        f"Dataset Name:  {name} ({name}.dat)",
        "",
        "File Format:   ASCII",
        "               Certified Values  (lines CERT)",
        "               Data              (lines FIRST to LAST)",
        "",
        f"Description:   {description}",
        "",
        "               Certified Regression Statistics",
        "",
        "                                          Standard Deviation",
        "     Parameter          Estimate             of Estimate",
        "",
    ]
    head += [f"        B{a}        {fmt(mp(beta[a]))}     {fmt(se[a])}" for a in range(p)]
    head += ["", "     Residual", f"     Standard Deviation   {fmt(sd)}", "",
             f"     R-Squared            {fmt(r2)}", "", "Data:       y " + " ".join(f"x{j + 1}" for j in range(k))]
    first = len(head) + 1
    last = first + n - 1
    head[4] = head[4].replace("CERT", f"10 to {first - 3}")
    head[5] = head[5].replace("FIRST", str(first)).replace("LAST", str(last))
    body = ["  ".join(repr(v) for v in r) for r in rows]
    with open(f"{name}.dat", "w") as f:
        f.write("\n".join(head + body) + "\n")


rng = random.Random(20261206)
# One regressor 1e9 + i in unit steps; y = 3 + 2x + noise, so y ≈ 2e9 and the residuals ≈ 1.
one = []
for i in range(1, 41):
    x = 1e9 + i
    one.append([3 + 2 * x + rng.gauss(0, 1), x])
certify("LargeOffset1", "y = 3 + 2 x + e, x = 1e9 + i (i = 1..40), e ~ N(0, 1)", one)
# Two regressors near 1e9 (one in half steps) with a response near 1e9 too.
two = []
for i in range(1, 61):
    x1 = 1e9 + i
    x2 = 2e9 + 0.5 * ((7 * i) % 23)
    two.append([-4 + 1.5 * x1 - 0.25 * x2 + rng.gauss(0, 2), x1, x2])
certify("LargeOffset2", "y = -4 + 1.5 x1 - 0.25 x2 + e, x1 = 1e9 + i, x2 = 2e9 + (7i mod 23)/2, e ~ N(0, 4)", two)
# The case of the issue: a response of ordinary size (the intercept cancels the regressor's
# offset), so nothing calls for refinement and y − Xβ cancelled nine digits of each residual.
three = []
for i in range(1, 51):
    x = 1e9 + i
    three.append([-2e9 + 2 * x + rng.gauss(0, 1), x])
certify("LargeOffset3", "y = -2e9 + 2 x + e, x = 1e9 + i (i = 1..50), e ~ N(0, 1)", three)
