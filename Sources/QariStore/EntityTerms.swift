/// The full-text form of the entities an article names (`entity_fts`): each entity id becomes
/// one term, `x` and the hexadecimal of its UTF-8 bytes (a plain ASCII word, which the key
/// tokenizer passes through whatever the id holds), written once for each title or body mention.
///
/// FTS5 then keeps the entity -> articles lists that a table of (entity, article) rows kept
/// before (2.3 million rows for 100,000 articles, 15% of the index writer's instructions):
/// `entity_fts MATCH term` gives the articles naming an entity, its `fts5vocab` tables the
/// number of articles and mentions of each entity, and of each article.
enum EntityTerms {
    /// The term of an entity id.
    static func term(_ id: String) -> String {
        var bytes: [UInt8] = [0x78]   // "x"
        bytes.reserveCapacity(1 + 2 * id.utf8.count)
        for b in id.utf8 {
            bytes.append(hexDigits[Int(b >> 4)])
            bytes.append(hexDigits[Int(b & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An FTS5 query for the articles naming the entity (`entity_fts MATCH`).
    static func match(_ id: String) -> String { "\"" + term(id) + "\"" }

    /// The entity id of a term, or nil for a string `term` does not make.
    static func id(ofTerm term: String) -> String? {
        let bytes = Array(term.utf8)
        guard bytes.first == 0x78, bytes.count % 2 == 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var i = 1
        while i < bytes.count {
            guard let high = value(bytes[i]), let low = value(bytes[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return String(validating: out, as: UTF8.self)
    }

    /// The text indexed for an article: each entity's term as many times as it is mentioned.
    static func text(_ perEntity: [(entity: String, mentions: Int)]) -> String {
        String(decoding: bytes(perEntity), as: UTF8.self)
    }

    /// `text` as UTF-8 bytes, for the index writer, which binds them as text: ASCII made here,
    /// it need not be checked as a String would check it (the check cost about as much as
    /// writing the terms: 39 terms an article, repeated for each mention, on the bench corpus).
    /// Written straight into the array's memory.
    static func bytes(_ perEntity: [(entity: String, mentions: Int)]) -> [UInt8] {
        var total = 0
        for (entity, count) in perEntity where count > 0 { total += (2 + 2 * entity.utf8.count) * count }
        guard total > 0 else { return [] }
        // (Read once: a static read in the loop is a check of its initialisation at every byte.)
        let hex = hexDigits
        return hex.withUnsafeBufferPointer { hex in
            [UInt8](unsafeUninitializedCapacity: total) { out, written in
                let base = out.baseAddress!
                var n = 0
                for (entity, count) in perEntity where count > 0 {
                    if n > 0 { base[n] = 0x20; n += 1 }
                    let start = n
                    base[n] = 0x78   // "x"
                    n += 1
                    for b in entity.utf8 {
                        base[n] = hex[Int(b >> 4)]
                        base[n + 1] = hex[Int(b & 0xF)]
                        n += 2
                    }
                    let length = n - start
                    for _ in 1..<count {
                        base[n] = 0x20
                        (base + n + 1).update(from: base + start, count: length)
                        n += 1 + length
                    }
                }
                precondition(n <= total)
                written = n
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: return digit - 0x30
        case 0x61...0x66: return digit - 0x61 + 10
        default: return nil
        }
    }
}
