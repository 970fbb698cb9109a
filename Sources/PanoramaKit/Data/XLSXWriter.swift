import Foundation

/// Writes a frame as an XLSX workbook (Office Open XML, one sheet) that Excel, LibreOffice and
/// openpyxl open: a header row of labels, numbers as numbers (shortest round-trip text),
/// booleans as booleans, dates as date serials with a `yyyy-mm-dd` format (month dates
/// `yyyy-mm`; days outside Excel's 1900–9999 as ISO text), text as inline strings (`NA` stays text), `na` as an empty cell. ±∞ (which a workbook cannot hold) are the text `inf`/`-inf`.
///
/// The minimal parts: `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`,
/// `xl/_rels/workbook.xml.rels`, `xl/worksheets/sheet1.xml` and `xl/styles.xml`.
public enum XLSXWriter {
    /// The workbook's bytes.
    /// - Throws: when the archive cannot be built (out of memory, or over 4 GB).
    public static func data(_ frame: Frame, sheetName: String = "Sheet1") throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(sheetName)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet(frame)),
        ]
        return Data(try ZIPParts.archive(parts.map { (path: $0.0, bytes: Array($0.1.utf8)) }))
    }

    /// `sheet1.xml`: row 1 the labels, then one row per frame row.
    static func sheet(_ frame: Frame) -> String {
        var out = header + "<worksheet xmlns=\"\(main)\"><sheetData>"
        out += "<row r=\"1\">"
        for (j, c) in frame.columns.enumerated() { out += inline(reference(j, 1), c.label) }
        out += "</row>"
        for r in 0..<frame.rowCount {
            out += "<row r=\"\(r + 2)\">"
            for (j, c) in frame.columns.enumerated() where !c.data.isNA(r) {
                let ref = reference(j, r + 2)
                switch c.data {
                case .number(let v):
                    out += v[r].isFinite ? "<c r=\"\(ref)\"><v>\(JSON.numberText(v[r]))</v></c>"
                        : inline(ref, v[r] > 0 ? "inf" : "-inf")
                case .text(let t): out += inline(ref, t[r]!)
                case .bool(let v): out += "<c r=\"\(ref)\" t=\"b\"><v>\(v[r] == 1 ? 1 : 0)</v></c>"
                case .date(let v, let precision):
                    // Month dates get the `yyyy-mm` style, which the reader maps back to months.
                    // A day before 1900 or after 9999 has no serial: ISO text, which reads back.
                    let serial = excelSerial(dayNumber: Int(v[r]))
                    out += (1...2_958_465).contains(serial)
                        ? "<c r=\"\(ref)\" s=\"\(precision == .month ? 2 : 1)\"><v>\(serial)</v></c>"
                        : inline(ref, CivilDate(dayNumber: Int(v[r])).text(precision))
                }
            }
            out += "</row>"
        }
        return out + "</sheetData></worksheet>"
    }

    /// The 1900-system serial of a day: days since 1899-12-30 (from 1900-03-01 on; earlier
    /// days skip Excel's phantom 29 February 1900, as `ValueParsing.dayNumber(excelSerial:)` reads them).
    static func excelSerial(dayNumber: Int) -> Int {
        let serial = dayNumber + 25_569
        return serial < 61 ? serial - 1 : serial
    }

    /// `A1`-style reference of column `j` (0-based) and row `row` (1-based): `AA3`.
    static func reference(_ j: Int, _ row: Int) -> String {
        var letters = ""
        var n = j + 1
        while n > 0 {
            let k = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + k))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }

    static func inline(_ ref: String, _ text: String) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>"
    }

    /// Text escaped for XML; control characters XML 1.0 cannot hold are left out.
    static func escaped(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                if u.value < 0x20 && u != "\n" && u != "\r" && u != "\t" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let contentTypes = header + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let rootRelationships = header + """
        <Relationships xmlns="\(relationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ sheetName: String) -> String {
        header + """
        <workbook xmlns="\(main)" xmlns:r="\(officeRelationships)">\
        <sheets><sheet name="\(escaped(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    static let workbookRelationships = header + """
        <Relationships xmlns="\(relationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(officeRelationships)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(officeRelationships)/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// Style 0: general; style 1: the date format `yyyy-mm-dd` (custom format 164); style 2: the
    /// month format `yyyy-mm` (custom format 165).
    static let styles = header + """
        <styleSheet xmlns="\(main)">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm"/></numFmts>\
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
