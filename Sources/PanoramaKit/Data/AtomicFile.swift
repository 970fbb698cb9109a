import Foundation

/// Writes a file so that a reader (or a crash) sees the old contents or the new, never half:
/// the one way panorama writes files (`save`, `notebook … -o`, `.output`, `.once`).
///
/// - A regular file (or a new one) is written to a temporary file created beside it with an
///   unpredictable name and `O_EXCL` (`mkstemp`: a planted symlink is never followed), given
///   the target's mode (new files: 0666 less the umask), flushed with `fsync`, then renamed
///   over the target. Every failure removes the temporary file.
/// - A symlink's target is replaced; the link stays.
/// - What is not a regular file (a device such as `/dev/null`, a FIFO) is written directly.
/// - Errors say why, from `errno`: `no space left on device`, `permission denied`.
///
/// `try AtomicFile.write(Data("a,b\n".utf8), to: "out.csv")`
public struct AtomicFile {
    /// The path as given (for messages).
    public let path: String
    /// Where the bytes end up: the path with its symlinks resolved.
    let target: String
    /// The temporary file renamed into place on `commit`; nil when writing directly.
    private(set) var temporary: String?
    private var fd: Int32

    /// Opens `path` for writing: a temporary file beside it, or the device itself.
    /// - Throws: `DataError` naming the file and the reason.
    public init(path: String) throws {
        self.path = path
        target = AtomicFile.resolvingSymlinks(path)
        var st = stat()
        let exists = stat(target, &st) == 0
        let kind = st.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw DataError(file: path, "is a folder, not a file") }
        if exists && kind != S_IFREG {
            fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw AtomicFile.error(path, errno) }
            return
        }
        let url = URL(fileURLWithPath: target)
        var template = Array((url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let e = errno
            throw e == ENOENT ? DataError(file: path, "no such folder '\(url.deletingLastPathComponent().path)'") : AtomicFile.error(path, e)
        }
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        temporary = name
        let mode: mode_t
        if exists {
            mode = st.st_mode & 0o7777
            _ = fchown(fd, st.st_uid, st.st_gid)  // keeps the owner when allowed (root); harmless otherwise
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        if fchmod(fd, mode) != 0 {
            let e = errno
            discard()
            throw AtomicFile.error(path, e)
        }
    }

    /// Writes `data` to `path` in one go (see the type's description).
    public static func write(_ data: Data, to path: String) throws {
        var file = try AtomicFile(path: path)
        do {
            try file.append(data)
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Appends bytes.
    /// - Throws: `DataError` with the reason (`no space left on device`); the file stays open
    ///   until `commit` or `discard`.
    public mutating func append(_ data: Data) throws {
        guard fd >= 0 else { throw DataError(file: path, "the file is already closed") }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = systemWrite(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw AtomicFile.error(path, errno)
                }
                p += n
                left -= n
            }
        }
    }

    /// Flushes to disk and renames the temporary file over the target (or closes the device).
    /// - Throws: `DataError`; the temporary file is removed and the target left as it was.
    public mutating func commit() throws {
        guard fd >= 0 else { return }
        guard let temporary else {
            close(fd)
            fd = -1
            return
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let e = errno
            fd = -1
            discard()
            throw AtomicFile.error(path, e)
        }
        fd = -1
        if rename(temporary, target) != 0 {
            let e = errno
            discard()
            throw AtomicFile.error(path, e)
        }
        self.temporary = nil
    }

    /// Closes and removes the temporary file, leaving the target as it was.
    public mutating func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        if let temporary { unlink(temporary) }
        temporary = nil
    }

    /// The path with its symlinks followed (a dangling link gives where it points).
    static func resolvingSymlinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK,
                  let link = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = link.hasPrefix("/") ? link
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(link).path
        }
        return current
    }

    /// The error for `errno` value `code`, in words: `out.csv: no space left on device`.
    static func error(_ path: String, _ code: Int32) -> DataError {
        DataError(file: path, String(cString: strerror(code)).lowercased())
    }
}

/// `write(2)` (the type's own `write` hides it inside `AtomicFile`).
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int) -> Int { write(fd, p, count) }
