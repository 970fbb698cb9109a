"""openpyxl peer of xlsx-load-1M: read the sheet's rows as value tuples in read-only mode.

`load_workbook(read_only=True)` streams the sheet (openpyxl's recommended mode for large
files); `iter_rows(values_only=True)` gives numbers, strings and datetimes (the date style is
applied). Prints the row count after the header.
"""
import sys

from openpyxl import load_workbook

book = load_workbook(sys.argv[1], read_only=True)
rows = list(book.active.iter_rows(values_only=True))
print(len(rows) - 1)
