#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PanoramaKit

/// Standard output and standard error, written with `write(2)` so that no failure is lost or
/// fatal: a failed write on standard output (full disk, closed descriptor) fails the statement
/// that wrote (`takeLostWrite`) and ends the run with exit status 1; a failed write on standard
/// error is ignored (there is nowhere left to say it), never a trap.
public enum StandardStreams {
    /// The `errno` of the first failed write on standard output.
    nonisolated(unsafe) static var outputFailure: Int32?
    /// A result was lost since the last `takeLostWrite()`.
    nonisolated(unsafe) static var lostWrite = false
    /// The failure was reported as a statement's error (`finish` does not repeat it).
    nonisolated(unsafe) static var failureReported = false

    /// Puts `/dev/null` on descriptors 0–2 that are closed (`>&-`), so that no file panorama
    /// opens later takes their number and receives the results; a closed standard output is
    /// remembered as a failed write. Call first thing.
    public static func prepare() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
            if fd == 1 { outputFailure = EBADF }
        }
    }

    /// Lines for standard error not yet written: a `.bail off` script failing on every line
    /// writes them in batches, not one system call (and one wake-up of the reader) per line.
    nonisolated(unsafe) static var pendingErrors: [UInt8] = []
    /// When `pendingErrors` were last written (`ContinuousClock` instant).
    nonisolated(unsafe) static var lastErrorFlush = ContinuousClock.now
    /// Nesting of `batchingErrors`: outside it every line is written at once.
    nonisolated(unsafe) static var batching = 0

    /// Runs `body` with standard error lines batched; the pending ones are written at the end.
    static func batchingErrors<T>(_ body: () throws -> T) rethrows -> T {
        batching += 1
        defer {
            batching -= 1
            flushErrors()
        }
        return try body()
    }

    /// Writes `text` and a newline to standard output (after the pending error lines, so that
    /// the two streams keep their order on a terminal or in one file).
    public static func output(_ text: String) {
        flushErrors()
        guard outputFailure == nil else { lostWrite = true; return }
        if let failure = writeAll(1, text + "\n") { (outputFailure, lostWrite) = (failure, true) }
    }

    /// The message of a failed write on standard output since the last call, once: the statement
    /// that wrote fails with it (`cannot write the results to standard output: no space left on device`).
    static func takeLostWrite() -> String? {
        guard lostWrite, let failure = outputFailure else { return nil }
        (lostWrite, failureReported) = (false, true)
        return failureMessage(failure)
    }

    static func failureMessage(_ failure: Int32) -> String {
        let reason = failure == EBADF ? "it is closed" : String(cString: strerror(failure)).lowercased()
        return "cannot write the results to standard output: " + reason
    }

    /// Writes `text` and a newline to standard error; failures are ignored. Inside
    /// `batchingErrors` (a `Session.run`), lines following one another within 50 ms are held
    /// (up to 64 KB) until the next result or the end of the run.
    public static func error(_ text: String) {
        pendingErrors += text.utf8
        pendingErrors.append(0x0A)
        if batching == 0 || pendingErrors.count >= 65_536 || ContinuousClock.now - lastErrorFlush > .milliseconds(50) {
            flushErrors()
        }
    }

    /// Writes the pending standard error lines.
    public static func flushErrors() {
        guard !pendingErrors.isEmpty else { return }
        _ = pendingErrors.withUnsafeBufferPointer { writeAll(2, $0) }
        pendingErrors.removeAll(keepingCapacity: pendingErrors.count <= 65_536 * 2)
        lastErrorFlush = ContinuousClock.now
    }

    /// The exit code once the run is over: `code`, or 1 with a message on standard error when
    /// standard output lost a write (`error: cannot write the results to standard output: no
    /// space left on device`).
    public static func finish(_ code: Int32) -> Int32 {
        if fflush(nil) != 0, outputFailure == nil { outputFailure = errno }
        guard let failure = outputFailure else { return code }
        if !failureReported { error(ErrorRenderer.render(.failed(failureMessage(failure), at: nil))) }
        return code == 0 ? 1 : code
    }

    /// Writes all of `text` to `fd`; the `errno` of a failure, or nil.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        if fd == 2 { flushErrors() }
        var text = text
        return text.withUTF8 { writeAll(fd, $0) }
    }

    static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let n = write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }
}
