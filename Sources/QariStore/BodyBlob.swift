import QariCore

/// One article's paragraphs and boilerplate lines as one value of the index (`article_bodies.data`).
///
/// They were one row each (820,000 paragraph and 370,000 boilerplate rows for 100,000
/// articles), and every reader wants all of an article's paragraphs, or its first few: one row
/// an article costs the writer a row where it paid ten, and the value is made on the worker
/// threads that parse the files.
///
/// Layout, integers as unsigned LEB128 varints and strings as their UTF-8 length then bytes:
/// the number of paragraphs, then for each: its text, language, direction, line, and the number
/// of joined source lines then each one's offset and line; then the number of boilerplate
/// lines, and for each: its line, role and text. Each paragraph's text comes first so that
/// `paragraphTexts` can skip the rest.
enum BodyBlob {
    static func encode(paragraphs: [Paragraph], boilerplate: [BoilerplateLine]) -> [UInt8] {
        var size = 20
        for p in paragraphs {
            size += 60 + p.text.utf8.count + p.lang.rawValue.utf8.count + p.direction.rawValue.utf8.count + 20 * p.joinedLines.count
        }
        for b in boilerplate { size += 30 + b.role.rawValue.utf8.count + b.text.utf8.count }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, written in
            var w = BlobWriter(buffer.baseAddress!)
            w.varint(UInt64(paragraphs.count))
            for p in paragraphs {
                w.string(p.text)
                w.string(p.lang.rawValue)
                w.string(p.direction.rawValue)
                w.varint(UInt64(max(0, p.line)))
                w.varint(UInt64(p.joinedLines.count))
                for j in p.joinedLines {
                    w.varint(UInt64(max(0, j.offset)))
                    w.varint(UInt64(max(0, j.line)))
                }
            }
            w.varint(UInt64(boilerplate.count))
            for b in boilerplate {
                w.varint(UInt64(max(0, b.line)))
                w.string(b.role.rawValue)
                w.string(b.text)
            }
            written = w.count
        }
    }

    /// The paragraphs and boilerplate lines, or nil when the bytes are not a value `encode`
    /// makes (a damaged index).
    static func decode(_ bytes: [UInt8]) -> (paragraphs: [Paragraph], boilerplate: [BoilerplateLine])? {
        bytes.withUnsafeBufferPointer { b -> ([Paragraph], [BoilerplateLine])? in
            var r = BlobReader(b)
            guard let count = r.count() else { return nil }
            var paragraphs: [Paragraph] = []
            paragraphs.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = r.string(), let lang = r.string(), let direction = r.string(), let line = r.int(),
                      let joinedCount = r.count() else { return nil }
                var joined: [Paragraph.JoinedLine] = []
                for _ in 0..<joinedCount {
                    guard let offset = r.int(), let jline = r.int() else { return nil }
                    joined.append(Paragraph.JoinedLine(offset: offset, line: jline))
                }
                paragraphs.append(Paragraph(text: text, lang: Language(rawValue: lang) ?? .en,
                                            direction: TextDirection(rawValue: direction) ?? .ltr, line: line, joinedLines: joined))
            }
            guard let boilerplateCount = r.count() else { return nil }
            var boilerplate: [BoilerplateLine] = []
            boilerplate.reserveCapacity(boilerplateCount)
            for _ in 0..<boilerplateCount {
                guard let line = r.int(), let role = r.string(), let text = r.string() else { return nil }
                boilerplate.append(BoilerplateLine(line: line, text: text, role: LineRole(rawValue: role) ?? .boilerplate))
            }
            return r.atEnd ? (paragraphs, boilerplate) : nil
        }
    }

    /// The paragraphs' texts alone, their other fields skipped (nil: a damaged value).
    static func paragraphTexts(_ bytes: [UInt8]) -> [String]? {
        bytes.withUnsafeBufferPointer { b -> [String]? in
            var r = BlobReader(b)
            guard let count = r.count() else { return nil }
            var texts: [String] = []
            texts.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = r.string(), r.skipString(), r.skipString(), r.int() != nil, let joined = r.count() else { return nil }
                for _ in 0..<joined { guard r.int() != nil, r.int() != nil else { return nil } }
                texts.append(text)
            }
            return texts
        }
    }
}
