import Foundation

/// Finds bundled datasets by short name (`load("panorama")` → `datasets/panorama.csv`).
///
/// Folders are searched in order (DESIGN §5): `$PANORAMA_DATASETS` (a folder, or several
/// separated by `:`), the installed share folder `<prefix>/share/panorama/datasets` beside the
/// executable's `bin/`, then the source tree's `datasets/` found by walking up from the
/// executable (a folder holding both `Package.swift` and `datasets/`).
public enum DatasetLocator {
    /// The folders that may hold datasets, existing ones only, in search order.
    public static func folders(environment: [String: String] = ProcessInfo.processInfo.environment,
                               executable: String? = executablePath()) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        func add(_ path: String) {
            var isDirectory: ObjCBool = false
            let p = URL(fileURLWithPath: path).standardizedFileURL.path
            if fm.fileExists(atPath: p, isDirectory: &isDirectory), isDirectory.boolValue, !out.contains(p) { out.append(p) }
        }
        if let env = environment["PANORAMA_DATASETS"] {
            for part in env.split(separator: ":") where !part.isEmpty { add(String(part)) }
        }
        if let executable {
            let bin = URL(fileURLWithPath: executable).deletingLastPathComponent()
            add(bin.deletingLastPathComponent().appendingPathComponent("share/panorama/datasets").path)
            var folder = bin
            for _ in 0..<8 {
                if fm.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                    add(folder.appendingPathComponent("datasets").path)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return out
    }

    /// The path of dataset `name` (`panorama` → `…/datasets/panorama.csv`), or nil.
    public static func path(for name: String, in folders: [String] = folders()) -> String? {
        let file = name.hasSuffix(".csv") || name.hasSuffix(".xlsx") ? name : name + ".csv"
        for folder in folders {
            let p = folder + "/" + file
            if FileManager.default.fileExists(atPath: p) { return p }
        }
        return nil
    }

    /// The datasets available by short name, sorted, each with the folder it comes from.
    public static func available(in folders: [String] = folders()) -> [(name: String, path: String)] {
        var seen: Set<String> = []
        var out: [(String, String)] = []
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for f in files.sorted() where f.hasSuffix(".csv") {
                let name = String(f.dropLast(4))
                if seen.insert(name).inserted { out.append((name, folder + "/" + f)) }
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// This process's executable, resolved (`/proc/self/exe` on Linux, else `argv[0]`).
    public static func executablePath() -> String? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        guard let first = CommandLine.arguments.first else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }
}
