import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `panorama` binary on a pseudo-terminal, as a user's terminal would: the
/// child gets its own session with the pty as controlling terminal, so Ctrl-C (byte 0x03)
/// raises SIGINT in it. Keystrokes go in with `send`; output is read with timeouts.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); output so far:\n\(screen)" }
    }

    let master: Int32
    let pid: pid_t
    private var bytes: [UInt8] = []
    /// Offset in `text` up to which earlier waits consumed the output.
    private var consumed: String.Index
    private var exitStatus: Int32?

    /// The `panorama` executable built beside the test bundle (`.build/debug/panorama`).
    static var binary: URL {
        let besideBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("panorama")
        if FileManager.default.isExecutableFile(atPath: besideBundle.path) { return besideBundle }
        return packageRoot.appendingPathComponent(".build/debug/panorama")
    }

    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// Starts `panorama ARGUMENTS` on a new pty of `columns`×`rows`.
    /// - Parameters:
    ///   - environment: added to a minimal one (PATH, TERM=xterm, LANG=C.UTF-8); nil removes.
    ///   - directory: the working directory (default: the tests').
    init(_ arguments: [String] = [], environment: [String: String?], directory: String? = nil,
         columns: UInt16 = 100, rows: UInt16 = 40) throws {
        var masterFD: Int32 = -1, slaveFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else { throw POSIXError(.ENXIO) }
        _ = fcntl(masterFD, F_SETFD, FD_CLOEXEC)
        // ttyname_r, not ttyname: ttyname's static buffer is shared by the tests running in
        // parallel, and a half-overwritten "/dev/pts/" made the spawn fail with EISDIR.
        var nameBuffer = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slaveFD, &nameBuffer, nameBuffer.count) == 0 else { throw POSIXError(.ENOTTY) }
        let slaveName = String(cString: nameBuffer)
        defer { close(slaveFD) }

        var env: [String: String?] = ["PATH": "/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        var path = PseudoTerminal.binary.path
        var command = [path] + arguments
        if let directory {
            command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + command
            path = "/bin/sh"
        }
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.compactMap { entry in entry.value.map { strdup("\(entry.key)=\($0)") } } + [nil]
        defer { for p in argv + envp { free(p) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid(), opening the slave makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), mask = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26; a GNU macro Swift does not import)
        posix_spawnattr_setflags(&attributes, Int16(setSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(masterFD)
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
        }
        master = masterFD
        pid = child
        consumed = "".startIndex
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `text` (control keys as bytes: "\u{03}" is Ctrl-C, "\t" TAB, "\r" Enter).
    func send(_ text: String) {
        var data = Array(text.utf8)
        while !data.isEmpty {
            let n = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n <= 0 { return }
            data.removeFirst(n)
        }
    }

    /// Types `line` and Enter.
    func sendLine(_ line: String) { send(line + "\r") }

    /// Everything printed so far, without terminal escape sequences and carriage returns.
    var text: String { PseudoTerminal.clean(bytes) }

    /// Waits until `needle` appears in output not yet consumed; consumes up to its end and
    /// returns the output from the previous mark to there.
    @discardableResult
    func waitFor(_ needle: String, timeout: Double = 20) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = text
            let from = consumed <= current.endIndex ? consumed : current.endIndex
            if let r = current.range(of: needle, range: from..<current.endIndex) {
                let seen = String(current[from..<r.upperBound])
                consumed = r.upperBound
                return seen
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 || !readSome(timeout: min(remaining, 0.5)) && exitStatus != nil {
                throw Timeout(waitingFor: needle, screen: String(current[from...]))
            }
        }
    }

    /// Waits for the process to end and returns its exit status (128 + signal if killed).
    func waitForExit(timeout: Double = 20) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let s = exitStatus { return s }
            _ = readSome(timeout: 0.1)
            reap()
        }
        throw Timeout(waitingFor: "exit", screen: text)
    }

    /// Reads what is available within `timeout` seconds; false when nothing came.
    private func readSome(timeout: Double) -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, Int32(timeout * 1000))
        guard ready > 0 else { reap(); return false }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard n > 0 else { reap(); return false }  // EIO once the child closed the pty
        bytes += buffer[0..<n]
        return true
    }

    private func reap() {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            let signal = status & 0x7f
            exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }

    /// Drops CSI/OSC escape sequences, other two-byte escapes and carriage returns.
    static func clean(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "[") {
                    i += 2
                    while i < bytes.count && !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                    i += 1
                } else if next == UInt8(ascii: "]") {
                    i += 2
                    while i < bytes.count && bytes[i] != 0x07 && bytes[i] != 0x1B { i += 1 }
                    i += bytes.count > i && bytes[i] == 0x1B ? 2 : 1
                } else {
                    i += 2
                }
                continue
            }
            if b != UInt8(ascii: "\r") && b != 0x07 { out.append(b) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
