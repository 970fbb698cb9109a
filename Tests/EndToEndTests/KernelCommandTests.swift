import Foundation
import JupyterKernel
import Testing
import ZeroMQ

/// `panorama kernel`: installing the kernelspec, bad invocations, and a live kernel answering
/// over ZeroMQ (the Jupyter clients' own conformance suite runs in tests/jupyter).
@Suite struct KernelCommandTests {
    @Test("kernel install --prefix writes kernel.json starting this binary, and a logo")
    func installWritesTheKernelspec() throws {
        let prefix = try Binary.temporaryFile("x", "").deletingLastPathComponent()
        let r = try Binary.run(["kernel", "install", "--prefix", prefix.path])
        #expect(r.status == 0, "\(r.stderr)")
        let dir = prefix.appendingPathComponent("share/jupyter/kernels/panorama")
        let text = try String(contentsOf: dir.appendingPathComponent("kernel.json"), encoding: .utf8)
        #expect(!text.contains("\\/"), "paths are written as they are, not with escaped slashes")
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let argv = try #require(spec["argv"] as? [String])
        #expect(argv.dropFirst() == ["kernel", "-f", "{connection_file}"])
        #expect(argv[0].hasPrefix("/") && FileManager.default.isExecutableFile(atPath: argv[0]))
        #expect(spec["language"] as? String == "panorama")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("logo-svg.svg").path))
    }

    @Test("A kernel without a connection file, or with an unreadable one, fails with one line")
    func badInvocations() throws {
        let none = try Binary.run(["kernel"])
        #expect(none.status == 64 && none.stderr.contains("give -f CONNECTION_FILE"))
        let missing = try Binary.run(["kernel", "-f", "/nonexistent/kernel-1.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: cannot read the connection file '/nonexistent/kernel-1.json'\n")
        let partial = try Binary.temporaryFile("c.json", #"{"transport": "tcp", "ip": "127.0.0.1", "key": "k", "shell_port": 1}"#)
        let bad = try Binary.run(["kernel", "-f", partial.path])
        #expect(bad.status == 1)
        #expect(bad.stderr == "error: '\(partial.path)' is not a Jupyter connection file: it has no 'control_port'\n")
        let both = try Binary.run(["kernel", "install", "--user", "--prefix", "/tmp"])
        #expect(both.status == 64)
    }

    @Test("A started kernel answers kernel_info and runs a cell, its replies signed with the connection key")
    func liveKernel() throws {
        let base = 20_000 + Int.random(in: 0..<20_000)
        let info = ConnectionInfo(shellPort: base, controlPort: base + 1, iopubPort: base + 2, stdinPort: base + 3,
                                  hbPort: base + 4, key: UUID().uuidString)
        let file = try Binary.temporaryFile("kernel.json", String(decoding: try JSONEncoder().encode(info), as: UTF8.self))
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["kernel", "-f", file.path]
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
        let context = try ZeroMQContext()
        let shell = try ZeroMQSocket(context, .dealer)
        try shell.connect(info.endpoint(info.shellPort))
        let key = Array(info.key.utf8)
        func request(_ type: String, _ content: [String: Any]) throws -> WireMessage {
            let message = WireMessage(header: WireMessage.header(type: type, session: "test"), content: content)
            try shell.send(message.frames(key: key))
            let frames = try #require(try shell.receive(timeout: 30_000))
            return try WireMessage(frames: frames, key: key)
        }
        let hello = try request("kernel_info_request", [:])
        #expect(hello.type == "kernel_info_reply")
        #expect((hello.content["language_info"] as? [String: Any])?["name"] as? String == "panorama")
        #expect(try request("execute_request", ["code": "x = 20", "silent": false]).content["status"] as? String == "ok")
        let done = try request("execute_request", ["code": "x + 1", "silent": false])
        #expect(done.content["status"] as? String == "ok" && done.content["execution_count"] as? Int == 2)
        let failed = try request("execute_request", ["code": "x +", "silent": false])
        #expect(failed.content["status"] as? String == "error")
        #expect((failed.content["traceback"] as? [String])?.first?.hasPrefix("error: ") == true)
        // Cells run on a thread whose stack holds deep recursion; past the limit, one line.
        let deep = try request("execute_request", ["code": "f = function(n) if (n == 0) 0 else n + f(n - 1)\nf(5000) == 5000 * 5001 / 2", "silent": false])
        #expect(deep.content["status"] as? String == "ok")
        let endless = try request("execute_request", ["code": "g = function(n) { l = list(a=n); g(n + 1) }\ng(1)", "silent": false])
        #expect(endless.content["status"] as? String == "error")
        #expect((endless.content["traceback"] as? [String])?.first?.contains("calling 'g' would nest calls 10001 levels deep") == true)
        // The kernel unblocked SIGTERM, even though this test process spawned it with it blocked.
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let blocked = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }?.split(separator: "\t").last)
        let mask = try #require(UInt64(blocked, radix: 16))
        #expect(mask & (1 << (UInt64(SIGTERM) - 1)) == 0 && mask & (1 << (UInt64(SIGINT) - 1)) == 0)
    }
}
