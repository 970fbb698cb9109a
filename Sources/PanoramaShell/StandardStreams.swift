#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PanoramaKit

/// Standard output and standard error, written with `write(2)` so that no failure is lost or
/// fatal: a failed write on standard output (full disk, closed descriptor) is remembered and
/// ends the run with exit status 1 and a message; a failed write on standard error is ignored
/// (there is nowhere left to say it), never a trap.
public enum StandardStreams {
    /// The `errno` of the first failed write on standard output.
    nonisolated(unsafe) static var outputFailure: Int32?

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

    /// Writes `text` and a newline to standard output.
    public static func output(_ text: String) {
        guard outputFailure == nil else { return }
        if let failure = writeAll(1, text + "\n") { outputFailure = failure }
    }

    /// Writes `text` and a newline to standard error; failures are ignored.
    public static func error(_ text: String) {
        _ = writeAll(2, text + "\n")
    }

    /// The exit code once the run is over: `code`, or 1 with a message on standard error when
    /// standard output lost a write (`error: cannot write the results to standard output: no
    /// space left on device`).
    public static func finish(_ code: Int32) -> Int32 {
        if fflush(nil) != 0, outputFailure == nil { outputFailure = errno }
        guard let failure = outputFailure else { return code }
        let reason = failure == EBADF ? "it is closed" : String(cString: strerror(failure)).lowercased()
        error(ErrorRenderer.render(.failed("cannot write the results to standard output: " + reason, at: nil)))
        return code == 0 ? 1 : code
    }

    /// Writes all of `text` to `fd`; the `errno` of a failure, or nil.
    static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
    }
}
