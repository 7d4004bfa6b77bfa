#if canImport(Glibc)
import Glibc
#endif

/// Reduces Markdown-flavoured text to what a reader sees: links show as their text,
/// escapes are undone, emphasis markers and heading marks are dropped.
public enum MarkdownCleaner {
    public static func clean(_ line: Substring) -> String {
        // Most lines have no markup: five memchr scans answer that without a per-byte closure.
        let plain = line.utf8.withContiguousStorageIfAvailable { buf -> Bool in
            guard let base = buf.baseAddress else { return true }
            for c in [UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "#")]
                where memchr(base, Int32(c), buf.count) != nil { return false }
            return true
        } ?? false
        if plain { return String(line) }
        var s = Substring(line)
        // Heading marks.
        var hashes = 0
        while s.first == "#" && hashes < 6 { s = s.dropFirst(); hashes += 1 }
        if hashes > 0 { s = s.drop(while: { $0 == " " }) }
        // Markdown syntax is ASCII: work on scalars, which is far cheaper than on Characters.
        let chars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, isASCIIPunctuation(chars[i + 1]) {
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "[", let close = matching(chars, from: i, open: "[", close: "]"),
               close + 1 < chars.count, chars[close + 1] == "(",
               let paren = matching(chars, from: close + 1, open: "(", close: ")") {
                out.append(contentsOf: clean(Substring(String(String.UnicodeScalarView(chars[(i + 1)..<close])))).unicodeScalars)
                i = paren + 1
                continue
            }
            if c == "*" || (c == "_" && isEmphasisUnderscore(chars, i)) {
                // Emphasis: a run of * that touches a word on one side only.
                var j = i
                while j < chars.count && chars[j] == c { j += 1 }
                let before: Unicode.Scalar? = i > 0 ? chars[i - 1] : nil
                let after: Unicode.Scalar? = j < chars.count ? chars[j] : nil
                let opens = (before == nil || isSpace(before!) || isASCIIPunctuation(before!)) && after != nil && !isSpace(after!)
                let closes = (after == nil || isSpace(after!) || isASCIIPunctuation(after!)) && before != nil && !isSpace(before!)
                if (opens || closes) && !(before == nil && after == nil) {
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{A0}"
    }

    private static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x21 && v <= 0x2F) || (v >= 0x3A && v <= 0x40) || (v >= 0x5B && v <= 0x60) || (v >= 0x7B && v <= 0x7E)
    }

    private static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return (v | 0x20) &- 0x61 < 26 || (v >= 0x30 && v <= 0x39) }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    private static func isEmphasisUnderscore(_ chars: [Unicode.Scalar], _ i: Int) -> Bool {
        // snake_case and URLs keep their underscores: only a leading or trailing one is emphasis.
        let wordBefore = i > 0 && isWordScalar(chars[i - 1])
        let wordAfter = i + 1 < chars.count && isWordScalar(chars[i + 1])
        return wordBefore != wordAfter
    }

    private static func matching(_ chars: [Unicode.Scalar], from: Int, open: Unicode.Scalar, close: Unicode.Scalar) -> Int? {
        var depth = 0
        var i = from
        while i < chars.count && i - from < 2_000 {
            if chars[i] == "\\" { i += 2; continue }
            if chars[i] == open { depth += 1 }
            if chars[i] == close {
                depth -= 1
                if depth == 0 { return i }
            }
            i += 1
        }
        return nil
    }
}
