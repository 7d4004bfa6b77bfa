import Foundation
#if os(Linux)
import Synchronization
#endif

/// A place in text where an entity is named.
public struct EntityMention: Sendable, Equatable {
    /// A knowledge-base id, or "disc:..." for a name found by a naming pattern.
    public var entityID: String
    /// Offsets in Unicode scalars of the input text. An attached Latin article ("al-") is
    /// included; an Arabic proclitic (و ب ل ف ك) and a possessive "’s" are not.
    public var range: Range<Int>
    /// The text as written.
    public var surface: String

    public init(entityID: String, range: Range<Int>, surface: String) {
        self.entityID = entityID
        self.range = range
        self.surface = surface
    }
}

/// Finds knowledge-base entities and unknown but name-shaped entities in text.
///
/// Build once and reuse: construction compiles every spelling into a trie over token keys, and
/// matching is then one pass over the tokens of the text, trying the longest name first. A key
/// match is accepted only when the written form is close enough to the known spelling (see
/// `NameKey.similarity`), when its case fits (a name starts with a capital letter, "US" the
/// country is upper case) and when it is not an adjective formed from the name (Israeli, Iraqi).
///
/// Thread-safe: the trie is immutable; the registry of discovered names is guarded by a lock.
public final class EntityMatcher: @unchecked Sendable {
    public let knowledgeBase: KnowledgeBase
    private let trie: NameTrie
    private let aliases: [AliasEntry]
    /// What `confirm` asks of each alias first, by alias index, side by side in memory.
    private let aliasSummaries: [AliasSummary]
    /// The letters of every alias one after the other (`AliasSummary.lettersStart`), so that
    /// comparing a text with a spelling reads them without going through the `AliasEntry`.
    private let aliasLetters: [UInt8]
    /// Knowledge-base ids by entity index.
    private let entityIDs: [String]
    /// `AliasEntry.entityIndex` by alias index: a mention's entity without going through the
    /// alias's object (and its reference count).
    private let aliasEntityIndices: [Int]
    /// By alias index: whether a key of a common word (its word key or abbreviation key, in any
    /// case) leads from the trie's root to a node with the alias. `isCommonWordMisread` can answer
    /// true only for such an alias: a one-word match whose text is a common word was reached by
    /// that word's keys. Most one-word matches ("Idlib", "Russia") are answered by this look-up
    /// rather than by packing their letters (`isFoundCommonWordMisread`). MatchCommonWordAliasTests
    /// checks that no misread passes.
    private let commonWordAliases: [Bool]
    /// `commonWordKeys`, read through the matcher: read from the static, its initialisation was
    /// checked by a call at every one-word match.
    private let commonWordTable = EntityMatcher.commonWordKeys
    /// Exact (lower-case) first words of the names that may start with a lower-case word. Other
    /// lower-case words start no name, which passes over "the", "of" and "in" whose keys happen
    /// to be the keys of names.
    let lowercaseFirstWords: KeyTable
    /// `lowercaseFirstWords` as the tokenizer of `mentions` reads them, with the lower-case place
    /// cues marked (`NameTokenizer.keyedWords`).
    let tokenizerWords: KeyTable
    /// `relationRole` of each knowledge-base entity.
    private let knowledgeBaseRoles: [String: (isPlace: Bool, acting: EntityType?)]
    /// Each knowledge-base entity's type, for `entityType(id:)`.
    private let knowledgeBaseTypes: [String: EntityType]
    /// The knowledge base's table for relation extraction (`RelationEntityTable.of`), made with
    /// the matcher: kept for the last knowledge base asked, it was looked up under a lock for every
    /// line (1.9 M instructions of the relations stage on bench-2k).
    let relationEntityTable: RelationEntityTable
    private let lock = NSLock()
    private var discovered: [String: Entity] = [:]
    /// What `confirm` answered for a variant spelling (after its exact tests), by alias and text:
    /// names recur from one paragraph to the next, and a variant met again costs a look-up instead
    /// of its folding and edit distances. Guarded by `memoLock`; emptied when it reaches
    /// `variantMemoLimit` entries. Off when `memoizesVariants` is false (tests compare the two).
    /// (The lock gives exclusive access; the run-time check for it is left out.)
    @exclusivity(unchecked) private var variantMemo: [VariantMemoKey: VariantMemoValue] = [:]
    private let memoLock = NSLock()
    private let memoizesVariants: Bool
    /// Workspaces not in use, for `mentions(in:)` to take one and give it back: a workspace serves
    /// one thread at a time, and its key cache stays warm and its lists keep their storage from one
    /// text to the next.
    private let idleWorkspaces = MatchWorkspacePool()
    static let variantMemoLimit = 1 << 15

    /// The number of variants in the memo (for tests).
    var memoizedVariantCount: Int {
        memoLock.lock()
        defer { memoLock.unlock() }
        return variantMemo.count
    }

    /// Below this, a spelling is taken for a different name; short names need a closer match.
    static let similarityThreshold = 0.8
    static let shortNameSimilarityThreshold = 0.85
    static let spellingSimilarityThreshold = 0.65

    public convenience init(knowledgeBase: KnowledgeBase) {
        self.init(knowledgeBase: knowledgeBase, memoizesVariants: true)
    }

    init(knowledgeBase: KnowledgeBase, memoizesVariants: Bool) {
        self.knowledgeBase = knowledgeBase
        self.memoizesVariants = memoizesVariants
        var trie = NameTrie()
        var aliases: [AliasEntry] = []
        var lowercaseFirstWords: [UInt64] = []
        for (entityIndex, entity) in knowledgeBase.entities.enumerated() {
            for name in entity.allNames {
                let tokenizer = NameTokenizer(name)
                guard let first = tokenizer.tokens.first else { continue }
                // A name may start in lower case when its first word is written so ("the Saker blog")
                // or when it has more words to carry a capital ("wa-Harid al-Mu'minin").
                if first.script == .latin && (tokenizer.tokens.count >= 2 || !first.startsUppercase) {
                    var letters: [UInt8] = []
                    for s in first.coreStart..<first.range.upperBound {
                        NameKey.appendLatinLetter(tokenizer.scalars[s].value, into: &letters)
                    }
                    lowercaseFirstWords.append(NameKey.exactKey(letters))
                }
                for entry in AliasEntry.make(name: name, tokenizer: tokenizer, entityIndex: entityIndex) {
                    trie.insert(entry.keys, entry: aliases.count)
                    aliases.append(entry)
                }
            }
        }
        trie.freeze()
        self.trie = trie
        self.aliases = aliases
        var summaries: [AliasSummary] = []
        var aliasLetters: [UInt8] = []
        for alias in aliases {
            summaries.append(AliasSummary(alias, lettersStart: aliasLetters.count))
            aliasLetters += alias.letters
        }
        self.aliasSummaries = summaries
        self.aliasLetters = aliasLetters
        self.entityIDs = knowledgeBase.entities.map(\.id)
        self.aliasEntityIndices = aliases.map(\.entityIndex)
        var commonWordAliases = [Bool](repeating: false, count: aliases.count)
        for word in Self.commonWords {
            // (A word of plain letters is one token; case changes neither key.)
            let tokenizer = NameTokenizer(word, alwaysAcronymKeys: true)
            precondition(tokenizer.tokens.count == 1)
            for key in [tokenizer.wordKey(0), tokenizer.tokens[0].acronymKey] {
                guard let node = trie.child(of: 0, key: key) else { continue }
                for entry in trie.entryRange(node) { commonWordAliases[trie.entry(entry)] = true }
            }
        }
        self.commonWordAliases = commonWordAliases
        self.lowercaseFirstWords = KeyTable(keys: lowercaseFirstWords)
        self.tokenizerWords = NameTokenizer.keyedWords(lowercaseFirstWords)
        var roles: [String: (isPlace: Bool, acting: EntityType?)] = [:]
        var types: [String: EntityType] = [:]
        for entity in knowledgeBase.entities where roles[entity.id] == nil {
            types[entity.id] = knowledgeBase.entity(id: entity.id)?.type
            // As `relationRole` computes it for a discovered entity; nothing is discovered yet.
            let acting = entity.metonymFor.flatMap { knowledgeBase.entity(id: $0) } ?? entity
            roles[entity.id] = (entity.type == .place && entity.metonymFor == nil, acting.type)
        }
        self.knowledgeBaseRoles = roles
        self.knowledgeBaseTypes = types
        self.relationEntityTable = RelationEntityTable(knowledgeBase: knowledgeBase)
    }

