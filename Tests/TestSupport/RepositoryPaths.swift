import Foundation

/// Folders inside this repository that tests read. Everything a test needs lives in the
/// repository itself: nothing is looked up beside the checkout.
public enum RepositoryPaths {
    /// The package root: the nearest ancestor of this file holding `Package.swift`.
    public static let root: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/",
              !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }()

    /// The committed `datasets/` folder.
    public static let datasets = root.appendingPathComponent("datasets")

    /// The published Panorama sources the bundled datasets are built from
    /// (`datasets/sources/panorama`, provenance in its README).
    public static let panoramaSources = datasets.appendingPathComponent("sources/panorama")

    /// The NIST StRD reference files (`Tests/Fixtures/nist`).
    public static let nist = root.appendingPathComponent("Tests/Fixtures/nist")

    /// Regression cases certified in exact arithmetic by a committed script, in NIST's file
    /// format (`Tests/Fixtures/certified`).
    public static let certified = root.appendingPathComponent("Tests/Fixtures/certified")

    /// A file of the Panorama sources, by path relative to `datasets/sources/panorama`.
    public static func panoramaSource(_ relative: String) -> String {
        panoramaSources.appendingPathComponent(relative).path
    }
}
