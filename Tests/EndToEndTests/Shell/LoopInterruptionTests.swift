import Foundation
import Testing

/// Ctrl-C stops an endless loop typed at the prompt; the variables it set are kept.
@Suite(.timeLimit(.minutes(2)))
struct LoopInterruptionTests {
    @Test func `Ctrl-C stops an endless while loop and keeps what it assigned`() throws {
        let box = try InteractiveShellTests.Sandbox()
        let t = try box.start()
        t.sendLine("i = 0")
        try t.waitFor(InteractiveShellTests.prompt)
        t.sendLine("while (true) { i = i + 1 }")
        Thread.sleep(forTimeInterval: 1.0)
        t.send("\u{03}")
        let out = try t.waitFor(InteractiveShellTests.prompt)
        #expect(out.contains("interrupted"))
        #expect(try t.run("i > 0").contains("true"))
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
    }

    /// Each turn works on two million values and calls no builtin: the loop itself must notice
    /// Ctrl-C within a few turns, not after 1,024 of them (minutes).
    @Test func `Ctrl-C stops a loop whose body is heavy vector arithmetic within seconds`() throws {
        let box = try InteractiveShellTests.Sandbox()
        let t = try box.start()
        t.sendLine("x = seq_len(2000000)")
        try t.waitFor(InteractiveShellTests.prompt)
        t.sendLine("while (true) { x = x * 1 }")
        Thread.sleep(forTimeInterval: 1.0)
        t.send("\u{03}")
        let out = try t.waitFor(InteractiveShellTests.prompt, timeout: 15)
        #expect(out.contains("interrupted"))
        t.send("\u{04}")
        #expect(try t.waitForExit() == 0)
    }
}
