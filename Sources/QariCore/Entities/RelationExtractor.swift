import Foundation

extension RelationKind {
    /// The place of the kind's raw value among all raw values in `<` order: comparing ranks is
    /// comparing raw values, without comparing strings (a test checks every pair).
    var rawValueRank: Int {
        switch self {
        case .affiliated_with: return 0
        case .allied_with: return 1
        case .backed_by: return 2
        case .fights: return 3
        case .formerly_known_as: return 4
        case .leader_of: return 5
        case .member_of: return 6
        case .part_of: return 7
        case .split_from: return 8
        }
    }
}

/// A relation stated in text, with the words that state it.
public struct TextRelation: Sendable, Equatable {
    public var subject: String
    public var kind: RelationKind
    public var object: String
    /// Scalar offsets of `evidence` in the text.
    public var range: Range<Int>
    /// The stating words, an exact substring of the text.
    public var evidence: String
    /// "high" when stated outright; "medium" when read from an adjective ("Turkish-backed"),
    /// an anaphor ("the group’s spokesperson") or a list of attackers.
    public var confidence: String?

    public init(subject: String, kind: RelationKind, object: String, range: Range<Int>, evidence: String, confidence: String?) {
        self.subject = subject
        self.kind = kind
        self.object = object
        self.range = range
        self.evidence = evidence
        self.confidence = confidence
    }
}

/// Reads stated relations from one line of text whose entity mentions are known.
///
/// The line is rewritten into a template in which every mention is a numbered placeholder, and
/// phrase patterns ("X (formerly Y)", "a breakaway faction of", "a coalition of A, B and C",
/// "X-backed", "the leader of", "clashes between X and Y"...) are matched on the template, so
/// that a pattern is written once for every spelling of every name. Mentions used as modifiers
/// ("al-Qaeda-linked", "anti-ISIS") and mentions inside parentheses get their own placeholder
/// kinds: they can be the object of "-linked" or "formerly", but never an actor in a fight.
public enum RelationExtractor {
    /// Relations stated in `text` (one line or paragraph). `mentions` are those `matcher` found in it.
    public static func relations(in text: String, mentions: [EntityMention], matcher: EntityMatcher) -> [TextRelation] {
        // Every rule needs at least one placeholder (a mention) to read a relation from.
        if mentions.isEmpty { return [] }
        // With one mention only a rule reading a nationality adjective ({D}) can give a relation:
        // every other rule needs two names, or an antecedent or topic mentioned before its match
        // (which holds the one mention), or people besides its object ("expelled from").
        var hasDemonym: Bool? = nil
        if mentions.count == 1 {
            // Kept: the layout below asks the same question of a line with one mention.
            hasDemonym = RelationExtractor.containsDemonym(text)
            if !hasDemonym! { return [] }
        }
        // The same holds when all mentions but one are places (role .place): no pattern takes a
        // place as a subject or object, an antecedent or a topic.
        // The matcher gives them in order: with strictly increasing starts any sort leaves them so.
        // By index, reading the starts only: the pairs of a zip are copies of the mentions.
        let inOrder = mentions.indices.dropFirst().allSatisfy { mentions[$0 - 1].range.lowerBound < mentions[$0].range.lowerBound }
        let sorted = inOrder ? mentions : mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let table = RelationEntityTable.of(matcher)
        var utf8 = text
        // Captured unretained: both outlive the call, and captured as they are, each was retained
        // and released twice per line.
        let tableRef = Unmanaged.passUnretained(table), matcherRef = Unmanaged.passUnretained(matcher)
        let template: RelationTemplate? = utf8.withUTF8 { bytes in
            RelationLayout.with(bytes, sorted, table: table, classify: { id in
                tableRef._withUnsafeGuaranteedRef { table in matcherRef._withUnsafeGuaranteedRef { table.role(id, matcher: $0) } }
            }) { layout in
            let key = RelationGatePrefilter.candidateKey(layout)
            if layout.nonPlaceCount < 2 {
                // Not looked for when no rule's placeholder counts and types fit the line (most such lines).
                guard RelationGatePrefilter.hasCandidates(key) else { return nil }
                if hasDemonym == nil { hasDemonym = RelationExtractor.containsDemonym(text) }
                if !hasDemonym! { return nil }
            }
            // No rule can pass its tests on the template: it is not built.
            return RelationCueEvents.recording { events in
                guard RelationGatePrefilter.mayPass(bytes, layout: layout, key: key, events: &events) else { return nil }
                return RelationTemplate.fromUTF8(text, bytes, sortedMentions: sorted, layout: layout, events: events)
            }
            }
        }
        guard let template else { return [] }
        // A rule is tried only where the template has the placeholders its pattern needs (counted
        // by role) and one of its cue words: an NSRegularExpression call costs far more than these
        // tests. A pattern that never crosses a sentence mark is run on the sentences that pass
        // them rather than on the whole line.
        var found: [TextRelation] = []
        var seen = SeenKeys()
        let packedGates = RelationGatePrefilter.gates
        let candidates = RelationGatePrefilter.candidateTable
        let key = candidates.key(template.placeholderCounts, template.actingTypes.bits)
        RelationRule.gates.withUnsafeBufferPointer { gates in
        RelationRule.all.withUnsafeBufferPointer { rules in
            // The tests read plain values; the rule itself (arrays, sets, a regular expression) is
            // read, in place, only for the few that pass them. The rules whose placeholder counts
            // and types the line has are looked up (`RelationGatePrefilter.CandidateTable`, which a
            // test compares with the tests of every gate), in their order; then their cue words.
            for candidate in Int(candidates.starts[key])..<Int(candidates.starts[key + 1]) {
                let index = Int(candidates.indexes[candidate])
                guard packedGates[index].cuesFit(template.cues) else { continue }
                // Neither copied: a copy of the rule retains and releases each of its references,
                // and its gate is over a hundred bytes.
                let gate = gates.baseAddress! + index
                let rule = rules.baseAddress! + index
                if rule.pointee.needs.demonym {
                    if hasDemonym == nil { hasDemonym = RelationExtractor.containsDemonym(text) }
                    if !hasDemonym! { continue }
                }
                // The rule's matches, without a copy of the rule when it has its own pattern.
                // `hits`: the stretch's cue words, where the matches of a rule that starts at one are looked for.
                func ruleMatches(_ range: NSRange, startsBefore startLimit: Int? = nil, hits: Range<Int>) -> [RelationMatch] {
                    if let pattern = rule.pointee.pattern {
                        return template.matches(pattern, subjectGroup: rule.pointee.subjectGroup, objectGroup: rule.pointee.objectGroup,
                                                in: range, startsBefore: startLimit, startCues: rule.pointee.startCueSet.map { ($0, hits) })
                    }
                    return template.matches(rule.pointee, in: range, startsBefore: startLimit)
                }
                // The relation is made once it is known to be new, in `found`: an array of the match's
                // relations, each copied into `found`, was made and freed for every match.
                // `found` and `seen` are passed in: captured by this function, each access to them
                // was checked for exclusivity at run time (swift_beginAccess, 1.3 M instructions on
                // bench-2k); an inout parameter is captured by non-escaping closures only, and checked
                // when compiled.
                func take(_ match: RelationMatch, _ found: inout [TextRelation], _ seen: inout SeenKeys) {
                    let kind = rule.pointee.kind
                    RelationRule.forEachRelation(of: rule, from: match, template: template, matcher: matcher, table: table) {
                        subject, object, range, evidence in
                        // The reverse is looked for only for a symmetric kind (`seenKeyPlainly` is the definition).
                        guard !seen.contains(subject, kind, object),
                              !(kind.isSymmetric && seen.contains(object, kind, subject)) else { return }
                        seen.insert(subject, kind, object)
                        // Room for a few at the first: grown one by one, the array was made anew at
                        // the second relation and the third.
                        if found.isEmpty { found.reserveCapacity(4) }
                        found.append(TextRelation(subject: subject, kind: kind, object: object, range: range, evidence: evidence,
                                                  confidence: rule.pointee.confidence))
                    }
                }
                if rule.pointee.scope != .line {
                    // The stretches are tested in place, by index: a segment is over a hundred bytes,
                    // which `for segment in` copied out for every rule, whether it passed or not.
                    // The template's segments are passed borrowed: chosen between them and the
                    // clauses into a constant, they were retained and released for every rule tried
                    // (31,700 times on bench-2k).
                    func tryStretches(_ stretches: [RelationTemplate.Segment], _ found: inout [TextRelation], _ seen: inout SeenKeys) {
                        for s in stretches.indices
                        where stretches[s].counts.satisfies(gate.pointee.needs) && gate.pointee.cuesFit(stretches[s].cues)
                            && gate.pointee.typesFit(stretches[s].actingTypes) {
                            var startLimit: Int? = nil
                            if rule.pointee.cueBetweenActors {
                                // A match starts before its first actor, and one of the rule's cue words
                                // lies after that actor's end: no match starts at or after the last such word.
                                let last = template.lastCueStart(of: gate.pointee, betweenActorsIn: stretches[s])
                                if last < 0 { continue }
                                startLimit = last
                            }
                            if let reach = rule.pointee.cueReach {
                                // A match starts at or before an actor that one of its cue words follows closely.
                                let bound = template.reachBound(of: gate.pointee, reach: reach, in: stretches[s])
                                if bound < 0 { continue }
                                startLimit = min(startLimit ?? bound, bound)
                            }
                            for match in ruleMatches(stretches[s].range, startsBefore: startLimit, hits: stretches[s].hits) {
                                take(match, &found, &seen)
                            }
                        }
                    }
                    if rule.pointee.scope == .sentence {
                        tryStretches(template.segments, &found, &seen)
                    } else {
                        tryStretches(template.clauses, &found, &seen)
                    }
                } else {
                    var startLimit: Int? = nil
                    if let reach = rule.pointee.cueReach {
                        let bound = template.reachBound(of: gate.pointee, reach: reach, in: template.wholeLine)
                        if bound < 0 { continue }
                        startLimit = bound
                    }
                    for match in ruleMatches(NSRange(location: 0, length: template.units.count), startsBefore: startLimit,
                                             hits: 0..<template.cueHits.count) { take(match, &found, &seen) }
                }
            }
        }
        }
        if found.count < 2 { return found }
        return found.sorted { ($0.range.lowerBound, $0.kind.rawValueRank) < ($1.range.lowerBound, $1.kind.rawValueRank) }
    }

    private static let demonymBytes: [[UInt8]] = demonyms.keys.sorted().map { Array($0.utf8) }

    /// The keys (`seenKeyPlainly`) of the relations a line gave: a few, kept as their subject, kind
    /// and object and compared one by one (key strings were written two to four times a relation,
    /// 5.4 M instructions on bench-2k, and allocated when longer than 15 bytes), in a set of key
    /// strings once there are many.
    ///
    /// Two keys whose ids hold no "|" are equal when their parts are: each has two bars, which
    /// split it into its parts (no character decomposes to a bar, so canonically equivalent keys
    /// have their bars at the same places of their decompositions). A key with a bar in an id has
    /// more than two, and equals no key without; two such keys are compared as key strings.
    struct SeenKeys {
        private var few: [(subject: String, kind: RelationKind, object: String, barred: Bool)] = []
        private var many: Set<String>? = nil
        static let most = 16

        /// True when either id holds a bar. (Through `withUTF8`: `utf8.contains` went byte by byte
        /// through the view's iterator, 10 M instructions on bench-2k.)
        @inline(__always) private static func barred(_ subject: String, _ object: String) -> Bool {
            var subject = subject, object = object
            @inline(__always) func hasBar(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
                bytes.baseAddress.map { memchr($0, 0x7C, bytes.count) != nil } ?? false
            }
            return subject.withUTF8(hasBar) || object.withUTF8(hasBar)
        }

        func contains(_ subject: String, _ kind: RelationKind, _ object: String) -> Bool {
            if let many { return many.contains(RelationExtractor.seenKey(subject, kind.rawValue, object)) }
            if few.isEmpty { return false }   // the first relation of most lines: no bar looked for
            let barred = SeenKeys.barred(subject, object)
            // By index, the parts compared in place: a copy of an entry retains its two strings.
            for k in few.indices where few[k].barred == barred {
                if barred {
                    if RelationExtractor.seenKey(few[k].subject, few[k].kind.rawValue, few[k].object)
                        == RelationExtractor.seenKey(subject, kind.rawValue, object) { return true }
                } else if few[k].kind == kind && few[k].subject == subject && few[k].object == object {
                    return true
                }
            }
            return false
        }

