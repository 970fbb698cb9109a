"""Peer for charts-hist-1M: the same 1,000,000 values as the panorama workload (an
exponential through the golden-ratio sequence), binned by numpy and drawn by plotext
(the Python terminal-plotting library panorama's charts are measured against), built to a
string at 80 × 20 and printed."""
import numpy as np
import plotext as plt

u = (np.arange(1, 1_000_001, dtype=np.float64) * 0.6180339887498949) % 1
x = -np.log(u)
plt.hist(x, bins=60)
plt.plotsize(80, 20)
plt.title("hist of 1,000,000 values")
print(plt.build())
