import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

/// The committed datasets are exactly what the code builds from datasets/sources.
///
/// To rebuild them after changing the builder, the key table or the sources:
/// `swift run panorama-datasets` (or `datasets/build.sh`), then review `git diff datasets/`.
@Suite struct PanoramaRebuildTests {
    @Test func rebuildIsIdenticalToTheCommittedFiles() throws {
        let built = try DatasetPaths.build()
        // Write to a temporary folder through the same path the committed files took.
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("panorama-datasets-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        try built.write(to: tmp)
        for name in PanoramaDatasets.fileNames {
            let rebuilt = try Data(contentsOf: tmp.appendingPathComponent(name))
            let committed = try Data(contentsOf: DatasetPaths.datasets.appendingPathComponent(name))
            #expect(rebuilt == committed, "datasets/\(name) differs from the rebuild; run `swift run panorama-datasets` and review the diff")
        }
    }

    @Test func theToolsCheckFindsTheCommittedFilesUpToDateAndRewritesOnlyWhatDiffers() throws {
        #expect(try PanoramaDatasets.rebuild(root: DatasetPaths.root, check: true).changed == [])
        // A copy of the tree with one file altered: check reports it and writes nothing; a
        // rebuild restores it and leaves the others untouched.
        let tmp = FileManager.default.temporaryDirectory
            .appendingPathComponent("panorama-tool-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let datasets = tmp.appendingPathComponent("datasets")
        try FileManager.default.createDirectory(at: datasets.appendingPathComponent("sources"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: DatasetPaths.source, to: datasets.appendingPathComponent("sources/panorama"))
        for name in PanoramaDatasets.fileNames + ["panorama_keys.csv"] {
            try FileManager.default.copyItem(at: DatasetPaths.datasets.appendingPathComponent(name),
                                             to: datasets.appendingPathComponent(name))
        }
        let series = datasets.appendingPathComponent("panorama_series.csv")
        try Data("edition\n1\n".utf8).write(to: series)
        #expect(try PanoramaDatasets.rebuild(root: tmp, check: true).changed == ["panorama_series.csv"])
        #expect(try Data(contentsOf: series) == Data("edition\n1\n".utf8))
        #expect(try PanoramaDatasets.rebuild(root: tmp, check: false).changed == ["panorama_series.csv"])
        #expect(try PanoramaDatasets.rebuild(root: tmp, check: true).changed == [])
    }

    @Test func readmeTablesAreTheBuiltOnes() throws {
        let built = try DatasetPaths.build()
        let readme = try String(contentsOf: DatasetPaths.datasets.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(built.transitionsTable), "datasets/README.md: transitions table out of date:\n\(built.transitionsTable)")
        #expect(readme.contains(built.transitionNames), "datasets/README.md: transition names out of date:\n\(built.transitionNames)")
        #expect(readme.contains(built.costSumTable), "datasets/README.md: cost-sum table out of date:\n\(built.costSumTable)")
    }
}

/// The committed files load with no options, with the types their README states and no notes.
@Suite struct BundledFilesLoadTests {
    @Test(arguments: [
        ("panorama.csv", "number date text text text text bool date number text bool number"),
        ("panorama_growth.csv", "number text number number number number number number number number number date number number number number number bool"),
        ("panorama_series.csv", "number date date number number number text bool number number number bool bool bool bool bool number number text text text"),
        ("panorama_keys.csv", "number text text text text"),
    ])
    func committedFileLoadsWithNoOptions(file: String, types: String) throws {
        let frame = try DataReader.load(path: DatasetPaths.datasets.appendingPathComponent(file).path).frame
        #expect(frame.notes.isEmpty, "\(frame.notes)")
        #expect(frame.columns.map(\.data.typeName).joined(separator: " ") == types)
        for c in frame.columns {
            if case .date(_, let precision) = c.data { #expect(precision == .month, "\(file) \(c.name)") }
        }
    }

    @Test func csvFormIsPlain() {
        let frame = Frame(columns: [
            Column(name: "n", .number([7, 0.1, .nan])),
            Column(name: "t", .text(Categorical(["a,b", "say \"hi\"", nil]))),
            Column(name: "b", .bool([1, 0, -1])),
            Column(name: "d", .date([Int32(CivilDate(year: 2016, month: 11).dayNumber), 0, ColumnData.naDay], .month)),
        ])
        #expect(PanoramaDatasets.csv(frame) == "n,t,b,d\n7,\"a,b\",true,2016-11\n0.1,\"say \"\"hi\"\"\",false,1970-01\n,,,\n")
    }
}