    // MARK: Public API

    /// Every entity named in `text` (one line or paragraph), in order, without overlaps:
    /// knowledge-base entities first (longest name wins), then name-shaped phrases the knowledge
    /// base does not know, with ids "disc:" + the name's key.
    public func mentions(in text: String) -> [EntityMention] {
        let workspace = idleWorkspaces.take()
        defer { idleWorkspaces.giveBack(workspace) }
        // The tokenizer writes the text's scalars and tokens into the workspace's scratch (they
        // are valid until the workspace serves another text).
        let tokenizer = NameTokenizer(text, keyedLowercaseWords: tokenizerWords, keyCache: workspace.keyCache,
                                      scratch: workspace.tokenScratch)
        let matches = knownMatches(in: tokenizer, caseSensitive: true, keyedByFirstWords: true, scratch: &workspace.scratch)
        var result: [EntityMention] = []
        result.reserveCapacity(matches.count)
        // (Surfaces through the workspace's cache of recent ones: see `MatchSurfaceCache`.)
        // (Read through the workspace, which holds it: a reference of its own was a retain and a
        // release on every text.)
        tokenizer.scalars.withUnsafeBufferPointer { scalars in
            for match in matches {
                result.append(EntityMention(entityID: entityIDs[aliasEntityIndices[match.alias]], range: match.scalarRange,
                                            surface: workspace.surfaces.surface(scalars, match.scalarRange, tag: match.alias)))
            }
        }
        // The tokens the matches cover, in temporary memory (an array made with a count is
        // allocated through a slow, unspecialised path).
        let found = withUnsafeTemporaryAllocation(of: Bool.self, capacity: tokenizer.tokens.count) { covered in
            covered.initialize(repeating: false)
            for match in matches {
                // (Most matches are one word: their mark is one store, where the loop over the
                // match's tokens was a call of memset for every match.)
                covered[match.tokens.lowerBound] = true
                if match.tokens.count > 1 {
                    for k in match.tokens.lowerBound + 1..<match.tokens.upperBound { covered[k] = true }
                }
            }
            return NameDiscovery.find(in: tokenizer, taken: covered)
        }
        // The list goes back for the next text to reuse its storage.
        workspace.scratch.matches = matches
        if found.isEmpty { return result }
        for name in found {
            let range = name.scalarRange(in: tokenizer)
            let surface = Self.surface(range, tokenizer: tokenizer)
            result.append(EntityMention(entityID: register(name, surface: surface).id, range: range, surface: surface))
        }
        result.sort { $0.range.lowerBound < $1.range.lowerBound }
        return result
    }

    /// The entity a name stands for, in any known spelling or a close variant, in either script.
    /// Case is tried as written first, then ignored. A name the knowledge base does not know
    /// resolves to a discovered entity when it has the shape of a faction, person or place name
    /// ("Jaysh al-Izza", "Abu Omar al-Shami"); otherwise nil.
    public func resolve(_ name: String) -> Entity? {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        guard !trimmed.isEmpty else { return nil }
        for caseSensitive in [true, false] {
            let tokenizer = NameTokenizer(trimmed, alwaysAcronymKeys: !caseSensitive)
            guard let first = tokenizer.tokens.first else { return nil }
            // "the" in front of a name is not part of it.
            let start = tokenizer.tokens.count > 1 && Self.isDefiniteArticle(tokenizer, first) ? 1 : 0
            for from in Set([0, start]).sorted() {
                if let match = longestMatch(in: tokenizer, at: from, caseSensitive: caseSensitive),
                   match.tokens.upperBound == tokenizer.tokens.count {
                    return knowledgeBase.entities[aliases[match.alias].entityIndex]
                }
            }
        }
        let tokenizer = NameTokenizer(trimmed)
        let covered = [Bool](repeating: false, count: tokenizer.tokens.count)
        if let name = NameDiscovery.find(in: tokenizer, covered: covered).first,
           name.tokens == 0..<tokenizer.tokens.count {
            return register(name, tokenizer: tokenizer)
        }
        return nil
    }

    /// Makes discovered entities that another process found (stored in an index) known, as if
    /// `mentions(in:)` had read them; ids known already keep what this matcher found.
    public func remember(discovered entities: [Entity]) {
        lock.lock()
        defer { lock.unlock() }
        for entity in entities where entity.discovered && discovered[entity.id] == nil { discovered[entity.id] = entity }
    }

    /// A discovered entity seen by `mentions(in:)` or `resolve(_:)` so far.
    public func discoveredEntity(id: String) -> Entity? {
        lock.lock()
        defer { lock.unlock() }
        return discovered[id]
    }

    /// For relation extraction: whether the entity is a place that stands for no state, and the
    /// type it acts as (a capital named for its state, "Ankara backs ...", acts as the state);
    /// nil when the id is unknown. Knowledge-base entities are answered from a table.
    func relationRole(id: String) -> (isPlace: Bool, acting: EntityType?) {
        if let role = knowledgeBaseRoles[id] { return role }
        guard let entity = discoveredEntity(id: id) else { return (false, nil) }
        let acting = entity.metonymFor.flatMap { self.entity(id: $0) } ?? entity
        return (entity.type == .place && entity.metonymFor == nil, acting.type)
    }

    /// The knowledge-base entity (its index) an alias of a `Match` spells.
    func entityIndex(ofAlias alias: Int) -> Int { aliasEntityIndices[alias] }

    /// A knowledge-base entity, or a discovered one.
    public func entity(id: String) -> Entity? {
        knowledgeBase.entity(id: id) ?? discoveredEntity(id: id)
    }

    /// `entity(id:)?.type` from a table for the knowledge base's entities: the index workers ask
    /// it of every entity an article names (45,737 times on 2k), and a whole `Entity` copied
    /// out cost about 650 instructions a time.
    public func entityType(id: String) -> EntityType? {
        knowledgeBaseTypes[id] ?? discoveredEntity(id: id)?.type
    }

    // MARK: Matching

    struct Match {
        var tokens: Range<Int>
        var scalarRange: Range<Int>
        var alias: Int
    }

    /// `keyedByFirstWords`: the tokenizer was made with `keyedLowercaseWords: lowercaseFirstWords`
    /// (or `tokenizerWords`, the same keyed words), so that a lower-case Latin word has its key
    /// exactly when a name may start with it.
    func knownMatches(in tokenizer: NameTokenizer, caseSensitive: Bool, keyedByFirstWords: Bool = false) -> [Match] {
        var scratch = MatchScratch()
        return knownMatches(in: tokenizer, caseSensitive: caseSensitive, keyedByFirstWords: keyedByFirstWords, scratch: &scratch)
    }

    /// `knownMatches` with working lists that may have served before (their contents do not matter).
    func knownMatches(in tokenizer: NameTokenizer, caseSensitive: Bool, keyedByFirstWords: Bool,
                      scratch: inout MatchScratch) -> [Match] {
        // The list of an earlier text, when the scratch holds one: its storage serves again.
        var matches: [Match] = []
        swap(&matches, &scratch.matches)
        if !matches.isEmpty { matches.removeAll(keepingCapacity: true) }
        matches.reserveCapacity(tokenizer.tokens.count / 8 + 2)
        // (The scalars as a buffer for `isCommonWordMisread`: passed the tokenizer, each call
        // copied it, a reference count for each of its references.)
        tokenizer.scalars.withUnsafeBufferPointer { scalars in
        tokenizer.tokens.withUnsafeBufferPointer { tokens in
            var i = 0
            let count = tokens.count
            // (`i &+= 1`: a token index, below `count`; no overflow to check on every word.)
            while i < count {
                let wordNode = startNode(tokenizer, tokens.baseAddress! + i, caseSensitive: caseSensitive,
                                         keyedByFirstWords: keyedByFirstWords)
                if wordNode == Self.startsNoName || needsMissingSecondWord(tokenizer, tokens, at: i, wordNode: wordNode) {
                    i &+= 1
                    continue
                }
                if let match = longestMatchOfPossibleStart(in: tokenizer, at: i, caseSensitive: caseSensitive, scratch: &scratch,
                                                           wordNode: wordNode),
                   // (Only a match of one word of up to seven scalars can be one: asked here, the
                   // others need no call.)
                   match.tokens.count != 1 || match.scalarRange.count > 7 || !isFoundCommonWordMisread(match, scalars: scalars) {
                    matches.append(match)
                    i = match.tokens.upperBound
                } else {
                    i &+= 1
                }
            }
        }
        }
        return matches
    }