        mutating func insert(_ subject: String, _ kind: RelationKind, _ object: String) {
            if many != nil {
                many!.insert(RelationExtractor.seenKey(subject, kind.rawValue, object))
                return
            }
            if few.isEmpty { few.reserveCapacity(4) }   // as `found` in `relations`
            few.append((subject, kind, object, SeenKeys.barred(subject, object)))
            if few.count > SeenKeys.most { many = Set(few.map { RelationExtractor.seenKey($0.subject, $0.kind.rawValue, $0.object) }) }
        }
    }

    /// The plain definition of `seenKey`: the relation's key among those a line gave.
    static func seenKeyPlainly(_ subject: String, _ kind: String, _ object: String) -> String {
        subject + "|" + kind + "|" + object
    }

    /// `seenKeyPlainly`: the three strings' UTF-8 and the bars copied into one new string (an
    /// append to a string costs more than its bytes).
    static func seenKey(_ subject: String, _ kind: String, _ object: String) -> String {
        var subject = subject, kind = kind, object = object
        let count = subject.utf8.count + kind.utf8.count + object.utf8.count + 2
        return String(unsafeUninitializedCapacity: count) { out in
            var o = 0
            @inline(__always) func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                if let base = bytes.baseAddress { (out.baseAddress! + o).update(from: base, count: bytes.count) }
                o += bytes.count
            }
            subject.withUTF8 { put($0) }
            out[o] = 0x7C; o += 1   // "|"
            kind.withUTF8 { put($0) }
            out[o] = 0x7C; o += 1
            object.withUTF8 { put($0) }
            return o
        }
    }

    /// The plain definition of `containsDemonym`: a search for each adjective.
    static func containsDemonymPlainly(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in demonymBytes.contains { ByteSearch.contains(buffer, $0) } }
    }

    /// The adjectives by their first byte, an upper-case ASCII letter each, with their first four
    /// bytes as a word (compared before the rest: most capitalised words share no more than a letter).
    private static let demonymsByFirstByte: [[(prefix: UInt32, word: [UInt8])]] = {
        var table = [[(prefix: UInt32, word: [UInt8])]](repeating: [], count: 256)
        for word in demonymBytes {
            precondition(word.first.map { $0 &- 0x41 < 26 } ?? false, "a nationality adjective starts with an upper-case ASCII letter")
            precondition(word.count >= 4, "a nationality adjective has four bytes at least")
            let prefix = word.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            table[Int(word[0])].append((prefix, word))
        }
        return table
    }()

    /// True when the text holds a nationality adjective as written (case-sensitive, like the patterns).
    /// One pass: every adjective starts with an upper-case ASCII letter; eight bytes at a time, only
    /// those that are one are looked at.
    static func containsDemonym(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return false }
            let n = buffer.count
            let table = demonymsByFirstByte
            var i = 0
            @inline(__always) func startsOne(at k: Int) -> Bool {
                guard k + 4 <= n else { return false }   // no adjective is shorter
                let prefix = UnsafeRawPointer(base + k).loadUnaligned(as: UInt32.self)
                for (wordPrefix, word) in table[Int(base[k])] where wordPrefix == prefix && k + word.count <= n {
                    if word.withUnsafeBufferPointer({ memcmp(base + k + 4, $0.baseAddress! + 4, $0.count - 4) }) == 0 { return true }
                }
                return false
            }
            while i < n {
                if i + 8 <= n {
                    // Bytes 0x41...0x5A: their low seven bits at least 0x41 and below 0x5B (each sum
                    // below 0x100, so no carry crosses bytes), and their top bit clear. Only those are
                    // looked at: without the last test, the lead bytes of Arabic letters (0xD8...0xDA)
                    // were too, three times as many as the capitals in the bench corpora.
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let x = word & 0x7F7F_7F7F_7F7F_7F7F
                    var flagged = (x &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(x &+ 0x2525_2525_2525_2525) & ~word & 0x8080_8080_8080_8080
                    while flagged != 0 {
                        let k = i + flagged.trailingZeroBitCount >> 3
                        if startsOne(at: k) { return true }
                        flagged &= flagged &- 1
                    }
                    i += 8
                    continue
                }
                // The last bytes, one at a time.
                if base[i] &- 0x41 < 26 && startsOne(at: i) { return true }
                i += 1
            }
            return false
        }
    }

    /// Adjectives of nationality that stand for their state in "Turkish-backed", "Russian counterpart".
    /// Each maps to the state's English name, which the knowledge base resolves.
    static let demonyms: [String: String] = [
        "Turkish": "Turkey", "Russian": "Russia", "Iranian": "Iran", "American": "United States", "Syrian": "Syria",
        "Saudi": "Saudi Arabia", "Qatari": "Qatar", "Israeli": "Israel", "Emirati": "United Arab Emirates",
        "Jordanian": "Jordan", "Iraqi": "Iraq", "Lebanese": "Lebanon", "French": "France", "British": "United Kingdom",
        "Chinese": "China", "Egyptian": "Egypt", "Western": "",
    ]
}

/// The text with mentions replaced by placeholders, and the way back to text offsets.
///
/// Built in UTF-16 code units, the unit of NSRegularExpression's ranges, so that a match maps
/// back to the text through two arrays. While it is built, it is cut into sentences at the marks
/// that no pattern filler crosses (. ; ! ?), and each sentence records its placeholders and cue words.
final class RelationTemplate {
    enum Role: Int {
        /// A name that can act: the subject or object of a relation.
        case actor = 0
        /// Part of a compound modifier: "al-Qaeda-linked", "anti-ISIS", "US-backed".
        case modifier = 1
        /// Inside parentheses: "(formerly the Syrian branch of al-Qaeda)".
        case parenthetical = 2
        /// A place that stands for no state: scenery between actors, never an actor.
        case place = 3

        /// The private-use characters around a placeholder: U+E000 + 2 * role, and the next one.
        var open: UInt16 { 0xE000 + 2 * UInt16(rawValue) }
        var close: UInt16 { open + 1 }
    }

    /// A stretch of the template between sentence marks.
    /// The two small fields come right after `counts` (33 bytes), in the room its alignment
    /// leaves: last, `end` and `actingTypes` took 136 bytes a segment, and the builder's room for
    /// eight (1,120 bytes with the array's header) was past the largest block malloc keeps at
    /// hand for reuse (1,032), which cost about 370 instructions to allocate and more to free,
    /// for every template built. Now 120 bytes a segment, and 992 for eight.
    struct Segment {
        var range: NSRange
        var counts = PlaceholderCounts()
        /// The mark that ends it (0 at the end of the line).
        var end: UInt16 = 0
        /// The types its placeholders (places aside) act as.
        var actingTypes = TypeMask()
        var cues = CueSet()
        /// Where its first actor placeholder ends and its last one starts (-1: none).
        var firstActorEnd = -1
        var lastActorStart = -1
        /// Its cue words found, as indexes into `cueHits`.
        var hits: Range<Int> = 0..<0
    }

    /// The types the line's placeholders (places aside) act as.
    let actingTypes: TypeMask

    /// Cue words found in the template, in order: where each starts and ends, and its id.
    let cueHits: [(start: Int32, end: Int32, id: Int32)]

    /// Stretches between full stops and semicolons only: sentences joined across ! and ?. Made
    /// once, when a rule of that scope is first tried on the template.
    private(set) lazy var clauses: [Segment] = RelationTemplate.clauses(of: segments)

    /// The sentences joined across ! and ?.
    static func clauses(of segments: [Segment]) -> [Segment] {
        var result: [Segment] = []
        for segment in segments {
            if var last = result.last, last.end == 0x21 || last.end == 0x3F {
                last.range.length = segment.range.location + segment.range.length - last.range.location
                last.counts.actors += segment.counts.actors
                last.counts.modifiers += segment.counts.modifiers
                last.counts.parentheticals += segment.counts.parentheticals
                last.counts.any += segment.counts.any
                last.cues.formUnion(segment.cues)
                last.end = segment.end
                if last.firstActorEnd < 0 { last.firstActorEnd = segment.firstActorEnd }
                if segment.lastActorStart >= 0 { last.lastActorStart = segment.lastActorStart }
                last.hits = last.hits.lowerBound..<segment.hits.upperBound
                last.actingTypes.formUnion(segment.actingTypes)
                result[result.count - 1] = last
            } else {
                result.append(segment)
            }
        }
        return result
    }

    /// True when one of the rule's cue words lies after an actor and before another in the segment:
    /// where a pattern that runs from an actor to an actor must have it.
    func hasCue(of rule: RuleGate, betweenActorsIn segment: Segment) -> Bool {
        guard segment.firstActorEnd >= 0, segment.lastActorStart >= 0 else { return false }
        for k in segment.hits {
            let hit = cueHits[k]
            if Int(hit.start) >= segment.firstActorEnd && Int(hit.end) <= segment.lastActorStart && rule.cueSet.contains(Int(hit.id)) {
                return true
            }
        }
        return false
    }

    /// Where the last of the rule's cue words that lies after an actor and before another in the
    /// segment starts; -1 when there is none (then `hasCue` is false).
    func lastCueStart(of rule: RuleGate, betweenActorsIn segment: Segment) -> Int {
        guard segment.firstActorEnd >= 0, segment.lastActorStart >= 0 else { return -1 }
        for k in segment.hits.reversed() {
            let hit = cueHits[k]
            if Int(hit.start) >= segment.firstActorEnd && Int(hit.end) <= segment.lastActorStart && rule.cueSet.contains(Int(hit.id)) {
                return Int(hit.start)
            }
        }
        return -1
    }

    /// The whole template as one stretch, with all its cue words (for `reachBound` on a rule of the line).
    var wholeLine: Segment {
        var line = Segment(range: NSRange(location: 0, length: units.count))
        line.hits = 0..<cueHits.count
        return line
    }

    /// One past the start of the last actor placeholder of the segment that ends at most `reach`
    /// characters (a pair of surrogates is one) before one of the rule's cue words, with no actor
    /// placeholder between them; -1 when there is none. For a rule whose `RelationRule.cueReach`
    /// is `reach`, no match starts at or after it.
    func reachBound(of rule: RuleGate, reach: Int, in segment: Segment) -> Int {
        let from = segment.range.location
        var bound = -1
        units.withUnsafeBufferPointer { units in
            // The hits are in the order of their starts, and a hit gives a bound no later than one
            // past its start: from the last one back, until none can give a later bound.
            for k in segment.hits.reversed() {
                let hit = cueHits[k]
                let start = Int(hit.start)
                if start < bound { break }
                guard rule.cueSet.contains(Int(hit.id)) else { continue }
                // Back to the closest actor placeholder's end, counting the characters passed: four
                // units at a time while none ends an actor or is the second half of a pair (each is
                // then a character), then one at a time.
                var q = start - 1, characters = 0
                while q - 3 >= from && characters + 4 <= reach {
                    let x = RelationPattern.four(units, q - 3)
                    if RelationPattern.hasZeroLane(x ^ 0xE001_E001_E001_E001)
                        || RelationPattern.hasZeroLane((x & 0xFC00_FC00_FC00_FC00) ^ 0xDC00_DC00_DC00_DC00) { break }
                    q -= 4
                    characters += 4
                }
                while q >= from && units[q] != 0xE001 && characters <= reach {
                    if units[q] & 0xFC00 != 0xDC00 { characters += 1 }
                    q -= 1
                }
                guard q >= from, units[q] == 0xE001, characters <= reach else { continue }
                var open = q - 1
                while open >= from && units[open] != 0xE000 { open -= 1 }
                // No opening (a private-use character of the text): a match still starts before its cue word.
                bound = max(bound, open >= from ? open + 1 : start + 1)
            }
        }
        return bound
    }

