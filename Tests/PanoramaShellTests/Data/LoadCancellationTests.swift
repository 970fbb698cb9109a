import Foundation
import Testing
@testable import PanoramaShell

/// Ctrl-C during `load`: the reader stops with `CancellationError` (polled between stages and
/// per column), which the shell reports as an interruption, not as a failed load.
@Test func aCancelledReaderIsReportedAsAnInterruption() {
    let error = PanoramaError.wrap(CancellationError())
    #expect(error.message == "interrupted")
    #expect(ErrorRenderer.render(error, source: "load(\"big.csv\")", file: nil) == "interrupted")
}
