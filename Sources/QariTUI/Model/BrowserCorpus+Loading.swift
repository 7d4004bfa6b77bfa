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
        build(name: name, analysis: CorpusAnalysis(articles: articles, matcher: matcher), problems: problems)
    }

    /// Builds the browser's corpus from the core's analysis: title and body mentions (boilerplate
    /// is not shown, so its mentions are not highlighted), and the relation graph that merges
    /// what the texts state with the curated knowledge.
    public static func build(name: String, analysis: CorpusAnalysis, problems: [CorpusProblem] = []) -> BrowserCorpus {
        let articles = analysis.articles
        let mentions = articles.indices.map { i -> ArticleMentions in
            var title: [EntityMentionSpan] = []
            var paragraphs = [[EntityMentionSpan]](repeating: [], count: articles[i].paragraphs.count)
            for m in analysis.mentions[i] {
                let span = EntityMentionSpan(entityID: m.entityID, range: m.range)
                switch m.part {
                case .title: title.append(span)
                case .paragraph(let p) where paragraphs.indices.contains(p): paragraphs[p].append(span)
                default: break
                }
            }
            return ArticleMentions(title: title, paragraphs: paragraphs)
        }
        var named = Set<String>()
        for m in mentions { named.formUnion(m.counts.keys) }
        var entities: [String: BrowserEntity] = [:]
        // Every knowledge-base entity has a page, named in an article or not: relations lead there too.
        for entity in analysis.matcher.knowledgeBase.entities { entities[entity.id] = BrowserEntity(entity) }
        for id in named where entities[id] == nil {
            if let found = analysis.entity(id: id) { entities[id] = BrowserEntity(found) }
        }
        let links = analysis.edges.compactMap { edge in
            EntityLinkKind(rawValue: edge.kind.rawValue).map { EntityLink(subject: edge.from, kind: $0, object: edge.to) }
        }
        let matcher = analysis.matcher
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