    /// The text as scalars: given to the reference `init`, decoded from `source` on first use
    /// otherwise (only a relation's evidence needs it).
    private(set) lazy var text: [Unicode.Scalar] = NameTokenizer.scalars(of: source)
    private let source: String
    let mentions: [EntityMention]
    /// Each mention's role, by the mention's index (as a placeholder's digits give it, and as
    /// `mentionIndexes(in:)` reads them): `.actor` for a mention given no placeholder (it overlaps
    /// a mention before it), which no placeholder names. Given to the reference `init`; read from
    /// the placeholders' opening units (`Role.open`) and digits on first use otherwise (only a
    /// rule that looks for an antecedent or a topic asks), rather than kept in an array made for
    /// every template built.
    private(set) lazy var roles: [Role] = {
        var roles = [Role](repeating: .actor, count: mentions.count)
        for placeholder in placeholders {
            let open = units[placeholder.units.lowerBound]
            forEachMentionIndex(in: NSRange(location: placeholder.units.lowerBound, length: placeholder.units.count)) { index in
                roles[index] = Role(rawValue: Int(open - 0xE000) / 2)!
            }
        }
        return roles
    }()
    /// The template as UTF-16 code units, and as a String for NSRegularExpression (made only
    /// when a pattern is run: most lines pass no rule's tests).
    let units: [UInt16]
    private(set) lazy var string: String = RelationTemplate.string(fromUTF16: units)
    /// Placeholders in the whole template by role, and the cue words it holds.
    let placeholderCounts: PlaceholderCounts
    let cues: CueSet
    let segments: [Segment]
    /// Each placeholder: its template code units, the text offsets (scalars) it stands for, and
    /// where its mention starts in the source's UTF-8 (`textString` starts there), or -1 when not
    /// known (`fromUTF8` knows them; the reference `init` does not). Text between placeholders is
    /// copied as it is. The byte offsets are kept beside the rest rather than in an array of
    /// their own: an array is an allocation and a release for every template built.
    let placeholders: [(units: Range<Int>, text: Range<Int>, byte: Int)]

    /// A template from its parts, made by the reference `init` or by `RelationTemplate.fromUTF8`.
    init(source: String, mentions: [EntityMention], units: [UInt16],
         placeholders: [(units: Range<Int>, text: Range<Int>, byte: Int)], placeholderCounts: PlaceholderCounts,
         segments: [Segment], cues: CueSet, cueHits: [(start: Int32, end: Int32, id: Int32)], actingTypes: TypeMask) {
        self.source = source
        self.mentions = mentions
        self.units = units
        self.placeholders = placeholders
        self.placeholderCounts = placeholderCounts
        self.segments = segments
        self.cues = cues
        self.cueHits = cueHits
        self.actingTypes = actingTypes
    }

    /// `classify`: whether a mention's entity is a place that stands for no state, and the type
    /// it acts as (nil when unknown).
    /// How many mentions `init` gives a placeholder of a role other than place, counted up to 2.
    static func nonPlaceCount(_ scalars: [Unicode.Scalar], _ sorted: [EntityMention],
                              classify: (String) -> (isPlace: Bool, acting: EntityType?)) -> Int {
        var position = 0, depth = 0, count = 0
        for mention in sorted where mention.range.lowerBound >= position {
            while position < mention.range.lowerBound {
                let v = scalars[position].value
                if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                position += 1
            }
            if RelationTemplate.role(scalars, mention, depth: depth, classify: classify).role != .place {
                count += 1
                if count >= 2 { return count }
            }
            position = mention.range.upperBound
        }
        return count
    }

    /// The placeholder role of a mention at parenthesis `depth` (a modifier such as "US-backed",
    /// inside parentheses, a place that stands for no state, or else an actor) and the type its
    /// entity acts as.
    static func role(_ scalars: [Unicode.Scalar], _ mention: EntityMention, depth: Int,
                     classify: (String) -> (isPlace: Bool, acting: EntityType?)) -> (role: Role, acting: EntityType?) {
        role(of: mention.entityID, isModifier: RelationTemplate.isModifier(scalars, mention.range), depth: depth, classify: classify)
    }

    /// The same for a mention's entity id, told whether the mention is a modifier.
    @inline(__always) static func role(of entityID: String, isModifier: Bool, depth: Int,
                                       classify: (String) -> (isPlace: Bool, acting: EntityType?)) -> (role: Role, acting: EntityType?) {
        role(classify(entityID), isModifier: isModifier, depth: depth)
    }

    /// The same, told what `classify` gives for the mention's id.
    @inline(__always) static func role(_ classified: (isPlace: Bool, acting: EntityType?), isModifier: Bool,
                                       depth: Int) -> (role: Role, acting: EntityType?) {
        let (isPlace, acting) = classified
        if isModifier { return (.modifier, acting) }
        if depth > 0 { return (.parenthetical, acting) }
        return (isPlace ? .place : .actor, acting)
    }

    /// The plain definition of the template, which `fromUTF8` must give as well.
    /// `scalars`: the text's; `sortedMentions`: its mentions in the order of their starts.
    convenience init(scalars: [Unicode.Scalar], sortedMentions sorted: [EntityMention], classify: (String) -> (isPlace: Bool, acting: EntityType?)) {
        var roles = [Role](repeating: .actor, count: sorted.count)
        var units: [UInt16] = []
        units.reserveCapacity(scalars.count + 4 * sorted.count)
        var placeholders: [(units: Range<Int>, text: Range<Int>, byte: Int)] = []
        placeholders.reserveCapacity(sorted.count)
        var position = 0
        var depth = 0
        var counts = PlaceholderCounts()
        /// Where each placeholder that is no place starts, and the type its entity acts as.
        var placedTypes: [(start: Int, types: TypeMask)] = []
        func copy(upTo end: Int) {
            while position < end {
                let scalar = scalars[position]
                let v = scalar.value
                if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                if v < 0x10000 {
                    units.append(UInt16(truncatingIfNeeded: v))
                } else {
                    for unit in scalar.utf16 { units.append(unit) }
                }
                position += 1
            }
        }
        for (index, mention) in sorted.enumerated() where mention.range.lowerBound >= position {
            copy(upTo: mention.range.lowerBound)
            let (role, acting) = RelationTemplate.role(scalars, mention, depth: depth, classify: classify)
            if role != .place { placedTypes.append((units.count, acting.map(TypeMask.init) ?? TypeMask())) }
            roles[index] = role
            counts.add(role)
            let placeholderStart = units.count
            units.append(role.open)
            if index == 0 {
                units.append(0x30)
            } else {
                var digits = index
                let first = units.count
                while digits > 0 {
                    units.append(0x30 + UInt16(digits % 10))
                    digits /= 10
                }
                units[first...].reverse()
            }
            units.append(role.close)
            placeholders.append((placeholderStart..<units.count, mention.range, -1))
            position = mention.range.upperBound
        }
        copy(upTo: scalars.count)
        var (segments, cues, cueHits) = CueTable.shared.scan(units)
        var all = TypeMask()
        var k = 0
        for placed in placedTypes {
            while k + 1 < segments.count && segments[k + 1].range.location <= placed.start { k += 1 }
            segments[k].actingTypes.formUnion(placed.types)
            all.formUnion(placed.types)
        }
        self.init(source: String(String.UnicodeScalarView(scalars)), mentions: sorted, units: units,
                  placeholders: placeholders, placeholderCounts: counts, segments: segments, cues: cues,
                  cueHits: cueHits, actingTypes: all)
        self.roles = roles
        self.text = scalars
    }

    /// UTF-16 to a String, by hand: the standard library's transcoding is several times slower.
    static func string(fromUTF16 units: [UInt16]) -> String {
        String(unsafeUninitializedCapacity: units.count * 3) { out in
            var o = 0
            var i = 0
            let n = units.count
            while i < n {
                let u = UInt32(units[i])
                i += 1
                var v = u
                if u < 0x80 {
                    out[o] = UInt8(u); o += 1
                    continue
                }
                if u >= 0xD800 && u < 0xDC00, i < n, units[i] >= 0xDC00 && units[i] < 0xE000 {
                    v = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                    i += 1
                } else if u >= 0xD800 && u < 0xE000 {
                    v = 0xFFFD   // a lone surrogate
                }
                if v < 0x800 {
                    out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                } else if v < 0x10000 {
                    out[o] = UInt8(0xE0 | (v >> 12)); out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                } else {
                    out[o] = UInt8(0xF0 | (v >> 18)); out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[o + 3] = UInt8(0x80 | (v & 0x3F)); o += 4
                }
            }
            return o
        }
    }

    /// "al-Qaeda-linked", "US-backed", "anti-ISIS", "Pro-US": the name qualifies something else.
    static func isModifier(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        let after = range.upperBound + 1 < scalars.count
            ? (scalars[range.upperBound].value, scalars[range.upperBound + 1].value) : nil
        let lower = range.lowerBound
        let before = lower >= 4
            ? (scalars[lower - 4].value, scalars[lower - 3].value, scalars[lower - 2].value, scalars[lower - 1].value) : nil
        return isModifier(after: after, before: before)
    }

