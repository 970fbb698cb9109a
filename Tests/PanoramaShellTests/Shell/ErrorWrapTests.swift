import Foundation
import LinearAlgebra
import PanoramaKit
import Testing
@testable import PanoramaShell

/// `PanoramaError.wrap` is the one place kernel errors become the language's: every kernel error
/// type comes out as one line of words, never a Swift type name.
@Suite struct ErrorWrapTests {
    static let kernelErrors: [any Error] = [
        KernelError("the kernel says no"),
        DataError(file: "d.csv", line: 3, column: 2, "expected a number"),
        RegressionError("the design matrix is singular"),
        ForecastError("the series is too short"),
        LAPACKError(routine: "dpotrf", info: 2),
        ShapeError("2 rows but 3 weights"),
        Cancelled(),
        CancellationError(),
        CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/no/such.csv",
                                                   NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOENT))]),
        NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)),
        URLError(.badURL),
    ]

    @Test(arguments: kernelErrors.indices)
    func noSwiftTypeNameCanAppear(_ index: Int) {
        let error = ErrorWrapTests.kernelErrors[index]
        let text = ErrorRenderer.render(PanoramaError.wrap(error), source: "x", file: "s.pan")
        let typeName = String(describing: type(of: error))
        #expect(!text.contains(typeName), "\(text)")
        for word in ["Error(", "Error.", "Domain", "Foundation.", "PanoramaKit.", "LinearAlgebra.", "NSError"] {
            #expect(!text.contains(word), "\(text)")
        }
        #expect(!text.contains("\n"))
    }

    @Test func bothCancellationErrorsBecomeOneInterruption() {
        #expect(PanoramaError.wrap(Cancelled()).isInterruption)
        #expect(PanoramaError.wrap(CancellationError()).isInterruption)
        #expect(PanoramaError.wrap(Cancelled()).exitCode == 130)
    }

    @Test func aFileErrorNamesTheFileAndTheReason() {
        let error = CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/no/such.csv",
                                                               NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOENT))])
        #expect(PanoramaError.wrap(error).message == "'/no/such.csv': no such file or directory")
    }

    @Test func kernelMessagesPassThroughUnchanged() {
        #expect(PanoramaError.wrap(LAPACKError(routine: "dpotrf", info: 2)).message
                == "dpotrf: the matrix is not positive definite (leading minor of order 2)")
        #expect(PanoramaError.wrap(ForecastError("the series is too short")).message == "the series is too short")
    }
}