    /// English function words that a transliteration key can bring close to a short name
    /// ("His" and Heish, "Said" and as-Suwayda, "HAD" in a headline and the acronym HaD).
    static let commonWords: Set<String> = [
        "a", "an", "as", "at", "be", "by", "do", "is", "it", "of", "on", "or", "so", "to", "he", "we", "me", "my", "no",
        "fa", "had", "has", "have", "his", "her", "him", "its", "was", "were", "are", "the", "and", "for", "not", "but",
        "all", "any", "can", "may", "will", "one", "two", "new", "now", "old", "our", "out", "see", "she", "too", "who",
        "why", "how", "yet", "get", "got", "let", "put", "set", "say", "said", "says", "did", "does", "done", "day",
        "days", "dear", "deal", "read", "red", "raid", "rose", "rise", "once", "more", "most", "within", "manner",
        "here", "there", "then", "than", "them", "they", "this", "that", "these", "those", "what", "when", "where",
        "which", "while", "with", "would", "could", "should", "some", "such", "into", "over", "upon", "also", "only",
        "very", "just", "even", "much", "many", "each", "both", "same", "other", "after", "before", "since", "under",
    ]

    /// The common words of at most seven letters, their bytes packed into an integer (see `packed`).
    private static let commonWordKeys = KeyTable(keys: commonWords.compactMap { packed(Array($0.utf8)) })

