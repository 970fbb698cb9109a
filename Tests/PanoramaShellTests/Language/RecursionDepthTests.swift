import Foundation
import Synchronization
import Testing
@testable import PanoramaShell

/// Recursion goes `Interpreter.maximumCallDepth` (10,000) levels deep on every entry point, and
/// past the limit, or past what the running thread's stack holds, stops with one line.
@Suite struct RecursionDepthTests {
    static let bodies = [
        // Unboxed arithmetic.
        "f = function(n) if (n == 0) 0 else n + f(n - 1)",
        // A general body: a block, a list and a text.
        "f = function(n) { l = list(a=n, b=\"x\"); t = paste(\"n\", n); if (n == 0) 0 else l.a + f(n - 1) }",
        // Through map: two calls a level.
        "f = function(n) if (n == 0) 0 else n + map([1], function(z) f(n - 1))[1]",
    ]

    @Test(arguments: bodies)
    func `recursion 1,000 and 4,000 levels deep gives the closed form`(body: String) {
        // 4,000 levels through map are 8,000 calls under way.
        let t = run(body + "\nf(1000) == 1000 * 1001 / 2\nf(4000) == 4000 * 4001 / 2")
        #expect(t.stderr == "")
        #expect(t.out == ["true", "true"])
    }

    @Test(arguments: bodies.prefix(2))
    func `recursion 5,000 levels deep gives the closed form`(body: String) {
        let t = run(body + "\nf(5000) == 5000 * 5001 / 2")
        #expect(t.stderr == "")
        #expect(t.out == ["true"])
    }

    @Test(arguments: bodies)
    func `recursion past the limit is a one-line error naming the function and the depth`(body: String) {
        let t = run(".bail off\n" + body + "\nf(20000)\nf(10)")
        #expect(t.err.count == 1)
        // Through map the level past the limit is f's or the anonymous function's.
        #expect(t.stderr.hasPrefix("error: calling 'f'") || t.stderr.hasPrefix("error: calling 'function'"), "\(t.stderr)")
        #expect(t.stderr.contains("' would nest calls 10001 levels deep, more than panorama allows (10000"), "\(t.stderr)")
        // The session goes on.
        #expect(t.out.last == "55")
    }

    @Test func `the stack guard stops a recursion on a thread with a small stack before it overflows`() {
        // The interpreter alone (no Session, so no large-stack thread) on a 2 MB stack: the
        // guard reads this thread's bounds and stops short of the end.
        let messages = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let interpreter = Interpreter()
            for body in RecursionDepthTests.bodies {
                do {
                    for statement in try Parser.parse(body + "\nf(5000)") { _ = try interpreter.execute(statement, scope: nil) }
                    messages.withLock { $0.append("no error") }
                } catch {
                    messages.withLock { $0.append(PanoramaError.wrap(error).message) }
                }
            }
            done.signal()
        }
        thread.stackSize = 2 << 20
        thread.start()
        done.wait()
        let seen = messages.withLock { $0 }
        #expect(seen.count == 3)
        for message in seen {
            #expect(message.contains("levels deep"), "\(message)")
            // Stopped by the stack, well before the depth limit.
            let depth = message.split(separator: " ").compactMap { Int($0) }.first ?? 0
            #expect(depth > 20 && depth < 2_000, "\(message)")
        }
    }

    @Test func `a notebook block past the limit shows the one-line error`() {
        let source = "```panorama\nf = function(n) f(n + 1)\nf(1)\n```\n"
        let r = Notebook(markdown: source).execute(file: "n.md", keepGoing: true)
        #expect(r.text.contains("calling 'f' would nest calls 10001 levels deep"), "\(r.text)")
        let deep = Notebook(markdown: "```panorama\nf = function(n) if (n == 0) 0 else n + f(n - 1)\nf(5000)\n```\n").execute(file: "n.md")
        #expect(deep.succeeded)
        #expect(deep.text.contains("12,502,500"))
    }

    @Test func `ctrl-c stops a deep recursion of full calls`() {
        // Each call polls; cancelled from the tenth poll on, thousands of levels down or not.
        let t = InterruptionTests.runCancelledFromTenthPoll("f = function(n) { l = list(a=n); if (n == 0) 0 else l.a + f(n - 1) }\nr = f(9000)")
        #expect(t.outcome == .failed)
        #expect(t.lastError == "interrupted")
        #expect(t.variables["r"] == nil)
    }
}
