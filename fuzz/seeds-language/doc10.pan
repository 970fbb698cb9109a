s = simulate(last, cost=cost, overrun=lognormal(0.05, 0.35), corr=0.3, trials=1e5, seed=7)
s
scurve(s, title="Nov 2021 portfolio: simulated total", xlabel="M€")
