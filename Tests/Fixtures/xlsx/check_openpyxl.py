"""Checks that a workbook written by `save(f, "x.xlsx")` opens in openpyxl with typed cells.

Usage: python3 Tests/Fixtures/xlsx/check_openpyxl.py [.build/debug/panorama]
(pip install openpyxl). Exits non-zero with the difference when a cell is not what was saved.
"""
import datetime
import os
import subprocess
import sys
import tempfile
import warnings

import openpyxl

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/panorama"
folder = tempfile.mkdtemp()
csv = os.path.join(folder, "in.csv")
xlsx = os.path.join(folder, "out.xlsx")
with open(csv, "w", encoding="utf-8") as f:
    f.write('projet,cout,fini,debut\n"Réseau ""État""; été",849.643,true,2013-07-14\nB,0.30000000000000004,false,\n,,,2024-02-29\n')
subprocess.run([binary, "--no-init", "-e", f'save(load("{csv}"), "{xlsx}")'], check=True, capture_output=True)

with warnings.catch_warnings():
    warnings.simplefilter("error")  # a workbook openpyxl must repair (e.g. no default style) fails
    sheet = openpyxl.load_workbook(xlsx).active
rows = [list(r) for r in sheet.iter_rows(values_only=True)]
expected = [
    ["projet", "cout", "fini", "debut"],
    ['Réseau "État"; été', 849.643, True, datetime.datetime(2013, 7, 14)],
    ["B", 0.30000000000000004, False, None],
    [None, None, None, datetime.datetime(2024, 2, 29)],
]
if rows != expected:
    sys.exit(f"openpyxl read {rows}\nexpected     {expected}")
if sheet["D2"].number_format != "yyyy-mm-dd":
    sys.exit(f"date format {sheet['D2'].number_format!r}")
print("ok: openpyxl reads the workbook with numbers, booleans, dates and text")
