import Foundation

/// A script's text, read for `panorama run FILE`, `run FILE --help` and `.read FILE`, or the
/// reason it cannot be: no such file, a directory, no permission, or bytes that are not UTF-8
/// (with the first line holding them), instead of a bare "cannot read".
enum ScriptFile {
    static func text(_ path: String) throws(PanoramaError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .failed("cannot read '\(path)': there is no such file", at: nil)
        }
        guard !isDirectory.boolValue else { throw .failed("cannot read '\(path)': it is a directory", at: nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .failed("cannot read '\(path)'" + (FileManager.default.isReadableFile(atPath: path) ? "" : ": permission denied"), at: nil)
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        throw .failed("'\(path)' is not UTF-8 text (line \(firstLineNotUTF8(data))); save it as UTF-8, e.g. iconv -f latin1 -t utf-8", at: nil)
    }

    /// The 1-based number of the first line whose bytes are not UTF-8.
    static func firstLineNotUTF8(_ data: Data) -> Int {
        for (k, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where String(data: Data(line), encoding: .utf8) == nil {
            return k + 1
        }
        return 1
    }
}
