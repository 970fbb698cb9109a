import PanoramaKit
@testable import PanoramaShell

/// Runs code through `Session.run` and captures what it printed.
struct Transcript {
    var out: [String] = []
    var err: [String] = []
    var outcome: Session.Outcome = .ok

    var stdout: String { out.joined(separator: "\n") }
    var stderr: String { err.joined(separator: "\n") }
}

final class Box<T> { var value: T; init(_ v: T) { value = v } }

func run(_ code: String, mode: RenderOptions.Mode = .box, file: String? = nil, interactive: Bool = false) -> Transcript {
    let t = Box(Transcript())
    var options = RenderOptions()
    options.mode = mode
    let session = Session(options: options, output: { t.value.out.append($0) }, diagnostics: { t.value.err.append($0) })
    session.interactive = interactive
    t.value.outcome = session.run(code, file: file).outcome
    return t.value
}

/// The one-line JSON of a value.
func json(_ code: String) -> String { run(code, mode: .json).stdout }

/// What `expr` prints after `setup` three ways: typed at the prompt (walked), assigned in a loop
/// body and returned by a function body (both compiled); an error as its message without its
/// position (the three runs put the code on different lines). Compiled fast paths must give
/// the three the same.
func walkedLoopedCalled(_ expr: String, after setup: String) -> [String] {
    let walked = run(setup + expr)
    let looped = run(setup + "for (loop_ in 1:2) r_ = \(expr)\nr_")
    let called = run(setup + "w_ = function() \(expr)\nw_()")
    func shown(_ t: Transcript) -> String {
        guard let e = t.stderr.range(of: "error: ") else { return t.out.last ?? "" }
        return String(t.stderr[e.lowerBound...].prefix { $0 != "\n" })
    }
    return [shown(walked), shown(looped), shown(called)]
}
