import Foundation

/// A NIST StRD dataset read from `Tests/Fixtures/nist`: its data and the certified values,
/// parsed from the file (never retyped). Shared by the PanoramaKit and PanoramaShell tests.
public struct NISTDataset: Sendable {
    public let name: String
    /// Data rows, one array of numbers per line (`y x1 x2 …` for regressions).
    public let rows: [[Double]]
    /// Certified estimates and standard deviations, B0, B1, … in order (regressions).
    public var estimates: [Double] = []
    public var standardErrors: [Double] = []
    public var residualSD: Double = .nan
    public var rSquared: Double = .nan
    /// Univariate certified values.
    public var mean: Double = .nan
    public var standardDeviation: Double = .nan
    public var autocorrelation: Double = .nan

    /// The folder of the reference files, committed under `Tests/Fixtures/nist`.
    public static let folder: URL = RepositoryPaths.nist

    /// Reads `name.dat` from `folder` (NIST's own files by default; `RepositoryPaths.certified`
    /// holds cases certified the same way by a committed script).
    public init(_ name: String, folder: URL = NISTDataset.folder) throws {
        self.name = name
        let text = try String(contentsOf: folder.appendingPathComponent("\(name).dat"), encoding: .utf8)
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" })
            .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        // "Data  (lines 61 to 76)" or "Data            : lines 61 to 5060"
        var first = 0, last = 0
        for line in lines.prefix(20) where line.hasPrefix("Data") && line.contains("lines") {
            let after = line[line.range(of: "lines")!.upperBound...]
            let numbers = after.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            if numbers.count >= 2 { first = numbers[0]; last = numbers[1] }
        }
        precondition(first > 0, "no data range in \(name)")
        rows = lines[(first - 1)..<min(last, lines.count)].compactMap { line in
            let values = line.split(separator: " ").compactMap { Double($0) }
            return values.isEmpty ? nil : values
        }
        for (i, line) in lines.enumerated() {
            let tokens = line.split(separator: " ").map(String.init)
            guard let head = tokens.first else { continue }
            if head.count >= 2, head.hasPrefix("B"), Int(head.dropFirst()) != nil, tokens.count >= 3,
               let b = Double(tokens[1]), let s = Double(tokens[2]) {
                estimates.append(b)
                standardErrors.append(s)
            } else if line == "Residual", i + 1 < lines.count, lines[i + 1].hasPrefix("Standard Deviation") {
                residualSD = Double(lines[i + 1].split(separator: " ").last!)!
            } else if head == "R-Squared" {
                rSquared = Double(tokens.last!)!
            } else if let k = tokens.firstIndex(of: "ybar:") {
                mean = Double(tokens[k + 1])!
            } else if let k = tokens.firstIndex(of: "s:") {
                standardDeviation = Double(tokens[k + 1])!
            } else if let k = tokens.firstIndex(of: "r(1):") {
                autocorrelation = Double(tokens[k + 1])!
            }
        }
    }

    /// Column k of the data (0 is y).
    public func column(_ k: Int) -> [Double] { rows.map { $0[k] } }
}

/// Log relative error: the number of significant digits `computed` shares with `certified`,
/// capped at 15 (−log10|computed| when the certified value is 0).
public func logRelativeError(_ computed: Double, _ certified: Double) -> Double {
    if computed == certified { return 15 }
    guard computed.isFinite else { return 0 }
    let e = certified == 0 ? abs(computed) : abs(computed - certified) / abs(certified)
    return min(15, max(0, -log10(e)))
}
