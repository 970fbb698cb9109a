/// A pull scanner over the bytes of one XML part: start tags, end tags and text, in order, with
/// no tree and no copy of the part — what a worksheet of a million rows needs (the platform's
/// `XMLParser` refuses parts over about 10 MB).
///
/// It checks what reading needs: tags are closed, end tags match their start tags, attribute
/// values are quoted, entities are known. A fault is a `DataError` naming the part, the byte
/// offset and the line. Processing instructions, comments and the document type are skipped;
/// CDATA sections are text.
struct XMLScanner {
    enum Event: Equatable {
        /// `<name attributes>`; `attributes` is the raw text between the name and `>` or `/>`.
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Raw text (entities not yet decoded, unless `cdata`).
        case text(Range<Int>, cdata: Bool)
        case endOfDocument
    }

    let bytes: [UInt8]
    /// The part's name for messages (`sheet1.xml`).
    let part: String
    let file: String
    private(set) var position = 0
    /// Open elements' names, to check that end tags match.
    private var open: [Range<Int>] = []

    init(_ bytes: [UInt8], part: String, file: String) {
        self.bytes = bytes
        self.part = part
        self.file = file
    }

    /// The next event.
    mutating func next() throws -> Event {
        let n = bytes.count
        while position < n {
            let start = position
            if bytes[position] != 0x3C {  // text up to the next `<`
                while position < n && bytes[position] != 0x3C { position += 1 }
                return .text(start..<position, cdata: false)
            }
            guard position + 1 < n else { throw fault(at: start, "a tag is cut off at the end of the part") }
            switch bytes[position + 1] {
            case 0x3F:  // <? … ?>
                position = try skip(past: [0x3F, 0x3E], from: start, what: "processing instruction")
            case 0x21:  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE … >
                if has([0x21, 0x2D, 0x2D], at: position + 1) {
                    position = try skip(past: [0x2D, 0x2D, 0x3E], from: start, what: "comment")
                } else if has(Array("![CDATA[".utf8), at: position + 1) {
                    let end = try skip(past: [0x5D, 0x5D, 0x3E], from: start, what: "CDATA section")
                    position = end
                    return .text(start + 9..<end - 3, cdata: true)
                } else {
                    position = try skip(past: [0x3E], from: start, what: "declaration")
                }
            case 0x2F:  // </name>
                let name = scanName(from: position + 2)
                guard !name.isEmpty else { throw fault(at: start, "an end tag has no name") }
                var i = name.upperBound
                while i < n && isSpace(bytes[i]) { i += 1 }
                guard i < n && bytes[i] == 0x3E else { throw fault(at: start, "an end tag is not closed by '>'") }
                guard let top = open.popLast() else { throw fault(at: start, "</\(text(name))> closes no element") }
                guard bytes[top].elementsEqual(bytes[name]) else {
                    throw fault(at: start, "</\(text(name))> closes <\(text(top))>")
                }
                position = i + 1
                return .end(name: name)
            default:
                let name = scanName(from: position + 1)
                guard !name.isEmpty else { throw fault(at: start, "'<' does not start a tag") }
                var i = name.upperBound
                var quote: UInt8 = 0
                while i < n {
                    let b = bytes[i]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E || b == 0x3C { break }
                    i += 1
                }
                guard i < n && bytes[i] == 0x3E else { throw fault(at: start, "the tag <\(text(name))> is not closed by '>'") }
                let selfClosing = bytes[i - 1] == 0x2F && i - 1 >= name.upperBound
                let attributes = name.upperBound..<(selfClosing ? i - 1 : i)
                position = i + 1
                if !selfClosing { open.append(name) }
                return .start(name: name, attributes: attributes, selfClosing: selfClosing)
            }
        }
        if let unclosed = open.last { throw fault(at: n, "the element <\(text(unclosed))> is never closed") }
        return .endOfDocument
    }

    /// Whether the element name (without a namespace prefix) is `local`.
    func isNamed(_ name: Range<Int>, _ local: StaticString) -> Bool {
        var start = name.lowerBound
        for i in name where bytes[i] == 0x3A { start = i + 1 }
        let count = local.utf8CodeUnitCount
        guard name.upperBound - start == count else { return false }
        return local.withUTF8Buffer { l in (0..<count).allSatisfy { bytes[start + $0] == l[$0] } }
    }

