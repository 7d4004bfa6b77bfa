import Foundation
@testable import QariTUI

/// The repository's seed corpus through the real loader and entity matcher, loaded once.
enum SeedCorpus {
    static let seedsPath = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds").path

    /// A knowledge directory that does not exist, so a user's own files cannot change the screens.
    static let noUserKnowledge = URL(fileURLWithPath: "/nonexistent/qari-test-knowledge")

    static let corpus: BrowserCorpus = {
        do {
            return try BrowserCorpus.load(paths: [seedsPath], name: "seeds", knowledgeDirectory: noUserKnowledge)
        } catch {
            fatalError("cannot load the seeds at \(seedsPath): \(error)")
        }
    }()
}
