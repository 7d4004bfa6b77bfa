import Foundation
import GRDB
import QariCore

/// One article's entity mentions as one value of the index (`article_mentions.data`).
///
/// Each article names about forty entities; one row per mention made the mentions table the
/// largest in the index (3.9 million rows for 100,000 articles) and a fifth of the writer's
/// work. Every reader wants the mentions of whole articles, so one blob per article serves them.
///
/// Layout, all integers as unsigned LEB128 varints: the number of distinct entity ids, then
/// each id (length, UTF-8 bytes); the number of mentions, then for each: the id's place in
/// that table, the part code zigzag-encoded (-1 title, n paragraph, -2 - n boilerplate), start,
/// length (end - start), line, and the surface (length, UTF-8 bytes).
enum MentionBlob {
    static func encode(_ mentions: [IndexedMention]) -> [UInt8] { encodeCounting(mentions).bytes }

    /// `encode`, and the title and body mentions (part code -1 or more) of each entity that has
    /// any, in the order the entities are first named: the blob's table of ids gives them for
    /// nothing.
    static func encodeCounting(_ mentions: [IndexedMention]) -> (bytes: [UInt8], perEntity: [(entity: String, mentions: Int)]) {
        // An article names a few dozen entities: a linear search beats hashing each id. Most
        // mentions of an entity share its id's storage, so the search first compares the two
        // words of each String (equal words, equal strings) and only then the text.
        // The mentions are read in place: a copy of each (twice, one per loop) retained and
        // released its two strings.
        mentions.withUnsafeBufferPointer { mentions in
            // (Room for the usual few dozen entities at once: grown an append at a time, the three
            // arrays were reallocated several times an article.)
            let room = min(mentions.count, 48)
            var ids: [String] = [], lengths: [Int] = [], counts: [Int] = []
            ids.reserveCapacity(room)
            lengths.reserveCapacity(room)
            counts.reserveCapacity(room)
            var places = [Int](repeating: 0, count: mentions.count)
            var size = 20
            for i in mentions.indices {
                let m = mentions.baseAddress! + i
                let length = m.pointee.entityID.utf8.count
                let place = placeOf(m.pointee.entityID, length: length, in: ids, lengths: lengths)
                if place == ids.count {
                    ids.append(m.pointee.entityID)
                    lengths.append(length)
                    counts.append(0)
                    size += 10 + length
                }
                places[i] = place
                if m.pointee.partCode >= -1 { counts[place] += 1 }
                size += 50 + 10 + m.pointee.surface.utf8.count
            }
            let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, written in
                var w = BlobWriter(buffer.baseAddress!)
                w.varint(UInt64(ids.count))
                for id in ids { w.string(id) }
                w.varint(UInt64(mentions.count))
                for i in mentions.indices {
                    let m = mentions.baseAddress! + i
                    w.varint(UInt64(places[i]))
                    let code = Int64(m.pointee.partCode)
                    w.varint(UInt64(bitPattern: (code << 1) ^ (code >> 63)))
                    w.varint(UInt64(m.pointee.range.lowerBound))
                    w.varint(UInt64(m.pointee.range.upperBound - m.pointee.range.lowerBound))
                    w.varint(UInt64(max(0, m.pointee.line)))
                    w.string(m.pointee.surface)
                }
                written = w.count
            }
            var perEntity: [(entity: String, mentions: Int)] = []
            perEntity.reserveCapacity(ids.count)
            for (id, n) in zip(ids, counts) where n > 0 { perEntity.append((id, n)) }
            return (bytes, perEntity)
        }
    }

    /// The place of `id` (of `length` UTF-8 bytes) in `ids`, or `ids.count` when it is not there.
    @inline(__always)
    private static func placeOf(_ id: String, length: Int, in ids: [String], lengths: [Int]) -> Int {
        if MemoryLayout<String>.size == 16 {
            let bits = unsafeBitCast(id, to: (UInt64, UInt64).self)
            for (k, other) in ids.enumerated() where unsafeBitCast(other, to: (UInt64, UInt64).self) == bits { return k }
        }
        for k in ids.indices where lengths[k] == length && ids[k] == id { return k }
        return ids.count
    }

    /// The mentions, or nil when the bytes are not a blob this writes (a damaged index).
    /// `keep` picks mentions by entity id and part code before their surfaces are decoded.
    static func decode(_ bytes: [UInt8], keep: (String, Int) -> Bool = { _, _ in true }) -> [IndexedMention]? {
        bytes.withUnsafeBufferPointer { b -> [IndexedMention]? in
            var r = BlobReader(b)
            guard let idCount = r.count() else { return nil }
            var ids: [String] = []
            ids.reserveCapacity(idCount)
            for _ in 0..<idCount {
                guard let id = r.string() else { return nil }
                ids.append(id)
            }
            guard let count = r.count() else { return nil }
            var mentions: [IndexedMention] = []
            mentions.reserveCapacity(count)
            for _ in 0..<count {
                guard let place = r.varint(), place < UInt64(ids.count), let zigzag = r.varint(), let start = r.int(),
                      let length = r.int(), let line = r.int() else { return nil }
                let code = Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
                let id = ids[Int(place)]
                if keep(id, code) {
                    guard let surface = r.string() else { return nil }
                    mentions.append(IndexedMention(entityID: id, part: IndexedMention.part(code: code),
                                                   range: start..<(start + length), surface: surface, line: line))
                } else {
                    guard r.skipString() else { return nil }
                }
            }
            return r.atEnd ? mentions : nil
        }
    }

    /// Whether the blob has a title or body mention (part code -1 or more) of the entity, read
    /// without decoding the mentions: the test behind `entity:` when a search walks articles
    /// one at a time. Nil for bytes this does not write.
    static func names(_ b: UnsafeRawBufferPointer, entity: UnsafeRawBufferPointer) -> Bool? {
        var r = BlobReader(b.bindMemory(to: UInt8.self))
        guard let idCount = r.count() else { return nil }
        var wanted = -1
        for place in 0..<idCount {
            guard let n = r.count() else { return nil }
            if wanted < 0 && n == entity.count && memcmp(b.baseAddress! + r.at, entity.baseAddress!, n) == 0 { wanted = place }
            r.skip(n)
        }
        guard wanted >= 0 else { return false }
        guard let count = r.count() else { return nil }
        for _ in 0..<count {
            guard let place = r.varint(), let zigzag = r.varint(), r.varint() != nil, r.varint() != nil, r.varint() != nil,
                  r.skipString() else { return nil }
            // Zigzag codes 0, 1 and 2 are 0, -1 and 1; every even code is 0 or more.
            if place == UInt64(wanted) && (zigzag == 1 || zigzag & 1 == 0) { return true }
        }
        return false
    }

    /// `qari_names(article_mentions.data, entity id)`: `names` as an SQL function.
    static let namesFunction = DatabaseFunction("qari_names", argumentCount: 2, pure: true) { values in
        guard let data = Data.fromDatabaseValue(values[0]), let id = String.fromDatabaseValue(values[1]) else { return false }
        var id8 = id
        return id8.withUTF8 { entity in
            data.withUnsafeBytes { names($0, entity: UnsafeRawBufferPointer(entity)) } ?? false
        }
    }
}
