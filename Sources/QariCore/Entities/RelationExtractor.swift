import Foundation

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
        let template = RelationTemplate(text: text, mentions: mentions) { id in
            guard let entity = matcher.entity(id: id) else { return false }
            return entity.type == .place && entity.metonymFor == nil
        }
        var found: [TextRelation] = []
        var seen = Set<String>()
        // Every rule needs at least one mention or nationality adjective to read a relation from.
        if mentions.isEmpty && !RelationExtractor.demonyms.keys.contains(where: { text.contains($0) }) { return [] }
        let lower = ByteSearch.lowercasedHead(Substring(text), limit: Int.max)
        for rule in RelationRule.all {
            guard rule.cues.contains(where: { ByteSearch.contains(lower, $0) }) else { continue }
            for match in template.matches(rule.regex) {
                for relation in rule.relations(from: match, template: template, matcher: matcher) {
                    let key = "\(relation.subject)|\(relation.kind)|\(relation.object)"
                    let reverse = "\(relation.object)|\(relation.kind)|\(relation.subject)"
                    guard relation.subject != relation.object, !seen.contains(key),
                          !(relation.kind.isSymmetric && seen.contains(reverse)) else { continue }
                    seen.insert(key)
                    found.append(relation)
                }
            }
        }
        return found.sorted { ($0.range.lowerBound, $0.kind.rawValue) < ($1.range.lowerBound, $1.kind.rawValue) }
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
struct RelationTemplate {
    enum Role: Int {
        /// A name that can act: the subject or object of a relation.
        case actor = 0
        /// Part of a compound modifier: "al-Qaeda-linked", "anti-ISIS", "US-backed".
        case modifier = 1
        /// Inside parentheses: "(formerly the Syrian branch of al-Qaeda)".
        case parenthetical = 2
        /// A place that stands for no state: scenery between actors, never an actor.
        case place = 3
    }

    static let open: [Role: Character] = [.actor: "\u{E000}", .modifier: "\u{E002}", .parenthetical: "\u{E004}", .place: "\u{E006}"]
    static let close: [Role: Character] = [.actor: "\u{E001}", .modifier: "\u{E003}", .parenthetical: "\u{E005}", .place: "\u{E007}"]

    let text: [Unicode.Scalar]
    let mentions: [EntityMention]
    let roles: [Role]
    let scalarText: ScalarIndexedText
    /// For each template scalar: the text offsets it stands for.
    private let textStart: [Int]
    private let textEnd: [Int]

    init(text: String, mentions: [EntityMention], isPlace: (String) -> Bool) {
        let scalars = Array(text.unicodeScalars)
        self.text = scalars
        let sorted = mentions.sorted { $0.range.lowerBound < $1.range.lowerBound }
        self.mentions = sorted
        var roles: [Role] = []
        var output = String.UnicodeScalarView()
        var starts: [Int] = [], ends: [Int] = []
        var position = 0
        var depth = 0
        func copy(upTo end: Int) {
            while position < end {
                let v = scalars[position].value
                if v == 0x28 { depth += 1 } else if v == 0x29 { depth = max(0, depth - 1) }
                output.append(scalars[position]); starts.append(position); ends.append(position + 1)
                position += 1
            }
        }
        for (index, mention) in sorted.enumerated() where mention.range.lowerBound >= position {
            copy(upTo: mention.range.lowerBound)
            let role: Role
            if RelationTemplate.isModifier(scalars, mention.range) {
                role = .modifier
            } else if depth > 0 {
                role = .parenthetical
            } else if isPlace(mention.entityID) {
                role = .place
            } else {
                role = .actor
            }
            roles.append(role)
            let placeholder = "\(RelationTemplate.open[role]!)\(index)\(RelationTemplate.close[role]!)"
            for scalar in placeholder.unicodeScalars {
                output.append(scalar); starts.append(mention.range.lowerBound); ends.append(mention.range.upperBound)
            }
            position = mention.range.upperBound
        }
        while roles.count < sorted.count { roles.append(.actor) }
        copy(upTo: scalars.count)
        self.roles = roles
        self.textStart = starts
        self.textEnd = ends
        self.scalarText = ScalarIndexedText(String(output))
    }

