"""csv-load-1M: a generated 1,000,000-row French-format CSV loaded into typed columns.

The file (~110 MB) is what French public data looks like: `;` separator, decimal commas,
accented ministry names, project names quoted because they hold `;` and doubled quotes `""`,
month dates written `juillet 2013`, `Oui`/`Non` flags. panorama loads it with no options
(separator, decimal mark and types are inferred) and prints the row count; the pandas peer
(bench/peers/csv_pandas.py) reads it with `read_csv(sep=";", decimal=",")` and parses the
month column into datetimes. Target: panorama at most half pandas' time, and peak memory below
three times the file size.
"""
import pathlib
import random

ROWS = 1_000_000

MINISTRIES = [
    "Ministère de l'Intérieur", "Ministère des Armées", "Ministère de la Justice",
    "Ministère de l'Économie, des Finances et de la Relance", "Ministère de la Culture",
    "Ministère de l'Éducation nationale", "Ministère de la Transition écologique",
    "Ministère de l'Agriculture et de l'Alimentation", "Ministère des Solidarités et de la Santé",
    "Ministère de l'Europe et des Affaires étrangères", "Services du Premier ministre",
    "Ministère du Travail, de l'Emploi et de l'Insertion", "Ministère des Outre-mer",
    "Ministère de la Mer", "Ministère de l'Enseignement supérieur, de la Recherche et de l'Innovation",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]
PHASES = ["Cadrage", "Expérimentation", "Conception / Réalisation", "Déploiement", "Terminé"]
WORDS = ["Refonte", "Système", "Portail", "Plateforme", "Réseau", "Socle", "Dématérialisation",
         "Modernisation", "Archivage", "Paie", "Identité", "Données", "Cloud", "Messagerie"]


def project_names(rng, n=5000):
    names = []
    for i in range(n):
        base = f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} n°{i}"
        if i % 3 == 0:
            base += f" ; lot \"{rng.choice(['Alpha', 'Bêta', 'Gamma'])}\""
        names.append(base)
    return names


def quote(s):
    if ";" in s or '"' in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def generate(path, rows=ROWS, seed=20240630):
    """Writes the CSV deterministically (same bytes for the same rows and seed)."""
    rng = random.Random(seed)
    names = [quote(n) for n in project_names(rng)]
    ministries = [quote(m) for m in MINISTRIES]
    starts = [f"{MONTHS[m]} {y}" for y in range(2005, 2025) for m in range(12)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id;Projet;Ministère porteur;Début;Durée en années;Phase du projet;Coût complet estimé;Interministériel\n")
        chunk = []
        for i in range(rows):
            cost = rng.lognormvariate(3.3, 1.0)
            duration = rng.uniform(1.5, 12.0)
            chunk.append(f"{i + 1};{rng.choice(names)};{rng.choice(ministries)};{rng.choice(starts)};"
                         + f"{duration:.2f}".replace(".", ",") + f";{rng.choice(PHASES)};"
                         + f"{cost:.2f}".replace(".", ",") + f";{'Oui' if rng.random() < 0.3 else 'Non'}\n")
            if len(chunk) == 10_000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))


def workloads(ctx):
    path = pathlib.Path(ctx.tmp) / "projects-1M.csv"
    w = {
        "name": "csv-load-1M",
        "target": "panorama ≤ 0.5 × pandas, peak RSS < 3 × file size",
        "max_ratio": 0.5,
        "panorama": [ctx.panorama, "--no-init", "-e", f'p = load("{path}")\nnrow(p)'],
        "peer": [ctx.python, str(ctx.peers / "csv_pandas.py"), str(path)],
        "peer_name": "pandas",
        "check": lambda out: None if out.strip().endswith("1,000,000") or out.strip().endswith("1000000")
        else f"expected 1,000,000 rows, got {out.strip()[-40:]!r}",
    }

    def prepare(ctx):
        if not path.exists():
            generate(path)
        w["max_rss_mb"] = 3 * path.stat().st_size / 1e6

    w["prepare"] = prepare
    return [w]


if __name__ == "__main__":
    import sys
    generate(sys.argv[1], rows=int(sys.argv[2]) if len(sys.argv) > 2 else ROWS)