    /// The bytes of a word of 1 to 7 bytes, none 0, packed into one integer, the first in the
    /// lowest byte; nil for other words. Two such words are equal when their packings are.
    static func packed<Bytes: Collection>(_ bytes: Bytes) -> UInt64? where Bytes.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 7 else { return nil }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for b in bytes {
            guard b != 0 else { return nil }
            key |= UInt64(b) << shift
            shift += 8
        }
        return key
    }

    /// True for a one-word match that is an ordinary English word read as a different name.
    /// Runs on every one-word match: bytes only, no String.
    ///
    /// The word is packed from its last letter down, each shifting the ones after it up a byte
    /// (no shift count per letter); pinned to `isCommonWordMisreadPlain`.
    func isCommonWordMisread(_ match: Match, tokenizer: NameTokenizer) -> Bool {
        tokenizer.scalars.withUnsafeBufferPointer { isCommonWordMisread(match, scalars: $0) }
    }

    /// `isCommonWordMisread` of a match `knownMatches` found (reached by its text's keys): false
    /// at once for an alias that no common word's keys lead to (`commonWordAliases`), as for most.
    /// (The test is here rather than in the loop of `knownMatches`: there, it made the loop too
    /// large to be inlined into `mentions(in:)`, which cost more than the test saves.)
    @inline(never) private func isFoundCommonWordMisread(_ match: Match, scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        commonWordAliases[match.alias] && isCommonWordMisread(match, scalars: scalars)
    }

    /// `isCommonWordMisread` of a match in the text of `scalars`.
    func isCommonWordMisread(_ match: Match, scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard match.tokens.count == 1 else { return false }
        let range = match.scalarRange
        guard range.count <= 7 else { return false }
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
        var lower: UInt64 = 0
        var allUpper = true
        var k = range.upperBound
        while k > range.lowerBound {
            k -= 1
            let v = scalars[k].value
            // 0 or not ASCII.
            if v &- 1 >= 0x7F { return false }
            let b = UInt8(truncatingIfNeeded: v)
            if b &- 0x61 < 26 { allUpper = false }
            lower = lower << 8 | UInt64(b &- 0x41 < 26 ? b | 0x20 : b)
        }
        guard commonWordTable.contains(lower) else { return false }
        let alias = aliases[match.alias]
        if alias.allAcronyms { return range.count > 2 || !allUpper }
        return alias.letters.count != range.count || Self.packed(alias.letters) != lower
    }

    /// The plain definition of `isCommonWordMisread`.
    func isCommonWordMisreadPlain(_ match: Match, tokenizer: NameTokenizer) -> Bool {
        guard match.tokens.count == 1 else { return false }
        let range = match.scalarRange
        guard range.count <= 7 else { return false }
        // The word in lower case, packed as `packed` does (no common word has a 0 byte).
        var lower: UInt64 = 0
        var shift: UInt64 = 0
        var allUpper = true
        for i in range {
            let v = tokenizer.scalars[i].value
            guard v < 0x80, v != 0 else { return false }
            let b = UInt8(v)
            if b &- 0x61 < 26 { allUpper = false }
            lower |= UInt64(b &- 0x41 < 26 ? b | 0x20 : b) << shift
            shift += 8
        }
        guard Self.commonWordKeys.contains(lower) else { return false }
        let alias = aliases[match.alias]
        if alias.allAcronyms { return range.count > 2 || !allUpper }
        return alias.letters.count != range.count || Self.packed(alias.letters) != lower
    }

    /// False when no known name can start with this word. Most words of a text are answered here,
    /// without allocating anything.
    ///
    /// The token is read in place (`token` points to `tokenizer.tokens[k]`): the test runs for
    /// every word, and copying the whole token first cost more than the test.
    @inline(__always) private func mayStartName(_ tokenizer: NameTokenizer, _ token: UnsafePointer<NameToken>, at k: Int,
                                                caseSensitive: Bool, keyedByFirstWords: Bool = false) -> Bool {
        startNode(tokenizer, token, caseSensitive: caseSensitive, keyedByFirstWords: keyedByFirstWords) != Self.startsNoName
    }

    /// What `startNode` answers for a word that starts no name.
    static let startsNoName: Int32 = -2
    /// What `startNode` answers for a word that may start a name when its word key leads nowhere
    /// (its abbreviation key does).
    static let wordKeyLeadsNowhere: Int32 = -3
    /// What `startNode` answers for a word that may start a name, its word key not looked up.
    static let wordNodeUnknown: Int32 = -1

    /// `mayStartName`, answered with the trie node the word's key leads to from the root when it
    /// was looked up (`longestMatchOfPossibleStart` starts from it rather than looking it up
    /// again), or one of `startsNoName`, `wordKeyLeadsNowhere`, `wordNodeUnknown`.
    @inline(__always) private func startNode(_ tokenizer: NameTokenizer, _ token: UnsafePointer<NameToken>,
                                             caseSensitive: Bool, keyedByFirstWords: Bool) -> Int32 {
        // On a text keyed by first words, the tokenizer leaves a word key of 0 only on a lower-case
        // Latin word that no name starts with (every other key is made, and none is 0): the answer
        // for most words of a text, by one test rather than the four below.
        if caseSensitive && keyedByFirstWords && token.pointee.wordKey == 0 { return Self.startsNoName }
        if token.pointee.alternativesIndex >= 0 {
            // An Arabic word with proclitics (وقد, بين): a name may start with the word or with
            // it read without them, when one of their keys leads from the root. Most lead nowhere,
            // and are answered here rather than by `longestMatchOfPossibleStart`'s set-up.
            return anyKeyLeadsFromRoot(tokenizer, token) ? Self.wordNodeUnknown : Self.startsNoName
        }
        if caseSensitive && token.pointee.script == .latin && !token.pointee.startsUppercase
            && !(keyedByFirstWords ? token.pointee.wordKey != 0 : lowercaseFirstWords.contains(token.pointee.exactLowercaseKey)) {
            return Self.startsNoName
        }
        let wordKey = token.pointee.wordKey
        if let node = trie.child(of: 0, key: wordKey != 0 ? wordKey : tokenizer.latinWordKey(token.pointee)) { return node }
        return token.pointee.acronymKey != 0 && trie.child(of: 0, key: token.pointee.acronymKey) != nil
            ? Self.wordKeyLeadsNowhere : Self.startsNoName
    }

    /// True when the names that may start at token `k` (whose first-word test answered trie node
    /// `wordNode`) all go on to a next word, and the next word does not lead on from the node: no
    /// name starts there, as `longestMatchOfPossibleStart` would find after setting up its lists.
    /// Most words that pass the first-word test are such words ("the", of "The Saker"; "Turkish",
    /// "Syrian" of longer names). False when that is not known: for another `wordNode` than a
    /// node, or for a word whose abbreviation key also starts a path.
    @inline(__always) func needsMissingSecondWord(_ tokenizer: NameTokenizer, _ tokens: UnsafeBufferPointer<NameToken>,
                                                  at k: Int, wordNode: Int32) -> Bool {
        // (A node answers only for a word without Arabic alternatives: see `startNode`.)
        guard wordNode >= 0, tokens[k].acronymKey == 0, !trie.hasEntries(wordNode) else { return false }
        let next = k + 1
        guard next < tokens.count, tokens[next].joinsPrevious, trie.hasChildren(wordNode) else { return true }
        if trie.child(of: wordNode, key: tokenizer.wordKey(next)) != nil { return false }
        let acronymKey = tokens[next].acronymKey
        return acronymKey == 0 || trie.child(of: wordNode, key: acronymKey) == nil
    }

    /// `longestMatch` from token `start` without the first-word test (for tests).
    func longestMatchWithoutFirstWordTest(in tokenizer: NameTokenizer, at start: Int, caseSensitive: Bool) -> Match? {
        var scratch = MatchScratch()
        return longestMatchOfPossibleStart(in: tokenizer, at: start, caseSensitive: caseSensitive, scratch: &scratch)
    }

    /// `startNode` of token `k` (for tests).
    func startNode(_ tokenizer: NameTokenizer, at k: Int, caseSensitive: Bool, keyedByFirstWords: Bool) -> Int32 {
        tokenizer.tokens.withUnsafeBufferPointer { tokens in
            startNode(tokenizer, tokens.baseAddress! + k, caseSensitive: caseSensitive, keyedByFirstWords: keyedByFirstWords)
        }
    }

    /// Whether a key of a word with Arabic alternatives leads from the trie's root: its word key,
    /// abbreviation key (an Arabic word has none) or the key of an alternative. (Out of line:
    /// inlined into `startNode`, it made the loop of `knownMatches` cost more for every word.)
    @inline(never) private func anyKeyLeadsFromRoot(_ tokenizer: NameTokenizer, _ token: UnsafePointer<NameToken>) -> Bool {
        if token.pointee.acronymKey != 0 || trie.child(of: 0, key: tokenizer.wordKey(token.pointee)) != nil { return true }
        let alternatives = tokenizer.arabicAlternatives
        for a in tokenizer.alternativeIndices(of: token.pointee) where trie.child(of: 0, key: alternatives[a].key) != nil {
            return true
        }
        return false
    }

    /// The longest confirmed name starting at token `start`.
    func longestMatch(in tokenizer: NameTokenizer, at start: Int, caseSensitive: Bool) -> Match? {
        var scratch = MatchScratch()
        return longestMatch(in: tokenizer, at: start, caseSensitive: caseSensitive, scratch: &scratch)
    }

    /// Working arrays of `longestMatch`, kept across the words of one text so that trying a word
    /// allocates nothing.
    struct MatchScratch {
        var active = MatchList<(node: Int32, coreStart: Int)>()
        var next = MatchList<(node: Int32, coreStart: Int)>()
        var candidates = MatchList<(end: Int, node: Int32, coreStart: Int)>()
        var text = CandidateText()
        /// The list `knownMatches` returned last, for the next call to fill again (empty while one is out).
        var matches: [Match] = []
    }

    func longestMatch(in tokenizer: NameTokenizer, at start: Int, caseSensitive: Bool, scratch: inout MatchScratch) -> Match? {
        // Most words start no name: answer them before allocating anything.
        let possible = tokenizer.tokens.withUnsafeBufferPointer { tokens in
            mayStartName(tokenizer, tokens.baseAddress! + start, at: start, caseSensitive: caseSensitive)
        }
        if !possible { return nil }
        return longestMatchOfPossibleStart(in: tokenizer, at: start, caseSensitive: caseSensitive, scratch: &scratch)
    }

    /// `longestMatch` for a token that `mayStartName` accepted; `wordNode` is what `startNode`
    /// answered for it.
    private func longestMatchOfPossibleStart(in tokenizer: NameTokenizer, at start: Int, caseSensitive: Bool,
                                             scratch: inout MatchScratch, wordNode: Int32 = wordNodeUnknown) -> Match? {
        let tokens = tokenizer.tokens
        let first = tokens[start]
        // Paths alive after each token: (trie node, where the name starts in scalars).
        scratch.active.removeAll()
        scratch.next.removeAll()
        scratch.candidates.removeAll()
        if wordNode >= 0 {
            scratch.active.append((wordNode, first.range.lowerBound))
        } else if wordNode == Self.wordNodeUnknown, let node = trie.child(of: 0, key: tokenizer.wordKey(start)) {
            scratch.active.append((node, first.range.lowerBound))
        }
        if first.acronymKey != 0, let node = trie.child(of: 0, key: first.acronymKey) {
            scratch.active.append((node, first.range.lowerBound))
        }
        if first.alternativesIndex >= 0 {
            let alternatives = tokenizer.arabicAlternatives
            for a in tokenizer.alternativeIndices(of: first) {
                if let node = trie.child(of: 0, key: alternatives[a].key) { scratch.active.append((node, alternatives[a].coreStart)) }
            }
        }
        if scratch.active.isEmpty { return nil }

        var end = start + 1
        while !scratch.active.isEmpty {
            for p in 0..<scratch.active.count {
                let path = scratch.active[p]
                if trie.hasEntries(path.node) { scratch.candidates.append((end, path.node, path.coreStart)) }
            }
            guard end < tokens.count, tokens[end].joinsPrevious else { break }
            // A name that cannot go on needs no key of the next word (a word's key may cost a pass over its letters).
            var goesOn = false
            for p in 0..<scratch.active.count where trie.hasChildren(scratch.active[p].node) { goesOn = true; break }
            if !goesOn { break }
            let token = tokens[end]
            let wordKey = tokenizer.wordKey(end)
            scratch.next.removeAll()
            for p in 0..<scratch.active.count {
                let path = scratch.active[p]
                if let node = trie.child(of: path.node, key: wordKey) { scratch.next.append((node, path.coreStart)) }
                if token.acronymKey != 0, let node = trie.child(of: path.node, key: token.acronymKey) {
                    scratch.next.append((node, path.coreStart))
                }
            }
            swap(&scratch.active, &scratch.next)
            end &+= 1   // (a token index: no overflow to check)
        }
        for c in stride(from: scratch.candidates.count - 1, through: 0, by: -1) {
            let candidate = scratch.candidates[c]
            var best: (alias: Int, score: Double)? = nil
            var haveText = false
            // The spelling itself scores above every variant, and the first one found wins: look
            // for it before scoring variants, which spares their edit distances.
            for entry in trie.entryRange(candidate.node) {
                let alias = trie.entry(entry)
                if isSpelling(alias, tokenizer: tokenizer, tokens: start..<candidate.end, caseSensitive: caseSensitive) {
                    best = (alias, 1.01)
                    break
                }
            }
            if best == nil {
                for entry in trie.entryRange(candidate.node) {
                    let alias = trie.entry(entry)
                    guard let score = confirm(alias, tokenizer: tokenizer, tokens: start..<candidate.end,
                                              caseSensitive: caseSensitive, text: &scratch.text, haveText: &haveText) else { continue }
                    if best == nil || score > best!.score { best = (alias, score) }
                    if score > 1 { break }   // the spelling itself: nothing can score higher
                }
            }
            if let best {
                let scalarStart = max(candidate.coreStart, tokens[start].range.lowerBound)
                return Match(tokens: start..<candidate.end,
                             scalarRange: scalarStart..<tokens[candidate.end - 1].range.upperBound, alias: best.alias)
            }
        }
        return nil
    }

    /// The letters of a stretch of text, computed once however many spellings it is tried against.
    /// Kept in `MatchScratch`, so that its storage is reused from one candidate to the next.
    ///
    /// The letters are written in place into a buffer that only grows: a text is tested against a
    /// spelling by the count, hash and bytes of its letters, and only the few texts scored as
    /// variants need them as an array of their own (`letters`). (Copies share the buffer: one
    /// text is read into one `CandidateText`.)
    struct CandidateText {
        /// The letters are `storage.bytes[0..<count]` (memory of its own rather than an array,
        /// so that writing and reading them needs no uniqueness check).
        private var storage = MatchLetterStorage(capacity: 64)
        /// The number of letters.
        private(set) var count = 0
        /// `letters`, once made after the last `read`.
        private var lettersArray: [UInt8]? = nil
        /// Where the letters of the last word start in `letters`.
        var lastStart = 0
        var lastLetters: ArraySlice<UInt8> { mutating get { letters[lastStart..<count] } }
        var folded: [UInt8]? = nil
        /// `NameKey.hash(letters)`.
        var lettersHash: UInt64 = 0
        /// The variant scores asked with letters read into this text (made on the first).
        private var variants: MatchVariantCache? = nil

        /// What `confirm` answered before, in this scratch, for alias `alias` and the letters read
        /// last (with where their last word starts); nil when it is not held.
        mutating func knownVariant(alias: Int) -> VariantMemoValue? {
            guard let variants else { return nil }
            return withExtendedLifetime(storage) {
                variants.score(alias: alias, letters: UnsafeBufferPointer(start: storage.bytes, count: count),
                               lastStart: lastStart, lettersHash: lettersHash)
            }
        }

        /// The answers `knownVariant(alias:)` gave (for tests).
        var knownVariantCount: Int { variants?.hits ?? 0 }

        /// Keeps `value` as `knownVariant(alias:)`'s answer for the letters read last.
        mutating func remember(_ value: VariantMemoValue, alias: Int) {
            if variants == nil { variants = MatchVariantCache() }
            withExtendedLifetime(storage) {
                variants!.keep(value, alias: alias, letters: UnsafeBufferPointer(start: storage.bytes, count: count),
                               lastStart: lastStart, lettersHash: lettersHash)
            }
        }

        /// The letters, as an array (made on the first request after each `read`).
        var letters: [UInt8] {
            mutating get {
                if let lettersArray { return lettersArray }
                let made = Array(UnsafeBufferPointer(start: storage.bytes, count: count))
                lettersArray = made
                return made
            }
        }

        /// True when the letters are `other[start..<start + count]`.
        ///
        /// Eight letters are compared at a time, the last eight (which may overlap the ones before)
        /// last; fewer than eight one by one. Pinned to `hasLettersPlain` by MatchCandidateTextTests.
        func hasLetters(_ other: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
            precondition(start >= 0 && start + count <= other.count)
            return withExtendedLifetime(storage) {
                let letters = storage.bytes
                guard count >= 8, let base = other.baseAddress else {
                    for k in 0..<count where letters[k] != other[start + k] { return false }
                    return true
                }
                // (Every load reads eight of the `count` letters of both: inside either memory.)
                let mine = UnsafeRawPointer(letters), theirs = UnsafeRawPointer(base + start)
                var k = 0
                while k + 8 < count {
                    if mine.loadUnaligned(fromByteOffset: k, as: UInt64.self) != theirs.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                        return false
                    }
                    k += 8
                }
                return mine.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    == theirs.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            }
        }

        /// The plain definition of `hasLetters`, one letter at a time.
        func hasLettersPlain(_ other: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
            precondition(start >= 0 && start + count <= other.count)
            return withExtendedLifetime(storage) {
                let letters = storage.bytes
                for k in 0..<count where letters[k] != other[start + k] { return false }
                return true
            }
        }

        // (Not inlined: inlined into `longestMatchOfPossibleStart` it cost more instructions there
        // than the call saves.)
        @inline(never) mutating func read(_ tokenizer: NameTokenizer, _ range: Range<Int>) {
            // (Tested first: storing nil into an optional array costs a release call even when it is nil.)
            if folded != nil { folded = nil }
            if lettersArray != nil { lettersArray = nil }
            tokenizer.tokens.withUnsafeBufferPointer { tokens in
                // At most one letter per scalar of the words.
                let capacity = tokens[range.upperBound - 1].range.upperBound - tokens[range.lowerBound].coreStart + 1
                if storage.capacity < capacity { storage = MatchLetterStorage(capacity: Swift.max(capacity, 2 * storage.capacity)) }
                var lastStart = 0
                var out = ScratchBytes(storage.bytes)
                // The letters hashed as they are written (as `NameKey.hash` hashes them).
                var h = NameKey.latinSeed
                tokenizer.scalars.withUnsafeBufferPointer { scalars in
                    for k in range {
                        let token = tokens.baseAddress! + k
                        lastStart = out.count
                        for s in token.pointee.coreStart..<token.pointee.range.upperBound {
                            let v = scalars[s].value
                            if v &- 0x61 < 26 {
                                out.append(UInt8(truncatingIfNeeded: v))
                                h = (h ^ UInt64(v)) &* 0x100000001b3
                                continue
                            }
                            // A capital ASCII letter (the first of most words) is its lower-case
                            // letter, as `appendLatinLetter` makes it.
                            if v &- 0x41 < 26 {
                                out.append(UInt8(truncatingIfNeeded: v | 0x20))
                                h = (h ^ UInt64(v | 0x20)) &* 0x100000001b3
                                continue
                            }
                            // (At most one letter per scalar.)
                            let before = out.count
                            NameKey.appendLatinLetter(v, into: &out)
                            if out.count > before { h = (h ^ UInt64(out[before])) &* 0x100000001b3 }
                        }
                    }
                }
                withExtendedLifetime(storage) {}
                count = out.count
                lettersHash = h == 0 ? 1 : h
                self.lastStart = lastStart
            }
        }
    }

    /// What `confirm` tests of an alias before its letters, copied out of the `AliasEntry` so that
    /// trying the many spellings under one key reads one array instead of following a reference each.
    struct AliasSummary {
        /// `NameKey.hash(letters)`: letters that differ in hash differ.
        var lettersHash: UInt64
        /// Where the alias's letters start in `EntityMatcher.aliasLetters`.
        var lettersStart: Int32
        var lettersCount: Int32
        var foldedCount: Int32
        var tokenCount: Int16
        var isArabic: Bool
        var joined: Bool
        var needsCapital: Bool
        var allAcronyms: Bool

        init(_ alias: AliasEntry, lettersStart: Int) {
            lettersHash = NameKey.hash(alias.letters)
            self.lettersStart = Int32(lettersStart)
            lettersCount = Int32(alias.letters.count)
            foldedCount = Int32(alias.folded.count)
            tokenCount = Int16(alias.rules.count)
            isArabic = alias.isArabic
            joined = alias.joined
            needsCapital = alias.rules.contains(.capitalised)
            allAcronyms = alias.allAcronyms
        }
    }

    /// The tests of `confirm` before the letters: the number of words and the case.
    @inline(__always) private func fitsShape(_ summary: AliasSummary, tokenizer: NameTokenizer, tokens range: Range<Int>,
                                             caseSensitive: Bool) -> Bool {
        // The alias is a run of tokens; a joined alias ("Kafr Zita" read as "Kafarzita") is one.
        guard summary.joined ? range.count == 1 : range.count == Int(summary.tokenCount) else { return false }
        // A name is written with a capital somewhere ("wa-Harid al-Mu'minin" may start in lower case),
        // which keeps "hama" and "syrian army" in running text from being read as names.
        if caseSensitive && summary.needsCapital {
            for k in range where tokenizer.tokens[k].startsUppercase { return true }
            return false
        }
        return true
    }

    /// True when the text's letters are the alias's letters (`AliasEntry.letters`).
    @inline(__always) private func hasLetters(_ text: CandidateText, of summary: AliasSummary) -> Bool {
        guard text.count == Int(summary.lettersCount) else { return false }
        return aliasLetters.withUnsafeBufferPointer { all in text.hasLetters(all, start: Int(summary.lettersStart)) }
    }

    /// True exactly when `confirm` gives alias `index` the score of the spelling itself (1.01).
    ///
    /// The text's letters are compared with the alias's as they are read, without `text`: most
    /// candidates are the spelling of their first alias, and writing and hashing their letters
    /// first (`CandidateText.read`, which `confirm` still does for the others) cost about twice
    /// the comparison. (Equal letters pass the length test of `confirm`.)
    private func isSpelling(_ index: Int, tokenizer: NameTokenizer, tokens range: Range<Int>, caseSensitive: Bool) -> Bool {
        let summary = aliasSummaries[index]
        if summary.isArabic { return false }
        guard fitsShape(summary, tokenizer: tokenizer, tokens: range, caseSensitive: caseSensitive) else { return false }
        return aliasLetters.withUnsafeBufferPointer { all in
            Self.tokensSpell(tokenizer, range, UnsafeBufferPointer(rebasing: all[Int(summary.lettersStart)..<Int(summary.lettersStart) + Int(summary.lettersCount)]))
        }
    }

    /// True when the letters of tokens `range` (as `CandidateText.read` reads them: each token's
    /// core, each scalar's `NameKey.appendLatinLetter`) are exactly `letters`. Pinned to
    /// `CandidateText.read` and its letters by MatchCandidateTextTests.
    static func tokensSpell(_ tokenizer: NameTokenizer, _ range: Range<Int>, _ letters: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let want = letters.baseAddress else { return lettersAreEmpty(tokenizer, range) }
        let n = letters.count
        return tokenizer.tokens.withUnsafeBufferPointer { tokens in
            tokenizer.scalars.withUnsafeBufferPointer { scalars in
                // (The scalars read as 32-bit values: `Unicode.Scalar.value` may be a call.)
                let values = UnsafeRawPointer(scalars.baseAddress!).assumingMemoryBound(to: UInt32.self)
                var o = 0
                for k in range {
                    let token = tokens.baseAddress! + k
                    for s in token.pointee.coreStart..<token.pointee.range.upperBound {
                        let v = values[s]
                        var letter: UInt8
                        if v &- 0x61 < 26 {
                            letter = UInt8(truncatingIfNeeded: v)
                        } else if v &- 0x41 < 26 {
                            letter = UInt8(truncatingIfNeeded: v | 0x20)
                        } else {
                            letter = Self.latinLetter(v)
                            if letter == 0 { continue }
                        }
                        if o == n || want[o] != letter { return false }
                        o &+= 1
                    }
                }
                return o == n
            }
        }
    }

    /// The letter `NameKey.appendLatinLetter` appends for a scalar, 0 for none (it appends at
    /// most one, never 0).
    @inline(never) private static func latinLetter(_ v: UInt32) -> UInt8 {
        var out = OneLetter()
        NameKey.appendLatinLetter(v, into: &out)
        return out.letter
    }

    /// The sink of `latinLetter`: the last letter appended.
    private struct OneLetter: NameKey.ByteSink {
        var letter: UInt8 = 0
        var isEmpty: Bool { letter == 0 }
        mutating func append(_ byte: UInt8) { letter = byte }
    }

    /// True when tokens `range` have no letters.
    @inline(never) private static func lettersAreEmpty(_ tokenizer: NameTokenizer, _ range: Range<Int>) -> Bool {
        var text = CandidateText()
        text.read(tokenizer, range)
        return text.count == 0
    }

    /// A score when `tokens` of the text may be read as alias `index`, nil when they may not.
    /// `text` holds the letters of `tokens` once `haveText` is true.
    private func confirm(_ index: Int, tokenizer: NameTokenizer, tokens range: Range<Int>, caseSensitive: Bool,
                         text: inout CandidateText, haveText: inout Bool) -> Double? {
        let summary = aliasSummaries[index]
        if summary.isArabic { return 1 }
        guard fitsShape(summary, tokenizer: tokenizer, tokens: range, caseSensitive: caseSensitive) else { return nil }
        if !haveText {
            text.read(tokenizer, range)
            haveText = true
        }
        let count = text.count, aliasCount = Int(summary.lettersCount)
        // Each letter more or fewer costs a whole edit, so a length far from the alias's fails the
        // spelling check below; answering that first spares the edit distances. (Equal letters
        // have equal lengths, so this answers no alias that the next test would accept.)
        if Double(abs(count - aliasCount)) > (1 - Self.spellingSimilarityThreshold) * Double(max(count, aliasCount)) { return nil }
        if count == aliasCount && text.lettersHash == summary.lettersHash && hasLetters(text, of: summary) { return 1.01 }
        if summary.allAcronyms { return nil }
        guard memoizesVariants else { return variantScore(index, summary, text: &text) }
        // The scratch's own answers first: no lock, no array of the letters, no hashing of the key
        // (bench-2k's matching stage asked the memo 12,936 times, about 550 instructions each).
        if let known = text.knownVariant(alias: index) { return known.score }
        let key = VariantMemoKey(alias: index, lastStart: text.lastStart, lettersHash: text.lettersHash, letters: text.letters)
        memoLock.lock()
        let known = variantMemo[key]
        memoLock.unlock()
        if let known {
            text.remember(known, alias: index)
            return known.score
        }
        let score = variantScore(index, summary, text: &text)
        memoLock.lock()
        if variantMemo.count >= Self.variantMemoLimit { variantMemo.removeAll() }
        variantMemo[key] = VariantMemoValue(score: score)
        memoLock.unlock()
        text.remember(VariantMemoValue(score: score), alias: index)
        return score
    }

    /// The score of `confirm` for a text that is not the alias's spelling: a function of the
    /// text's letters, where its last word starts, and the alias (which `VariantMemoKey` holds).
    private func variantScore(_ index: Int, _ summary: AliasSummary, text: inout CandidateText) -> Double? {
        let letters = text.letters
        if text.folded == nil { text.folded = NameKey.latinFolded(letters) }
        let threshold = summary.foldedCount <= 4 ? Self.shortNameSimilarityThreshold : Self.similarityThreshold
        // Each folded letter more or fewer is an edit too: a bound on the score below that spares
        // most edit distances (both tests answer nil, so their order changes nothing).
        let foldedCount = text.folded!.count, aliasFoldedCount = Int(summary.foldedCount)
        if foldedCount > 0 && aliasFoldedCount > 0 {
            let bound = 1 - Double(abs(foldedCount - aliasFoldedCount)) / Double(max(foldedCount, aliasFoldedCount))
            if bound < threshold { return nil }
        }
        let alias = aliases[index]
        if Self.isAdjectiveForm(text.lastLetters, of: alias.lastLetters) { return nil }
        // The folded forms can agree while the letters as written are far apart ("READ" and
        // "Riyadh", "Deal" and "Diyala"): ordinary words, not spellings of the name.
        guard let score = NameKey.similarity(text.folded!, alias.folded, atLeast: threshold),
              NameKey.similarity(letters, alias.letters, atLeast: Self.spellingSimilarityThreshold) != nil else { return nil }
        return score
    }

    /// Israeli, Iraqi, Lebanese, Iranian: adjectives and demonyms are not mentions of the place.
    static func isAdjectiveForm(_ word: ArraySlice<UInt8>, of name: [UInt8]) -> Bool {
        guard word.count > name.count, word.starts(with: name) else { return false }
        let suffix = word[(word.startIndex + name.count)...]
        return adjectiveSuffixes.contains { $0.elementsEqual(suffix) }
            && !(suffix.count == 1 && suffix.first == 0x73 && name.last == 0x69)   // Houthi -> Houthis is the group, not an adjective
    }

    private static let adjectiveSuffixes: [[UInt8]] =
        ["i", "is", "n", "ns", "an", "ans", "ian", "ians", "ish", "ese", "s"].map { Array($0.utf8) }

    private static func isDefiniteArticle(_ tokenizer: NameTokenizer, _ token: NameToken) -> Bool {
        let word = string(tokenizer.scalars, token.range)
        return word == "the" || word == "The" || word == "THE"
    }

    /// `string(_:_:)` of the scalars of `range` in the text `tokenizer` read, made without its
    /// passes when they are all ASCII (most names): the length is the number of scalars, and each
    /// scalar is its byte. (A String of up to 15 ASCII bytes is then made without a check of its
    /// UTF-8.) Pinned to `string(_:_:)` by MatchSurfaceTests.
    static func surface(_ range: Range<Int>, tokenizer: NameTokenizer) -> String {
        tokenizer.scalars.withUnsafeBufferPointer { surface($0, range) }
    }

    /// `surface(_:tokenizer:)` of `range` of `scalars`, the text's scalars.
    static func surface(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= scalars.count)
        let first = scalars.baseAddress! + range.lowerBound
        var bits: UInt32 = 0
        for k in 0..<range.count { bits |= first[k].value }
        if bits >= 0x80 { return string(scalars, range) }
        return String(unsafeUninitializedCapacity: range.count) { out in
            for k in 0..<range.count { out[k] = UInt8(truncatingIfNeeded: first[k].value) }
            return range.count
        }
    }

    /// The text of a scalar range, encoded by hand: appending to a UnicodeScalarView is several
    /// times slower, and every mention needs its surface.
    static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        scalars.withUnsafeBufferPointer { string($0, range) }
    }

    static func string(_ scalars: NameScalars, _ range: Range<Int>) -> String {
        scalars.withUnsafeBufferPointer { string($0, range) }
    }

    static func string(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> String {
        // The exact length, so that a short name is stored in the String itself rather than allocated.
        var length = 0
        for k in range {
            let v = scalars[k].value
            length += v < 0x80 ? 1 : (v < 0x800 ? 2 : (v < 0x10000 ? 3 : 4))
        }
        return String(unsafeUninitializedCapacity: length) { out in
            var o = 0
            for k in range {
                let v = scalars[k].value
                if v < 0x80 {
                    out[o] = UInt8(truncatingIfNeeded: v); o += 1
                } else if v < 0x800 {
                    out[o] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)); out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o += 2
                } else if v < 0x10000 {
                    out[o] = UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)); out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o += 3
                } else {
                    out[o] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)); out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
                    out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)); out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); o += 4
                }
            }
            return o
        }
    }

    // MARK: Discovered names

    private func register(_ name: DiscoveredName, tokenizer: NameTokenizer) -> Entity {
        register(name, surface: Self.string(tokenizer.scalars, name.scalarRange(in: tokenizer)))
    }

    /// Records a discovered name under its key; a new spelling of a known key becomes an alias.
    private func register(_ name: DiscoveredName, surface: String) -> Entity {
        let id = "disc:" + name.key
        lock.lock()
        defer { lock.unlock() }
        if var entity = discovered[id] {
            if entity.name != surface && !entity.aliases.contains(surface) {
                entity.aliases.append(surface)
                discovered[id] = entity
            }
            return entity
        }
        let entity = Entity(id: id, type: name.type, kind: name.placeKind, name: surface, discovered: true)
        discovered[id] = entity
        return entity
    }
}

