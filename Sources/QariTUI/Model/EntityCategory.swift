/// The kinds of entity the sidebar groups by and the reader colours by.
public enum EntityCategory: String, Sendable, CaseIterable, Hashable {
    case faction
    case stateActor = "state_actor"
    case person
    case place
    case organization

    /// The sidebar's group heading.
    public var groupTitle: String {
        switch self {
        case .faction: return "Factions"
        case .stateActor: return "State forces"
        case .person: return "People"
        case .place: return "Places"
        case .organization: return "Organizations"
        }
    }

    /// The singular name shown on an entity page.
    public var label: String {
        switch self {
        case .faction: return "faction"
        case .stateActor: return "state actor"
        case .person: return "person"
        case .place: return "place"
        case .organization: return "organization"
        }
    }

    /// One colour per type, so a reader can tell factions from places at a glance.
    public var color: TerminalColor {
        switch self {
        case .faction: return .red
        case .stateActor: return .blue
        case .person: return .magenta
        case .place: return .green
        case .organization: return .yellow
        }
    }
}

/// How two entities are related, read as `subject kind object`.
public enum EntityLinkKind: String, Sendable, CaseIterable, Hashable {
    case formerlyKnownAs = "formerly_known_as"
    case splitFrom = "split_from"
    case memberOf = "member_of"
    case alliedWith = "allied_with"
    case backedBy = "backed_by"
    case fights
    case leaderOf = "leader_of"
    case partOf = "part_of"
    case affiliatedWith = "affiliated_with"
}

/// A relation between two entities, curated or found in an article.
public struct EntityLink: Sendable, Hashable {
    public var subject: String
    public var kind: EntityLinkKind
    public var object: String

    public init(subject: String, kind: EntityLinkKind, object: String) {
        self.subject = subject
        self.kind = kind
        self.object = object
    }
}

/// The groups on an entity page, in the order they are shown. Each says which links
/// belong to it as seen from the entity on the page.
public enum RelationGroup: String, Sendable, CaseIterable {
    case formerNames, laterNames, splitFrom, splinters, memberOf, members, partOf, parts
    case allies, rivals, backers, backs, leaders, led, affiliates

    public var title: String {
        switch self {
        case .formerNames: return "Former names"
        case .laterNames: return "Later names"
        case .splitFrom: return "Split from"
        case .splinters: return "Splinter groups"
        case .memberOf: return "Member of"
        case .members: return "Members"
        case .partOf: return "Part of"
        case .parts: return "Parts"
        case .allies: return "Allies"
        case .rivals: return "Rivals"
        case .backers: return "Backers"
        case .backs: return "Backs"
        case .leaders: return "Leaders"
        case .led: return "Led"
        case .affiliates: return "Affiliated with"
        }
    }

    /// The entity on the other end of `link` when it belongs to this group for `entityID`.
    public func other(in link: EntityLink, for entityID: String) -> String? {
        let isSubject = link.subject == entityID, isObject = link.object == entityID
        switch (self, link.kind) {
        case (.formerNames, .formerlyKnownAs): return isSubject ? link.object : nil
        case (.laterNames, .formerlyKnownAs): return isObject ? link.subject : nil
        case (.splitFrom, .splitFrom): return isSubject ? link.object : nil
        case (.splinters, .splitFrom): return isObject ? link.subject : nil
        case (.memberOf, .memberOf): return isSubject ? link.object : nil
        case (.members, .memberOf): return isObject ? link.subject : nil
        case (.partOf, .partOf): return isSubject ? link.object : nil
        case (.parts, .partOf): return isObject ? link.subject : nil
        case (.backers, .backedBy): return isSubject ? link.object : nil
        case (.backs, .backedBy): return isObject ? link.subject : nil
        case (.leaders, .leaderOf): return isObject ? link.subject : nil
        case (.led, .leaderOf): return isSubject ? link.object : nil
        // Alliances, fights and affiliations are read both ways.
        case (.allies, .alliedWith), (.rivals, .fights), (.affiliates, .affiliatedWith):
            return isSubject ? link.object : (isObject ? link.subject : nil)
        default: return nil
        }
    }
}
