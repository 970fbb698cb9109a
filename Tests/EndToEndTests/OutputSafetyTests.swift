import Foundation
import Testing

/// The built binary run by `/bin/sh` with redirections Process cannot express (`>&-`, `>/dev/full`).
private func shell(_ command: String) throws -> Binary.Result {
    try Binary.run(["-c", "exec \"\(Binary.url.path)\" \(command)"], executable: URL(fileURLWithPath: "/bin/sh"))
}

@Suite struct OutputSafetyTests {
    @Test func aFullStandardOutputIsAnErrorAndExitOne() throws {
        let r = try shell("-e '1 + 1' >/dev/full")
        #expect(r.stderr == "error: cannot write the results to standard output: no space left on device\n")
        #expect(r.status == 1)
    }

    @Test func aClosedStandardOutputIsAnErrorAndExitOne() throws {
        let r = try shell("-e '1 + 1' >&-")
        #expect(r.stderr == "error: cannot write the results to standard output: it is closed\n")
        #expect(r.status == 1)
    }

    @Test func aScriptStopsAtItsFirstResultThatCannotBeWritten() throws {
        let dir = try Binary.temporaryFile("x", "").deletingLastPathComponent().path
        let script = try Binary.temporaryFile("full.pan", "x = 1\nx + 1\nsave(frame(a=[1]), \"\(dir)/after.csv\")\n")
        let r = try shell("'\(script.path)' >/dev/full")
        #expect(r.stderr == "\(script.path):2:1: error: cannot write the results to standard output: no space left on device\n")
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir + "/after.csv"))
    }

    @Test func withBailOffEveryStatementWhoseResultIsLostFails() throws {
        let script = try Binary.temporaryFile("full.pan", ".bail off\n1\nx = 2\nx\n")
        let r = try shell("'\(script.path)' >/dev/full")
        #expect(r.stderr.split(separator: "\n").map { $0.prefix(script.path.count + 4) }
                == ["\(script.path):2:1", "\(script.path):4:1"])
        #expect(r.status == 1)
    }

    @Test func aClosedStandardOutputDoesNotLeakResultsIntoASavedFile() throws {
        let dir = try Binary.temporaryFile("x", "").deletingLastPathComponent().path
        let r = try shell("-e 'save(frame(a=[1]), \"\(dir)/s.csv\")' -e '\"leak\"' >&-")
        #expect(r.status == 1)
        #expect(try String(contentsOfFile: dir + "/s.csv", encoding: .utf8) == "a\r\n1\r\n")
    }

    @Test(arguments: ["2>&-", "2>/dev/full"])
    func aClosedOrFullStandardErrorDoesNotCrash(redirection: String) throws {
        let ok = try shell("-e 'sum([1, na])' \(redirection)")
        #expect(ok.stdout == "1\n")
        #expect(ok.status == 0)
        let failing = try shell("-e 'nope' \(redirection)")
        #expect(failing.status == 1)
    }

    @Test func outputToAFullDiskIsAnErrorNotACrash() throws {
        let r = try Binary.run(["-e", ".output /dev/full", "-e", "1 + 1"])
        #expect(r.stderr == "error: /dev/full: no space left on device\n")
        #expect(r.status == 1)
    }

    @Test func notebookOutputThroughASymlinkReplacesTheTargetAndKeepsTheLink() throws {
        let notebook = try Binary.temporaryFile("n.md", "# N\n\n```panorama\n1 + 1\n```\n")
        let dir = notebook.deletingLastPathComponent().path
        try "old".write(toFile: dir + "/target.md", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.md", withDestinationPath: "target.md")
        let r = try Binary.run(["notebook", notebook.path, "-o", dir + "/link.md"])
        #expect(r.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.md") == "target.md")
        #expect(try String(contentsOfFile: dir + "/target.md", encoding: .utf8).contains("\n2\n```"))
    }

    @Test func notebookOutputToAFIFOWritesIntoItAndLeavesItAFIFO() throws {
        let notebook = try Binary.temporaryFile("n.md", "```panorama\n3 * 3\n```\n")
        let fifo = notebook.deletingLastPathComponent().path + "/pipe.md"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let r = try Binary.run(["notebook", notebook.path, "-o", fifo])
        #expect(r.status == 0)
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = read(reader, &buffer, 256)
        #expect(String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self).contains("9"))
        var st = stat()
        lstat(fifo, &st)
        #expect(st.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func notebookOutputToAFullDeviceSaysNoSpaceLeft() throws {
        let notebook = try Binary.temporaryFile("n.md", "```panorama\n1\n```\n")
        let r = try Binary.run(["notebook", notebook.path, "-o", "/dev/full"])
        #expect(r.stderr == "error: cannot write '/dev/full': no space left on device\n")
        #expect(r.status == 1)
    }
}
