import Foundation

/// A problem with one line of a knowledge-base file. The line is skipped; loading goes on.
public struct KnowledgeBaseIssue: Sendable, Equatable, CustomStringConvertible, Error {
    public var path: String
    /// 1-based line number in the file (0 when the whole file could not be read).
    public var line: Int
    public var reason: String

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String { "\(path):\(line): \(reason)" }
}

/// The curated list of named entities qari recognises, with their spellings and relations.
///
/// The bundled list ships with qari (`knowledge.jsonl` in the QariCore resources). A user extends
/// it with JSON-lines files of the same format in `$XDG_CONFIG_HOME/qari/` (default
/// `~/.config/qari/`); a user entry whose id already exists overrides the given fields and adds
/// its aliases and relations to the existing entry.
public struct KnowledgeBase: Sendable {
    /// The entities in file order. Setting the list merges entries that share an id.
    public var entities: [Entity] {
        get { storage }
        set {
            storage = []
            indexByID = [:]
            for entity in newValue { insertOrMerge(KnowledgeBaseEntry(entity: entity)) }
        }
    }
    private var storage: [Entity] = []
    private var indexByID: [String: Int] = [:]

    /// Builds a knowledge base from entities; a later entity with an existing id is merged into the earlier one.
    public init(entities: [Entity]) {
        self.entities = entities
    }

    public func entity(id: String) -> Entity? {
        indexByID[id].map { storage[$0] }
    }

    /// The knowledge base shipped with qari. Throws the first broken line: the bundled file must be clean.
    public static func bundled() throws -> KnowledgeBase {
        guard let url = Bundle.module.url(forResource: "knowledge", withExtension: "jsonl") else {
            throw KnowledgeBaseIssue(path: "knowledge.jsonl", line: 0, reason: "bundled resource is missing")
        }
        let (entries, issues) = try parseFile(at: url)
        if let first = issues.first { throw first }
        var base = KnowledgeBase(entities: [])
        for entry in entries { base.insertOrMerge(entry) }
        return base
    }

    /// The bundled knowledge base extended by every `*.jsonl` file in `userDirectory`
    /// (nil: `$XDG_CONFIG_HOME/qari`, or `~/.config/qari` when the variable is unset).
    /// Broken lines are returned as issues and skipped; a missing directory is not an issue.
    public static func load(userDirectory: URL?) -> (KnowledgeBase, [KnowledgeBaseIssue]) {
        var issues: [KnowledgeBaseIssue] = []
        var base = KnowledgeBase(entities: [])
        if let url = Bundle.module.url(forResource: "knowledge", withExtension: "jsonl") {
            do {
                let (entries, bundledIssues) = try parseFile(at: url)
                issues += bundledIssues
                for entry in entries { base.insertOrMerge(entry) }
            } catch let issue as KnowledgeBaseIssue {
                issues.append(issue)
            } catch {
                issues.append(KnowledgeBaseIssue(path: url.path, line: 0, reason: "\(error)"))
            }
        } else {
            issues.append(KnowledgeBaseIssue(path: "knowledge.jsonl", line: 0, reason: "bundled resource is missing"))
        }
        let directory = userDirectory ?? defaultUserDirectory()
        for file in userFiles(in: directory) {
            do {
                var (entries, fileIssues) = try parseFile(at: file)
                var knownIDs = Set(base.indexByID.keys)
                entries.removeAll { entry in
                    guard !knownIDs.contains(entry.id) && !entry.isComplete else {
                        knownIDs.insert(entry.id)
                        return false
                    }
                    fileIssues.append(KnowledgeBaseIssue(path: file.path, line: entry.line,
                                                         reason: "new entity \"\(entry.id)\" needs \"type\" and \"name\""))
                    return true
                }
                for entry in entries { base.insertOrMerge(entry) }
                issues += fileIssues.sorted { $0.line < $1.line }
            } catch let issue as KnowledgeBaseIssue {
                issues.append(issue)
            } catch {
                issues.append(KnowledgeBaseIssue(path: file.path, line: 0, reason: "\(error)"))
            }
        }
        return (base, issues)
    }