/// The idle workspaces of a matcher, behind a lock of their own, taken twice per text. On Linux
/// the standard library's `Mutex` (an atomic exchange inlined where it is used), which costs a
/// fraction of `NSLock`'s calls; elsewhere an `NSLock` (`Mutex` needs macOS 15, the package
/// supports 13).
final class MatchWorkspacePool: @unchecked Sendable {
    /// Workspaces kept at the most (more threads than this at once make new ones).
    static let most = 16
    #if os(Linux)
    /// The workspace given back last, in a slot of its own: one thread matching text after text
    /// (the common case) takes and gives back this one, without the list's checks of its storage
    /// (about 170 instructions a text for the two through the list on bench-2k).
    private let recent = Mutex<MatchWorkspace?>(nil)
    /// The others.
    private let idle = Mutex<[MatchWorkspace]>([])

    func take() -> MatchWorkspace {
        let taken = recent.withLock { slot -> MatchWorkspace? in
            // (Moved out by a swap: no reference count changes.)
            var out: MatchWorkspace? = nil
            swap(&out, &slot)
            return out
        }
        if let taken { return taken }
        return idle.withLock { $0.popLast() } ?? MatchWorkspace()
    }

    /// (`consuming`, and moved into the slot by a swap: the caller's reference becomes the
    /// slot's, where a borrowed one was retained for it and then released by the caller.)
    func giveBack(_ workspace: consuming MatchWorkspace) {
        var moving: MatchWorkspace? = consume workspace
        recent.withLock { slot in
            if slot == nil { swap(&slot, &moving) }
        }
        guard let other = moving else { return }
        idle.withLock { idle in
            if idle.count < Self.most - 1 { idle.append(other) }
        }
    }
    #else
    private let lock = NSLock()
    private var idle: [MatchWorkspace] = []

