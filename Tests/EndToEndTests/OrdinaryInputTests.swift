import Foundation
import Testing

/// Ordinary input that once crashed the binary (a trap or a stack overflow kills the process,
/// so these run the built executable: a crash fails the test instead of the runner).
@Suite struct OrdinaryInputTests {
    @Test func aSevenThousandTermSumOnOneLineIsEvaluated() throws {
        let r = try Binary.run(["-e", "1" + String(repeating: "+1", count: 7_000)])
        #expect(r.stdout == "7,001\n")
        #expect(r.status == 0)
    }

    @Test func aPipeChainOfThousandsOfCallsIsEvaluated() throws {
        let r = try Binary.run(["-e", "-1" + String(repeating: " |> abs()", count: 3_200)])
        #expect(r.stdout == "1\n")
        #expect(r.status == 0)
    }

    @Test(arguments: [" + 1", " |> abs()", " and true"])
    func `a chain of a hundred thousand operators is one short error, not a crash`(link: String) throws {
        // The freed tree of 10⁵ links overflowed the stack (a segmentation fault after the value printed).
        let r = try Binary.run([], stdin: Data(("x = 1" + String(repeating: link, count: 100_000) + "\n").utf8))
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: a chain of more than 10000 operators is too long; split it with variables"), "\(r.stderr.prefix(300))")
        #expect(r.stderr.count < 500)
        #expect(!r.stderr.contains("crashed"))
    }

    @Test func aLongFormulaIsPrintedAndExpanded() throws {
        let terms = (0..<3_000).map { _ in "x" }.joined(separator: " + ")
        let r = try Binary.run(["-e", "f = y ~ \(terms); 1"])
        #expect(r.stdout == "1\n")
        #expect(r.status == 0)
    }

    @Test func aScriptThatReadsItselfStopsWithTheChainOfFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try ".read b.pan\n".write(to: dir.appendingPathComponent("a.pan"), atomically: true, encoding: .utf8)
        try "1\n.read a.pan\n".write(to: dir.appendingPathComponent("b.pan"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["a.pan"], directory: dir)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(r.stderr)")
        #expect(lines.first?.hasSuffix("error: .read nests files more than 16 deep: a.pan → b.pan → a.pan (a loop)") == true, "\(r.stderr)")
    }

    @Test(arguments: ["hist([1e308, -1e308])", "hist([0, 1e-308])", "hist([1e-300, 1e300], xscale=\"log\")",
                      "bar([\"a\", \"b\"], [1e-310, 0])", "bar([\"a\", \"b\"], [1e308, -1e308])",
                      "box([1e308, -1e308, 0])", "tornado([\"a\"], [-1e308], [1e308])"])
    func chartsOverExtremeRangesDrawOrSayWhyTheyCannot(_ code: String) throws {
        let r = try Binary.run(["-e", code])
        #expect(r.status == 0 || (r.status == 1 && r.stderr.hasPrefix("error: ")), "\(code): \(r.stderr.prefix(300))")
        #expect(!r.stderr.contains("Fatal error"))
    }

    @Test func studentTWithHugeDegreesOfFreedomIsTheNormal() throws {
        let r = try Binary.run(["-e", "cdf(student_t(1e25), 1)"])
        #expect(r.stdout == "0.8413447\n")
    }
}
