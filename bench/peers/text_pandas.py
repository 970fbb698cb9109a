"""The text workload's peer: pandas `Series.str.contains(pattern, regex=True)` on the labels,
timed by its own clock (loading left out).

  python3 text_pandas.py FILE PATTERN
"""
import sys
import time

import pandas as pd

path, pattern = sys.argv[1], sys.argv[2]
labels = pd.read_csv(path)["label"]
start, cpu = time.perf_counter(), time.process_time()
matched = labels.str.contains(pattern, regex=True)
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(int(matched.sum()))
print(f"elapsed {elapsed:.6f} cpu {cpu:.6f}")
