"""The verbs workloads' peer (bench/workloads/verbs.py): one pandas operation on the 1M-row
French file, timed by its own clock (loading and preparing left out).

  python3 verbs_pandas.py FILE WORKLOAD
"""
import sys
import time

import pandas as pd

path, workload = sys.argv[1], sys.argv[2]
df = pd.read_csv(path, sep=";", decimal=",", true_values=["Oui"], false_values=["Non"])
COST, DURATION = "Coût complet estimé", "Durée en années"
aggregates = dict(total=(COST, "sum"), mean_duration=(DURATION, "mean"))

if workload == "verbs-join-text":
    k = df.groupby("Projet", sort=True).agg(project_total=(COST, "sum")).reset_index()
if workload == "verbs-pivot-wider":
    q = df[["id", "Phase du projet", COST]]

start, cpu = time.perf_counter(), time.process_time()
if workload == "verbs-summarize-5000":
    result = df.groupby("Projet", sort=True).agg(**aggregates).reset_index()
elif workload == "verbs-summarize-2keys":
    result = df.groupby(["Ministère porteur", "Phase du projet"], sort=True).agg(**aggregates).reset_index()
elif workload == "verbs-sort-number":
    result = df.sort_values(COST, kind="stable")
elif workload == "verbs-join-text":
    result = df.merge(k, on="Projet", how="left")
elif workload == "verbs-pivot-wider":
    result = q.pivot(index="id", columns="Phase du projet", values=COST).reset_index()
else:
    sys.exit(f"unknown workload {workload}")
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
print(len(result))
print(f"elapsed {elapsed:.6f} cpu {cpu:.6f}")
