import Foundation
import PanoramaKit
import Testing
@testable import PanoramaShell

/// Ctrl-C during `load`: the reader stops with `Cancelled` (polled between stages and
/// per column), which the shell reports as an interruption, not as a failed load.
@Test func aCancelledReaderIsReportedAsAnInterruption() {
    let error = PanoramaError.wrap(Cancelled())
    #expect(error.message == "interrupted")
    #expect(ErrorRenderer.render(error, source: "load(\"big.csv\")", file: nil) == "interrupted")
}
