"""verbs-*: the data verbs on the 1M-row French benchmark file (bench/workloads/csv.py), each
against the same operation in pandas on the same file, in the same run (issue 16: each at most
1 × pandas).

Only the verb is timed on both sides: panorama's `.timer` line of that one statement, pandas' own
clock around the call (bench/peers/verbs_pandas.py); loading the file and preparing the inputs
(the per-project frame joined on, the three columns pivoted) are left out.

- verbs-summarize-5000: `summarize` by the 5,000-level project-name column (a sum and a mean);
  pandas `groupby(sort=True).agg`.
- verbs-summarize-2keys: `summarize` by ministry × phase (15 × 5 levels), the same aggregates.
- verbs-sort-number: `sort` by the cost (stable); pandas `sort_values(kind="stable")`.
- verbs-join-text: a left join of the 1M rows with a 5,000-row frame on the project name;
  pandas `merge(how="left")`.
- verbs-pivot-wider: `pivot_wider` of (id, phase, cost) into one column per phase (1M rows ×
  5 columns); pandas `pivot(index=, columns=, values=)`.
"""
import importlib.util
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent


def _sibling(name):
    """Another workload file as a module: csv.py writes the data, text.py reads the step times."""
    spec = importlib.util.spec_from_file_location(f"{name}_workload", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


csv_workload, text_workload = _sibling("csv"), _sibling("text")

COST, DURATION = "cout_complet_estime", "duree_en_annees"

# name: (statements before the timer, the timed statement, a check statement printed last, expected output)
CASES = {
    "verbs-summarize-5000": ("",
                             f"s = summarize(p, by=projet, total=sum({COST}), mean_duration=mean({DURATION}))",
                             "nrow(s)", "5,000"),
    "verbs-summarize-2keys": ("",
                              f"s = summarize(p, by=[ministere_porteur, phase_du_projet], total=sum({COST}), mean_duration=mean({DURATION}))",
                              "nrow(s)", "75"),
    "verbs-sort-number": ("", f"s = sort(p, {COST})", f"s.id[1]", None),
    "verbs-join-text": (f"k = summarize(p, by=projet, project_total=sum({COST}))",
                        "s = join(p, k, by=projet, how=\"left\")", "nrow(s)", "1,000,000"),
    "verbs-pivot-wider": (f"q = select(p, id, phase_du_projet, {COST})",
                          f"s = pivot_wider(q, names_from=phase_du_projet, values_from={COST})", "ncol(s)", "6"),
}


def workloads(ctx):
    data = pathlib.Path(ctx.tmp) / "projects-1M.csv"
    out = []
    for name, (setup, timed, shown, expected) in CASES.items():
        script = pathlib.Path(ctx.tmp) / f"{name}.pan"

        def prepare(ctx, script=script, setup=setup, timed=timed, shown=shown):
            if not data.exists():
                csv_workload.generate(data)
            script.write_text(f'p = load("{data}")\n{setup}\n.timer on\n{timed}\n.timer off\n{shown}\n')

        def check(stdout, expected=expected):
            last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
            if expected is None:
                return None if re.search(r"\d", last) else f"no result printed: {stdout[-80:]!r}"
            return None if last.strip() == expected else f"expected {expected}, got {last!r}"

        out.append(dict(name=name, target="panorama ≤ 1 × pandas (step time)", max_ratio=1.0,
                        peer_name="pandas", prepare=prepare,
                        panorama=[str(ctx.panorama), "--no-init", "--format", "csv", str(script)],
                        peer=[ctx.python, str(ctx.peers / "verbs_pandas.py"), str(data), name],
                        panorama_inner=text_workload.panorama_seconds, peer_inner=text_workload.pandas_seconds, check=check))
    return out
