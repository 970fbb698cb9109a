// libFuzzer target for the XLSX reader: any sheet and shared-strings XML (or any bytes as a
// workbook) must load or fail with a one-line error — never crash, trap or leak — and a frame that
// loads must be well formed. Built by `fuzz/run.sh xlsx` with `swiftc -sanitize=fuzzer,address`.
//
// The first byte picks: bit 7 set, the rest is a whole workbook (the ZIP layer); otherwise the
// rest is the sheet part, then a NUL and the shared-strings part (the XML layer, where the work
// is). Bits 0–1 are `skip=`. A 64 MB memory budget is injected so size guards are exercised.

import Foundation
@testable import PanoramaKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = data[0]
    let bytes = [UInt8](UnsafeBufferPointer(start: data + 1, count: size - 1))
    var options = ReadOptions()
    options.skip = Int(control & 3)
    MemoryBudget.$injected.withValue(MemoryBudget(available: 64 << 20)) {
        do {
            let frame: Frame
            if control & 0x80 != 0 {
                frame = try XLSXReader.read(bytes: bytes, name: "fuzz.xlsx", options: options)
            } else {
                let cut = bytes.firstIndex(of: 0) ?? bytes.count
                let sheet = try SheetCells(Array(bytes[..<cut]), part: "sheet1.xml", file: "fuzz.xlsx")
                let shared = cut < bytes.count
                    ? try SheetCells.sharedStrings(Array(bytes[(cut + 1)...]), part: "sharedStrings.xml", file: "fuzz.xlsx") : nil
                frame = try XLSXReader.build(sheet, shared: shared, dateStyles: [1, 2], part: "sheet1.xml",
                                             name: "fuzz.xlsx", options: options)
            }
            precondition(frame.columns.allSatisfy { $0.count == frame.rowCount }, "columns of unequal length")
            _ = renderTable(frame, RenderOptions(width: 60, maxRows: 5))
        } catch let error as UserFacingError {
            precondition(!error.message.isEmpty && !error.message.contains("\n"), "error messages are one line")
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
    }
    return 0
}