    func take() -> MatchWorkspace {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? MatchWorkspace()
    }

    func giveBack(_ workspace: MatchWorkspace) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < Self.most { idle.append(workspace) }
    }
    #endif
}

/// What one call of `EntityMatcher.mentions(in:)` works with, kept for the next call: the key
/// cache, and the working lists of `longestMatch` with their storage. Used by one thread at a time.
final class MatchWorkspace {
    let keyCache = NameKeyCache()
    let tokenScratch = NameTokenScratch()
    let surfaces = MatchSurfaceCache()
    // (Not checked for exclusive access at run time: one thread uses a workspace at a time, and
    // `mentions(in:)` accesses each field once at a time.)
    @exclusivity(unchecked) var scratch = EntityMatcher.MatchScratch()
}

/// What `EntityMatcher.variantScore` depends on: the alias and the text's letters, with where the
/// text's last word starts. Hashed by the letters' hash, compared by the letters themselves.
struct VariantMemoKey: Hashable {
    var alias: Int
    var lastStart: Int
    /// `NameKey.hash(letters)`.
    var lettersHash: UInt64
    var letters: [UInt8]

    func hash(into hasher: inout Hasher) {
        // One word fed to the hasher rather than three (each costs the hasher's work): the
        // letters' hash, already well mixed, with the alias and the last word's start folded in.
        hasher.combine(lettersHash ^ (UInt64(truncatingIfNeeded: alias) &* 0x9E37_79B9_7F4A_7C15)
                       ^ (UInt64(truncatingIfNeeded: lastStart) &* 0xBF58_476D_1CE4_E5B9))
    }
}