    /// `$XDG_CONFIG_HOME/qari`, or `~/.config/qari`.
    public static func defaultUserDirectory() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("qari")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".config").appendingPathComponent("qari")
    }

    private static func userFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { directory.appendingPathComponent($0) }
    }

    // MARK: - Parsing

    static func parseFile(at url: URL) throws -> ([KnowledgeBaseEntry], [KnowledgeBaseIssue]) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw KnowledgeBaseIssue(path: url.path, line: 0, reason: "cannot read file: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KnowledgeBaseIssue(path: url.path, line: 0, reason: "file is not UTF-8")
        }
        return parse(text: text, path: url.path)
    }

    /// Parses knowledge-base text: one JSON object per line, `#` comments and blank lines skipped.
    static func parse(text: String, path: String) -> ([KnowledgeBaseEntry], [KnowledgeBaseIssue]) {
        var entries: [KnowledgeBaseEntry] = []
        var issues: [KnowledgeBaseIssue] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            switch KnowledgeBaseEntry.parse(line: line, lineNumber: offset + 1) {
            case .success(let entry): entries.append(entry)
            case .failure(let reason): issues.append(KnowledgeBaseIssue(path: path, line: offset + 1, reason: reason.message))
            }
        }
        return (entries, issues)
    }

    private mutating func insertOrMerge(_ entry: KnowledgeBaseEntry) {
        if let index = indexByID[entry.id] {
            entry.apply(to: &storage[index])
        } else if let entity = entry.makeEntity() {
            indexByID[entity.id] = storage.count
            storage.append(entity)
        }
    }
}

/// One parsed line of a knowledge-base file. Fields are optional so that a user line can
/// extend an existing entity by giving only its id and, say, new aliases.
struct KnowledgeBaseEntry {
    struct Reason: Error { let message: String }

    var id: String
    var line: Int
    var type: EntityType?
    var kind: String?
    var name: String?
    var arabic: String?
    var aliases: [String] = []
    var relations: [CuratedRelation] = []
    var metonymFor: String?

    var isComplete: Bool { type != nil && name != nil }

    init(entity: Entity) {
        id = entity.id
        line = 0
        type = entity.type
        kind = entity.kind
        name = entity.name
        arabic = entity.arabic
        aliases = entity.aliases
        relations = entity.relations
        metonymFor = entity.metonymFor
    }

    private init(id: String, line: Int) {
        self.id = id
        self.line = line
    }

    static func parse(line text: String, lineNumber: Int) -> Result<KnowledgeBaseEntry, Reason> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        } catch {
            return .failure(Reason(message: "not valid JSON"))
        }
        guard let fields = object as? [String: Any] else {
            return .failure(Reason(message: "expected a JSON object"))
        }
        guard let id = fields["id"] as? String, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(Reason(message: "missing \"id\""))
        }
        var entry = KnowledgeBaseEntry(id: id, line: lineNumber)
        if let rawType = fields["type"] {
            guard let string = rawType as? String, let type = EntityType(rawValue: string) else {
                let allowed = EntityType.allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(Reason(message: "\"type\" must be one of \(allowed)"))
            }
            entry.type = type
        }
        for (key, path) in [("name", \KnowledgeBaseEntry.name), ("ar", \.arabic), ("kind", \.kind), ("metonym_for", \.metonymFor)] {
            guard let raw = fields[key], !(raw is NSNull) else { continue }
            guard let string = raw as? String, !string.isEmpty else {
                return .failure(Reason(message: "\"\(key)\" must be a non-empty string"))
            }
            entry[keyPath: path] = string
        }
        if let raw = fields["aliases"] {
            guard let aliases = raw as? [String] else {
                return .failure(Reason(message: "\"aliases\" must be an array of strings"))
            }
            entry.aliases = aliases.filter { !$0.isEmpty }
        }
        if let raw = fields["relations"] {
            guard let list = raw as? [[String: Any]] else {
                return .failure(Reason(message: "\"relations\" must be an array of objects"))
            }
            for relation in list {
                guard let kindName = relation["kind"] as? String, let kind = RelationKind(rawValue: kindName) else {
                    let allowed = RelationKind.allCases.map(\.rawValue).joined(separator: ", ")
                    return .failure(Reason(message: "relation \"kind\" must be one of \(allowed)"))
                }
                guard let target = relation["to"] as? String, !target.isEmpty else {
                    return .failure(Reason(message: "relation needs a \"to\" id"))
                }
                entry.relations.append(CuratedRelation(kind: kind, to: target, note: relation["note"] as? String))
            }
        }
        return .success(entry)
    }

    func makeEntity() -> Entity? {
        guard let type, let name else { return nil }
        return Entity(id: id, type: type, kind: kind, name: name, arabic: arabic, aliases: aliases,
                      relations: relations, metonymFor: metonymFor)
    }

    /// Overrides the fields this entry gives and adds its aliases and relations.
    func apply(to entity: inout Entity) {
        if let type { entity.type = type }
        if let kind { entity.kind = kind }
        if let name { entity.name = name }
        if let arabic { entity.arabic = arabic }
        if let metonymFor { entity.metonymFor = metonymFor }
        for alias in aliases where !entity.aliases.contains(alias) { entity.aliases.append(alias) }
        for relation in relations where !entity.relations.contains(relation) { entity.relations.append(relation) }
    }
}
