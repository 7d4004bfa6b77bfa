import Foundation
import QariCore

extension BrowserCorpus {
    /// The core's pairing over this corpus, built on first use and kept: ranking needs every
    /// article's entity vector, which is wasted work for a session that never opens the split.
    public var pairing: ArticlePairing { pairingCache.value(articles: articles, mentions: mentions, entities: entities) }

    /// Articles to read beside article `index`, best first: in the other language by default,
    /// as `qari pair` ranks them.
    public func pairCandidates(for index: Int, otherLanguage: Bool = true, limit: Int = 20) -> [PairCandidate] {
        guard articles.indices.contains(index) else { return [] }
        return pairing.candidates(for: index, otherLanguage: otherLanguage, limit: limit)
    }

    /// Entities named in both articles.
    public func sharedEntities(_ a: Int, _ b: Int) -> Set<String> {
        guard mentions.indices.contains(a), mentions.indices.contains(b) else { return [] }
        return Set(mentions[a].counts.keys).intersection(mentions[b].counts.keys)
    }
}

/// Holds the pairing once built. A class, so copies of the corpus value share one pairing;
/// the lock makes the first build safe if two threads ask at once.
final class PairingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var built: ArticlePairing?

    func value(articles: [Article], mentions: [ArticleMentions], entities: [String: BrowserEntity]) -> ArticlePairing {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        // The same counts `ArticlePairing(analysis:)` takes: title and body mentions, outlets left out.
        let counts = mentions.map { m in m.counts.filter { entities[$0.key]?.category != .organization } }
        let pairing = ArticlePairing(articles: articles, entityCounts: counts)
        built = pairing
        return pairing
    }
}
