import GRDB
import QariCore

/// The tables of an index. Rows that belong to an article (relations) are keyed by
/// `article row << 16 | position`, so that one article's rows are one range of the primary
/// key: no secondary index to maintain while inserting.
enum IndexSchema {
    /// Bump when tables, the article model or the folding of text change: a different value
    /// makes qari rebuild the index with a message.
    static let version = 11
    static var format: String { "\(version).\(SearchText.foldingVersion)" }

    /// Room for 65,536 parts per article in composite keys.
    static let partBits: Int64 = 16

    static func key(article: Int64, part: Int) -> Int64 { article << partBits | Int64(part) }
    static func keyRange(article: Int64) -> ClosedRange<Int64> { (article << partBits)...(article << partBits | 0xFFFF) }

    /// The bit of an entity type in `articles.types`: `type:faction` tests one bit of each row
    /// instead of gathering every article that names any faction.
    static func typeBit(_ type: EntityType) -> Int64 {
        Int64(1) << Int64(EntityType.allCases.firstIndex(of: type)!)
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE files(
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,      -- absolute
                display TEXT NOT NULL,          -- as shown: relative to the root given
                size INTEGER NOT NULL,
                mtime INTEGER NOT NULL,         -- nanoseconds since 1970
                hash INTEGER NOT NULL,          -- StableHash.content of the bytes
                format TEXT NOT NULL,
                replaced INTEGER NOT NULL,      -- invalid UTF-8 sequences replaced while decoding
                articles INTEGER NOT NULL);
            CREATE TABLE articles(
                row INTEGER PRIMARY KEY,        -- also the rowid of article_fts
                id TEXT NOT NULL,
                file_id INTEGER NOT NULL,
                position INTEGER NOT NULL,      -- order within the file
                file TEXT NOT NULL,
                title TEXT NOT NULL,
                source TEXT, publisher TEXT, author TEXT, date TEXT,
                lang TEXT NOT NULL,
                first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
                block_first_line INTEGER NOT NULL, block_last_line INTEGER NOT NULL,
                is_promo INTEGER NOT NULL,
                words INTEGER NOT NULL,
                types INTEGER NOT NULL DEFAULT 0,    -- bit set of the entity types named (IndexSchema.typeBit)
                entities INTEGER NOT NULL DEFAULT 0, -- distinct entities named in the title and body
                mentions INTEGER NOT NULL DEFAULT 0,    -- mentions stored in article_mentions
                paragraphs INTEGER NOT NULL DEFAULT 0); -- paragraphs stored in article_bodies
            -- The paragraphs and boilerplate lines of an article in one value (BodyBlob).
            CREATE TABLE article_bodies(article INTEGER PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE entities(
                id TEXT PRIMARY KEY NOT NULL,
                type TEXT NOT NULL, name TEXT NOT NULL, arabic TEXT,
                discovered INTEGER NOT NULL) WITHOUT ROWID;
            -- The title and body mentions of an article in one value (MentionBlob).
            CREATE TABLE article_mentions(article INTEGER PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE relations(
                key INTEGER PRIMARY KEY,
                subject TEXT NOT NULL, kind TEXT NOT NULL, object TEXT NOT NULL,
                line INTEGER NOT NULL, evidence TEXT NOT NULL, confidence TEXT);
            -- Each relation stated in the text (subject, kind, object) once, with the key of its
            -- first statement: what an entity page lists, in that order (RelationLinks keeps it).
            -- Small (a row per distinct relation), so its indexes cost nothing to keep.
            CREATE TABLE relation_links(
                subject TEXT NOT NULL, kind TEXT NOT NULL, object TEXT NOT NULL,
                first INTEGER NOT NULL,
                PRIMARY KEY (subject, kind, object)) WITHOUT ROWID;
            CREATE INDEX relation_links_by_object ON relation_links(object, kind, subject);
            -- Articles whose relations are still to be extracted (the second stage of a refresh).
            CREATE TABLE pending_relations(article INTEGER PRIMARY KEY);
            -- Contentless: the text is in article_bodies already; folded keys only (see SearchText),
            -- split as unicode61 splits them (KeyTokenizer).
            CREATE VIRTUAL TABLE article_fts USING fts5(
                title, body, content='', tokenize='\(KeyTokenizer.name) remove_diacritics 2');
            -- The entities each article names in its title and body (EntityTerms): an entity's
            -- articles by MATCH, and from the two vocabulary tables each entity's numbers of
            -- articles and mentions (entity_counts: term, doc, cnt) and its mentions in each
            -- article (entity_mentions: term, doc, col, offset).
            CREATE VIRTUAL TABLE entity_fts USING fts5(terms, content='', columnsize=0, tokenize='\(KeyTokenizer.name)');
            CREATE VIRTUAL TABLE entity_counts USING fts5vocab(entity_fts, row);
            CREATE VIRTUAL TABLE entity_mentions USING fts5vocab(entity_fts, instance);
            """)
        // FTS5 gathers new terms in memory and writes them out as a segment when they pass
        // `hashsize` (1 MB by default), merging segments as they pile up. With 16 MB it writes
        // (and merges) far fewer: the same 100,000 articles went in with 8.5-11.6 s of CPU
        // instead of 14.9-17.4 s (sqlite3 3.40, python, same text).
        try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('hashsize', ?)", arguments: [16 << 20])
        try createSecondaryIndexes(db)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('format', ?)", arguments: [format])
    }

    /// The indexes of `articles` beyond its primary key. A build into an empty index drops them
    /// and makes them again at its end: sorting the rows once costs a fraction of inserting into
    /// each index row by row (6 for an article). Queries work without them, only slower, while
    /// such a build runs. `relations` has none: an entity page reads `relation_links`, and
    /// the two covering indexes it had took 0.7 s of the single-threaded end of a 100k build.
    static let secondaryIndexes: [(name: String, definition: String)] = [
        ("articles_by_id", "articles(id)"),
        ("articles_by_file_id", "articles(file_id)"),
        ("articles_in_corpus_order", "articles(file, position)"),
        // Newest first with ties in corpus order; NULL sorts lowest, so undated articles come last.
        ("articles_by_date", "articles(date DESC, file, position)"),
        ("articles_by_title", "articles(title COLLATE NOCASE)"),
        ("articles_by_source", "articles(source COLLATE NOCASE, date)"),
    ]

    /// Makes the secondary indexes that are missing (all of them after an interrupted build
    /// into an empty index).
    static func createSecondaryIndexes(_ db: Database) throws {
        for index in secondaryIndexes { try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.definition)") }
    }

    /// Whether the full-text tables merge their segments as rows come in (FTS5's `automerge`
    /// and `crisismerge`, kept in the tables). FTS5 writes the terms it holds in memory as a new
    /// segment at each commit, and merging them as they pile up rewrote them again and again: a
    /// build into an empty index with a commit every 256 files (2k files) took 1,138 M
    /// instructions with merging, 874 M without. Such a build turns it off and back on at its
    /// end, leaving the segments of its commits (23 on 100k) for later refreshes to merge.
    static func setFullTextMerging(_ db: Database, bulk: Bool) throws {
        for table in ["article_fts", "entity_fts"] {
            try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES ('automerge', ?)", arguments: [bulk ? 0 : 4])
            try db.execute(sql: "INSERT INTO \(table)(\(table), rank) VALUES ('crisismerge', ?)", arguments: [bulk ? 64 : 16])
        }
    }

    static func hasSecondaryIndexes(_ db: Database) throws -> Bool {
        let names = IndexSchema.secondaryIndexes.map(\.name)
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (\(names.map { _ in "?" }.joined(separator: ", ")))",
                                     arguments: StatementArguments(names)) ?? 0
        return count == names.count
    }

    static func dropSecondaryIndexes(_ db: Database) throws {
        for index in secondaryIndexes { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
    }

    static func hasIndex(_ db: Database, _ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)", arguments: [name]) ?? false
    }

    static func dropAll(_ db: Database) throws {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type IN ('table') AND name NOT LIKE 'sqlite_%'
              AND name NOT LIKE 'article_fts_%' AND name NOT LIKE 'entity_fts_%'
            """)
        for name in names { try db.execute(sql: "DROP TABLE IF EXISTS \"\(name)\"") }
    }
}
