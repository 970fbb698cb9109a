"""Peer for forecast-backtest-ets-120: the same rolling-origin one-step backtest with
statsmodels' ETSModel (ETS(A,N,N) and ETS(A,Ad,N), MLE with its default options): fit on the
first k values for k = 6…119, forecast value k + 1 with its 80 % and 95 % intervals, and print
MAE, RMSE, MAPE, MASE (scaled by the naive in-sample one-step MAE) and coverage."""
import sys
import warnings

import numpy as np
import pandas as pd
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.simplefilter("ignore")
y = pd.read_csv(sys.argv[1])["y"].to_numpy()
scale = np.mean(np.abs(np.diff(y)))
for name, kwargs in [("ses", {}), ("holt", {"trend": "add", "damped_trend": True})]:
    errors, actual, in80, in95 = [], [], 0, 0
    for k in range(6, len(y)):
        fit = ETSModel(pd.Series(y[:k]), error="add", **kwargs).fit(disp=False)
        pred = fit.get_prediction(start=k, end=k)
        f80, f95 = pred.summary_frame(alpha=0.2), pred.summary_frame(alpha=0.05)
        point = f80["mean"].iloc[0]
        errors.append(y[k] - point)
        actual.append(y[k])
        in80 += f80["pi_lower"].iloc[0] <= y[k] <= f80["pi_upper"].iloc[0]
        in95 += f95["pi_lower"].iloc[0] <= y[k] <= f95["pi_upper"].iloc[0]
    e, a, n = np.array(errors), np.array(actual), len(errors)
    print(name, n, np.mean(np.abs(e)), np.sqrt(np.mean(e * e)), 100 * np.mean(np.abs(e / a)),
          np.mean(np.abs(e)) / scale, in80 / n, in95 / n)
