"""Charts: drawing a histogram of 1,000,000 values (issue 7's "under a tenth of a second").

The panorama run makes the values with `seq_len` (an exponential through the golden-ratio
sequence, no random generator needed) and draws `hist` at 80 columns; the peer does the same
with numpy + plotext. The time of the chart statement alone is printed by `.timer on` on
stderr; `bench/run.py` times the whole process.
"""
import re

PROGRAM = (
    "u = (seq_len(1e6) * 0.6180339887498949) % 1; x = -log(u);\n"
    ".timer on\n"
    "hist(x, bins=60, title=\"hist of 1,000,000 values\")\n"
)


def chart_statement(stdout, stderr):
    """The wall seconds of the `.timer` line of the `hist` statement (the last one)."""
    lines = re.findall(r"Run Time: wall ([0-9.]+) s", stderr)
    if not lines:
        raise RuntimeError("no .timer line in panorama's stderr: " + stderr[-300:])
    return float(lines[-1])


def workloads(ctx):
    script = ctx.tmp / "charts_hist.pan"

    def prepare(ctx):
        script.write_text(PROGRAM)

    return [
        {
            "name": "charts-hist-1M",
            "target": "panorama ≤ 0.5 × plotext, chart statement < 0.1 s",
            "max_ratio": 0.5,
            "prepare": prepare,
            "panorama": [str(ctx.panorama), "--no-init", str(script)],
            "peer": [ctx.python, "bench/peers/charts_hist.py"],
            "peer_name": "numpy+plotext",
            "statement_seconds": (chart_statement, 0.1),
        },
    ]
