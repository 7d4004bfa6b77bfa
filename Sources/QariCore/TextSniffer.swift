#if canImport(Glibc)
import Glibc
#endif

/// Decides whether bytes are text, decodes them, and recognises the text format.
public enum TextSniffer {
    /// A short name of what the bytes are when they are not text, or nil for text.
    public static func binaryKind(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 65_536)])
        func starts(_ magic: [UInt8]) -> Bool {
            head.count >= magic.count && zip(head, magic).allSatisfy { $0 == $1 }
        }
        if starts([0x25, 0x50, 0x44, 0x46]) { return "a PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive or office document" }
        if starts([0x1F, 0x8B]) { return "gzip-compressed data" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "an executable" }
        if starts([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65]) { return "an SQLite database" }
        if let base = head.baseAddress, memchr(base, 0, head.count) != nil { return "binary data: contains NUL bytes" }
        // Control bytes other than tab, newline, CR, form feed and ESC: a sample of 8 KB decides.
        var controls = 0
        let sample = UnsafeBufferPointer(rebasing: head.prefix(8_192))
        let ones: UInt64 = 0x0101010101010101
        var i = 0
        while i < sample.count {
            // Words with no byte below 0x20 (the common case) are skipped eight bytes at a time.
            if i + 8 <= sample.count, let base = sample.baseAddress {
                let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if (w &- ones &* 0x20) & ~w & (ones &* 0x80) == 0 { i += 8; continue }
            }
            let end = min(i + 8, sample.count)
            while i < end {
                let b = sample[i]
                if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { controls += 1 }
                i += 1
            }
        }
        if controls * 10 > sample.count { return "binary data: mostly control bytes" }
        return nil
    }

    /// Decodes UTF-8, replacing invalid sequences with U+FFFD and counting them.
    public static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, replaced: Int) {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        var text = String(decoding: body, as: UTF8.self)
        // Valid input decodes to the same bytes; only otherwise are replacements counted.
        let same = text.withUTF8 { out in
            out.count == body.count && (body.count == 0 || memcmp(out.baseAddress!, body.baseAddress!, body.count) == 0)
        }
        if same { return (text, 0) }
        let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]
        let produced = text.withUTF8 { ByteSearch.count($0, fffd) }
        return (text, produced - ByteSearch.count(body, fffd))
    }

    /// Markdown-flavoured when headings, links or backslash escapes are common enough.
    public static func format(of text: String) -> TextFormat {
        var copy = text
        return copy.withUTF8 { all in
            let head = UnsafeBufferPointer(rebasing: all[0..<min(all.count, 262_144)])
            var signals = 0
            for pattern in ["\n## ", "\n# ", "\n### ", "](", "\\_", "\\*", "\n**"] {
                if ByteSearch.contains(head, Array(pattern.utf8)) { signals += 1 }
            }
            // Several links alone are enough: wrapped web pages are full of them.
            if ByteSearch.count(head, Array("](".utf8)) >= 3 { signals += 1 }
            if head.starts(with: Array("## ".utf8)) || head.starts(with: Array("# ".utf8)) { signals += 1 }
            return signals >= 2 ? .markdown : .plain
        }
    }
}

/// FNV-1a: a fast, stable 64-bit hash for content-derived ids (not for security).
public enum StableHash {
    public static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0xcbf29ce484222325) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100000001b3
        }
        return h
    }

    /// A content hash that takes eight bytes a step: file contents are hashed on every load.
    public static func content(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            for i in 0..<words {
                let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                h = (h ^ w) &* 0x9E3779B97F4A7C15
                h ^= h >> 29
            }
        }
        for i in (words * 8)..<bytes.count {
            h = (h ^ UInt64(bytes[i])) &* 0x100000001b3
        }
        return mix(h, 0)
    }


    /// Mixes a number into a hash (splitmix64 finaliser).
    public static func mix(_ h: UInt64, _ n: UInt64) -> UInt64 {
        var z = h &+ 0x9e3779b97f4a7c15 &* (n &+ 1)
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
