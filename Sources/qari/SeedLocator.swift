import Foundation

/// Finds the repository's `seeds/` folder whether qari runs through make, `swift run`,
/// the built binary, or from another working directory.
enum SeedLocator {
    static func seedsFolder() -> String? {
        let fm = FileManager.default
        func isSeeds(_ dir: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
        }
        // 1. Next to the executable or above it (.build/debug/qari -> repository root).
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("seeds").path)
            candidates.append(dir.appendingPathComponent("share/qari/seeds").path)
            dir = dir.deletingLastPathComponent()
        }
        // 2. The source tree this binary was built from.
        let source = URL(fileURLWithPath: #filePath)  // .../Sources/qari/SeedLocator.swift
        candidates.append(source.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds").path)
        return candidates.first(where: isSeeds)
    }
}