    /// "al-Qaeda-linked", "US-backed", "anti-ISIS", "Pro-US": the name qualifies something else.
    static func isModifier(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        if range.upperBound + 1 < scalars.count, NameTokenizer.isHyphen(scalars[range.upperBound].value),
           NameTokenizer.isLatinLetter(scalars[range.upperBound + 1].value) {
            return true
        }
        if range.lowerBound >= 4 {
            let before = String(String.UnicodeScalarView(scalars[(range.lowerBound - 4)..<range.lowerBound])).lowercased()
            if before.hasSuffix("pro-") || before == "nti-" { return true }
        }
        return false
    }

    func matches(_ regex: NSRegularExpression) -> [NSTextCheckingResult] { scalarText.matches(regex) }

    /// Mention indexes whose placeholders lie in a template range.
    func mentionIndexes(in range: NSRange) -> [Int] {
        let piece = scalarText.substring(range)
        var indexes: [Int] = []
        var digits = ""
        var inside = false
        for character in piece {
            if RelationTemplate.open.values.contains(character) {
                inside = true; digits = ""
            } else if RelationTemplate.close.values.contains(character) {
                if inside, let index = Int(digits) { indexes.append(index) }
                inside = false
            } else if inside {
                digits.append(character)
            }
        }
        return indexes
    }

