"""Long scripts: the shell's own cost per statement must stay flat (issue 21.7 found it
quadratic: 40,000 statements on one line took 33 s, 8,000 failing lines under `.bail off` 25 s).

- script-100k-lines: a 10^5-line script (`x = x + 1` on each line), whole process time.
- script-100k-one-line: the same 10^5 statements on one line, separated by `;`.
- script-100k-errors: 10^5 lines that each fail (`nope + 1`) under `.bail off`: every error is
  rendered with its caret line; target < 2 s.
"""


def workloads(ctx):
    count = 100_000
    lines_path = ctx.tmp / "lines.pan"
    one_line_path = ctx.tmp / "one_line.pan"
    errors_path = ctx.tmp / "errors.pan"

    def prepare(_ctx):
        lines_path.write_text("x = 0\n" + "x = x + 1\n" * count + "x\n")
        one_line_path.write_text("x = 0;" + "x = x + 1;" * count + "x\n")
        errors_path.write_text(".bail off\n" + "nope + 1\n" * count)

    def total(out):
        return None if out.strip() == "100,000" else f"expected 100,000, got {out.strip()[-80:]!r}"

    def error_count(out):
        return None if out.strip() == str(count) else f"expected {count} errors, got {out.strip()[-80:]!r}"

    return [
        {"name": "script-100k-lines", "target": "report only", "max_ratio": None, "prepare": prepare,
         "panorama": [ctx.panorama, "--no-init", str(lines_path)], "peer": None, "check": total},
        {"name": "script-100k-one-line", "target": "report only", "max_ratio": None, "prepare": prepare,
         "panorama": [ctx.panorama, "--no-init", str(one_line_path)], "peer": None, "check": total},
        # The script exits 1 (it had errors): the shell counts the error lines instead.
        {"name": "script-100k-errors", "target": "< 2 s", "max_ratio": None, "max_seconds": 2.0, "prepare": prepare,
         "panorama": ["sh", "-c", '"$0" --no-init "$1" 2>&1 >/dev/null | grep -c "error:"', ctx.panorama, str(errors_path)],
         "peer": None, "check": error_count},
    ]
