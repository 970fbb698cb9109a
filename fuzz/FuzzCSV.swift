// libFuzzer target for the CSV reader: any bytes, any options, must never crash, and a frame
// that loads must be well formed (equal column lengths, codes within their levels, labels and
// identifiers unique). Built by fuzz/run.sh with `swiftc -sanitize=fuzzer,address`.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    // The first byte picks the options; the rest is the file.
    let control = data[0]
    var options = ReadOptions()
    options.strict = control & 1 == 0
    switch (control >> 1) & 7 {
    case 1: options.separator = 0x2C
    case 2: options.separator = 0x3B
    case 3: options.separator = 0x09
    case 4: options.separator = 0x7C
    default: break
    }
    switch (control >> 4) & 3 {
    case 1: options.encoding = .utf8
    case 2: options.encoding = .latin1
    default: break
    }
    if control & 0x40 != 0 { options.decimal = 0x2C }
    if control & 0x80 != 0 { options.skip = 1; options.missing = ["?"] }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    do {
        let frame = try CSVReader.read(bytes: bytes, name: "fuzz.csv", options: options)
        check(frame)
        // Forcing every column to text must also load (strictly) the same shape.
        var typed = options
        for c in frame.columns { typed.types[c.label] = .text }
        if let again = try? CSVReader.read(bytes: bytes, name: "fuzz.csv", options: typed) {
            precondition(again.rowCount == frame.rowCount && again.columnCount == frame.columnCount, "text reload changed the shape")
        }
        // What the writer writes, the reader reads back with the same shape.
        let written = CSVWriter.text(frame)
        var back = ReadOptions(separator: 0x2C, encoding: .utf8)
        back.types = [:]
        if frame.rowCount > 0, let reread = try? CSVReader.read(text: written, name: "written.csv", options: back) {
            precondition(reread.columnCount == frame.columnCount, "written CSV has another column count")
        }
    } catch let error as DataError {
        precondition(!error.message.isEmpty && !error.message.contains("\n"), "error messages are one line")
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}

func check(_ frame: Frame) {
    let n = frame.rowCount
    var names = Set<String>()
    for c in frame.columns {
        precondition(c.count == n, "columns of different lengths")
        precondition(names.insert(c.name).inserted, "duplicate identifier \(c.name)")
        if case .text(let t) = c.data {
            for code in t.codes { precondition(code >= -1 && Int(code) < t.levels.count, "code out of range") }
        }
        for r in 0..<n { _ = c.data.isNA(r) }
    }
    _ = renderTable(frame, RenderOptions(width: 60, maxRows: 5))
}
