import ArgumentParser
import Foundation
import QariCore

/// The knowledge base, bundled plus the user's files; broken user lines are reported, never fatal.
enum Knowledge {
    static func matcher(quiet: Bool) throws -> EntityMatcher {
        let (matcher, issues) = try load()
        if !quiet {
            for issue in issues { Stderr.write("qari: knowledge base \(Sanitizer.plain(issue.description)) (line ignored)\n") }
        }
        return matcher
    }

    /// The matcher over the bundled and the user's knowledge, and the user's lines that were ignored.
    static func load() throws -> (EntityMatcher, [KnowledgeBaseIssue]) {
        let (kb, issues) = KnowledgeBase.load(userDirectory: KnowledgeBase.defaultUserDirectory())
        if kb.entities.isEmpty { throw UserError("the bundled knowledge base could not be read") }
        return (EntityMatcher(knowledgeBase: kb), issues)
    }
}

extension CorpusOptions {
    func analyse() throws -> CorpusAnalysis {
        let corpus = try load()
        return CorpusAnalysis(articles: corpus.articles, matcher: try Knowledge.matcher(quiet: quiet))
    }
}

struct EntityRow: Encodable {
    var id: String
    var type: String
    var canonical: String
    var arabic: String?
    var aliases: [String]
    var mentions: Int
    var articles: [String]
    var discovered: Bool

    init(_ e: Entity, in analysis: CorpusAnalysis) {
        id = e.id
        type = e.type.rawValue
        canonical = e.name
        arabic = e.arabic
        aliases = analysis.spellings(of: e.id)
        mentions = analysis.mentionCount(of: e.id)
        articles = (analysis.articlesByEntity[e.id] ?? []).map { analysis.articles[$0].id }
        discovered = e.discovered
    }

    enum CodingKeys: String, CodingKey { case id, type, canonical, arabic, aliases, mentions, articles, discovered }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(canonical, forKey: .canonical)
        try c.encode(arabic, forKey: .arabic)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(articles, forKey: .articles)
        try c.encode(discovered, forKey: .discovered)
    }
}

