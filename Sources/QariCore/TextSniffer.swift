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
        // Eight bytes a step: bytes below 0x20, less the allowed ones, counted exactly.
        var controls = 0
        let sample = UnsafeBufferPointer(rebasing: head.prefix(8_192))
        let (ones, highs, lows) = (SWAR.ones, SWAR.highs, SWAR.lows)
        @inline(__always) func equal(_ x: UInt64, _ byte: UInt64) -> UInt64 {
            let t = x ^ (ones &* byte)
            return ~(((t & lows) &+ lows) | t | lows)
        }
        var i = 0
        if let base = sample.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= sample.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bytes below 0x20: top bit clear, and clear again after subtracting 0x20 from it set.
                let below = ~((w | highs) &- (ones &* 0x20)) & ~w & highs
                if below != 0 {
                    let allowed = equal(w, 0x09) | equal(w, 0x0A) | equal(w, 0x0D) | equal(w, 0x0C) | equal(w, 0x1B)
                    controls += Int(truncatingIfNeeded: (((below & ~allowed) >> 7) &* ones) >> 56)
                }
                i += 8
            }
        }
        while i < sample.count {
            let b = sample[i]
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B { controls += 1 }
            i += 1
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
    ///
    /// Signals (each counts once): a line starting "## ", "# ", "### " or "**" after the first;
    /// "](" once, and again when there are three; "\\_"; "\\*"; the text starting "## " or "# ".
    /// Three memchr scans (newlines, "]" and backslashes) find them all.
    public static func format(of text: String) -> TextFormat {
        var copy = text
        return copy.withUTF8 { all in
            let count = min(all.count, 262_144)
            guard count > 0, let base = all.baseAddress else { return .plain }
            @inline(__always) func at(_ i: Int) -> UInt8 { i < count ? base[i] : 0 }
            var signals = 0
            // After newlines: "\n## ", "\n# ", "\n### ", "\n**".
            var h2 = false, h1 = false, h3 = false, bold = false
            var p = 0
            while p < count, !(h1 && h2 && h3 && bold), let hit = memchr(base + p, 0x0A, count - p) {
                let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                let b1 = at(i + 1), b2 = at(i + 2)
                if b1 == 0x23 {
                    if b2 == 0x20 { h1 = true }
                    else if b2 == 0x23 {
                        let b3 = at(i + 3)
                        if b3 == 0x20 { h2 = true } else if b3 == 0x23 && at(i + 4) == 0x20 { h3 = true }
                    }
                } else if b1 == 0x2A && b2 == 0x2A {
                    bold = true
                }
                p = i + 1
            }
            signals += (h2 ? 1 : 0) + (h1 ? 1 : 0) + (h3 ? 1 : 0) + (bold ? 1 : 0)
            // "](": present, and present three times.
            var links = 0
            p = 0
            while p < count, links < 3, let hit = memchr(base + p, 0x5D, count - p) {
                let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if at(i + 1) == 0x28 { links += 1 }
                p = i + 1
            }
            if links >= 1 { signals += 1 }
            if links >= 3 { signals += 1 }
            // "\\_" and "\\*".
            var underscore = false, star = false
            p = 0
            while p < count, !(underscore && star), let hit = memchr(base + p, 0x5C, count - p) {
                let i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                let next = at(i + 1)
                if next == 0x5F { underscore = true } else if next == 0x2A { star = true }
                p = i + 1
            }
            signals += (underscore ? 1 : 0) + (star ? 1 : 0)
            if (at(0) == 0x23 && at(1) == 0x23 && at(2) == 0x20) || (at(0) == 0x23 && at(1) == 0x20) { signals += 1 }
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
