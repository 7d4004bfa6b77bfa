#if canImport(Glibc)
import Glibc
#endif

/// Reduces Markdown-flavoured text to what a reader sees: links show as their text,
/// escapes are undone, emphasis markers and heading marks are dropped.
///
/// Markdown syntax is ASCII, so the work is done on UTF-8 bytes: a byte of a multi-byte
/// character is never mistaken for syntax, and counts as part of a word.
public enum MarkdownCleaner {
    /// False when the line holds none of the bytes Markdown cleaning acts on (it cleans to itself).
    static func hasMarkup(_ line: Substring) -> Bool {
        // Most lines have no markup: five memchr scans answer that without a per-byte loop.
        let plain = line.withBytesIfAvailable { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            let n = buf.count
            return memchr(base, 0x5C, n) == nil && memchr(base, 0x5B, n) == nil && memchr(base, 0x2A, n) == nil
                && memchr(base, 0x5F, n) == nil && memchr(base, 0x23, n) == nil
        } ?? false
        return !plain
    }

    public static func clean(_ line: Substring) -> String {
        if !hasMarkup(line) { return String(line) }
        var bytes = line.withBytesIfAvailable { Array($0) } ?? Array(line.utf8)
        // Heading marks.
        var hashes = 0
        while hashes < bytes.count && hashes < 6 && bytes[hashes] == UInt8(ascii: "#") { hashes += 1 }
        if hashes > 0 {
            var start = hashes
            while start < bytes.count && bytes[start] == 0x20 { start += 1 }
            bytes.removeFirst(start)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        clean(bytes[...], into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func clean(_ b: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c == UInt8(ascii: "\\"), i + 1 < b.endIndex, isPunctuation(b[i + 1]) {
                out.append(b[i + 1])
                i += 2
                continue
            }
            if c == UInt8(ascii: "["), let close = matching(b, from: i, open: UInt8(ascii: "["), close: UInt8(ascii: "]")),
               close + 1 < b.endIndex, b[close + 1] == UInt8(ascii: "("),
               let paren = matching(b, from: close + 1, open: UInt8(ascii: "("), close: UInt8(ascii: ")")) {
                clean(b[(i + 1)..<close], into: &out)
                i = paren + 1
                continue
            }
            if c == UInt8(ascii: "*") || (c == UInt8(ascii: "_") && isEmphasisUnderscore(b, i)) {
                // Emphasis: a run of * that touches a word on one side only.
                var j = i
                while j < b.endIndex && b[j] == c { j += 1 }
                let before: UInt8? = i > b.startIndex ? b[i - 1] : nil
                let after: UInt8? = j < b.endIndex ? b[j] : nil
                let opens = (before == nil || isSpace(before!) || isPunctuation(before!)) && after != nil && !isSpace(after!)
                let closes = (after == nil || isSpace(after!) || isPunctuation(after!)) && before != nil && !isSpace(before!)
                if (opens || closes) && !(before == nil && after == nil) {
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    private static func isPunctuation(_ v: UInt8) -> Bool {
        (v >= 0x21 && v <= 0x2F) || (v >= 0x3A && v <= 0x40) || (v >= 0x5B && v <= 0x60) || (v >= 0x7B && v <= 0x7E)
    }

    /// Letters, digits and any byte of a non-ASCII character.
    private static func isWordByte(_ v: UInt8) -> Bool {
        v >= 0x80 || (v | 0x20) &- 0x61 < 26 || (v >= 0x30 && v <= 0x39)
    }

    private static func isEmphasisUnderscore(_ b: ArraySlice<UInt8>, _ i: Int) -> Bool {
        // snake_case and URLs keep their underscores: only a leading or trailing one is emphasis.
        let wordBefore = i > b.startIndex && isWordByte(b[i - 1])
        let wordAfter = i + 1 < b.endIndex && isWordByte(b[i + 1])
        return wordBefore != wordAfter
    }

    private static func matching(_ b: ArraySlice<UInt8>, from: Int, open: UInt8, close: UInt8) -> Int? {
        var depth = 0
        var i = from
        while i < b.endIndex && i - from < 2_000 {
            if b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == open { depth += 1 }
            if b[i] == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }
}
