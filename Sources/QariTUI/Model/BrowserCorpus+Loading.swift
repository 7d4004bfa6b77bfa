import Foundation
import QariCore

/// The one place the browser meets the core's loader and entity matcher, so that a
/// corpus index from the core can replace this without touching the rest of the browser.
extension BrowserCorpus {
    /// Reads `paths` (files or folders), finds every entity mention in every title and
    /// paragraph, and gathers the entities named and their curated relations.
    /// Files that cannot be read become `problems`; only a missing path throws.
    public static func load(paths: [String], name: String, knowledgeDirectory: URL? = nil) throws -> BrowserCorpus {
        let loaded = try CorpusLoader().load(paths)
        let (knowledgeBase, issues) = KnowledgeBase.load(userDirectory: knowledgeDirectory)
        var problems = loaded.problems.map { CorpusProblem(path: $0.path, reason: $0.reason) }
        problems += issues.map { CorpusProblem(path: $0.path, reason: "line \($0.line): \($0.reason)") }
        return build(name: name, articles: loaded.articles, matcher: EntityMatcher(knowledgeBase: knowledgeBase),
                     problems: problems)
    }

    /// Builds the browser's corpus from articles already loaded, matching entities with `matcher`.
    public static func build(name: String, articles: [Article], matcher: EntityMatcher,
                             problems: [CorpusProblem] = []) -> BrowserCorpus {
        func spans(_ text: String) -> [EntityMentionSpan] {
            matcher.mentions(in: text).map { EntityMentionSpan(entityID: $0.entityID, range: $0.range) }
        }
        let mentions = articles.map { article in
            ArticleMentions(title: spans(article.title), paragraphs: article.paragraphs.map { spans($0.text) })
        }
        var named = Set<String>()
        for m in mentions { named.formUnion(m.counts.keys) }
        // Curated relations may point at entities no article names; their pages are reachable too.
        var entities: [String: BrowserEntity] = [:]
        var links: [EntityLink] = []
        for entity in matcher.knowledgeBase.entities {
            entities[entity.id] = BrowserEntity(entity)
            for relation in entity.relations {
                guard let kind = EntityLinkKind(rawValue: relation.kind.rawValue) else { continue }
                links.append(EntityLink(subject: entity.id, kind: kind, object: relation.to))
            }
        }
        for id in named where entities[id] == nil {
            if let found = matcher.entity(id: id) { entities[id] = BrowserEntity(found) }
        }
        return BrowserCorpus(name: name, articles: articles, mentions: mentions,
                             entities: Array(entities.values), links: links, problems: problems,
                             resolver: { matcher.resolve($0)?.id })
    }
}

extension BrowserEntity {
    init(_ entity: Entity) {
        self.init(id: entity.id, category: EntityCategory(rawValue: entity.type.rawValue) ?? .organization,
                  kind: entity.kind, name: entity.name, arabicName: entity.arabic, aliases: entity.aliases)
    }
}
