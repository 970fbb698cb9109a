import Foundation
import TestSupport

/// The real source data, committed under `datasets/sources/panorama`.
enum DataFixtures {
    static let folder: URL = RepositoryPaths.panoramaSources

    static func path(_ relative: String) -> String { RepositoryPaths.panoramaSource(relative) }
}
