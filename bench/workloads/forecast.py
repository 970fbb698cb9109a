"""Forecast: a rolling-origin one-step backtest of SES and damped Holt, both by maximum
likelihood, on a 120-edition series (114 origins, 228 model fits), as issue 8's `backtest`.

The series is a damped trend with noise (numpy default_rng(8)), written once as CSV. panorama
runs `backtest(s, value="y", methods=["ses", "holt"])`; the peer refits statsmodels'
`ETSModel` (its own MLE, default options) at every origin and prints the same measures.
"""
import numpy as np


def make_series(path):
    rng = np.random.default_rng(8)
    level, slope, rows = 100.0, 2.0, ["t,y"]
    for t in range(1, 121):
        e = rng.normal(0, 4)
        yhat = level + 0.9 * slope
        rows.append(f"{t},{yhat + e:.4f}")
        level = yhat + 0.5 * e
        slope = 0.9 * slope + 0.2 * e
    path.write_text("\n".join(rows) + "\n")


def workloads(ctx):
    data = ctx.tmp / "forecast_series.csv"
    script = ctx.tmp / "forecast_backtest.pan"

    def prepare(ctx):
        make_series(data)
        script.write_text(
            f's = load("{data}")\n'
            'backtest(s, value="y", time="t", methods=["ses", "holt"])\n'
        )

    return [
        {
            "name": "forecast-backtest-ets-120",
            "target": "panorama ≤ 0.1 × statsmodels",
            "max_ratio": 0.1,
            "prepare": prepare,
            "panorama": [str(ctx.panorama), "--no-init", str(script)],
            "peer": [ctx.python, "bench/peers/forecast_backtest.py", str(data)],
            "peer_name": "statsmodels",
        },
    ]
