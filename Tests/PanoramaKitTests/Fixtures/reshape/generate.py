"""Reference outputs of pandas for the reshaping verbs (ReshapeReferenceTests.swift).

Run: python3 generate.py > reshape.json   (pandas 3.1)
pivot_wider ↔ DataFrame.pivot (rows/columns re-ordered to first appearance, as tidyr),
pivot_longer ↔ melt (re-ordered row by row, as tidyr), rank ↔ Series.rank(method=…),
cut ↔ pd.cut(right=True), coalesce ↔ bfill across columns, case_when ↔ np.select,
cumsum/diff/lag with by= ↔ groupby(g).cumsum()/diff()/shift(1), diff(align=true) ↔ Series.diff().
"""
import json
import numpy as np
import pandas as pd

def clean(values):
    return [None if (isinstance(v, float) and np.isnan(v)) or v is pd.NA else v for v in values]

out = {}
long = pd.DataFrame({"ministry": ["Culture", "Armées", "Culture", "Justice", "Armées"],
                     "edition": ["e2", "e1", "e1", "e2", "e3"],
                     "cost": [14.0, 40.0, 12.0, 7.5, 3.25]})
wide = long.pivot(index="ministry", columns="edition", values="cost")
wide = wide.loc[list(dict.fromkeys(long.ministry)), list(dict.fromkeys(long.edition))]
out["pivot_wider"] = {"input": long.to_dict(orient="list"), "columns": list(wide.columns),
                      "ministry": list(wide.index), "values": [clean(wide[c].tolist()) for c in wide.columns]}
melted = wide.reset_index().melt(id_vars="ministry", var_name="edition", value_name="cost")
order = sorted(range(len(melted)), key=lambda i: (list(wide.index).index(melted.ministry[i]), list(wide.columns).index(melted.edition[i])))
melted = melted.iloc[order]
out["pivot_longer"] = {"ministry": melted.ministry.tolist(), "edition": melted.edition.tolist(), "cost": clean(melted.cost.tolist())}
x = [30.0, 10.0, 20.0, 10.0, float("nan"), 20.0, 10.0]
out["rank"] = {"x": clean(x), **{m: clean(pd.Series(x).rank(method=m).tolist()) for m in ["average", "min", "max", "first"]}}
y = [0.0, 5.0, 5.5, 10.0, 99.0, -1.0, 100.0]
out["cut"] = {"x": y, "breaks": [0, 5, 10, 100], "labels": ["a", "b", "c"],
              "result": clean([None if pd.isna(v) else str(v) for v in pd.cut(y, [0, 5, 10, 100], labels=["a", "b", "c"], right=True)])}
a, b = [1.0, None, None, 4.0], [9.0, 2.0, None, 8.0]
out["coalesce"] = {"a": a, "b": b, "fill": 0, "result": pd.DataFrame({"a": a, "b": b, "c": 0.0}).bfill(axis=1)["a"].tolist()}
z = np.array([1.0, 5.0, 9.0, 3.0, 7.0])
out["case_when"] = {"x": z.tolist(), "result": np.select([z < 3, z < 7], ["low", "mid"], default="high").tolist()}
g = pd.DataFrame({"x": [1.0, 4.0, 9.0, 16.0, 2.0, 5.0, 7.0], "g": ["a", "b", "a", "b", "a", "c", "b"]})
out["by"] = {"x": g.x.tolist(), "g": g.g.tolist(),
             "cumsum": g.groupby("g").x.cumsum().tolist(),
             "diff": clean(g.groupby("g").x.diff().tolist()),
             "lag": clean(g.groupby("g").x.shift(1).tolist()),
             "diff_align": clean(g.x.diff().tolist())}
print(json.dumps(out, ensure_ascii=False, indent=1))
