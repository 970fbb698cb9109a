"""Reference values for StudentTLargeDFTests: scipy.stats.t (scipy 1.17) at degrees of freedom
from 1 to 1e25, where the t distribution must tend to the normal. Committed as
student_t_large_df.csv: `function,df,x,value` with 17 significant digits.
Rerun: python3 generate_student_t_large_df.py > student_t_large_df.csv
"""
from scipy import stats

print("function,df,x,value")
for df in [1, 2.5, 30, 1e3, 1e6, 1e10, 1e25]:
    for x in [-8, -3, -1, 0.5, 1, 2, 5]:
        print(f"cdf,{df!r},{x!r},{stats.t.cdf(x, df):.17g}")
        print(f"pdf,{df!r},{x!r},{stats.t.pdf(x, df):.17g}")
    for p in [1e-10, 0.001, 0.025, 0.3, 0.975, 0.999]:
        print(f"quantile,{df!r},{p!r},{stats.t.ppf(p, df):.17g}")
