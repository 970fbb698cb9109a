"""Reference values for TailPrecisionTests: the generalised Pareto, Pareto and Student's t
distributions' cdf, pdf and quantile in mpmath at 60 digits, where double-precision formulas
lose digits (shapes down to ±1e-12, x just above the threshold or scale, t beyond √DBL_MAX for
df < 1). Each input is the exact double written (repr), so the reference is the exact function
at that double, rounded to 17 significant digits. Values outside the doubles' range are left out.
Committed as tail_precision.csv: `function,family,p1,p2,p3,x,value`
(gpd: threshold, scale, shape; pareto: scale, shape, 0; student_t: df, location 0, scale 1).
Rerun: python3 generate_tail_precision.py > tail_precision.csv  (pip install mpmath)
"""
import mpmath as mp

mp.mp.dps = 60
MAX = mp.mpf(1.7976931348623157e308)
rows = []


def emit(function, family, params, x, value):
    value = mp.mpf(value)
    if not mp.isfinite(value) or abs(value) > MAX or (value != 0 and abs(value) < mp.mpf(2.2250738585072014e-308)):
        return
    p = list(params) + [0.0] * (3 - len(params))
    rows.append(f"{function},{family},{p[0]!r},{p[1]!r},{p[2]!r},{x!r},{mp.nstr(value, 17, min_fixed=1, max_fixed=0)}")


# Generalised Pareto: F(x) = 1 − (1 + ξz)^(−1/ξ), z = (x − u)/s; Q(p) = u + s((1 − p)^(−ξ) − 1)/ξ.
def gpd(u, s, xi):
    U, S, XI = mp.mpf(u), mp.mpf(s), mp.mpf(xi)
    def cdf(x):
        z = (mp.mpf(x) - U) / S
        return -mp.expm1(-mp.log1p(XI * z) / XI)
    def pdf(x):
        z = (mp.mpf(x) - U) / S
        return mp.exp(-(1 / XI + 1) * mp.log1p(XI * z)) / S
    def quantile(p):
        return U + S * mp.expm1(-XI * mp.log1p(-mp.mpf(p))) / XI
    return cdf, pdf, quantile


for (u, s, xi) in [(0.0, 2.0, 1e-9), (0.0, 1.0, 1e-12), (10.0, 3.0, 1e-6), (0.0, 1.0, 0.3), (5.0, 0.5, 2.0),
                   (0.0, 1.0, -1e-12), (0.0, 2.0, -1e-9), (1.0, 1.0, -0.2), (0.0, 1.0, -0.9)]:
    cdf, pdf, quantile = gpd(u, s, xi)
    upper = u - s / xi if xi < 0 else float("inf")
    for excess in [1e-9, 2e-9, 1e-6, 0.01, 0.5, 3.0, 40.0, 1e4]:
        x = u + excess * s
        if x >= upper or x == u:
            continue
        emit("cdf", "gpd", (u, s, xi), x, cdf(x))
        emit("pdf", "gpd", (u, s, xi), x, pdf(x))
    for p in [1e-12, 1e-9, 1e-3, 0.3, 0.9, 0.999999, 1 - 1e-12]:
        emit("quantile", "gpd", (u, s, xi), p, quantile(p))


# Pareto: F(x) = 1 − (xm/x)^α for x ≥ xm; Q(p) = xm (1 − p)^(−1/α).
for (xm, alpha) in [(1.0, 1e-12), (2.0, 1e-6), (1e6, 0.5), (3.0, 2.5), (0.1, 1e3), (1.0, 1e8)]:
    XM, A = mp.mpf(xm), mp.mpf(alpha)
    for ratio in [1 + 1e-12, 1 + 1e-9, 1.001, 2.0, 1e3, 1e100]:
        x = xm * ratio
        emit("cdf", "pareto", (xm, alpha), x, -mp.expm1(-A * mp.log(mp.mpf(x) / XM)))
        emit("pdf", "pareto", (xm, alpha), x, A * XM ** A / mp.mpf(x) ** (A + 1))
    for p in [1e-12, 1e-6, 0.5, 0.99]:
        emit("quantile", "pareto", (xm, alpha), p, XM * mp.exp(-mp.log1p(-mp.mpf(p)) / A))


# Student's t, far tails: F(t) = I_x(ν/2, 1/2)/2 for t < 0, x = ν/(ν + t²).
def t_lower(t, nu):
    t, nu = mp.mpf(t), mp.mpf(nu)
    return mp.betainc(nu / 2, mp.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2


def t_quantile(p, nu):
    """The t with F(t) = p < 1/2, by a root of log F in log(−t) from the power-law tail."""
    P, NU = mp.mpf(p), mp.mpf(nu)
    a = NU / 2
    x0 = (2 * P * a * mp.beta(a, mp.mpf(1) / 2)) ** (1 / a)
    start = mp.log(mp.sqrt(NU / x0))
    u = mp.findroot(lambda u: mp.log(t_lower(-mp.exp(u), NU)) - mp.log(P), start, tol=mp.mpf(10) ** -50)
    return -mp.exp(u)


for nu in [0.05, 0.1, 0.3, 0.5, 0.9]:
    for t in [-1e200, -1e160, -1e20, -5.0, 1e200]:
        lower = t_lower(t, nu) if t < 0 else 1 - t_lower(-t, nu)
        emit("cdf", "student_t", (nu, 0.0, 1.0), t, lower)
        NU, T = mp.mpf(nu), mp.mpf(t)
        density = mp.exp(-(NU + 1) / 2 * mp.log1p(T * T / NU) - mp.log(NU) / 2 - mp.log(mp.beta(NU / 2, mp.mpf(1) / 2)))
        emit("pdf", "student_t", (nu, 0.0, 1.0), t, density)
    for p in [1e-300, 1e-150, 1e-80, 1e-30, 1e-8]:
        q = t_quantile(p, nu)
        emit("quantile", "student_t", (nu, 0.0, 1.0), p, q)
        upper = 1 - p  # the double; its tail 1 − upper is exact in mpmath
        if upper < 1:
            emit("quantile", "student_t", (nu, 0.0, 1.0), upper, -t_quantile(1 - mp.mpf(upper), nu))

print("function,family,p1,p2,p3,x,value")
print("\n".join(rows))
