import Foundation
import Testing
@testable import PanoramaKit

/// The committed datasets are exactly what the code builds from ../shared.
///
/// To rebuild them after changing the builder, the key table or the sources:
/// `PANORAMA_WRITE_DATASETS=1 swift test --filter PanoramaRebuildTests` (or `datasets/build.sh`).
@Suite struct PanoramaRebuildTests {
    @Test func rebuildIsIdenticalToTheCommittedFiles() throws {
        let built = try DatasetPaths.build()
        if ProcessInfo.processInfo.environment["PANORAMA_WRITE_DATASETS"] == "1" {
            try built.write(to: DatasetPaths.datasets)
        }
        // Write to a temporary folder through the same path the committed files took.
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("panorama-datasets-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try built.write(to: tmp)
        for name in PanoramaDatasets.fileNames {
            let rebuilt = try Data(contentsOf: tmp.appendingPathComponent(name))
            let committed = try Data(contentsOf: DatasetPaths.datasets.appendingPathComponent(name))
            #expect(rebuilt == committed, "datasets/\(name) differs from the rebuild; rerun with PANORAMA_WRITE_DATASETS=1 and review the diff")
        }
    }

    @Test func readmeTablesAreTheBuiltOnes() throws {
        let built = try DatasetPaths.build()
        let readme = try String(contentsOf: DatasetPaths.datasets.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(built.transitionsTable), "datasets/README.md: transitions table out of date:\n\(built.transitionsTable)")
        #expect(readme.contains(built.transitionNames), "datasets/README.md: transition names out of date:\n\(built.transitionNames)")
        #expect(readme.contains(built.costSumTable), "datasets/README.md: cost-sum table out of date:\n\(built.costSumTable)")
    }
}
