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
