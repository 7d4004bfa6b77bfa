import Foundation
import QariCore

extension BrowserCorpus {
    /// Articles to read beside article `index`, best first: in the other language by default,
    /// as `qari pair` ranks them.
    public func pairCandidates(for index: Int, otherLanguage: Bool = true, limit: Int = 20) -> [PairCandidate] {
        guard articles.indices.contains(index) else { return [] }
        return store.pairCandidates(for: index, otherLanguage: otherLanguage, limit: limit)
    }

    /// Entities named in both articles.
    public func sharedEntities(_ a: Int, _ b: Int) -> Set<String> {
        guard mentions.indices.contains(a), mentions.indices.contains(b) else { return [] }
        return Set(mentions[a].counts.keys).intersection(mentions[b].counts.keys)
    }
}
