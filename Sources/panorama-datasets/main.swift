import Foundation
import PanoramaDatasets
import PanoramaKit

// `swift run panorama-datasets [--check] [ROOT]`: rebuilds ROOT/datasets (default: the current
// folder, the package root under `swift run`) from ROOT/datasets/sources/panorama and the
// reviewed key table; with --check, writes nothing and fails if a committed file differs.
var arguments = Array(CommandLine.arguments.dropFirst())
let check = arguments.contains("--check")
arguments.removeAll { $0 == "--check" }
if arguments.contains(where: { $0.hasPrefix("-") }) || arguments.count > 1 {
    FileHandle.standardError.write(Data("usage: panorama-datasets [--check] [ROOT]\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments.first ?? FileManager.default.currentDirectoryPath)
do {
    let outcome = try PanoramaDatasets.rebuild(root: root, check: check)
    for name in outcome.changed {
        print(check ? "datasets/\(name) differs from the rebuild" : "datasets/\(name) rewritten")
    }
    if outcome.changed.isEmpty { print("datasets/: \(PanoramaDatasets.fileNames.joined(separator: ", ")) up to date") }
    exit(check && !outcome.changed.isEmpty ? 1 : 0)
} catch let error as any UserFacingError {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
    exit(1)
}
