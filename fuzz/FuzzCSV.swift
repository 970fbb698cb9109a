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
    // Cut into 2–5 parts, the parallel tokenizer must give what one sequential scan gives.
    let split = (bytes: 0, parts: 2 + size % 4)
    precondition(outcome(bytes, options, split: split) == outcome(bytes, options, split: (Int.max, 1)),
                 "the parallel tokenizer disagrees with the sequential one")
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

/// A frame as canonical text (names, types, values, notes), or the error's message.
func outcome(_ bytes: UnsafeBufferPointer<UInt8>, _ options: ReadOptions, split: (bytes: Int, parts: Int)) -> String {
    do {
        let frame = try CSVReader.read(buffer: ByteBuffer(bytes), name: "fuzz.csv", options: options, split: split)
        return frame.columns.map { "\($0.name):\($0.data.typeName)" }.joined(separator: "|") + "\n"
            + CSVWriter.text(frame) + "\n" + frame.notes.joined(separator: "\n")
    } catch let error as DataError {
        return "error " + error.message
    } catch {
        return "unexpected \(error)"
    }
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
