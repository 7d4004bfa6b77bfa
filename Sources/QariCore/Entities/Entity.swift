import Foundation

/// What kind of thing an entity is.
public enum EntityType: String, Codable, Sendable, CaseIterable {
    case faction, state_actor, person, place, organization
}

/// The kinds of relation the knowledge base and the text extractor know.
///
/// Direction is always `subject kind object`: `X backed_by Y` means Y backs X,
/// `P leader_of F` means P leads F, `X formerly_known_as Y` means Y was X's former name.
/// `fights` and `allied_with` are symmetric.
public enum RelationKind: String, Codable, Sendable, CaseIterable {
    case formerly_known_as, split_from, member_of, allied_with, backed_by, fights, leader_of, part_of, affiliated_with

    /// True for relations whose direction carries no meaning.
    public var isSymmetric: Bool { self == .fights || self == .allied_with }
}

/// A relation written down in the knowledge base (as opposed to one read from article text).
public struct CuratedRelation: Codable, Sendable, Equatable {
    public var kind: RelationKind
    /// The id of the object entity.
    public var to: String
    public var note: String?

    public init(kind: RelationKind, to: String, note: String? = nil) {
        self.kind = kind
        self.to = to
        self.note = note
    }
}

/// A named thing: a faction, a state or its forces, a person, a place or an organisation.
public struct Entity: Codable, Sendable, Identifiable, Equatable {
    public var id: String
    public var type: EntityType
    /// For places: province, city, town, village, base, road, region, country, river or other.
    public var kind: String?
    /// The canonical (English) name.
    public var name: String
    /// The canonical Arabic name, when known.
    public var arabic: String?
    /// Other spellings, abbreviations and former names, in either script.
    /// `name` and `arabic` are matched too and need not be repeated here.
    public var aliases: [String]
    public var relations: [CuratedRelation]
    /// For a place that stands for a state (Ankara for Turkey): the id of that state.
    public var metonymFor: String?
    /// True when the entity was found in text by a naming pattern rather than read from the knowledge base.
    public var discovered: Bool

    public init(id: String, type: EntityType, kind: String? = nil, name: String, arabic: String? = nil,
                aliases: [String] = [], relations: [CuratedRelation] = [], metonymFor: String? = nil,
                discovered: Bool = false) {
        self.id = id
        self.type = type
        self.kind = kind
        self.name = name
        self.arabic = arabic
        self.aliases = aliases
        self.relations = relations
        self.metonymFor = metonymFor
        self.discovered = discovered
    }

    /// Every spelling the entity is known by: name, Arabic name and aliases, without repeats.
    public var allNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for candidate in [name] + (arabic.map { [$0] } ?? []) + aliases where !candidate.isEmpty {
            if seen.insert(candidate).inserted { names.append(candidate) }
        }
        return names
    }
}