    /// The raw value of attribute `key` (exact name, e.g. `r`, `t`, `s`) in `attributes`.
    func attribute(_ key: StaticString, in attributes: Range<Int>) throws -> Range<Int>? {
        var i = attributes.lowerBound
        let end = attributes.upperBound
        while i < end {
            while i < end && isSpace(bytes[i]) { i += 1 }
            guard i < end else { break }
            let name = scanName(from: i)
            guard !name.isEmpty, name.upperBound <= end else { throw fault(at: i, "a malformed attribute") }
            i = name.upperBound
            while i < end && isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == 0x3D else { throw fault(at: i, "the attribute \(text(name)) has no value") }
            i += 1
            while i < end && isSpace(bytes[i]) { i += 1 }
            guard i < end, bytes[i] == 0x22 || bytes[i] == 0x27 else { throw fault(at: i, "the attribute \(text(name)) is not quoted") }
            let quote = bytes[i]
            let valueStart = i + 1
            i = valueStart
            while i < end && bytes[i] != quote { i += 1 }
            guard i < end else { throw fault(at: valueStart, "the attribute \(text(name)) is not closed") }
            let matches = key.withUTF8Buffer { k in k.count == name.count && (0..<k.count).allSatisfy { bytes[name.lowerBound + $0] == k[$0] } }
            if matches { return valueStart..<i }
            i += 1
        }
        return nil
    }

    /// Appends the text of `range` with entities decoded (`&amp;`, `&#233;`, `&#xE9;`…).
    func appendDecoded(_ range: Range<Int>, cdata: Bool, to out: inout [UInt8]) throws {
        if cdata { out += bytes[range]; return }
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            var j = i + 1
            while j < range.upperBound && j - i < 12 && bytes[j] != 0x3B { j += 1 }
            guard j < range.upperBound, bytes[j] == 0x3B else { throw fault(at: i, "an '&' does not start an entity") }
            let entity = text(i + 1..<j)
            switch entity {
            case "amp": out.append(0x26)
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                let code: UInt32?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") { code = UInt32(entity.dropFirst(2), radix: 16) }
                else if entity.hasPrefix("#") { code = UInt32(entity.dropFirst()) }
                else { code = nil }
                guard let c = code, let scalar = Unicode.Scalar(c) else { throw fault(at: i, "unknown entity &\(entity);") }
                out += Array(String(Character(scalar)).utf8)
            }
            i = j + 1
        }
    }

    /// The decoded text of `range` as a string.
    func string(_ range: Range<Int>, cdata: Bool = false) throws -> String {
        var out: [UInt8] = []
        try appendDecoded(range, cdata: cdata, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A fault at byte `offset`: `xl/worksheets/sheet1.xml: not valid xml at byte 1234 (line 5): …`.
    func fault(at offset: Int, _ problem: String) -> DataError {
        let line = bytes[0..<min(offset, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return DataError(file: file, "\(part) is not valid xml at byte \(offset) (line \(line)): \(problem)")
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// An XML name (letters, digits, `_ - . :`, any byte ≥ 0x80) starting at `i`.
    private func scanName(from i: Int) -> Range<Int> {
        var j = i
        while j < bytes.count {
            let b = bytes[j]
            let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
                || b == 0x5F || b == 0x2D || b == 0x2E || b == 0x3A || b >= 0x80
            if !ok { break }
            j += 1
        }
        return i..<j
    }

    private func has(_ pattern: [UInt8], at i: Int) -> Bool {
        i + pattern.count <= bytes.count && bytes[i..<i + pattern.count].elementsEqual(pattern)
    }

    /// The offset just past the first `terminator` after `start`.
    private func skip(past terminator: [UInt8], from start: Int, what: String) throws -> Int {
        guard let first = terminator.first else { return start }
        var i = start + 2
        while i + terminator.count <= bytes.count {
            if bytes[i] == first && has(terminator, at: i) { return i + terminator.count }
            i += 1
        }
        throw fault(at: start, "a \(what) is never closed")
    }
}
