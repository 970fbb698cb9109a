import Foundation

/// A reference file of `key = value value …` lines (`#` starts a comment): the format of the
/// forecast fixtures and of the R fixtures written by `Tests/Fixtures/r/make_r_fixtures.R`.
public struct KeyValueFixture: Sendable {
    public let fields: [String: [String]]

    public init(text: String) {
        var fields: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            fields[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].split(separator: " ").map(String.init)
        }
        self.fields = fields
    }

    public init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    /// The numbers of `key` (R's `NA` and `NaN` read as NaN); empty when the key is absent.
    public subscript(_ key: String) -> [Double] {
        (fields[key] ?? []).compactMap { $0 == "NA" ? .nan : Double($0) }
    }

    public func scalar(_ key: String) -> Double { self[key].first ?? .nan }

    public func words(_ key: String) -> [String] { fields[key] ?? [] }
}

extension RepositoryPaths {
    /// Reference values computed by R (`Tests/Fixtures/r`, written by make_r_fixtures.R).
    public static let rFixtures = root.appendingPathComponent("Tests/Fixtures/r")
}
