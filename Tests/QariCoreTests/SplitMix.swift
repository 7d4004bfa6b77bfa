@testable import QariCore

/// A small seeded generator for the randomised tests of this target, so that a failure can be
/// reproduced from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix {
    /// One to `most` of `pieces`, joined by spaces or, one time in four, by nothing.
    mutating func text(of pieces: [String], most: Int) -> String {
        (0..<Int.random(in: 1...most, using: &self)).map { _ in pieces.randomElement(using: &self)! }
            .joined(separator: Int.random(in: 0..<4, using: &self) == 0 ? "" : " ")
    }
}

extension SplitMix {
    /// One to `most` of `pieces` and four-letter names in random order (a name one time in
    /// three), with the names as mentions of entities from `ids`: text for the relation tests.
    mutating func textWithNames(of pieces: [String], ids: [String], most: Int) -> (text: String, mentions: [EntityMention]) {
        var text = ""
        var mentions: [EntityMention] = []
        for _ in 0..<Int.random(in: 1...most, using: &self) {
            if Int.random(in: 0..<3, using: &self) == 0 {
                let start = text.unicodeScalars.count
                text += "Name"
                mentions.append(EntityMention(entityID: ids.randomElement(using: &self)!, range: start..<(start + 4), surface: "Name"))
            } else {
                text += pieces.randomElement(using: &self)!
            }
        }
        return (text, mentions)
    }

    /// The relation template of a `textWithNames` text, its mentions' roles from `classify`, and the text.
    mutating func templateWithNames(of pieces: [String], ids: [String], most: Int,
                                    classify: (String) -> (isPlace: Bool, acting: EntityType?)) -> (template: RelationTemplate, text: String) {
        let (text, mentions) = textWithNames(of: pieces, ids: ids, most: most)
        return (RelationTemplate(scalars: Array(text.unicodeScalars), sortedMentions: mentions, classify: classify), text)
    }
}
