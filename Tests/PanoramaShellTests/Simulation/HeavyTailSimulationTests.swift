import Foundation
import PanoramaKit
import Testing
@testable import PanoramaShell

/// Overruns without a finite mean or variance (Pareto of shape α: mean finite only for α > 1,
/// variance only for α > 2; Student t of df ν: mean for ν > 1, variance for ν > 2): the sample
/// mean and sd of such totals never settle, so a √N standard error on them would be a confident
/// interval around a quantity that does not exist.
private func simulation(_ overrun: String) throws -> (SimulationResult, String) {
    final class Sink: @unchecked Sendable { var out: [String] = [] }
    let sink = Sink()
    let session = Session(output: { sink.out.append($0) }, diagnostics: { _ in })
    session.run("s = simulate(cost=[100, 50, 20], overrun=\(overrun), trials=4000, seed=3)\ns")
    guard case .object(let o)? = session.interpreter.variables["s"], let s = o as? SimulationValue else {
        Issue.record("no simulation: \(sink.out)")
        throw CancellationError()
    }
    // Prose wraps at the width: compare with single spaces.
    let printed = sink.out.joined(separator: "\n").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return (s.result, printed)
}

@Test(arguments: ["pareto(1, 1)", "pareto(1, 0.8)", "student_t(1, 1, 0.1)", "gpd(1, 0.2, 1.2)"])
func anOverrunWithoutAFiniteMeanHasNoStandardErrorForTheMeanOrSd(overrun: String) throws {
    let (r, printed) = try simulation(overrun)
    #expect(r.infiniteMeanProjects == [0, 1, 2])
    #expect(r.meanStandardError.isNaN && r.standardDeviationStandardError.isNaN)
    #expect(printed.contains("has no finite mean"), "\(printed)")
}

@Test(arguments: ["pareto(1, 1.5)", "pareto(1, 2)", "student_t(1.5, 1, 0.1)", "student_t(2, 1, 0.1)"])
func anOverrunWithoutAFiniteVarianceHasNoStandardErrorForTheMeanOrSd(overrun: String) throws {
    let (r, printed) = try simulation(overrun)
    #expect(r.infiniteMeanProjects.isEmpty && r.infiniteVarianceProjects == [0, 1, 2])
    #expect(r.meanStandardError.isNaN && r.standardDeviationStandardError.isNaN)
    #expect(printed.contains("has no finite variance"), "\(printed)")
}

@Test(arguments: ["pareto(1, 2.5)", "student_t(3, 1, 0.1)", "lognormal(0, 0.5)"])
func anOverrunWithAFiniteVarianceKeepsItsStandardErrors(overrun: String) throws {
    let (r, printed) = try simulation(overrun)
    #expect(r.infiniteMeanProjects.isEmpty && r.infiniteVarianceProjects.isEmpty)
    #expect(abs(r.meanStandardError - r.standardDeviation / 4000.0.squareRoot()) < 1e-12 * r.meanStandardError)
    #expect(r.standardDeviationStandardError > 0)
    #expect(!printed.contains("note: the overrun"))
}

@Test func aNegativeBaseCostIsNamedInANote() {
    var notes: [String] = []
    let session = Session(output: { _ in }, diagnostics: { notes.append($0) })
    session.run("simulate(cost=[100, 0, -5], label=[\"A\", \"B\", \"C\"], overrun=lognormal(0, 0.3), trials=1000, seed=1)")
    let text = notes.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(text.contains("note: simulate: 1 project with a negative cost ('C': -5): an overrun lowers the total there"), "\(text)")
}
