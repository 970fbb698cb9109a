"""Writes the ZIP fixtures of XLSXLimitsTests with Python's zipfile and zlib (an implementation
independent of panorama's reader and writer).

Usage: python3 Tests/PanoramaKitTests/Fixtures/xlsx/make_zip_fixtures.py
- python-stored.xlsx: every part stored (method 0); the sheet holds the numbers 1..3 in column x.
- python-deflated.xlsx: the same parts deflated (method 8, level 9).
- python-bomb.xlsx: the sheet holds 3 MB of spaces in a row (deflates to about 3 KB) and its
  headers declare 1,000 bytes, with the CRC of the first 1,000 bytes: a zip bomb in miniature.
"""
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PARTS = {
    "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    + "".join(f'<row r="{i + 1}"><c r="A{i + 1}"><v>{i}</v></c></row>' for i in (1, 2, 3))
    + "</sheetData></worksheet>",
}


def write(name, method, parts):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", compression=method, compresslevel=9 if method else None) as z:
        for part, text in parts.items():
            info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, text)
    return path


write("python-stored.xlsx", zipfile.ZIP_STORED, PARTS)
write("python-deflated.xlsx", zipfile.ZIP_DEFLATED, PARTS)

# The bomb: write honestly, then make both headers of the sheet declare 1,000 bytes.
sheet = '<?xml version="1.0"?><worksheet><sheetData><row r="1">' + " " * 3_000_000 + "</row></sheetData></worksheet>"
path = write("python-bomb.xlsx", zipfile.ZIP_DEFLATED, dict(PARTS, **{"xl/worksheets/sheet1.xml": sheet}))
data = bytearray(open(path, "rb").read())
declared = 1_000
crc = zipfile.crc32(sheet[:declared].encode())
name = b"xl/worksheets/sheet1.xml"
local = data.index(name) - 30
assert data[local:local + 4] == b"PK\x03\x04"
struct.pack_into("<I", data, local + 14, crc)
struct.pack_into("<I", data, local + 22, declared)
central = data.index(b"PK\x01\x02")
while data[central + 46:central + 46 + len(name)] != name:
    central = data.index(b"PK\x01\x02", central + 4)
struct.pack_into("<I", data, central + 16, crc)
struct.pack_into("<I", data, central + 24, declared)
open(path, "wb").write(bytes(data))
print("wrote python-stored.xlsx, python-deflated.xlsx, python-bomb.xlsx")
