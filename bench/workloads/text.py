"""text-contains-regex-1M: `contains(x, pattern, regex=true)` over 10^6 distinct strings against
pandas' `Series.str.contains(pattern, regex=True)` on the same strings, in the same run
(issue 16: panorama at most 1 × pandas).

The strings are project labels, every one distinct (`Portail données n°123456 – Ministère des
Armées`), so panorama's once-per-distinct-text evaluation gives it no head start. Only the
`contains` step is timed on both sides: panorama's `.timer` line of that statement, pandas' own
clock around `str.contains` (bench/peers/text_pandas.py); loading the file is left out.
"""
import random
import re

ROWS = 1_000_000
PATTERN = r"(?:Portail|[Pp]aie) \w+ n°\d*7"

WORDS = ["Refonte", "Système", "Portail", "Plateforme", "Réseau", "Socle", "Dématérialisation",
         "Modernisation", "Archivage", "Paie", "Identité", "Données", "Cloud", "Messagerie"]
MINISTRIES = ["Ministère de l'Intérieur", "Ministère des Armées", "Ministère de la Justice",
              "Ministère de la Culture", "Ministère de l'Éducation nationale", "Services du Premier ministre"]


def generate(path, rows=ROWS, seed=16):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,label\n")
        for i in range(rows):
            f.write(f"{i + 1},{rng.choice(WORDS)} {rng.choice(WORDS).lower()} n°{i} – {rng.choice(MINISTRIES)}\n")


def panorama_seconds(stdout, stderr):
    lines = re.findall(r"Run Time: wall ([0-9.]+) s", stderr)
    if not lines:
        raise RuntimeError("no .timer line in panorama's stderr: " + stderr[-300:])
    return float(lines[-1])


def pandas_seconds(stdout, stderr):
    found = re.search(r"elapsed ([0-9.]+)", stdout)
    if not found:
        raise RuntimeError("no elapsed line in the peer's output: " + stdout[-300:])
    return float(found.group(1))


def workloads(ctx):
    data, script = ctx.tmp / "labels.csv", ctx.tmp / "text_contains.pan"
    expected = {}

    def prepare(ctx):
        generate(data)
        with open(data, encoding="utf-8") as f:
            next(f)
            expected["n"] = sum(1 for line in f if re.search(PATTERN, line.split(",", 1)[1]))
        script.write_text(
            f'p = load("{data}")\n'
            ".timer on\n"
            f'm = contains(p.label, "{PATTERN.replace(chr(92), chr(92) * 2)}", regex=true)\n'
            ".timer off\n"
            "sum(m)\n")

    def check(stdout):
        got = re.sub(r"[^0-9]", "", stdout.strip().splitlines()[-1] if stdout.strip() else "")
        return None if got == str(expected["n"]) else f"panorama counted {stdout.strip()[-40:]!r}, Python re {expected['n']}"

    return [dict(name="text-contains-regex-1M", target="panorama ≤ 1 × pandas str.contains (step time)",
                 max_ratio=1.0, peer_name="pandas", prepare=prepare,
                 panorama=[str(ctx.panorama), "--no-init", str(script)],
                 peer=[ctx.python, "bench/peers/text_pandas.py", str(data), PATTERN],
                 panorama_inner=panorama_seconds, peer_inner=pandas_seconds, check=check)]