    /// The same from the two scalars after the name (nil: fewer follow) and the four before it
    /// (nil: fewer precede).
    static func isModifier(after: (UInt32, UInt32)?, before: (UInt32, UInt32, UInt32, UInt32)?) -> Bool {
        if let after, NameTokenizer.isHyphen(after.0), NameTokenizer.isLatinLetter(after.1) {
            return true
        }
        if let before {
            // "pro-" at the end, or "anti-" ("nti-" being all four scalars before): ASCII case folded.
            func lower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }
            let last4 = (lower(before.0), lower(before.1), lower(before.2), lower(before.3))
            if last4.0 == 0x70 && last4.1 == 0x72 && last4.2 == 0x6F && last4.3 == 0x2D { return true }   // pro-
            if last4.0 == 0x6E && last4.1 == 0x74 && last4.2 == 0x69 && last4.3 == 0x2D { return true }   // nti-
        }
        return false
    }

    /// The rule's matches inside `range` only; lookarounds and word boundaries do not see past
    /// its ends. Run by the rule's `RelationPattern` on the code units, or by NSRegularExpression
    /// on the template string when the pattern needs what `RelationPattern` does not do.
    /// `startsBefore`: matches that start at or after it are not looked for (those that start
    /// before it are the same); nil: no such bound.
    func matches(_ rule: RelationRule, in range: NSRange, startsBefore startLimit: Int? = nil) -> [RelationMatch] {
        if let pattern = rule.pattern {
            return matches(pattern, subjectGroup: rule.subjectGroup, objectGroup: rule.objectGroup, in: range, startsBefore: startLimit)
        }
        return rule.regex.matches(in: string, options: [], range: range).filter { match in
            startLimit.map { match.range.location < $0 } ?? true
        }.map { match in
            func group(_ name: String, _ present: Int) -> NSRange? {
                guard present > 0 else { return nil }
                let range = match.range(withName: name)
                return range.location == NSNotFound ? nil : range
            }
            return RelationMatch(range: match.range, s: group("s", rule.subjectGroup), o: group("o", rule.objectGroup))
        }
    }

    /// `matches(_:in:startsBefore:)` of a rule whose pattern is `pattern` and whose groups are
    /// `s` and `o` (the rule loop calls it with these rather than a copy of the rule).
    /// `startCues`: for a rule whose every match starts where one of these cue words does
    /// (`RelationRule.startCueSet`), the stretch's hits (`Segment.hits`): the pattern is run from
    /// the starts of those hits only.
    func matches(_ pattern: RelationPattern, subjectGroup s: Int, objectGroup o: Int, in range: NSRange,
                 startsBefore startLimit: Int? = nil, startCues: (set: CueSet, hits: Range<Int>)? = nil) -> [RelationMatch] {
        var found: [RelationMatch] = []
        // A closure of its own for each call: one local function passed to both boxed `found` on
        // the heap at every call.
        units.withUnsafeBufferPointer { units in
            guard let (set, hits) = startCues else {
                pattern.forEachMatch(in: units, range: range, startsBefore: startLimit) { found.append(RelationMatch(slots: $0, end: $1, s: s, o: o)) }
                return
            }
            // The hits are in the order of their starts: so are the starts kept.
            let startEnd = min(range.location + range.length, startLimit ?? Int.max)
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, hits.count)) { starts in
                var count = 0
                for k in hits {
                    let hit = cueHits[k]
                    if Int(hit.start) >= range.location && Int(hit.start) < startEnd && set.contains(Int(hit.id)) {
                        starts[count] = hit.start
                        count += 1
                    }
                }
                pattern.forEachMatch(in: units, range: range, startingOnlyAt: UnsafeBufferPointer(rebasing: starts[..<count])) {
                    found.append(RelationMatch(slots: $0, end: $1, s: s, o: o))
                }
            }
        }
        return found
    }

    func substring(_ range: NSRange) -> String {
        units.withUnsafeBufferPointer { units in
            String(decoding: UnsafeBufferPointer(rebasing: units[range.location..<(range.location + range.length)]), as: UTF16.self)
        }
    }

    /// Mention indexes whose placeholders lie in a template range.
    func mentionIndexes(in range: NSRange) -> [Int] {
        var indexes: [Int] = []
        forEachMentionIndex(in: range) { indexes.append($0) }
        return indexes
    }

    /// `mentionIndexes(in:)` given to `body` one by one, in order, without an array (a relation's
    /// subjects and objects are read from a group or two of its match).
    /// Outside a placeholder, four units at a time while none is a placeholder's opening or closing
    /// character (U+E000...U+E007; `forEachMentionIndexPlainly` is the definition): an antecedent
    /// or a topic is looked for among the mentions before its match, read from the line's start, one
    /// unit at a time at 6,800 instructions a call on bench-2k.
    @inline(__always) func forEachMentionIndex(in range: NSRange, _ body: (Int) -> Void) {
        units.withUnsafeBufferPointer { units in
            var value = 0
            var hasDigits = false
            var inside = false
            var k = range.location
            let end = range.location + range.length
            while k < end {
                if !inside {
                    while k + 4 <= end
                        && !RelationPattern.hasZeroLane((RelationPattern.four(units, k) & 0xFFF8_FFF8_FFF8_FFF8) ^ 0xE000_E000_E000_E000) {
                        k += 4
                    }
                    if k >= end { break }
                }
                RelationTemplate.readMentionIndexUnit(units[k], &inside, &value, &hasDigits, body)
                k += 1
            }
        }
    }

    /// One unit of a walk over placeholders (U+E000...U+E007 opening and closing them around a
    /// mention's index in digits): gives `body` the index a closing character ends. Both ways of
    /// walking (`forEachMentionIndex`, `forEachMentionIndexPlainly`) read each unit they stop at
    /// through this, so that they differ only in what they pass over.
    @inline(__always) static func readMentionIndexUnit(_ u: UInt16, _ inside: inout Bool, _ value: inout Int, _ hasDigits: inout Bool,
                                                       _ body: (Int) -> Void) {
        if u >= 0xE000 && u <= 0xE007 {
            if u & 1 == 0 {
                inside = true; value = 0; hasDigits = false
            } else {
                if inside && hasDigits { body(value) }
                inside = false
            }
        } else if inside {
            if u >= 0x30 && u <= 0x39 {
                value = value * 10 + Int(u - 0x30); hasDigits = true
            } else {
                inside = false   // not a placeholder after all
            }
        }
    }

    /// The plain definition of `forEachMentionIndex`, one unit at a time (a test compares them).
    func forEachMentionIndexPlainly(in range: NSRange, _ body: (Int) -> Void) {
        var value = 0
        var hasDigits = false
        var inside = false
        for k in range.location..<(range.location + range.length) {
            RelationTemplate.readMentionIndexUnit(units[k], &inside, &value, &hasDigits, body)
        }
    }

    /// The text offsets (scalars) a template code unit stands for: its scalar, or the whole mention.
    private func textOffsets(ofUnit unit: Int) -> Range<Int> {
        // The copied stretch holding the unit starts after the last placeholder before it, found
        // by halving: a long line holds hundreds of thousands (a 10 MB line took 15 s walking them).
        var runUnit = 0, runText = 0
        if let k = lastPlaceholder(count: placeholders.count, startingAtOrBefore: unit, start: { placeholders[$0].units.lowerBound }) {
            let placeholder = placeholders[k]
            if placeholder.units.contains(unit) { return placeholder.text }
            runUnit = placeholder.units.upperBound
            runText = placeholder.text.upperBound
        }
        @inline(__always) func isLowSurrogate(_ u: UInt16) -> Bool { u >= 0xDC00 && u < 0xE000 }
        var scalar = runText
        for k in runUnit..<unit where !isLowSurrogate(units[k]) { scalar += 1 }
        if isLowSurrogate(units[unit]) { scalar -= 1 }   // the second half of a pair
        return scalar..<(scalar + 1)
    }

    /// The last of the first `count` placeholders whose `start` is at most `offset` (starts grow
    /// with the index), or nil when none is.
    private func lastPlaceholder(count: Int, startingAtOrBefore offset: Int, start: (Int) -> Int) -> Int? {
        var low = 0, high = count   // the answer is below `high`, and every index below `low` qualifies
        while low < high {
            let mid = (low + high) / 2
            if start(mid) <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }

    /// Text offsets and text of a template range.
    func evidence(_ range: NSRange) -> (Range<Int>, String) {
        let lower = textOffsets(ofUnit: range.location).lowerBound
        let upper = textOffsets(ofUnit: range.location + range.length - 1).upperBound
        return (lower..<upper, textString(lower..<upper))
    }

    /// The text of the scalars in `range`: the bytes of the source's UTF-8 between them, which are
    /// those `EntityMatcher.string(text, range)` encodes; `text` need not be decoded for it.
    /// The walks to the range's ends go eight bytes at a time (`RelationLayout.advance`): one
    /// scalar at a time they took 2.8 M instructions of the relations stage on bench-2k.
    func textString(_ range: Range<Int>) -> String {
        var source = self.source
        return source.withUTF8 { bytes in
            // An empty text may have no base address; the range is empty then.
            guard let base = bytes.baseAddress else { return "" }
            var i = 0, scalar = 0, unused = 0
            // From the last placeholder that starts at or before the range, whose byte offset is known.
            let known = placeholders.first.map { $0.byte >= 0 } ?? false
            if let k = lastPlaceholder(count: known ? placeholders.count : 0, startingAtOrBefore: range.lowerBound,
                                       start: { placeholders[$0].text.lowerBound }) {
                i = placeholders[k].byte; scalar = placeholders[k].text.lowerBound
            }
            RelationLayout.advance(base, bytes.count, &i, &scalar, to: range.lowerBound, countingParentheses: false, depth: &unused)
            let from = i
            RelationLayout.advance(base, bytes.count, &i, &scalar, to: range.upperBound, countingParentheses: false, depth: &unused)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<i]), as: UTF8.self)
        }
    }
}

/// A match of a rule's pattern: its range and those of its groups "s" and "o" (nil: unset or absent).
struct RelationMatch {
    var range: NSRange
    var s: NSRange?
    var o: NSRange?

    func group(_ name: String) -> NSRange? { name == "s" ? s : name == "o" ? o : nil }
}

extension RelationMatch {
    /// The match whose capture slots and end `RelationPattern.forEachMatch` gives; `s` and `o`:
    /// the pattern's group numbers of "s" and "o" (0: none).
    @inline(__always) init(slots: UnsafeMutablePointer<Int>, end: Int, s: Int, o: Int) {
        @inline(__always) func group(_ g: Int) -> NSRange? {
            guard g > 0 else { return nil }
            let range = RelationPattern.range(slots, g)
            return range.location == NSNotFound ? nil : range
        }
        self.init(range: NSRange(location: slots[0], length: end - slots[0]), s: group(s), o: group(o))
    }
}