struct Entities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the entities a corpus names: factions, state forces, people, places, organisations.")

    @OptionGroup var corpus: CorpusOptions
    @Option(name: .long, help: "Only this type: faction, state_actor, person, place or organization.")
    var type: String?
    @Flag(help: "Print a JSON array of {id, type, canonical, arabic, aliases, mentions, articles, discovered}.")
    var json = false

    func run() throws {
        try runReportingErrors {
            var wanted: EntityType?
            if let type {
                guard let t = EntityType(rawValue: type) else {
                    throw UserError("unknown type '\(Sanitizer.plain(type))'; use one of: \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                wanted = t
            }
            let analysis = try corpus.analyse()
            let entities = analysis.namedEntityIDs.compactMap(analysis.entity(id:)).filter { wanted == nil || $0.type == wanted }
            if json {
                try JSONOutput.print(entities.map { EntityRow($0, in: analysis) })
                return
            }
            var out = ""
            for e in entities {
                let count = String(analysis.mentionCount(of: e.id))
                let arabic = e.arabic.map { "  \($0)" } ?? ""
                out += String(repeating: " ", count: max(0, 5 - count.count)) + count + "  "
                    + e.type.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + Sanitizer.plain(e.name) + Sanitizer.plain(arabic) + (e.discovered ? "  (discovered)" : "")
                    + "  [\(e.id)]\n"
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}

/// Relation kinds as a reader says them, from the point of view of the entity shown.
enum RelationWording {
    static func phrase(_ edge: RelationEdge, from id: String) -> String {
        let outgoing = edge.from == id
        switch edge.kind {
        case .formerly_known_as: return outgoing ? "formerly known as" : "later known as"
        case .split_from: return outgoing ? "split from" : "gave rise to (split)"
        case .member_of: return outgoing ? "member of" : "has member"
        case .allied_with: return "allied with"
        case .backed_by: return outgoing ? "backed by" : "backs"
        case .fights: return "fights"
        case .leader_of: return outgoing ? "leader of" : "led by"
        case .part_of: return outgoing ? "part of" : "includes"
        case .affiliated_with: return outgoing ? "affiliated with" : "has affiliate"
        }
    }
}

struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "Show one entity: its names, its relations with evidence, and every mention in context.",
        discussion: "NAME may be any spelling, in either script: \"HTS\", \"Hay'at Tahrir al-Sham\", \"هيئة تحرير الشام\".")

    @Argument(help: "The entity's name in any spelling, or its id.")
    var name: String
    @OptionGroup var corpus: CorpusOptions
    @Flag(help: "Print JSON: the entity, its relations and its mentions.")
    var json = false

    struct Relation: Encodable {
        var kind: String
        var direction: String
        var other: String
        var other_name: String?
        var origin: String
        var article: String?
        var line: Int?
        var evidence: String?
        var note: String?
    }

    struct Mention: Encodable {
        var article: String
        var line: Int
        var surface: String
        var context: String
    }

    struct Shown: Encodable {
        var entity: EntityRow
        var kind: String?
        var knownAliases: [String]
        var relations: [Relation]
        var mentionsInContext: [Mention]
        enum CodingKeys: String, CodingKey {
            case entity, kind, relations
            case knownAliases = "known_aliases"
            case mentionsInContext = "mentions_in_context"
        }
    }

    func run() throws {
        try runReportingErrors {
            let analysis = try corpus.analyse()
            guard let entity = analysis.entity(id: name) ?? analysis.matcher.resolve(name) else {
                throw UserError("no entity called '\(Sanitizer.plain(name))' (try `qari entities`)")
            }
            let relations = analysis.edges(of: entity.id).map { e -> Relation in
                let other = e.from == entity.id ? e.to : e.from
                return Relation(kind: e.kind.rawValue, direction: e.from == entity.id ? "out" : "in", other: other,
                                other_name: analysis.entity(id: other)?.name, origin: e.origin.rawValue,
                                article: e.articleID, line: e.line, evidence: e.evidence, note: e.note)
            }
            let mentions = analysis.mentions(of: entity.id).map { a, m in
                Mention(article: analysis.articles[a].id, line: m.line, surface: m.surface,
                        context: analysis.sentence(around: m, in: a))
            }
            if json {
                try JSONOutput.print(Shown(entity: EntityRow(entity, in: analysis), kind: entity.kind,
                                           knownAliases: entity.aliases, relations: relations, mentionsInContext: mentions))
                return
            }
            var out = Sanitizer.plain(entity.name)
            if let ar = entity.arabic { out += "  " + Sanitizer.plain(ar) }
            out += "\n\(entity.type.rawValue)\(entity.kind.map { " (\($0))" } ?? "")\(entity.discovered ? ", discovered in the text" : "")  [\(entity.id)]\n"
            let spellings = analysis.spellings(of: entity.id)
            if !spellings.isEmpty { out += "Written here as: " + spellings.map(Sanitizer.plain).joined(separator: "; ") + "\n" }
            if !entity.aliases.isEmpty { out += "Also known as: " + entity.aliases.map(Sanitizer.plain).joined(separator: "; ") + "\n" }
            if !relations.isEmpty {
                out += "\nRelations\n"
                for (edge, r) in zip(analysis.edges(of: entity.id), relations) {
                    out += "  \(RelationWording.phrase(edge, from: entity.id)) \(Sanitizer.plain(r.other_name ?? r.other))"
                    if r.origin == "text" {
                        out += "  — \(r.article ?? "?"):\(r.line ?? 0) “\(Sanitizer.plain(r.evidence ?? ""))”\n"
                    } else {
                        out += "  — curated\(r.note.map { ": " + Sanitizer.plain($0) } ?? "")\n"
                    }
                }
            }
            if !mentions.isEmpty {
                out += "\nMentions (\(mentions.count))\n"
                for m in mentions { out += "  \(m.article):\(m.line)  \(Sanitizer.plain(m.context))\n" }
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Resolve names (any spelling, either script) to entity ids and canonical names.")

    @Argument(help: "Names to resolve.")
    var names: [String]
    @Option(name: .long, help: "Also know the names discovered in this corpus.")
    var corpus: String?
    @Flag(help: "Print a JSON array of {name, id, canonical} (id and canonical null when unresolved).")
    var json = false

    struct Row: Encodable {
        var name: String
        var id: String?
        var canonical: String?
        enum CodingKeys: String, CodingKey { case name, id, canonical }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(id, forKey: .id)
            try c.encode(canonical, forKey: .canonical)
        }
    }

    func run() throws {
        try runReportingErrors {
            let matcher: EntityMatcher
            if let corpus {
                // Parsed rather than made with `CorpusOptions()`: a parsable type made by its plain
                // initialiser has no values behind its property wrappers, and reading one (`quiet`)
                // stopped the program. ("--": a path that starts with a hyphen is still a path.)
                matcher = try CorpusOptions.parse(["--", corpus]).analyse().matcher
            } else {
                matcher = try Knowledge.matcher(quiet: false)
            }
            let rows = names.map { n -> Row in
                let e = matcher.resolve(n)
                return Row(name: n, id: e?.id, canonical: e?.name)
            }
            if json {
                try JSONOutput.print(rows)
                return
            }
            var out = ""
            for r in rows {
                out += "\(Sanitizer.plain(r.name))\t\(r.id ?? "-")\t\(Sanitizer.plain(r.canonical ?? "(unresolved)"))\n"
            }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        }
    }
}

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The graph of factions, state forces and people, for Graphviz (dot) or scripts (json).")

    enum Format: String, ExpressibleByArgument { case dot, json }

    @OptionGroup var corpus: CorpusOptions
    @Option(help: "dot or json.")
    var format: Format = .dot

    struct Node: Encodable { var id: String; var type: String; var canonical: String }
    struct Edge: Encodable {
        var from: String, to: String, kind: String, origin: String
        var article: String?, line: Int?, evidence: String?
        enum CodingKeys: String, CodingKey { case from, to, kind, origin, article, line, evidence }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(from, forKey: .from); try c.encode(to, forKey: .to)
            try c.encode(kind, forKey: .kind); try c.encode(origin, forKey: .origin)
            try c.encode(article, forKey: .article); try c.encode(line, forKey: .line)
            try c.encode(evidence, forKey: .evidence)
        }
    }
    struct Document: Encodable { var nodes: [Node]; var edges: [Edge] }

    func run() throws {
        try runReportingErrors {
            let analysis = try corpus.analyse()
            let kept: Set<EntityType> = [.faction, .state_actor, .person]
            func keep(_ id: String) -> Bool { analysis.entity(id: id).map { kept.contains($0.type) } ?? false }
            // The corpus's entities and their neighbours through text or curated edges.
            let named = Set(analysis.namedEntityIDs.filter(keep))
            let edges = analysis.edges.filter { keep($0.from) && keep($0.to) && (named.contains($0.from) || named.contains($0.to)) }
            var ids = named
            for e in edges { ids.insert(e.from); ids.insert(e.to) }
            let nodes = ids.sorted().compactMap { id in analysis.entity(id: id).map { Node(id: id, type: $0.type.rawValue, canonical: $0.name) } }
            let out = edges.map { Edge(from: $0.from, to: $0.to, kind: $0.kind.rawValue, origin: $0.origin.rawValue,
                                       article: $0.articleID, line: $0.line, evidence: $0.evidence) }
            if format == .json {
                try JSONOutput.print(Document(nodes: nodes, edges: out))
                return
            }
            func q(_ s: String) -> String { "\"" + Sanitizer.plain(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            let shapes = ["faction": "box", "state_actor": "doubleoctagon", "person": "ellipse"]
            var dot = "digraph qari {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n"
            for n in nodes { dot += "  \(q(n.id)) [label=\(q(n.canonical)), shape=\(shapes[n.type] ?? "box")];\n" }
            for e in out {
                let style = e.origin == "curated" ? "dashed" : "solid"
                dot += "  \(q(e.from)) -> \(q(e.to)) [label=\(q(e.kind)), style=\(style)\(e.kind == "fights" ? ", color=red" : "")];\n"
            }
            dot += "}\n"
            FileHandle.standardOutput.write(dot.data(using: .utf8)!)
        }
    }
}
