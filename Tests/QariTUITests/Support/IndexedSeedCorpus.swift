import Foundation
import QariCore
import QariStore
@testable import QariTUI

/// The seeds through the index (in memory, filled by a real refresh) and `IndexCorpusStore`:
/// what the browser reads when it runs. Built once.
enum IndexedSeedCorpus {
    static let matcher: EntityMatcher = {
        let (kb, _) = KnowledgeBase.load(userDirectory: SeedCorpus.noUserKnowledge)
        return EntityMatcher(knowledgeBase: kb)
    }()

    static let store: IndexCorpusStore = {
        do {
            let index = try CorpusIndex(paths: [SeedCorpus.seedsPath], storage: .memory, matcher: { matcher })
            try index.refresh()
            return IndexCorpusStore(index: index, matcher: matcher)
        } catch {
            fatalError("cannot index the seeds at \(SeedCorpus.seedsPath): \(error)")
        }
    }()

    static var corpus: BrowserCorpus { BrowserCorpus(name: "seeds", store: store) }
}
