import GRDB

/// Keeps `relation_links` (each relation the text states, once, with the key of its first
/// statement) in step with `relations` while a refresh writes and removes statements.
///
/// Statements are many (300,000 on the 100k bench corpus) and links few (82 there): links and
/// earlier first statements are gathered in memory and written by `flush`, which a refresh
/// calls before each commit. A link whose first statement was removed is looked up again in
/// `relations` at the flush: one pass over the statements for all such links (the table has no
/// index by entity; a build would pay for one at its end).
final class RelationLinks {
    struct Link: Hashable {
        var subject: String
        var kind: String
        var object: String
    }

    private let db: Database
    /// The first statement of each link in the table, or written at the next flush.
    private var first: [Link: Int64] = [:]
    /// Links to write (new, or stated earlier than the table says).
    private var changed: Set<Link> = []
    /// Links whose first statement was removed.
    private var stale: Set<Link> = []

    init(db: Database) throws {
        self.db = db
        for r in try Row.fetchAll(db, sql: "SELECT subject, kind, object, first FROM relation_links") {
            first[Link(subject: r[0], kind: r[1], object: r[2])] = r[3]
        }
    }

    /// A statement was written with `key`.
    func added(subject: String, kind: String, object: String, key: Int64) {
        let link = Link(subject: subject, kind: kind, object: object)
        if let known = first[link], known <= key { return }
        first[link] = key
        changed.insert(link)
    }

    /// Removes the statements with keys in `keys` (an article's), noting the links that lose
    /// their first statement.
    func removeStatements(_ keys: ClosedRange<Int64>) throws {
        let removed = try Row.fetchAll(db, sql: "DELETE FROM relations WHERE key BETWEEN ? AND ? RETURNING subject, kind, object, key",
                                       arguments: [keys.lowerBound, keys.upperBound])
        for r in removed {
            let link = Link(subject: r[0], kind: r[1], object: r[2])
            let key: Int64 = r[3]
            if first[link] == key { stale.insert(link) }
        }
    }

    /// Writes what changed since the last flush.
    func flush() throws {
        if !stale.isEmpty {
            // The first remaining statement of each, if any: the statements of their subjects only.
            let subjects = Array(Set(stale.map(\.subject)))
            var found: [Link: Int64] = [:]
            let placeholders = subjects.map { _ in "?" }.joined(separator: ", ")
            for r in try Row.fetchAll(db, sql: """
                SELECT subject, kind, object, min(key) FROM relations WHERE subject IN (\(placeholders)) GROUP BY subject, kind, object
                """, arguments: StatementArguments(subjects)) {
                let link = Link(subject: r[0], kind: r[1], object: r[2])
                if stale.contains(link) { found[link] = r[3] }
            }
            for link in stale {
                if let key = found[link] {
                    first[link] = key
                    changed.insert(link)
                } else {
                    first[link] = nil
                    changed.remove(link)
                    try db.execute(sql: "DELETE FROM relation_links WHERE subject = ? AND kind = ? AND object = ?",
                                   arguments: [link.subject, link.kind, link.object])
                }
            }
            stale.removeAll()
        }
        if changed.isEmpty { return }
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO relation_links(subject, kind, object, first) VALUES (?, ?, ?, ?)")
        for link in changed {
            try upsert.execute(arguments: [link.subject, link.kind, link.object, first[link]!])
        }
        changed.removeAll()
    }
}
