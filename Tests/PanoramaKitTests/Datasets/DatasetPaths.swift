import Foundation
@testable import PanoramaKit

/// Where the dataset tests find the repository's `datasets/` and the shared source data.
enum DatasetPaths {
    /// The package root: three folders up from this file (Tests/PanoramaKitTests/Datasets/).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The committed `datasets/` folder.
    static let datasets = root.appendingPathComponent("datasets")

    /// `shared/datasets/panorama`: `$PANORAMA_SHARED/datasets/panorama` if set, else the first
    /// `shared` folder beside the package root or one of its ancestors (CI clones the repository
    /// with `shared` beside it; a git worktree sits one level deeper).
    static let source: URL = {
        if let env = ProcessInfo.processInfo.environment["PANORAMA_SHARED"] {
            return URL(fileURLWithPath: env).appendingPathComponent("datasets/panorama")
        }
        var dir = root
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            let candidate = dir.appendingPathComponent("shared/datasets/panorama")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("editions").path) {
                return candidate
            }
        }
        return root.deletingLastPathComponent().appendingPathComponent("shared/datasets/panorama")
    }()

    static let keys = datasets.appendingPathComponent("panorama_keys.csv")

    /// The datasets built from the sources, once per test process.
    static let built: Result<PanoramaDatasets, Error> = Result { try PanoramaDatasets(source: source, keys: keys) }

    static func build() throws -> PanoramaDatasets { try built.get() }
}
