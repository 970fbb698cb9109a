r = simulate(normal(10, 2) + lognormal(1, 0.5), trials=1000, seed=1)
percentiles(r)
