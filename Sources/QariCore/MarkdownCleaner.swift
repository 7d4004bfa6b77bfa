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
        let chars = Array(s)
        var out = ""
        out.reserveCapacity(chars.count)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "[", let close = matching(chars, from: i, open: "[", close: "]"),
               close + 1 < chars.count, chars[close + 1] == "(",
               let paren = matching(chars, from: close + 1, open: "(", close: ")") {
                out += clean(Substring(String(chars[(i + 1)..<close])))
                i = paren + 1
                continue
            }
            if c == "*" || (c == "_" && isEmphasisUnderscore(chars, i)) {
                // Emphasis: a run of * that touches a word on one side only.
                var j = i
                while j < chars.count && chars[j] == c { j += 1 }
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let after: Character? = j < chars.count ? chars[j] : nil
                let opens = (before == nil || before!.isWhitespace || before!.isPunctuation) && after != nil && !after!.isWhitespace
                let closes = (after == nil || after!.isWhitespace || after!.isPunctuation) && before != nil && !before!.isWhitespace
                if (opens || closes) && !(before == nil && after == nil) {
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func isEmphasisUnderscore(_ chars: [Character], _ i: Int) -> Bool {
        // snake_case and URLs keep their underscores: only a leading or trailing one is emphasis.
        let before: Character? = i > 0 ? chars[i - 1] : nil
        let after: Character? = i + 1 < chars.count ? chars[i + 1] : nil
        let wordBefore = before.map { $0.isLetter || $0.isNumber } ?? false
        let wordAfter = after.map { $0.isLetter || $0.isNumber } ?? false
        return wordBefore != wordAfter
    }

    private static func matching(_ chars: [Character], from: Int, open: Character, close: Character) -> Int? {
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