/// A set of cue words, one bit each.
struct CueSet {
    var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    mutating func insert(_ id: Int) {
        let bit = UInt64(1) << UInt64(id & 63)
        switch id >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    @inline(__always) func contains(_ id: Int) -> Bool {
        let bit = UInt64(1) << UInt64(id & 63)
        switch id >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    mutating func formUnion(_ other: CueSet) {
        bits.0 |= other.bits.0; bits.1 |= other.bits.1; bits.2 |= other.bits.2; bits.3 |= other.bits.3
    }

    @inline(__always) func intersects(_ other: CueSet) -> Bool {
        (bits.0 & other.bits.0) | (bits.1 & other.bits.1) | (bits.2 & other.bits.2) | (bits.3 & other.bits.3) != 0
    }
}

/// Every rule's cue words, found in one pass over a template's code units (ASCII case folded).
final class CueTable: @unchecked Sendable {
    static let shared = CueTable(RelationRule.cueWords)

    /// Cue words as lower-case code units, run together; word `id` is at
    /// `wordStarts[id]..<wordStarts[id + 1]`.
    private let wordUnits: [UInt16]
    private let wordStarts: [Int32]
    /// Ids of the cues that start with two ASCII units (first << 7 | second), at
    /// `bigramIDs[bigramStarts[b]..<bigramStarts[b + 1]]`.
    private let bigramStarts: [Int32]
    /// One bit per bigram that starts a cue: 2 KB, where `bigramStarts` takes 64 KB.
    private let bigramBits: [UInt64]
    private let bigramIDs: [Int32]
    /// The third unit of each cue in `bigramIDs` (0xFFFF: it has two), tested before the rest.
    private let bigramThirds: [UInt16]
    /// Ids of the cues that start with a unit above ASCII or have one unit.
    private let others: [(first: UInt16, id: Int32)]

    init(_ cues: [String]) {
        precondition(cues.count <= 256, "CueSet holds 256 cue words")
        let words = cues.map { Array($0.utf16) }
        var wordUnits: [UInt16] = [], wordStarts: [Int32] = [0]
        for word in words { wordUnits += word; wordStarts.append(Int32(wordUnits.count)) }
        var byBigram = [[Int32]](repeating: [], count: 128 * 128)
        var others: [(UInt16, Int32)] = []
        for (id, word) in words.enumerated() {
            if word.count >= 2, word[0] < 0x80, word[1] < 0x80 {
                byBigram[Int(word[0]) << 7 | Int(word[1])].append(Int32(id))
            } else if let first = word.first {
                others.append((first, Int32(id)))
            }
        }
        var bigramStarts: [Int32] = [0], bigramIDs: [Int32] = []
        for ids in byBigram { bigramIDs += ids; bigramStarts.append(Int32(bigramIDs.count)) }
        self.wordUnits = wordUnits
        self.wordStarts = wordStarts
        self.bigramStarts = bigramStarts
        var bigramBits = [UInt64](repeating: 0, count: 128 * 128 / 64)
        for (bigram, ids) in byBigram.enumerated() where !ids.isEmpty { bigramBits[bigram >> 6] |= 1 << UInt64(bigram & 63) }
        self.bigramBits = bigramBits
        self.bigramIDs = bigramIDs
        self.bigramThirds = bigramIDs.map { id in words[Int(id)].count > 2 ? words[Int(id)][2] : 0xFFFF }
        self.others = others
    }

    @inline(__always) private static func fold(_ u: UInt16) -> UInt16 { u &- 0x41 < 26 ? u | 0x20 : u }

    /// The template's sentences, with their placeholders and cue words, the cue words of the
    /// whole, and every cue word found. One pass; no closure captures its state, so that the
    /// loop runs without exclusivity checks.
    func scan(_ units: [UInt16]) -> ([RelationTemplate.Segment], CueSet, [(start: Int32, end: Int32, id: Int32)]) {
        var segments: [RelationTemplate.Segment] = []
        var all = CueSet()
        var hits: [(start: Int32, end: Int32, id: Int32)] = []
        let n = units.count
        var segmentStart = 0
        var counts = PlaceholderCounts()
        var cues = CueSet()
        var firstActorEnd = -1, lastActorStart = -1
        var firstHit = 0
        units.withUnsafeBufferPointer { u in
        wordUnits.withUnsafeBufferPointer { wordUnits in
        wordStarts.withUnsafeBufferPointer { wordStarts in
        bigramStarts.withUnsafeBufferPointer { bigramStarts in
        bigramIDs.withUnsafeBufferPointer { bigramIDs in
        bigramBits.withUnsafeBufferPointer { bigramBits in
        bigramThirds.withUnsafeBufferPointer { bigramThirds in
            var i = 0
            while i <= n {
                let c: UInt16 = i < n ? u[i] : 0
                if i == n || c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F {   // . ; ! ? and the end
                    var segment = RelationTemplate.Segment(range: NSRange(location: segmentStart, length: i - segmentStart))
                    segment.counts = counts
                    segment.cues = cues
                    segment.end = c
                    segment.firstActorEnd = firstActorEnd
                    segment.lastActorStart = lastActorStart
                    segment.hits = firstHit..<hits.count
                    segments.append(segment)
                    all.formUnion(cues)
                    segmentStart = i + 1
                    counts = PlaceholderCounts()
                    cues = CueSet()
                    firstActorEnd = -1; lastActorStart = -1
                    firstHit = hits.count
                    i += 1
                    continue
                }
                if c >= 0xE000 {
                    if c <= 0xE007 {
                        if c & 1 == 0 {
                            counts.add(RelationTemplate.Role(rawValue: Int(c - 0xE000) / 2)!)
                            if c == 0xE000 { lastActorStart = i }
                        } else if c == 0xE001 && firstActorEnd < 0 {
                            firstActorEnd = i + 1
                        }
                    }
                    i += 1
                    continue
                }
                let a = CueTable.fold(c)
                var k = 0, end = 0
                if a < 0x80 {
                    if i + 1 < n {
                        let b = CueTable.fold(u[i + 1])
                        if b < 0x80 {
                            let bigram = Int(a) << 7 | Int(b)
                            if bigramBits[bigram >> 6] & (1 << UInt64(bigram & 63)) != 0 {
                                k = Int(bigramStarts[bigram])
                                end = Int(bigramStarts[bigram + 1])
                            }
                        }
                    }
                    let third: UInt16 = k < end && i + 2 < n ? CueTable.fold(u[i + 2]) : 0xFFFE
                    while k < end {
                        let t = bigramThirds[k]
                        if t != 0xFFFF && t != third { k += 1; continue }
                        let id = Int(bigramIDs[k])
                        k += 1
                        let from = Int(wordStarts[id]), to = Int(wordStarts[id + 1])
                        guard i + (to - from) <= n else { continue }
                        var w = from + 2, j = i + 2   // the first two units are the bigram
                        while w < to && CueTable.fold(u[j]) == wordUnits[w] { w += 1; j += 1 }
                        if w == to {
                            cues.insert(id)
                            hits.append((Int32(i), Int32(j), Int32(id)))
                        }
                    }
                } else {
                    for other in others where other.first == a {
                        let id = Int(other.id)
                        let from = Int(wordStarts[id]), to = Int(wordStarts[id + 1])
                        guard i + (to - from) <= n else { continue }
                        var w = from, j = i
                        while w < to && CueTable.fold(u[j]) == wordUnits[w] { w += 1; j += 1 }
                        if w == to {
                            cues.insert(id)
                            hits.append((Int32(i), Int32(j), Int32(id)))
                        }
                    }
                }
                i += 1
            }
        }
        }
        }
        }
        }
        }
        }
        return (segments, all, hits)
    }
}

/// What a line or a sentence must have for a rule's pattern to be run on it.
struct RuleGate {
    let needs: PlaceholderCounts
    let cueSet: CueSet
    /// Further cue words one of which is needed too; nil when there are none.
    let moreCueSet: CueSet?
    let subjectMask: TypeMask
    let objectMask: TypeMask

    /// True when the cue words found include one of the rule's, and one of its further ones if it has them.
    @inline(__always) func cuesFit(_ found: CueSet) -> Bool {
        found.intersects(cueSet) && (moreCueSet.map { found.intersects($0) } ?? true)
    }

    /// False when placeholders acting as these types cannot give the rule both a subject and an
    /// object: a subject or object read from the matched names must act as one of its types.
    @inline(__always) func typesFit(_ present: TypeMask) -> Bool {
        (subjectMask.bits == 0 || present.intersects(subjectMask)) && (objectMask.bits == 0 || present.intersects(objectMask))
    }
}

/// A set of entity types, one bit each.
struct TypeMask {
    var bits: UInt8 = 0

    init() {}
    init(_ type: EntityType) {
        switch type {
        case .faction: bits = 1
        case .state_actor: bits = 2
        case .person: bits = 4
        case .place: bits = 8
        case .organization: bits = 16
        }
    }
    init(_ types: Set<EntityType>) { for type in types { bits |= TypeMask(type).bits } }

    mutating func formUnion(_ other: TypeMask) { bits |= other.bits }
    @inline(__always) func intersects(_ other: TypeMask) -> Bool { bits & other.bits != 0 }
}

/// How many placeholders of each role a template holds, or a pattern needs at the least.
struct PlaceholderCounts {
    var actors = 0
    var modifiers = 0
    var parentheticals = 0
    /// Placeholders of any role but place ({X} in a pattern takes any of them).
    var any = 0
    /// The pattern needs a nationality adjective ({D}).
    var demonym = false

    init() {}

    /// The least a pattern in `RelationRule.expand` shorthand needs: a list {L} needs one actor.
    init(pattern: String) {
        // The markers are "{", a letter and ":", which cannot overlap one another: occurrences are
        // counted where each of them starts.
        let bytes = Array(pattern.utf8)
        func count(_ marker: String) -> Int {
            let m = Array(marker.utf8)
            var found = 0
            var i = 0
            precondition(m.count == 3)
            while i + m.count <= bytes.count {
                if bytes[i] == m[0] && bytes[i + 1] == m[1] && bytes[i + 2] == m[2] { found += 1; i += m.count } else { i += 1 }
            }
            return found
        }
        actors = count("{A:") + count("{L:")
        modifiers = count("{M:")
        parentheticals = count("{P:")
        any = actors + modifiers + parentheticals + count("{X:")
        demonym = count("{D:") > 0
    }

    @inline(__always) mutating func add(_ role: RelationTemplate.Role) {
        switch role {
        case .actor: actors += 1; any += 1
        case .modifier: modifiers += 1; any += 1
        case .parenthetical: parentheticals += 1; any += 1
        case .place: break
        }
    }

    /// True when a template with these counts has what `needs` asks for.
    @inline(__always) func satisfies(_ needs: PlaceholderCounts) -> Bool {
        actors >= needs.actors && modifiers >= needs.modifiers && parentheticals >= needs.parentheticals && any >= needs.any
    }
}

/// One phrase pattern and the relations it states.
struct RelationRule {
    enum Subjects {
        /// The mentions in the named group.
        case group(String)
        /// The state a nationality adjective in the named group stands for.
        case demonym(String)
        /// Every person mention in the named group.
        case people(String)
        /// The nearest actor of a fitting type before the match: what "this faction" refers to.
        case antecedent
        /// The first actor of a fitting type in the text before the match: the topic that
        /// "the group" refers back to.
        case topic
    }

    let kind: RelationKind
    /// The pattern in shorthand, as written in the rule.
    let shorthand: String
    /// The pattern with its shorthand expanded (`expand`).
    let expanded: String
    /// The pattern for NSRegularExpression, compiled at each use: `RelationPattern` runs every
    /// rule (a test checks that none is left to this), and tests compare the two.
    var regex: NSRegularExpression { try! NSRegularExpression(pattern: expanded, options: []) }
    /// The same pattern for `RelationPattern`; nil when it uses what that does not do.
    let pattern: RelationPattern?
    /// Capture group numbers of "s" and "o" in the pattern (0: none).
    let subjectGroup: Int
    let objectGroup: Int
    let subjects: Subjects
    let objects: Subjects
    let subjectTypes: Set<EntityType>
    let objectTypes: Set<EntityType>

    /// The rule's tests, as plain values.
    var gate: RuleGate {
        RuleGate(needs: needs, cueSet: cueSet, moreCueSet: moreCues.isEmpty ? nil : moreCueSet,
                 subjectMask: subjectMask, objectMask: objectMask)
    }

    /// The types a subject (object) read from the match must act as; empty when it is not read
    /// from the match's names (an antecedent, a nationality adjective).
    let subjectMask: TypeMask
    let objectMask: TypeMask

    static func mask(_ selector: Subjects, _ types: Set<EntityType>) -> TypeMask {
        switch selector {
        case .group, .people: return TypeMask(types)
        case .antecedent, .topic, .demonym: return TypeMask()
        }
    }
    let confidence: String
    /// Lower-cased UTF-8 cue words; the rule is tried only on lines containing one of them.
    let cues: [String]
    /// Words one of which the line must hold as well (none: no such test).
    let moreCues: [String]
    /// The cue words as a set of `CueTable` ids.
    var cueSet: CueSet
    var moreCueSet: CueSet
    /// Placeholders a line must have for the pattern to match.
    let needs: PlaceholderCounts
    /// Where a match can lie: within a sentence (no . ; ! ? in it), within a clause (no . ;)
    /// or anywhere in the line. The pattern runs on each stretch that passes the tests.
    enum Scope { case sentence, clause, line }
    let scope: Scope
    /// True when the pattern runs from an actor to an actor ({A} or {L} first, {A} or {L} last):
    /// a cue word must then lie between two actors.
    let cueBetweenActors: Bool
    /// For a pattern that starts with an actor or a list of them, then a bounded filler (or
    /// words) that no actor placeholder is in: the most characters from the end of the
    /// (list's last) actor to the start of a cue word of the rule that every match holds after
    /// it, the actor being the last before that word. A match then starts at or before an actor
    /// so closely followed by a cue word (`RelationTemplate.reachBound`). Nil: no such bound.
    let cueReach: Int?
    /// Which of the rule's cue words every match starts with, case aside: `cues` for
    /// "(?:leader|chief|...) of", `moreCues` for "(?:The|the) (?:faction|group|...)" and for a
    /// nationality adjective {D:...} (`demonymCues`), or none. The pattern is then run from the
    /// starts of those words only (a test compares that run with the run from every unit).
    enum MatchStart { case anywhere, cue, moreCue }
    let matchStart: MatchStart
    /// The cue words of `matchStart` as a set of `CueTable` ids (`cueSet` or `moreCueSet`); nil for `.anywhere`.
    var startCueSet: CueSet? {
        switch matchStart {
        case .anywhere: return nil
        case .cue: return cueSet
        case .moreCue: return moreCueSet
        }
    }

    /// The relations `rule` states with `match`; `table`: `RelationEntityTable.of(matcher)`.
    /// The rule is read in place, field by field: a method called on `rule.pointee` copied the
    /// whole rule (retaining and releasing each of its strings, arrays, sets and its pattern).
    /// `body` is told each relation's subject, object, range and evidence (its kind and confidence
    /// are the rule's), subjects first, in the order found.
    static func forEachRelation(of rule: UnsafePointer<RelationRule>, from match: RelationMatch, template: RelationTemplate,
                                matcher: EntityMatcher, table: RelationEntityTable,
                                _ body: (_ subject: String, _ object: String, _ range: Range<Int>, _ evidence: String) -> Void) {
        if case .group(let name) = rule.pointee.objects, let range = match.group(name),
           RelationRule.isLocative(before: range, in: template) {
            return
        }
        let subjectIDs = ids(rule, subjects: true, match, template, matcher, table)
        let objectIDs = ids(rule, subjects: false, match, template, matcher, table)
        guard !subjectIDs.isEmpty, !objectIDs.isEmpty else { return }
        let (range, evidence) = template.evidence(match.range)
        subjectIDs.forEach { subject in
            objectIDs.forEach { object in
                if subject != object { body(subject, object, range, evidence) }
            }
        }
    }

    /// The ids of a match's subjects or objects, in the order found, each once: the first in place,
    /// the others in an array. Most matches name one of each, and an array of one was an
    /// allocation, 10,500 on bench-2k.
    struct IDs {
        private var first: String? = nil
        private var rest: [String] = []

        init() {}
        init(_ id: String) { first = id }

        var isEmpty: Bool { first == nil }

        func contains(_ id: String) -> Bool {
            guard let first else { return false }
            return first == id || rest.contains(id)
        }

        /// Adds an id (not one it holds: the callers look first).
        mutating func append(_ id: String) {
            if first == nil { first = id } else { rest.append(id) }
        }

        func forEach(_ body: (String) -> Void) {
            guard let first else { return }
            body(first)
            for id in rest { body(id) }
        }
    }

    /// The subjects (`subjects` true) or the objects of `rule` in `match`.
    private static func ids(_ rule: UnsafePointer<RelationRule>, subjects: Bool, _ match: RelationMatch, _ template: RelationTemplate,
                            _ matcher: EntityMatcher, _ table: RelationEntityTable) -> IDs {
        let selector = subjects ? rule.pointee.subjects : rule.pointee.objects
        let mask = subjects ? rule.pointee.subjectMask : rule.pointee.objectMask
        switch selector {
        case .group(let name), .people(let name):
            guard let range = match.group(name) else { return IDs() }
            var ids = IDs()
            template.forEachMentionIndex(in: range) { index in
                let id = template.mentions[index].entityID
                if let k = table.index(of: id) {
                    // The knowledge base's entity, read in place: a copy of an entity retains and
                    // releases each of its strings and arrays. As below, the entity it acts as by its
                    // index (`RelationEntityTable.actingIndex`).
                    if case .people = selector, table.type(at: k) != .person { return }
                    let actingIndex = table.actingIndex(k)
                    if actingIndex < 0 {
                        let acting = table.acting(table.entities[k], matcher: matcher)
                        if mask.intersects(TypeMask(acting.type)), !ids.contains(acting.id) { ids.append(acting.id) }
                        return
                    }
                    if mask.intersects(TypeMask(table.type(at: actingIndex))) {
                        let actingID = table.id(at: actingIndex)
                        if !ids.contains(actingID) { ids.append(actingID) }
                    }
                    return
                }
                guard let entity = table.entity(id, matcher: matcher) else { return }
                if case .people = selector, entity.type != .person { return }
                // A capital named for its state ("Ankara backs ...") acts as the state.
                let acting = table.acting(entity, matcher: matcher)
                // `mask` is `types` here (`RelationRule.mask`), one bit a type: no hashing.
                if mask.intersects(TypeMask(acting.type)), !ids.contains(acting.id) { ids.append(acting.id) }
            }
            return ids
        case .antecedent, .topic:
            let before = template.mentionIndexes(in: NSRange(location: 0, length: match.range.location))
            let order: [Int]
            if case .topic = selector { order = before } else { order = before.reversed() }
            // "anti-ISIS operations ... the current leader of the terrorist group": a modifier names a group too.
            for index in order where template.roles[index] == .actor || template.roles[index] == .modifier {
                guard let entity = table.entity(template.mentions[index].entityID, matcher: matcher) else { continue }
                if (subjects ? rule.pointee.subjectTypes : rule.pointee.objectTypes).contains(entity.type) { return IDs(entity.id) }
            }
            return IDs()
        case .demonym(let name):
            guard let range = match.group(name),
                  let state = RelationExtractor.demonyms[template.substring(range)], !state.isEmpty,
                  let entity = RelationDemonymStates.shared.resolve(state, matcher: matcher), !entity.discovered else { return IDs() }
            return IDs(entity.id)
        }
    }
}

extension RelationRule {
    private static let groupLike: Set<EntityType> = [.faction, .state_actor, .organization]
    /// Renamings and splits are what armed groups and organisations do, not states.
    private static let nonState: Set<EntityType> = [.faction, .organization]
    private static let armed: Set<EntityType> = [.faction, .state_actor]
    private static let person: Set<EntityType> = [.person]
    private static let states: Set<EntityType> = [.state_actor]

    /// Expands the pattern shorthand: {A:name} an actor, {M:name} a modifier, {P:name} a
    /// parenthetical mention, {L:name} a list of actors ("A, the B and C"), {W} one filler
    /// character that is no placeholder and ends no sentence, {D:name} a nationality adjective.
    /// The regular expression a pattern in shorthand stands for: the plain definition, which
    /// `expand` must give as well (a test compares them).
    static func expandPlainly(_ pattern: String) -> String {
        let any = "[\\x{E000}\\x{E002}\\x{E004}]\\d+[\\x{E001}\\x{E003}\\x{E005}]"
        let actor = "\\x{E000}\\d+\\x{E001}"
        let demonyms = RelationExtractor.demonyms.keys.sorted().joined(separator: "|")
        // ", the Turkish-backed ", " and several foreign Jihadi groups, including the "
        let listJoint = "(?:,| and|, and|,? as well as|,? or)(?:(?: [A-Za-z]+){0,3} groups?,? including)?(?: the| its| their)?(?: [\\w’'-]+-(?:led|backed|linked|affiliated|based|controlled))? "
        var expanded = pattern
        let replacements: [(String, (String) -> String)] = [
            ("A", { "(?<\($0)>\(actor))" }),
            ("M", { "(?<\($0)>\\x{E002}\\d+\\x{E003})" }),
            ("P", { "(?<\($0)>\\x{E004}\\d+\\x{E005})" }),
            ("X", { "(?<\($0)>\(any))" }),
            ("L", { "(?<\($0)>[“\"]?\(actor)[”\"]?(?:\(listJoint)[“\"]?\(actor)[”\"]?)*)" }),
            ("D", { "(?<\($0)>\\b(?:\(demonyms)))" }),
        ]
        for (letter, make) in replacements {
            while let open = expanded.range(of: "{\(letter):") {
                let close = expanded[open.upperBound...].firstIndex(of: "}")!
                let name = String(expanded[open.upperBound..<close])
                expanded.replaceSubrange(open.lowerBound...close, with: make(name))
            }
        }
        // Filler may hold modifiers, parentheticals and places, never another actor.
        // One character at a time; the lookahead for a negation runs only on the letters that
        // start one (the patterns are case-sensitive), which the regular expression engine
        // otherwise tries at every character of the filler.
        let negations = "not|never|stopped|no longer|behind|if|wants?|hopes?|hoped|would|could|might|tolerate|but|while|whereas|although|became|helped|dared"
        let negationInitials = "nsbiwhcmtad"
        expanded = expanded.replacingOccurrences(
            of: "{N}", with: "(?:[^\\x{E000}\\x{E001}.;!?\(negationInitials)]|(?!\\b\(byInitial(negations))\\b)[\(negationInitials)])")
        expanded = expanded.replacingOccurrences(of: "{W}", with: "[^\\x{E000}\\x{E001}.;!?]")
        return expanded
    }

    /// What `expandPlainly` gives, in one pass over the pattern's bytes: a marker "{A:name}" (and
    /// M, P, X, L, D) becomes its group, "{N}" and "{W}" their fillers. The replacements hold no
    /// marker of their own, so replacing them in one pass from the left is replacing them letter
    /// by letter. (Foundation's searches made this a tenth of the rules' set-up.)
    static func expand(_ pattern: String) -> String {
        let p = Array(pattern.utf8)
        let n = p.count
        var out: [UInt8] = []
        out.reserveCapacity(n * 4)
        let brace = UInt8(ascii: "{"), colon = UInt8(ascii: ":"), closing = UInt8(ascii: "}")
        var i = 0
        while i < n {
            let c = p[i]
            if c == brace && i + 2 < n {
                let letter = p[i + 1]
                if p[i + 2] == colon, let parts = ExpansionParts.marker[letter],
                   let close = p[(i + 3)...].firstIndex(of: closing) {
                    out += parts.head
                    out += p[(i + 3)..<close]
                    out += parts.tail
                    i = close + 1
                    continue
                }
                if p[i + 2] == closing && (letter == UInt8(ascii: "N") || letter == UInt8(ascii: "W")) {
                    out += letter == UInt8(ascii: "N") ? ExpansionParts.negationFiller : ExpansionParts.filler
                    i += 3
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The pieces `expand` writes, made once.
    private enum ExpansionParts {
        /// By marker letter: what comes before the group's name, and after it.
        static let marker: [UInt8: (head: [UInt8], tail: [UInt8])] = {
            let any = "[\\x{E000}\\x{E002}\\x{E004}]\\d+[\\x{E001}\\x{E003}\\x{E005}]"
            let actor = "\\x{E000}\\d+\\x{E001}"
            let demonyms = RelationExtractor.demonyms.keys.sorted().joined(separator: "|")
            let listJoint = "(?:,| and|, and|,? as well as|,? or)(?:(?: [A-Za-z]+){0,3} groups?,? including)?(?: the| its| their)?(?: [\\w’'-]+-(?:led|backed|linked|affiliated|based|controlled))? "
            let tails: [(Character, String)] = [
                ("A", ">\(actor))"),
                ("M", ">\\x{E002}\\d+\\x{E003})"),
                ("P", ">\\x{E004}\\d+\\x{E005})"),
                ("X", ">\(any))"),
                ("L", ">[“\"]?\(actor)[”\"]?(?:\(listJoint)[“\"]?\(actor)[”\"]?)*)"),
                ("D", ">\\b(?:\(demonyms)))"),
            ]
            var table: [UInt8: (head: [UInt8], tail: [UInt8])] = [:]
            for (letter, tail) in tails { table[letter.asciiValue!] = (Array("(?<".utf8), Array(tail.utf8)) }
            return table
        }()
        static let negationFiller: [UInt8] = {
            let negations = "not|never|stopped|no longer|behind|if|wants?|hopes?|hoped|would|could|might|tolerate|but|while|whereas|although|became|helped|dared"
            let negationInitials = "nsbiwhcmtad"
            return Array("(?:[^\\x{E000}\\x{E001}.;!?\(negationInitials)]|(?!\\b\(byInitial(negations))\\b)[\(negationInitials)])".utf8)
        }()
        static let filler: [UInt8] = Array("[^\\x{E000}\\x{E001}.;!?]".utf8)
    }

    /// `when`: words one of which the line must contain (lower-cased) for the pattern to be tried at all.
    /// Each NSRegularExpression call has a fixed cost far above a substring search, so lines
    /// without a cue word skip the rule.
    private static func rule(_ kind: RelationKind, _ pattern: String, _ subjects: Subjects, _ objects: Subjects,
                             _ subjectTypes: Set<EntityType>, _ objectTypes: Set<EntityType>, _ confidence: String = "high",
                             when cues: [String], and moreCues: [String] = [], reach: Int? = nil,
                             startingAt matchStart: MatchStart = .anywhere) -> RelationRule {
        let expanded = expand(pattern)
        let compiled = RelationPattern(expanded)
        func groupNumber(_ name: String) -> Int {
            if let compiled { return compiled.groupNames[name] ?? 0 }
            return expanded.contains("(?<\(name)>") ? 1 : 0
        }
        return RelationRule(kind: kind, shorthand: pattern, expanded: expanded,
                     pattern: compiled, subjectGroup: groupNumber("s"), objectGroup: groupNumber("o"),
                     subjects: subjects, objects: objects,
                     subjectTypes: subjectTypes, objectTypes: objectTypes,
                     subjectMask: mask(subjects, subjectTypes), objectMask: mask(objects, objectTypes), confidence: confidence,
                     cues: cues, moreCues: moreCues, cueSet: CueSet(), moreCueSet: CueSet(), needs: PlaceholderCounts(pattern: pattern),
                     scope: scope(pattern), cueBetweenActors: runsFromActorToActor(pattern), cueReach: reach,
                     matchStart: matchStart)
    }

    /// Where a pattern (in shorthand) can match: its fillers {W} and {N} exclude sentence marks;
    /// a dot, a [^...] class, \\S or \\W of its own may match one ("[^.;]" only ! and ?).
    static func scope(_ pattern: String) -> Scope {
        func staysInSentence(_ p: String) -> Bool {
            !p.contains(".") && !p.contains("[^") && !p.contains("\\S") && !p.contains("\\W") && !p.contains("!")
        }
        if staysInSentence(pattern) { return .sentence }
        if staysInSentence(pattern.replacingOccurrences(of: "[^.;]", with: "")) { return .clause }
        return .line
    }

    static func runsFromActorToActor(_ pattern: String) -> Bool {
        guard pattern.hasPrefix("{A:") || pattern.hasPrefix("{L:"), pattern.hasSuffix("}"),
              let open = pattern.range(of: "{", options: .backwards) else { return false }
        let last = pattern[open.lowerBound...]
        return (last.hasPrefix("{A:") || last.hasPrefix("{L:")) && !last.dropFirst().contains("{") && !last.dropFirst().contains("(")
    }

    /// Every cue word of every rule, each once: ids for `CueTable` and `CueSet`.
    static let cueWords: [String] = {
        var words: [String] = []
        for rule in rulesWithoutCueSets {
            for cue in rule.cues + rule.moreCues where !words.contains(cue) { words.append(cue) }
        }
        return words
    }()

    /// The tests of `all`, in the same order.
    static let gates: [RuleGate] = all.map(\.gate)

    static let all: [RelationRule] = rulesWithoutCueSets.map { rule in
        var rule = rule
        var set = CueSet()
        for cue in rule.cues { set.insert(cueWords.firstIndex(of: cue)!) }
        rule.cueSet = set
        var more = CueSet()
        for cue in rule.moreCues { more.insert(cueWords.firstIndex(of: cue)!) }
        rule.moreCueSet = more
        return rule
    }

    static let groupNouns = "groups?|factions?|coalitions?|militants|militant groups?|organi[sz]ations?|alliances?|outfits?|movements?|party|jihadists|rebels|formations?"
    /// `attackWords` as one group whose alternatives are grouped by their first letter: the same
    /// matches, tried in the same order, but the regular expression engine tests one letter
    /// where it tested every alternative at every position of a filler.
    static let attackAlternation = byInitial(attackWords)
    static let attackOrAttackByAlternation = byInitial(attackWords + "|attack by|offensive by|assault by")

    /// "(?:" + alternatives + ")" with alternatives that start with the same literal letter put in
    /// one group behind it, in their order. Alternatives with different first letters cannot
    /// match at the same place, so the order among groups does not matter.
    static func byInitial(_ alternation: String) -> String {
        var alternatives: [String] = []
        var depth = 0
        var current = ""
        for character in alternation {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == "|" && depth == 0 {
                alternatives.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        alternatives.append(current)
        var initials: [Character] = []
        var groups: [Character: [String]] = [:]
        for alternative in alternatives {
            let initial = alternative.first!
            precondition(initial.isLetter, "an alternative starts with a literal letter")
            if groups[initial] == nil { initials.append(initial) }
            groups[initial, default: []].append(String(alternative.dropFirst()))
        }
        return "(?:" + initials.map { "\($0)(?:" + groups[$0]!.joined(separator: "|") + ")" }.joined(separator: "|") + ")"
    }

    static let attackWords = "attack(?:ed|s|ing)?|launched|struck|strikes|shelled|shelling|targeted|targeting|bombed|bombing|bombarded|pounded|clash(?:ed|es)? with|fought|fighting|raided|assaulted|ambushed|surrounded|repelled|advance(?:d)? on|airstrikes|offensive|operations? against|confrontation with|opposing|confronting|counteroffensives?|war (?:on|against)|eliminate|liberation from|captured"
    private static let regionWords = "(?:north|south|east|west|central|northern|southern|eastern|western|north-?western|north-?eastern|south-?western|south-?eastern)"
    static let locativePattern = "(?:\\b(?:in|across|near|into|inside|throughout)(?: the)?(?: \(regionWords))?|\\b(?:of|from|to|on)(?: the)? \(regionWords)) $"
    static let locative = try! NSRegularExpression(pattern: locativePattern, options: [.caseInsensitive])
    /// The same for the usual case of 30 units without case folding surprises (`RelationPattern.isFoldFree`).
    static let foldFreeLocative = RelationPattern(locativePattern, ignoringCaseOnFoldFreeText: true)!

    /// "in western Iraq", "in central Syria": a state named as a place is no party to the relation.
    static func isLocative(before range: NSRange, in template: RelationTemplate) -> Bool {
        // Those 30 units alone: with the default bounds the expression sees no more of the
        // template, and the whole template need not be made a String.
        let start = max(0, range.location - 30)
        // Four units at a time while all four are printable ASCII (below 0x80; 0x60 added sets a
        // lane's bit 7 from 0x20 on, 1 added from 0x7F on), then one at a time: read one by one
        // through the template's array, isLocative took 6.59 M instructions on bench-2k, 5.02 M now.
        let foldFree = template.units.withUnsafeBufferPointer { units in
            var k = start
            while k + 4 <= range.location {
                let x = RelationPattern.four(units, k)
                guard x & 0xFF80_FF80_FF80_FF80 == 0,
                      (x &+ 0x0060_0060_0060_0060) & 0x0080_0080_0080_0080 == 0x0080_0080_0080_0080,
                      (x &+ 0x0001_0001_0001_0001) & 0x0080_0080_0080_0080 == 0 else { break }
                k += 4
            }
            while k < range.location {
                if !RelationPattern.isFoldFree(units[k]) { return false }
                k += 1
            }
            return true
        }
        if foldFree {
            guard endsWithLocativeWord(template.units, start, range.location) else { return false }
            return template.units.withUnsafeBufferPointer {
                !foldFreeLocative.matches(in: $0, range: NSRange(location: start, length: range.location - start)).isEmpty
            }
        }
        let before = RelationTemplate.string(fromUTF16: Array(template.units[start..<range.location]))
        return locative.firstMatch(in: before, options: [], range: NSRange(location: 0, length: range.location - start)) != nil
    }

    /// The words a match of `locativePattern` ends with, before its final space: each keyword,
    /// "the", each region word (after its hyphen, if it has one), lower case.
    static let locativeLastWords: [[UInt16]] = [
        "in", "across", "near", "into", "inside", "throughout", "the", "north", "south", "east", "west", "central",
        "northern", "southern", "eastern", "western", "northwestern", "northeastern", "southwestern", "southeastern",
    ].map { Array($0.utf16) }

    /// False when no match of `locativePattern` can end at `end` in units `start..<end` of fold-free
    /// text: every match ends with a space there, after one of `locativeLastWords` that follows no
    /// ASCII letter (a keyword after \b, "the" and a region word after a space, "western" after
    /// "north-"). So the ASCII letters before that space, case folded, must be one of those words;
    /// when they are "the", the letters before the space before it must be a keyword (the first six).
    /// "the" ends a match only after a keyword ("in the "): the word before it must be one.
    static func endsWithLocativeWord(_ units: [UInt16], _ start: Int, _ end: Int) -> Bool {
        guard let word = lastWord(units, start, end, among: locativeLastWords) else { return false }
        if word != 6 { return true }   // not "the"
        return lastWord(units, start, end - 4, among: locativeLastWords[0..<6]) != nil
    }

    /// Which of `words` the ASCII letters just before a space at `end - 1` spell, case folded; nil: none.
    private static func lastWord(_ units: [UInt16], _ start: Int, _ end: Int, among words: ArraySlice<[UInt16]>) -> Int? {
        guard end - start >= 3, units[end - 1] == 0x20 else { return nil }
        var k = end - 1
        while k > start && (units[k - 1] | 0x20) &- 0x61 < 26 { k -= 1 }
        let length = end - 1 - k
        for index in words.indices where words[index].count == length {
            let word = words[index]
            var j = 0
            while j < length && units[k + j] | 0x20 == word[j] { j += 1 }
            if j == length { return index }
        }
        return nil
    }

    private static func lastWord(_ units: [UInt16], _ start: Int, _ end: Int, among words: [[UInt16]]) -> Int? {
        lastWord(units, start, end, among: words[...])
    }

    /// The plain definition of `isLocative`: the expression alone, on every window (tests compare them).
    static func isLocativePlainly(before range: NSRange, in template: RelationTemplate) -> Bool {
        let start = max(0, range.location - 30)
        var foldFree = true
        for k in start..<range.location where !RelationPattern.isFoldFree(template.units[k]) { foldFree = false; break }
        if foldFree {
            return template.units.withUnsafeBufferPointer {
                !foldFreeLocative.matches(in: $0, range: NSRange(location: start, length: range.location - start)).isEmpty
            }
        }
        let before = RelationTemplate.string(fromUTF16: Array(template.units[start..<range.location]))
        return locative.firstMatch(in: before, options: [], range: NSRange(location: 0, length: range.location - start)) != nil
    }

    /// The nationality adjectives as cue words (lower case), for the rules that start with one
    /// ({D:...}): those are run from their hits only. A line that holds one as written holds it as
    /// a cue word, so that the gate of these rules turns away no line it let through before.
    static let demonymCues: [String] = RelationExtractor.demonyms.keys.sorted().map { $0.lowercased() }

    static let memberRoles = "officers?|commanders?|officials?|members?|clerics?|fighters?|spokesm[ae]n|spokesperson|operatives?|figures?|veterans?|ideologues?|deputy|militants?|judges?"

    private static let rulesWithoutCueSets: [RelationRule] = [
        // formerly_known_as
        rule(.formerly_known_as, "{A:s}{W}{0,60}?(?:formerly|previously|once) known as (?:the )?{X:o}", .group("s"), .group("o"), nonState, groupLike, when: ["known as"],
             // The filler and "previously " before "known as".
             reach: 60 + 11),
        rule(.formerly_known_as, "{A:s} \\((?:formerly|previously|once)(?: known as)? {P:o}\\)", .group("s"), .group("o"), nonState, groupLike, when: ["(formerly", "(previously", "(once"]),
        rule(.formerly_known_as, "{A:o},? (?:now|later) (?:known as|renamed(?: as)?|rebranded as) (?:the )?{A:s}", .group("s"), .group("o"), nonState, groupLike, when: ["known as", "renamed", "rebranded"]),
        // split_from
        rule(.split_from, "{A:s}{W}{0,80}?\\b(?:split|broke away|splintered|defected|seceded)(?: in \\d{4})? from (?:the )?{A:o}", .group("s"), .group("o"), nonState, groupLike, when: ["split", "broke away", "splintered", "defected", "seceded"],
             // The filler before the verb.
             reach: 80),
        rule(.split_from, "{A:s} (?:–|—|-|,|is|was) (?:only )?(?:a|an|the) (?:[\\w’'-]+ ){0,2}?(?:breakaway|splinter) (?:faction|group|organi[sz]ation|outfit|offshoot) (?:of|from) (?:the )?{A:o}", .group("s"), .group("o"), nonState, groupLike, when: ["breakaway", "splinter"]),
        // affiliated_with
        rule(.affiliated_with, "{M:o}-(?:linked|affiliated|aligned|inspired|loyal) (?:[\\w’'-]+ ){0,3}?(?:\(groupNouns))(?: {W}{0,40}?:|,)? (?:the )?{L:s}", .group("s"), .group("o"), groupLike, groupLike, when: ["-linked", "-affiliated", "-aligned", "-inspired", "-loyal"]),
        rule(.affiliated_with, "{A:s},? (?:is |was |as )?(?:the|an?|its) (?:[\\w’'-]+ ){0,2}?(?:affiliate|franchise|branch|wing|offshoot|arm) (?:of|for) (?:the )?{A:o}", .group("s"), .group("o"), groupLike, groupLike, when: ["affiliate", "franchise", "branch", "wing", "offshoot", "arm"]),
        rule(.affiliated_with, "{A:s} \\((?:formerly )?(?:the )?(?:[\\w’'-]+ ){0,2}?(?:affiliate|franchise|branch|wing|offshoot) of {P:o}", .group("s"), .group("o"), groupLike, groupLike, when: ["affiliate", "franchise", "branch", "wing", "offshoot"]),
        rule(.affiliated_with, "{A:s}[”\"’]? of (?:the )?{A:o}", .group("s"), .group("o"), [.organization], [.faction], when: [" of "]),
        rule(.affiliated_with, "{A:o}(?:’s|'s|’|')? (?:official )?(?:newspaper|news agency|magazine|mouthpiece|media (?:arm|outlet|wing)|weekly|outlet) (?:the )?{A:s}", .group("s"), .group("o"), [.organization], groupLike, when: ["newspaper", "news agency", "magazine", "mouthpiece", "media", "weekly", "outlet"]),
        // allied_with
        rule(.allied_with, "{A:s},? (?:a |an |the |its )?(?:close |key |main |staunch |longtime |long-time )?(?:ally|allies|partner) (?:of|to) (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["ally", "allies", "partner"]),
        rule(.allied_with, "{A:o} (?:ally|allies) (?:the )?{L:s}", .group("s"), .group("o"), armed, armed, when: ["ally", "allies"]),
        rule(.allied_with, "{A:o},? (?:or|and) (?:its|their) allies,? (?:like |such as |including |from |in )?(?:the )?{L:s}", .group("s"), .group("o"), armed, armed, when: ["allies"]),
        rule(.allied_with, "{L:s}{W}{0,40}?(?:allied|aligned) (?:itself |themselves )?with (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["allied", "aligned"],
             // A closing quote and the filler before the verb.
             reach: 1 + 40),
        rule(.allied_with, "(?<s>[وبفلك]?\\x{E000}\\d+\\x{E001}(?:\\s*[و،]\\s*[وبفلك]?\\x{E000}\\d+\\x{E001})*)،?\\s*ك?حليف\\S*\\s+ل?{A:o}", .group("s"), .group("o"), armed, armed, when: ["حليف"]),
        // backed_by
        rule(.backed_by, "{M:o}-(?:backed|supported|sponsored|funded|armed|trained) (?:[\\w’'-]+ ){0,3}?{A:s}", .group("s"), .group("o"), armed, groupLike, when: ["-backed", "-supported", "-sponsored", "-funded", "-armed", "-trained"]),
        rule(.backed_by, "{D:o}-(?:backed|supported|sponsored|funded|armed|trained) (?:[\\w’'-]+ ){0,3}?{A:s}", .group("s"), .demonym("o"), armed, states, "medium", when: ["-backed", "-supported", "-sponsored", "-funded", "-armed", "-trained"],
             and: demonymCues, startingAt: .moreCue),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:an? |the )?(?:[\\w’'-]+ ){0,2}?{M:o}-(?:backed|supported|sponsored)", .group("s"), .group("o"), armed, groupLike, when: ["-backed", "-supported", "-sponsored"]),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:an? |the )?(?:[\\w’'-]+ ){0,2}?{D:o}-(?:backed|supported|sponsored)", .group("s"), .demonym("o"), armed, states, "medium", when: ["-backed", "-supported", "-sponsored"]),
        rule(.backed_by, "{A:s}{W}{0,60}?\\b(?:financed|funded|supported|backed|sponsored|armed)(?: and (?:financed|funded|supported|backed|sponsored|armed))? by (?:the )?{A:o}", .group("s"), .group("o"), armed, groupLike, when: ["financed", "funded", "supported", "backed", "sponsored", "armed"],
             // The filler before the verb.
             reach: 60),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:the |a |an )?(?:main |principal |chief )?proxy(?: force| group| militia)? (?:of|for) (?:the )?{A:o}", .group("s"), .group("o"), armed, groupLike, when: ["proxy"]),
        rule(.backed_by, "{A:o} (?:backs|supports|funds|arms|sponsors|backed|supported|funded|armed|sponsored) (?:the )?{A:s}", .group("s"), .group("o"), [.faction], groupLike, when: ["backs", "supports", "funds", "arms", "sponsors", "backed", "supported", "funded", "armed", "sponsored"]),
        // leader_of
        rule(.leader_of, "{A:s},? (?:the |its |their )?(?:current |late |slain |former |founding |new |self-proclaimed |top |overall )?(?:leader|chief|head|emir|founder|caliph|commander-in-chief) of (?:the )?{A:o}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "caliph", "commander-in-chief"]),
        rule(.leader_of, "(?:leader|chief|head|emir|founder|[Dd]irector|[Cc]ommander) of (?:the )?{W}{0,30}?{A:o},? (?:[A-Z][a-z]*\\.? ){0,3}{A:s}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "director", "commander"],
             startingAt: .cue),
        rule(.member_of, "(?:leader|chief|head|emir) of (?:the )?{A:o},? \\x{E000}\\d+\\x{E001} and his (?:deputy|aide|lieutenant|second-in-command|spokesm[ae]n) {A:s}", .group("s"), .group("o"), person, groupLike, when: ["and his"]),
        rule(.member_of, "\\b(?:the|The) (?:group|movement|organi[sz]ation|faction|militant group|coalition)(?:’s|'s) (?:[\\w-]+ )?(?:\(memberRoles)),? (?:[A-Z][a-z]*\\.? ){0,3}{A:s}", .group("s"), .antecedent, person, [.faction], "medium", when: ["’s", "'s"], and: ["group’s", "group's", "movement’s", "movement's", "organisation’s", "organisation's", "organization’s", "organization's", "faction’s", "faction's", "coalition’s", "coalition's"]),
        rule(.backed_by, "\\b(?:They|It|The group|The militants|The faction) (?:receives?|gets?|obtains?|gains?) (?:[\\w,]+ ){0,5}?from (?:the )?{A:o}", .antecedent, .group("o"), [.faction], groupLike, "medium", when: ["receive", "get", "obtain", "gain"], and: [" from "]),
        rule(.leader_of, "{A:o}(?:’s|'s|’)? (?:current |late |slain |former |founding |new |self-proclaimed |top )?(?:leader|chief|head|emir|founder|commander-in-chief),? {A:s}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "commander-in-chief"]),
        rule(.leader_of, "{A:o}{W}{0,40}?(?:led|headed|commanded|founded) by (?:a {W}{0,30}? known as )?{A:s}", .group("s"), .group("o"), person, groupLike, when: ["led by", "headed by", "commanded by", "founded by"],
             // The filler before "led by".
             reach: 40),
        rule(.leader_of, "{D:o} (?:President|Prime Minister|Supreme Leader|King|Emir|Crown Prince|leader|counterpart) {A:s}", .group("s"), .demonym("o"), person, states, "medium", when: ["president", "prime minister", "supreme leader", "king", "emir", "crown prince", "leader", "counterpart"],
             and: demonymCues, startingAt: .moreCue),
        rule(.leader_of, "{A:o}(?:’s|'s|’)? (?:President|Prime Minister|Supreme Leader|King|Emir|Crown Prince) {A:s}", .group("s"), .group("o"), person, states, when: ["president", "prime minister", "supreme leader", "king", "emir", "crown prince"]),
        // member_of
        rule(.member_of, "{A:s},? (?:an?|the|another) (?:[\\w’'-]+ ){0,2}?{A:o} (?:\(memberRoles))\\b", .group("s"), .group("o"), person, groupLike, when: ["officer", "commander", "official", "member", "cleric", "fighter", "spokesm", "spokesperson", "operative", "figure", "veteran", "ideologue", "deputy", "militant", "judge"]),
        rule(.member_of, "{A:o} (?:[\\w’'-]+ )?(?:\(memberRoles)),? {L:s}", .group("s"), .group("o"), person, groupLike, when: ["officer", "commander", "official", "member", "cleric", "fighter", "spokesm", "spokesperson", "operative", "figure", "veteran", "ideologue", "deputy", "militant", "judge"]),
        rule(.member_of, "(?<s>[^.;]*?)\\bexpelled from (?:the )?{A:o}", .people("s"), .group("o"), person, groupLike, "medium", when: ["expelled from"]),
        rule(.member_of, "{L:s}\\.? (?:The|the) (?:new )?(?:coalition|alliance|operations room|group|umbrella),? (?:dubbed|named|called|known as) [“\"]?{A:o}", .group("s"), .group("o"), armed, armed, when: ["dubbed", "named", "called", "known as"],
             // A closing quote, ". The ", "new ", "operations room" and ", " before the verb.
             reach: 1 + 6 + 4 + 15 + 2),
        rule(.member_of, "{A:o},? (?:is |was )?(?:an? |the )?(?:[\\w’'-]+ ){0,3}?(?:coalition|alliance|umbrella group|operations room|union|merger) (?:of|between|comprising|including|made up of|formed by) (?:the )?{L:s}", .group("s"), .group("o"), armed, armed, when: ["coalition", "alliance", "umbrella", "operations room", "union", "merger"]),
        rule(.member_of, "{L:s}{W}{0,40}?(?:is|are|was|were|as|became) (?:a |an )?(?:founding )?members? of (?:the )?{A:o}", .group("s"), .group("o"), groupLike, groupLike, when: ["member"],
             // A closing quote, the filler, "became ", "an " and "founding " before "member".
             reach: 1 + 40 + 7 + 3 + 9),
        rule(.member_of, "{L:s} (?:joined|merged into) (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["joined", "merged into"]),
        rule(.part_of, "{A:s}{W}{0,80}?(?:, (?:a|an) |\\b(?:is|was|are|were|became) (?:a |an )?)part of (?:the )?{W}{0,40}?{A:o}", .group("s"), .group("o"), armed, armed, when: ["part of"],
             // The filler and "became an " before "part of".
             reach: 80 + 10),
        // fights
        rule(.fights, "(?:clashes|fighting|battles?|confrontations?|war|hostilities|skirmishes)(?: [\\w’'-]+){0,2}? between (?:the )?(?:forces of )?{A:s} and (?:the )?{W}{0,60}?{A:o}", .group("s"), .group("o"), armed, armed, when: ["between"]),
        rule(.fights, "{L:s}{N}{0,80}?\\b\(attackAlternation)\\b{N}{0,120}?{A:o}", .group("s"), .group("o"), armed, armed, "medium", when: ["attack", "launched", "struck", "strike", "shell", "targeted", "targeting", "bomb", "pounded", "clash", "fought", "fighting", "raided", "assaulted", "ambushed", "surrounded", "repelled", "advance", "offensive", "operation", "confrontation", "opposing", "confronting", "war ", "eliminate", "liberation from", "captured"],
             // A closing quote, the filler, and "counter" before "offensive".
             reach: 1 + 80 + 7),
        rule(.fights, "{A:s}{W}{0,80}?\\b(?:at the hands of|defeated by|routed by|expelled by|losses to)\\b (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["at the hands of", "defeated by", "routed by", "expelled by", "losses to"],
             // The filler before the words.
             reach: 80),
        rule(.fights, "{D:s} (?:air ?strikes?|drone strikes?|warplanes|jets|forces|troops|shelling|artillery|raids?)(?: {W}{0,40}?)? \\b(?:targeted|targeting|struck|hit|on|against)\\b{W}{0,40}?{A:o}", .demonym("s"), .group("o"), states, armed, "medium", when: ["strike", "warplanes", "jets", "forces", "troops", "shelling", "artillery", "raid"],
             and: demonymCues, startingAt: .moreCue),
        rule(.fights, "\\b(?:This|this) (?:very )?(?:faction|group|coalition|militant group|organi[sz]ation)(?:’s members)?{N}{0,40}?\\b\(attackAlternation)\\b{N}{0,60}?{A:o}", .antecedent, .group("o"), [.faction], armed, "medium", when: ["this "], and: ["faction", "group", "coalition", "organisation", "organization"],
             startingAt: .cue),
        rule(.fights, "\\b(?:The|the) (?:faction|group|coalition|militant group|organi[sz]ation)(?:’s members)?{N}{0,60}?\\b\(attackOrAttackByAlternation)\\b{N}{0,60}?{A:o}", .topic, .group("o"), [.faction], armed, "medium", when: ["attack", "launched", "struck", "strike", "shell", "targeted", "targeting", "bomb", "pounded", "clash", "fought", "fighting", "raided", "assaulted", "ambushed", "surrounded", "repelled", "advance", "offensive", "operation", "confrontation", "opposing", "confronting", "war ", "eliminate", "liberation from", "captured", "attack by", "offensive by", "assault by"], and: ["the faction", "the group", "the coalition", "the militant group", "the organisation", "the organization"],
             startingAt: .moreCue),
        // anaphors for leaders, backers and kin groups
        rule(.leader_of, "\\b(?:the|its|their) (?:[\\w-]+ )?(?:group|movement|organi[sz]ation|faction)(?:’s|'s)? (?:current |late |slain |new )?(?:leader|chief|head|emir),? {A:s}", .group("s"), .antecedent, person, [.faction], "medium", when: ["leader", "chief", "head", "emir"], and: ["group", "movement", "organisation", "organization", "faction"]),
        rule(.leader_of, "{A:s},? the (?:current |late |slain |new |former )?(?:leader|chief|head|emir) of the (?:[\\w-]+ )?(?:group|movement|organi[sz]ation|faction)\\b", .group("s"), .antecedent, person, [.faction], "medium", when: ["leader", "chief", "head", "emir"]),
        rule(.affiliated_with, "{A:s}[”\"]? (?:is|was) (?:in fact |actually )?an? (?:[\\w-]+ ){0,2}(?:variant|version|offshoot|extension|expansion|successor|incarnation) of {W}{0,60}?{A:o}", .group("s"), .group("o"), nonState, groupLike, when: ["variant", "version", "offshoot", "extension", "expansion", "successor", "incarnation"]),
        rule(.backed_by, "{A:o}{W}{0,40}? (?:will |would )?(?:reportedly |allegedly )?(?:support|back|fund|arm|train)s? (?:the )?(?:new )?(?:group|faction|militants|formation)\\b", .antecedent, .group("o"), [.faction], groupLike, "medium", when: ["support", "back", "fund", "arm", "train"], and: ["group", "faction", "militants", "formation"],
             // The filler, a space, "would " and "reportedly " before the verb.
             reach: 40 + 1 + 6 + 11),
        rule(.backed_by, "{M:o}-(?:backed|supported|sponsored|funded) (?:[\\w’'-]+ ){0,2}?(?:group|faction|militants|rebels|outfit)\\b(?!,? (?:the )?[“\"]?\\x{E000})", .topic, .group("o"), [.faction], groupLike, "medium", when: ["-backed", "-supported", "-sponsored", "-funded"]),
        rule(.fights, "{L:s}{W}{0,80}?\\banti-{M:o}", .group("s"), .group("o"), armed, armed, when: ["anti-"],
             // A closing quote and the filler before "anti-".
             reach: 1 + 80),
        rule(.fights, "{A:o}{W}{0,40}?(?:was|were) (?:attacked|targeted|shelled|bombed|struck|hit|repelled|killed) by (?:the )?{A:s}", .group("s"), .group("o"), armed, armed, when: ["attacked by", "targeted by", "shelled by", "bombed by", "struck by", "hit by", "repelled by", "killed by"],
             // The filler and "were " before "attacked by".
             reach: 40 + 5),
    ]
}

