import Foundation
import Testing
@testable import PanoramaKit
@testable import PanoramaShell

private func transcript(_ code: String) -> (out: String, err: String, outcome: Session.Outcome) {
    nonisolated(unsafe) var out: [String] = [], err: [String] = []
    let s = Session(options: RenderOptions(mode: .json), output: { out.append($0) }, diagnostics: { err.append($0) })
    let outcome = s.run(code).outcome
    return (out.joined(separator: "\n"), err.joined(separator: "\n"), outcome)
}

private func folder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Test func outputFileReplacesThePreviousOneOnlyWhenClosed() throws {
    let path = try folder() + "/results.txt"
    try "previous".write(toFile: path, atomically: false, encoding: .utf8)
    var err: [String] = []
    let session = Session(options: RenderOptions(mode: .json), output: { _ in }, diagnostics: { err.append($0) })
    session.run(".output \(path)\n1 + 1\n2 + 2")
    // Until closed, the results are in a temporary file: a crash now leaves the previous file.
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
    session.run(".output")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "2\n4\n")
    #expect(err.isEmpty)
}

@Test func onceFileIsInPlaceRightAfterItsResult() throws {
    let path = try folder() + "/once.txt"
    let session = Session(options: RenderOptions(mode: .json), output: { _ in }, diagnostics: { _ in })
    session.run(".once \(path)\n6 * 7")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "42\n")
}

@Test func outputToAFullDeviceIsAnErrorOfTheStatementThatWrote() {
    let r = transcript(".output /dev/full\n1 + 1")
    #expect(r.outcome == .failed)
    #expect(r.err == "error: /dev/full: no space left on device")
}

@Test func sessionEndClosesTheOutputFile() throws {
    let path = try folder() + "/end.txt"
    let session = Session(options: RenderOptions(mode: .json), output: { _ in }, diagnostics: { _ in })
    session.run(".output \(path)\n\"kept\"")
    #expect(session.closeOutput())
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "\"kept\"\n")
}

@Test func selectingAColumnTwiceIsRefused() {
    let r = transcript("select(frame(a=[1], b=[2]), a, b, a)")
    #expect(r.err == "error: 'a' is selected twice; a frame cannot have two columns of one name")
}

@Test(arguments: [("head([1, 2, 3], 1e18)", "error: 'n' must be between -1000000000 and 1000000000, not 1e18"),
                  ("head([1, 2, 3], 2.5)", "error: 'n' must be a whole number, not 2.5")])
func wholeNumberArgumentsStateTheRealLimit(code: String, message: String) {
    #expect(transcript(code).err.hasPrefix(message))
}
