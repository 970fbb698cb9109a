import Foundation

/// The real source data in `../shared/datasets/panorama` beside the repository (CI clones
/// `shared` there); from a worktree, the nearest ancestor's `shared/`.
enum DataFixtures {
    static let folder: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        var parent = url.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = parent.appendingPathComponent("shared/datasets/panorama")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            parent = parent.deletingLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/datasets/panorama")
    }()

    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }
}