struct VariantMemoValue {
    var score: Double?
}

/// Bytes for `EntityMatcher.CandidateText`'s letters, freed with it.
/// Recent answers of `EntityMatcher.confirm` for variant spellings, by alias and text, kept by one
/// scratch (one thread at a time) in front of the matcher's memo, which is shared and behind a
/// lock. Direct-mapped by the letters' hash and the alias; a slot holds the last answer that fell
/// there, returned only for the same alias, last word's start and letters (compared exactly).
/// Texts of more than `maxLetters` letters are not kept.
final class MatchVariantCache {
    static let slotCount = 256, maxLetters = 32
    private struct Slot {
        var alias: Int32 = -1
        var lastStart: Int32 = 0
        var count: Int32 = 0
        var hasScore = false
        var score = 0.0
        var lettersHash: UInt64 = 0
    }
    private let slots: UnsafeMutablePointer<Slot>
    /// `maxLetters` bytes per slot.
    private let letters: UnsafeMutablePointer<UInt8>
    /// Answers given from a slot (for tests).
    private(set) var hits = 0

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
        letters = .allocate(capacity: Self.slotCount * Self.maxLetters)
        letters.initialize(repeating: 0, count: Self.slotCount * Self.maxLetters)
    }

    deinit {
        slots.deallocate()
        letters.deallocate()
    }

    @inline(__always) private static func slot(alias: Int, lettersHash: UInt64) -> Int {
        Int(truncatingIfNeeded: ((lettersHash ^ UInt64(truncatingIfNeeded: alias) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9) >> 56)
            & (slotCount - 1)
    }

    func score(alias: Int, letters text: UnsafeBufferPointer<UInt8>, lastStart: Int, lettersHash: UInt64) -> VariantMemoValue? {
        let count = text.count
        guard count <= Self.maxLetters else { return nil }
        let k = Self.slot(alias: alias, lettersHash: lettersHash)
        let slot = slots[k]
        guard Int(slot.alias) == alias, slot.lettersHash == lettersHash, Int(slot.count) == count, Int(slot.lastStart) == lastStart
        else { return nil }
        let stored = letters + k * Self.maxLetters
        for j in 0..<count where stored[j] != text[j] { return nil }
        hits &+= 1
        return VariantMemoValue(score: slot.hasScore ? slot.score : nil)
    }

    func keep(_ value: VariantMemoValue, alias: Int, letters text: UnsafeBufferPointer<UInt8>, lastStart: Int, lettersHash: UInt64) {
        let count = text.count
        guard count <= Self.maxLetters, let base = text.baseAddress, alias <= Int(Int32.max), lastStart <= Int(Int32.max) else { return }
        let k = Self.slot(alias: alias, lettersHash: lettersHash)
        slots[k] = Slot(alias: Int32(truncatingIfNeeded: alias), lastStart: Int32(truncatingIfNeeded: lastStart),
                        count: Int32(truncatingIfNeeded: count), hasScore: value.score != nil, score: value.score ?? 0,
                        lettersHash: lettersHash)
        (letters + k * Self.maxLetters).update(from: base, count: count)
    }
}

