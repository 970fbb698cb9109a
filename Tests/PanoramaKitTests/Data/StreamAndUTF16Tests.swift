import Foundation
import Testing
@testable import PanoramaKit

private func temporary(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = NSTemporaryDirectory() + "panorama-\(getpid())-\(name)"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Test(arguments: [true, false])
func aUTF16FileWithAByteOrderMarkIsDecoded(_ littleEndian: Bool) throws {
    let text = "projet;coût\nÉtude;12,5\nRéseau;7\n"
    var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
    for unit in text.utf16 { bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let path = try temporary("utf16-\(littleEndian).csv", bytes)
    defer { unlink(path) }
    let frame = try DataReader.load(path: path).frame
    #expect(frame.columns.map(\.label) == ["projet", "coût"])
    #expect(frame.column("coût")?.data.numbers == [12.5, 7])
    guard case .text(let names)? = frame.column("projet")?.data else { Issue.record("projet is not text"); return }
    #expect(names.levels == ["Étude", "Réseau"])
}

@Test func aFIFOIsReadAsAStreamNotByItsSize() throws {
    let path = NSTemporaryDirectory() + "panorama-\(getpid())-fifo.csv"
    unlink(path)
    #expect(mkfifo(path, 0o600) == 0)
    defer { unlink(path) }
    let rows = (1...5000).map { "\($0),\($0 * 2)" }.joined(separator: "\n")
    let writer = Thread {
        let fd = open(path, O_WRONLY)
        let bytes = Array(("a,b\n" + rows + "\n").utf8)
        bytes.withUnsafeBytes { b in var done = 0; while done < b.count { done += max(0, write(fd, b.baseAddress! + done, b.count - done)) } }
        close(fd)
    }
    writer.start()
    let frame = try DataReader.load(path: path).frame
    #expect(frame.rowCount == 5000)
    #expect(frame.column("b")?.data.numbers?.last == 10_000)
}

@Test func aProcFileWhoseStatSizeIsZeroIsRead() throws {
    #expect(try DataReader.load(path: "/proc/self/mounts", options: ReadOptions(separator: 0x20, strict: false)).frame.rowCount > 0)
}
