"""xlsx-load-1M: a generated 1,000,000-row workbook (one sheet, shared strings, a date column).

The sheet is what an export of project data looks like: an id, a project name and a ministry
(shared strings, with accents and `&`), a cost, and a start date stored as an Excel serial
number with a date style. panorama loads it with no options and prints the row count; the peer
(bench/peers/xlsx_openpyxl.py) reads it with openpyxl's read-only mode (the streaming reader
openpyxl recommends for large files), building the rows as tuples of values. Target: panorama
at most half openpyxl's time.
"""
import pathlib
import random
import zipfile
from xml.sax.saxutils import escape

ROWS = 1_000_000

MINISTRIES = ["Ministère de l'Intérieur", "Ministère des Armées", "Ministère de la Justice",
              "Ministère de l'Économie & des Finances", "Ministère de la Culture", "Services du Premier ministre"]
WORDS = ["Refonte", "Système", "Portail", "Plateforme", "Réseau", "Socle", "Dématérialisation", "Paie"]


def generate(path, rows=ROWS, seed=20240630):
    """Writes the workbook deterministically with zipfile (openpyxl would take minutes to write it)."""
    rng = random.Random(seed)
    names = [f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()} n°{i}" for i in range(5000)]
    shared = ["id", "Projet", "Ministère", "Coût", "Début"] + names + MINISTRIES
    index = {s: i for i, s in enumerate(shared)}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Projets" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                   '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
                   '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">'
                   + "".join(f"<si><t>{escape(s)}</t></si>" for s in shared) + "</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
                    b'<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>')
            chunk = []
            for i in range(2, rows + 2):
                chunk.append(f'<row r="{i}"><c r="A{i}"><v>{i - 1}</v></c><c r="B{i}" t="s"><v>{index[rng.choice(names)]}</v></c>'
                             f'<c r="C{i}" t="s"><v>{index[rng.choice(MINISTRIES)]}</v></c><c r="D{i}"><v>{rng.lognormvariate(3.3, 1.0):.2f}</v></c>'
                             f'<c r="E{i}" s="1"><v>{rng.randint(38353, 45657)}</v></c></row>')
                if len(chunk) == 10_000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write(("".join(chunk) + "</sheetData></worksheet>").encode())


def workloads(ctx):
    path = pathlib.Path(ctx.tmp) / "projects-1M.xlsx"
    w = {
        "name": "xlsx-load-1M",
        "target": "panorama ≤ 0.5 × openpyxl (read-only)",
        "max_ratio": 0.5,
        "panorama": [ctx.panorama, "--no-init", "-e", f'p = load("{path}")\nnrow(p)'],
        "peer": [ctx.python, str(ctx.peers / "xlsx_openpyxl.py"), str(path)],
        "peer_name": "openpyxl",
        "check": lambda out: None if out.strip().endswith("1,000,000") or out.strip().endswith("1000000")
        else f"expected 1,000,000 rows, got {out.strip()[-40:]!r}",
        "prepare": lambda ctx: None if path.exists() else generate(path),
    }
    return [w]


if __name__ == "__main__":
    import sys
    generate(sys.argv[1], rows=int(sys.argv[2]) if len(sys.argv) > 2 else ROWS)