    /// Text offsets and text of a template range.
    func evidence(_ range: NSRange) -> (Range<Int>, String) {
        let scalars = scalarText.scalarRange(range)
        let lower = textStart[scalars.lowerBound]
        let upper = textEnd[scalars.upperBound - 1]
        return (lower..<upper, String(String.UnicodeScalarView(text[lower..<upper])))
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
    let regex: NSRegularExpression
    let subjects: Subjects
    let objects: Subjects
    let subjectTypes: Set<EntityType>
    let objectTypes: Set<EntityType>
    let confidence: String
    /// Lower-cased UTF-8 cue words; the rule is tried only on lines containing one of them.
    let cues: [[UInt8]]

    func relations(from match: NSTextCheckingResult, template: RelationTemplate, matcher: EntityMatcher) -> [TextRelation] {
        if case .group(let name) = objects, let range = template.scalarText.group(match, name),
           RelationRule.isLocative(before: range, in: template) {
            return []
        }
        let subjectIDs = ids(subjects, match, template, matcher, subjectTypes)
        let objectIDs = ids(objects, match, template, matcher, objectTypes)
        guard !subjectIDs.isEmpty, !objectIDs.isEmpty else { return [] }
        let (range, evidence) = template.evidence(match.range)
        var result: [TextRelation] = []
        for subject in subjectIDs {
            for object in objectIDs where subject != object {
                result.append(TextRelation(subject: subject, kind: kind, object: object, range: range,
                                           evidence: evidence, confidence: confidence))
            }
        }
        return result
    }

    private func ids(_ selector: Subjects, _ match: NSTextCheckingResult, _ template: RelationTemplate,
                     _ matcher: EntityMatcher, _ types: Set<EntityType>) -> [String] {
        switch selector {
        case .group(let name), .people(let name):
            guard let range = template.scalarText.group(match, name) else { return [] }
            var ids: [String] = []
            for index in template.mentionIndexes(in: range) {
                let id = template.mentions[index].entityID
                guard let entity = matcher.entity(id: id) else { continue }
                if case .people = selector, entity.type != .person { continue }
                // A capital named for its state ("Ankara backs ...") acts as the state.
                let acting = entity.metonymFor.flatMap { matcher.entity(id: $0) } ?? entity
                if types.contains(acting.type), !ids.contains(acting.id) { ids.append(acting.id) }
            }
            return ids
        case .antecedent, .topic:
            let before = template.mentionIndexes(in: NSRange(location: 0, length: match.range.location))
            let order: [Int]
            if case .topic = selector { order = before } else { order = before.reversed() }
            // "anti-ISIS operations ... the current leader of the terrorist group": a modifier names a group too.
            for index in order where template.roles[index] == .actor || template.roles[index] == .modifier {
                guard let entity = matcher.entity(id: template.mentions[index].entityID) else { continue }
                if types.contains(entity.type) { return [entity.id] }
            }
            return []
        case .demonym(let name):
            guard let range = template.scalarText.group(match, name),
                  let state = RelationExtractor.demonyms[template.scalarText.substring(range)], !state.isEmpty,
                  let entity = matcher.resolve(state), !entity.discovered else { return [] }
            return [entity.id]
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
    static func compile(_ pattern: String) -> NSRegularExpression {
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
        expanded = expanded.replacingOccurrences(of: "{N}", with: "(?:(?!\\b(?:not|never|stopped|no longer|behind|if|wants?|hopes?|hoped|would|could|might|tolerate|but|while|whereas|although|became|helped|dared)\\b)[^\\x{E000}\\x{E001}.;!?])")
        expanded = expanded.replacingOccurrences(of: "{W}", with: "[^\\x{E000}\\x{E001}.;!?]")
        return try! NSRegularExpression(pattern: expanded, options: [])
    }

    /// `when`: words one of which the line must contain (lower-cased) for the pattern to be tried at all.
    /// Each NSRegularExpression call has a fixed cost far above a substring search, so lines
    /// without a cue word skip the rule.
    private static func rule(_ kind: RelationKind, _ pattern: String, _ subjects: Subjects, _ objects: Subjects,
                             _ subjectTypes: Set<EntityType>, _ objectTypes: Set<EntityType>, _ confidence: String = "high",
                             when cues: [String]) -> RelationRule {
        RelationRule(kind: kind, regex: compile(pattern), subjects: subjects, objects: objects,
                     subjectTypes: subjectTypes, objectTypes: objectTypes, confidence: confidence,
                     cues: cues.map { Array($0.utf8) })
    }

    static let groupNouns = "groups?|factions?|coalitions?|militants|militant groups?|organi[sz]ations?|alliances?|outfits?|movements?|party|jihadists|rebels|formations?"
    static let attackWords = "attack(?:ed|s|ing)?|launched|struck|strikes|shelled|shelling|targeted|targeting|bombed|bombing|bombarded|pounded|clash(?:ed|es)? with|fought|fighting|raided|assaulted|ambushed|surrounded|repelled|advance(?:d)? on|airstrikes|offensive|operations? against|confrontation with|opposing|confronting|counteroffensives?|war (?:on|against)|eliminate|liberation from|captured"
    private static let regionWords = "(?:north|south|east|west|central|northern|southern|eastern|western|north-?western|north-?eastern|south-?western|south-?eastern)"
    private static let locative = try! NSRegularExpression(
        pattern: "(?:\\b(?:in|across|near|into|inside|throughout)(?: the)?(?: \(regionWords))?|\\b(?:of|from|to|on)(?: the)? \(regionWords)) $",
        options: [.caseInsensitive])

    /// "in western Iraq", "in central Syria": a state named as a place is no party to the relation.
    static func isLocative(before range: NSRange, in template: RelationTemplate) -> Bool {
        let start = max(0, range.location - 30)
        let before = NSRange(location: start, length: range.location - start)
        return locative.firstMatch(in: template.scalarText.string, options: [], range: before) != nil
    }

    static let memberRoles = "officers?|commanders?|officials?|members?|clerics?|fighters?|spokesm[ae]n|spokesperson|operatives?|figures?|veterans?|ideologues?|deputy|militants?|judges?"

    static let all: [RelationRule] = [
        // formerly_known_as
        rule(.formerly_known_as, "{A:s}{W}{0,60}?(?:formerly|previously|once) known as (?:the )?{X:o}", .group("s"), .group("o"), nonState, groupLike, when: ["known as"]),
        rule(.formerly_known_as, "{A:s} \\((?:formerly|previously|once)(?: known as)? {P:o}\\)", .group("s"), .group("o"), nonState, groupLike, when: ["(formerly", "(previously", "(once"]),
        rule(.formerly_known_as, "{A:o},? (?:now|later) (?:known as|renamed(?: as)?|rebranded as) (?:the )?{A:s}", .group("s"), .group("o"), nonState, groupLike, when: ["known as", "renamed", "rebranded"]),
        // split_from
        rule(.split_from, "{A:s}{W}{0,80}?\\b(?:split|broke away|splintered|defected|seceded)(?: in \\d{4})? from (?:the )?{A:o}", .group("s"), .group("o"), nonState, groupLike, when: ["split", "broke away", "splintered", "defected", "seceded"]),
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
        rule(.allied_with, "{L:s}{W}{0,40}?(?:allied|aligned) (?:itself |themselves )?with (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["allied", "aligned"]),
        rule(.allied_with, "(?<s>[وبفلك]?\\x{E000}\\d+\\x{E001}(?:\\s*[و،]\\s*[وبفلك]?\\x{E000}\\d+\\x{E001})*)،?\\s*ك?حليف\\S*\\s+ل?{A:o}", .group("s"), .group("o"), armed, armed, when: ["حليف"]),
        // backed_by
        rule(.backed_by, "{M:o}-(?:backed|supported|sponsored|funded|armed|trained) (?:[\\w’'-]+ ){0,3}?{A:s}", .group("s"), .group("o"), armed, groupLike, when: ["-backed", "-supported", "-sponsored", "-funded", "-armed", "-trained"]),
        rule(.backed_by, "{D:o}-(?:backed|supported|sponsored|funded|armed|trained) (?:[\\w’'-]+ ){0,3}?{A:s}", .group("s"), .demonym("o"), armed, states, "medium", when: ["-backed", "-supported", "-sponsored", "-funded", "-armed", "-trained"]),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:an? |the )?(?:[\\w’'-]+ ){0,2}?{M:o}-(?:backed|supported|sponsored)", .group("s"), .group("o"), armed, groupLike, when: ["-backed", "-supported", "-sponsored"]),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:an? |the )?(?:[\\w’'-]+ ){0,2}?{D:o}-(?:backed|supported|sponsored)", .group("s"), .demonym("o"), armed, states, "medium", when: ["-backed", "-supported", "-sponsored"]),
        rule(.backed_by, "{A:s}{W}{0,60}?\\b(?:financed|funded|supported|backed|sponsored|armed)(?: and (?:financed|funded|supported|backed|sponsored|armed))? by (?:the )?{A:o}", .group("s"), .group("o"), armed, groupLike, when: ["financed", "funded", "supported", "backed", "sponsored", "armed"]),
        rule(.backed_by, "{A:s} (?:is|was|are|were) (?:the |a |an )?(?:main |principal |chief )?proxy(?: force| group| militia)? (?:of|for) (?:the )?{A:o}", .group("s"), .group("o"), armed, groupLike, when: ["proxy"]),
        rule(.backed_by, "{A:o} (?:backs|supports|funds|arms|sponsors|backed|supported|funded|armed|sponsored) (?:the )?{A:s}", .group("s"), .group("o"), [.faction], groupLike, when: ["backs", "supports", "funds", "arms", "sponsors", "backed", "supported", "funded", "armed", "sponsored"]),
        // leader_of
        rule(.leader_of, "{A:s},? (?:the |its |their )?(?:current |late |slain |former |founding |new |self-proclaimed |top |overall )?(?:leader|chief|head|emir|founder|caliph|commander-in-chief) of (?:the )?{A:o}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "caliph", "commander-in-chief"]),
        rule(.leader_of, "(?:leader|chief|head|emir|founder|[Dd]irector|[Cc]ommander) of (?:the )?{W}{0,30}?{A:o},? (?:[A-Z][a-z]*\\.? ){0,3}{A:s}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "director", "commander"]),
        rule(.member_of, "(?:leader|chief|head|emir) of (?:the )?{A:o},? \\x{E000}\\d+\\x{E001} and his (?:deputy|aide|lieutenant|second-in-command|spokesm[ae]n) {A:s}", .group("s"), .group("o"), person, groupLike, when: ["and his"]),
        rule(.member_of, "\\b(?:the|The) (?:group|movement|organi[sz]ation|faction|militant group|coalition)(?:’s|'s) (?:[\\w-]+ )?(?:\(memberRoles)),? (?:[A-Z][a-z]*\\.? ){0,3}{A:s}", .group("s"), .antecedent, person, [.faction], "medium", when: ["’s", "'s"]),
        rule(.backed_by, "\\b(?:They|It|The group|The militants|The faction) (?:receives?|gets?|obtains?|gains?) (?:[\\w,]+ ){0,5}?from (?:the )?{A:o}", .antecedent, .group("o"), [.faction], groupLike, "medium", when: ["receive", "get", "obtain", "gain"]),
        rule(.leader_of, "{A:o}(?:’s|'s|’)? (?:current |late |slain |former |founding |new |self-proclaimed |top )?(?:leader|chief|head|emir|founder|commander-in-chief),? {A:s}", .group("s"), .group("o"), person, groupLike, when: ["leader", "chief", "head", "emir", "founder", "commander-in-chief"]),
        rule(.leader_of, "{A:o}{W}{0,40}?(?:led|headed|commanded|founded) by (?:a {W}{0,30}? known as )?{A:s}", .group("s"), .group("o"), person, groupLike, when: ["led by", "headed by", "commanded by", "founded by"]),
        rule(.leader_of, "{D:o} (?:President|Prime Minister|Supreme Leader|King|Emir|Crown Prince|leader|counterpart) {A:s}", .group("s"), .demonym("o"), person, states, "medium", when: ["president", "prime minister", "supreme leader", "king", "emir", "crown prince", "leader", "counterpart"]),
        rule(.leader_of, "{A:o}(?:’s|'s|’)? (?:President|Prime Minister|Supreme Leader|King|Emir|Crown Prince) {A:s}", .group("s"), .group("o"), person, states, when: ["president", "prime minister", "supreme leader", "king", "emir", "crown prince"]),
        // member_of
        rule(.member_of, "{A:s},? (?:an?|the|another) (?:[\\w’'-]+ ){0,2}?{A:o} (?:\(memberRoles))\\b", .group("s"), .group("o"), person, groupLike, when: ["officer", "commander", "official", "member", "cleric", "fighter", "spokesm", "spokesperson", "operative", "figure", "veteran", "ideologue", "deputy", "militant", "judge"]),
        rule(.member_of, "{A:o} (?:[\\w’'-]+ )?(?:\(memberRoles)),? {L:s}", .group("s"), .group("o"), person, groupLike, when: ["officer", "commander", "official", "member", "cleric", "fighter", "spokesm", "spokesperson", "operative", "figure", "veteran", "ideologue", "deputy", "militant", "judge"]),
        rule(.member_of, "(?<s>[^.;]*?)\\bexpelled from (?:the )?{A:o}", .people("s"), .group("o"), person, groupLike, "medium", when: ["expelled from"]),
        rule(.member_of, "{L:s}\\.? (?:The|the) (?:new )?(?:coalition|alliance|operations room|group|umbrella),? (?:dubbed|named|called|known as) [“\"]?{A:o}", .group("s"), .group("o"), armed, armed, when: ["dubbed", "named", "called", "known as"]),
        rule(.member_of, "{A:o},? (?:is |was )?(?:an? |the )?(?:[\\w’'-]+ ){0,3}?(?:coalition|alliance|umbrella group|operations room|union|merger) (?:of|between|comprising|including|made up of|formed by) (?:the )?{L:s}", .group("s"), .group("o"), armed, armed, when: ["coalition", "alliance", "umbrella", "operations room", "union", "merger"]),
        rule(.member_of, "{L:s}{W}{0,40}?(?:is|are|was|were|as|became) (?:a |an )?(?:founding )?members? of (?:the )?{A:o}", .group("s"), .group("o"), groupLike, groupLike, when: ["member"]),
        rule(.member_of, "{L:s} (?:joined|merged into) (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["joined", "merged into"]),
        rule(.part_of, "{A:s}{W}{0,80}?(?:, (?:a|an) |\\b(?:is|was|are|were|became) (?:a |an )?)part of (?:the )?{W}{0,40}?{A:o}", .group("s"), .group("o"), armed, armed, when: ["part of"]),
        // fights
        rule(.fights, "(?:clashes|fighting|battles?|confrontations?|war|hostilities|skirmishes)(?: [\\w’'-]+){0,2}? between (?:the )?(?:forces of )?{A:s} and (?:the )?{W}{0,60}?{A:o}", .group("s"), .group("o"), armed, armed, when: ["between"]),
        rule(.fights, "{L:s}{N}{0,80}?\\b(?:\(attackWords))\\b{N}{0,120}?{A:o}", .group("s"), .group("o"), armed, armed, "medium", when: ["attack", "launched", "struck", "strike", "shell", "targeted", "targeting", "bomb", "pounded", "clash", "fought", "fighting", "raided", "assaulted", "ambushed", "surrounded", "repelled", "advance", "offensive", "operation", "confrontation", "opposing", "confronting", "war ", "eliminate", "liberation from", "captured"]),
        rule(.fights, "{A:s}{W}{0,80}?\\b(?:at the hands of|defeated by|routed by|expelled by|losses to)\\b (?:the )?{A:o}", .group("s"), .group("o"), armed, armed, when: ["at the hands of", "defeated by", "routed by", "expelled by", "losses to"]),
        rule(.fights, "{D:s} (?:air ?strikes?|drone strikes?|warplanes|jets|forces|troops|shelling|artillery|raids?)(?: {W}{0,40}?)? \\b(?:targeted|targeting|struck|hit|on|against)\\b{W}{0,40}?{A:o}", .demonym("s"), .group("o"), states, armed, "medium", when: ["strike", "warplanes", "jets", "forces", "troops", "shelling", "artillery", "raid"]),
        rule(.fights, "\\b(?:This|this) (?:very )?(?:faction|group|coalition|militant group|organi[sz]ation)(?:’s members)?{N}{0,40}?\\b(?:\(attackWords))\\b{N}{0,60}?{A:o}", .antecedent, .group("o"), [.faction], armed, "medium", when: ["this "]),
        rule(.fights, "\\b(?:The|the) (?:faction|group|coalition|militant group|organi[sz]ation)(?:’s members)?{N}{0,60}?\\b(?:\(attackWords)|attack by|offensive by|assault by)\\b{N}{0,60}?{A:o}", .topic, .group("o"), [.faction], armed, "medium", when: ["attack", "launched", "struck", "strike", "shell", "targeted", "targeting", "bomb", "pounded", "clash", "fought", "fighting", "raided", "assaulted", "ambushed", "surrounded", "repelled", "advance", "offensive", "operation", "confrontation", "opposing", "confronting", "war ", "eliminate", "liberation from", "captured", "attack by", "offensive by", "assault by"]),
        // anaphors for leaders, backers and kin groups
        rule(.leader_of, "\\b(?:the|its|their) (?:[\\w-]+ )?(?:group|movement|organi[sz]ation|faction)(?:’s|'s)? (?:current |late |slain |new )?(?:leader|chief|head|emir),? {A:s}", .group("s"), .antecedent, person, [.faction], "medium", when: ["leader", "chief", "head", "emir"]),
        rule(.leader_of, "{A:s},? the (?:current |late |slain |new |former )?(?:leader|chief|head|emir) of the (?:[\\w-]+ )?(?:group|movement|organi[sz]ation|faction)\\b", .group("s"), .antecedent, person, [.faction], "medium", when: ["leader", "chief", "head", "emir"]),
        rule(.affiliated_with, "{A:s}[”\"]? (?:is|was) (?:in fact |actually )?an? (?:[\\w-]+ ){0,2}(?:variant|version|offshoot|extension|expansion|successor|incarnation) of {W}{0,60}?{A:o}", .group("s"), .group("o"), nonState, groupLike, when: ["variant", "version", "offshoot", "extension", "expansion", "successor", "incarnation"]),
        rule(.backed_by, "{A:o}{W}{0,40}? (?:will |would )?(?:reportedly |allegedly )?(?:support|back|fund|arm|train)s? (?:the )?(?:new )?(?:group|faction|militants|formation)\\b", .antecedent, .group("o"), [.faction], groupLike, "medium", when: ["support", "back", "fund", "arm", "train"]),
        rule(.backed_by, "{M:o}-(?:backed|supported|sponsored|funded) (?:[\\w’'-]+ ){0,2}?(?:group|faction|militants|rebels|outfit)\\b(?!,? (?:the )?[“\"]?\\x{E000})", .topic, .group("o"), [.faction], groupLike, "medium", when: ["-backed", "-supported", "-sponsored", "-funded"]),
        rule(.fights, "{L:s}{W}{0,80}?\\banti-{M:o}", .group("s"), .group("o"), armed, armed, when: ["anti-"]),
        rule(.fights, "{A:o}{W}{0,40}?(?:was|were) (?:attacked|targeted|shelled|bombed|struck|hit|repelled|killed) by (?:the )?{A:s}", .group("s"), .group("o"), armed, armed, when: ["attacked by", "targeted by", "shelled by", "bombed by", "struck by", "hit by", "repelled by", "killed by"]),
    ]
}