final class MatchLetterStorage {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }
}

/// A list whose storage is kept when it is emptied, for the working lists of `longestMatch`:
/// emptying sets a count, where an array's `removeAll(keepingCapacity:)` goes through a generic
/// call of the standard library every time.
///
/// The elements are in memory of the list's own (`MatchListStorage`) rather than an array, whose
/// every write checked that it was not shared (a runtime call per append). Copies of a list share
/// that memory: a list is used through one `MatchScratch`, by one thread at a time, never copied
/// and then written through both copies. Elements are plain values (no references).
struct MatchList<Element> {
    private let storage = MatchListStorage<Element>()
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always) subscript(position: Int) -> Element {
        precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "match list index out of range")
        return storage.base[position]
    }

    @inline(__always) mutating func append(_ element: Element) {
        if count == storage.capacity { storage.grow() }
        (storage.base + count).initialize(to: element)
        count &+= 1   // (at most the storage's capacity: no overflow to check)
    }

    @inline(__always) mutating func removeAll() { count = 0 }
}

/// The memory of a `MatchList`: plain values, so that slots are written over without being
/// deinitialised first.
final class MatchListStorage<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init() {
        precondition(_isPOD(Element.self), "a match list holds plain values")
        capacity = 16
        base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Twice the room, the elements kept (all `capacity` slots are written when it grows).
    @inline(never) func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: capacity)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}

/// One spelling of a knowledge-base entity, compiled for matching. A class so that looking one
/// up while matching shares it instead of copying its arrays.
final class AliasEntry {
    enum TokenRule: Equatable {
        case acronym, capitalised, anyCase
    }

    let entityIndex: Int
    let keys: [UInt64]
    let isArabic: Bool
    /// One rule per token of the spelling (for a joined entry, the rules of the original tokens).
    let rules: [TokenRule]
    /// True for the run-together form of a multi-word spelling.
    let joined: Bool
    let allAcronyms: Bool
    /// Lower-case letters without articles, all tokens run together.
    let letters: [UInt8]
    let lastLetters: [UInt8]
    let folded: [UInt8]

    init(entityIndex: Int, keys: [UInt64], isArabic: Bool, rules: [TokenRule], joined: Bool, allAcronyms: Bool,
         letters: [UInt8], lastLetters: [UInt8], folded: [UInt8]) {
        self.entityIndex = entityIndex
        self.keys = keys
        self.isArabic = isArabic
        self.rules = rules
        self.joined = joined
        self.allAcronyms = allAcronyms
        self.letters = letters
        self.lastLetters = lastLetters
        self.folded = folded
    }

    static func make(name: String, tokenizer: NameTokenizer, entityIndex: Int) -> [AliasEntry] {
        let tokens = tokenizer.tokens
        let isArabic = tokens.contains { $0.script == .arabic }
        var keys: [UInt64] = []
        var rules: [TokenRule] = []
        var letters: [UInt8] = []
        var lastLetters: [UInt8] = []
        var arabicLetters: [UInt8] = []
        for token in tokens {
            lastLetters = []
            var arabic: [UInt8] = []
            if token.script == .arabic {
                NameKey.appendArabicNormalized(tokenizer.scalars, token.coreStart..<token.range.upperBound, into: &arabic)
            }
            for s in token.coreStart..<token.range.upperBound {
                NameKey.appendLatinLetter(tokenizer.scalars[s].value, into: &lastLetters)
            }
            letters += lastLetters
            arabicLetters += arabic
            let acronym = token.script == .latin && token.isAcronymShaped && token.uppercaseCount + token.lowercaseCount <= 4
            keys.append(acronym ? token.acronymKey : token.wordKey)
            if acronym {
                rules.append(.acronym)
            } else if token.startsUppercase {
                rules.append(.capitalised)
            } else {
                rules.append(.anyCase)
            }
        }
        let allAcronyms = rules.allSatisfy { $0 == .acronym }
        let entry = AliasEntry(entityIndex: entityIndex, keys: keys, isArabic: isArabic, rules: rules, joined: false,
                               allAcronyms: allAcronyms, letters: letters, lastLetters: lastLetters,
                               folded: NameKey.latinFolded(letters))
        var entries = [entry]
        // Multi-word names are also known run together: "Kafr Zita" is written "Kafarzita", كفر زيتا كفرزيتا.
        if tokens.count >= 2 && !rules.contains(.acronym) && !tokens.contains(where: { $0.script == .digits }) {
            let joinedKey: UInt64
            if isArabic {
                joinedKey = NameKey.hash(arabicLetters, seed: NameKey.arabicSeed)
            } else {
                var skeleton: [UInt8] = []
                NameKey.latinSkeleton(letters, into: &skeleton)
                joinedKey = NameKey.hash(skeleton)
            }
            entries.append(AliasEntry(entityIndex: entityIndex, keys: [joinedKey], isArabic: isArabic, rules: rules,
                                      joined: true, allAcronyms: allAcronyms, letters: letters, lastLetters: lastLetters,
                                      folded: entry.folded))
        }
        return entries
    }
}

/// A trie over token keys. Node 0 is the root.
///
/// Built with a dictionary per node; `freeze()` then lays every edge into one open-addressing
/// table, because looking up the first word of a possible name happens for every word of the
/// text and must be cheap.
struct NameTrie {
    private var children: [[UInt64: Int32]] = [[:]]
    private var entryLists: [[Int]] = [[]]
    /// After `freeze()`: the entries of node n are `entryValues[entryStarts[n]..<entryStarts[n + 1]]`.
    private var entryStarts: [Int32] = []
    private var entryValues: [Int32] = []
    /// After `freeze()`: whether node n has any child.
    private var childFlags: [Bool] = []
    /// One edge of the lookup table; the three fields side by side, so that a probe reads one place.
    private struct Slot {
        var key: UInt64 = 0
        var parent: Int32 = -1   // -1: empty
        var child: Int32 = 0
    }
    private var slots: [Slot] = []
    private var mask = 0

    mutating func insert(_ keys: [UInt64], entry: Int) {
        var node = 0
        for key in keys {
            if let next = children[node][key] {
                node = Int(next)
            } else {
                children.append([:])
                entryLists.append([])
                let next = Int32(children.count - 1)
                children[node][key] = next
                node = Int(next)
            }
        }
        entryLists[node].append(entry)
    }

    /// Builds the lookup table; call after the last `insert`.
    mutating func freeze() {
        entryStarts = [0]
        entryValues = []
        for list in entryLists {
            entryValues += list.map { Int32($0) }
            entryStarts.append(Int32(entryValues.count))
        }
        childFlags = children.map { !$0.isEmpty }
        let edges = children.reduce(0) { $0 + $1.count }
        var capacity = 16
        while capacity < edges * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = [Slot](repeating: Slot(), count: capacity)
        for (parent, map) in children.enumerated() {
            for (key, child) in map {
                var slot = NameTrie.mix(Int32(parent), key) & mask
                while slots[slot].parent != -1 { slot = (slot + 1) & mask }
                slots[slot] = Slot(key: key, parent: Int32(parent), child: child)
            }
        }
    }

    @inline(__always) private static func mix(_ parent: Int32, _ key: UInt64) -> Int {
        var h = key ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E3779B97F4A7C15)
        h ^= h >> 29
        h = h &* 0xBF58476D1CE4E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always) func child(of node: Int32, key: UInt64) -> Int32? {
        var slot = NameTrie.mix(node, key) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let found = slots[slot]
                if found.parent == -1 { return nil }
                if found.parent == node && found.key == key { return found.child }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always) func hasEntries(_ node: Int32) -> Bool { entryStarts[Int(node) + 1] > entryStarts[Int(node)] }

    @inline(__always) func hasChildren(_ node: Int32) -> Bool { childFlags[Int(node)] }

    /// Positions of the entries of a node, for `entry(_:)`; call after `freeze()`.
    @inline(__always) func entryRange(_ node: Int32) -> Range<Int> { Int(entryStarts[Int(node)])..<Int(entryStarts[Int(node) + 1]) }

    @inline(__always) func entry(_ position: Int) -> Int { Int(entryValues[position]) }
}
