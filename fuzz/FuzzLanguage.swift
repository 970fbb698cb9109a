// libFuzzer target for the language: any text given to `Session.run` must print, fail with a
// one-line error, or be cut short by a resource limit — never crash, trap or leak. Built by
// `fuzz/run.sh language` with `swiftc -sanitize=fuzzer,address` against the kernel and shell.

import Foundation
import PanoramaShell

/// Runs in a scratch folder so that nothing a statement might write lands in the checkout.
private let scratch: Void = {
    let dir = NSTemporaryDirectory() + "panorama-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    _ = FileManager.default.changeCurrentDirectoryPath(dir)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = scratch
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    // Statements that write files or read scripts are left out: the fuzzer runs as any user.
    for writer in ["save", ".output", ".once", ".read", "/"] where text.contains(writer) { return 0 }
    var errors: [String] = []
    let session = Session(output: { _ in }, diagnostics: { errors.append($0) })
    session.bail = false
    _ = session.run(text)
    return 0
}
