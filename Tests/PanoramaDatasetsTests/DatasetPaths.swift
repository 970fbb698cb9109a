import Foundation
@testable import PanoramaDatasets
@testable import PanoramaKit
import TestSupport

/// Where the dataset tests find the repository's `datasets/` and the published source data.
enum DatasetPaths {
    /// The package root.
    static let root = RepositoryPaths.root

    /// The committed `datasets/` folder.
    static let datasets = RepositoryPaths.datasets

    /// The published sources, committed under `datasets/sources/panorama`.
    static let source = RepositoryPaths.panoramaSources

    static let keys = datasets.appendingPathComponent("panorama_keys.csv")

    /// The datasets built from the sources, once per test process.
    static let built: Result<PanoramaDatasets, Error> = Result { try PanoramaDatasets(source: source, keys: keys) }

    static func build() throws -> PanoramaDatasets { try built.get() }
}
