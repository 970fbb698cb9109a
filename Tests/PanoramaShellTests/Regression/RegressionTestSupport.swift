import Foundation
@testable import PanoramaShell
import PanoramaKit

/// A session whose output and diagnostics are captured, with access to its models.
final class RegressionSession {
    var output: [String] = []
    var diagnostics: [String] = []
    let session: Session

    init(width: Int = 80, mode: RenderOptions.Mode = .box) {
        let box = Box()
        session = Session(options: RenderOptions(mode: mode, width: width),
                          output: { box.output.append($0) }, diagnostics: { box.diagnostics.append($0) })
        self.box = box
    }

    private let box: Box
    private final class Box {
        var output: [String] = []
        var diagnostics: [String] = []
    }

    /// Runs `text`; returns (stdout, stderr) of that run.
    @discardableResult
    func run(_ text: String) -> (out: String, err: String) {
        box.output = []
        box.diagnostics = []
        session.run(text)
        output = box.output
        diagnostics = box.diagnostics
        return (box.output.joined(separator: "\n"), box.diagnostics.joined(separator: "\n"))
    }

    func set(_ name: String, _ value: Value) { session.interpreter.set(name, value) }

    func model(_ name: String = "m") -> LinearModel? {
        if case .object(let o)? = session.interpreter.variables[name], let m = o as? ModelValue { return m.model }
        return nil
    }
}

/// The statsmodels fixture as a frame: y, x1, x2, g (text), w.
func statsmodelsFrame() -> Frame {
    Frame(columns: [
        Column(name: "y", .number(StatsmodelsFixture.y)),
        Column(name: "x1", .number(StatsmodelsFixture.x1)),
        Column(name: "x2", .number(StatsmodelsFixture.x2)),
        Column(name: "g", .text(Categorical(StatsmodelsFixture.g.map { Optional($0) }))),
        Column(name: "w", .number(StatsmodelsFixture.w)),
    ])
}

/// Our coefficient index for a statsmodels term name.
func column(_ m: LinearModel, _ statsmodelsName: String) -> Int {
    let name = statsmodelsName == "Intercept" ? "(Intercept)" : statsmodelsName
    return m.design.columnNames.firstIndex(of: name)!
}

func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }
