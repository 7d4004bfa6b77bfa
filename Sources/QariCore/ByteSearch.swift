#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for the hot path: per-line work must not go through Foundation's string search.
enum ByteSearch {
    /// memmem is a GNU extension the Glibc module does not export: memchr for the first byte, then compare.
    static func find(_ hay: UnsafeRawPointer, _ hayCount: Int, _ needle: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        let n = needle.count
        guard n > 0, hayCount >= n, let nb = needle.baseAddress else { return nil }
        let first = Int32(needle[0])
        var p = hay
        var remaining = hayCount
        while remaining >= n {
            guard let hit = memchr(p, first, remaining - n + 1) else { return nil }
            let h = UnsafeRawPointer(hit)
            // The second byte first: most first-byte hits end there, without a call.
            if n == 1 || (h.load(fromByteOffset: 1, as: UInt8.self) == needle[1] && memcmp(h, nb, n) == 0) { return h }
            let advance = h - p + 1
            p += advance
            remaining -= advance
        }
        return nil
    }

    /// ASCII-lowercased copy of at most `limit` leading bytes.
    @inline(__always)
    static func lowercasedHead(_ s: Substring, limit: Int) -> [UInt8] {
        if let r = s.withBytesIfAvailable({ buf -> [UInt8] in
            let n = min(limit, buf.count)
            return [UInt8](unsafeUninitializedCapacity: n) { out, count in
                lowercaseASCII(buf, into: out.baseAddress!, count: n)
                count = n
            }
        }) { return r }
        var out = [UInt8]()
        out.reserveCapacity(min(limit, s.utf8.count))
        for b in s.utf8.prefix(limit) {
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return out
    }

    /// The first `n` bytes of `source` (at most its count) into `out`, ASCII letters lower-cased:
    /// the one loop behind `lowercasedHead`, `withLowercasedHead` and `LowercasedHead`.
    @inline(__always)
    static func lowercaseASCII(_ source: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, count n: Int) {
        for i in 0..<n {
            let b = source[i]
            out[i] = b &- 0x41 < 26 ? b | 0x20 : b
        }
    }

    /// `body` on what `lowercasedHead` gives, made in a temporary allocation (on the stack when
    /// small) instead of an array on the heap (an allocation and a generic metadata look-up).
    @inline(__always)
    static func withLowercasedHead<R>(_ s: Substring, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = s
        return try copy.withUTF8 { buf in
            let n = min(limit, buf.count)
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(n, 1)) { tmp in
                lowercaseASCII(buf, into: tmp.baseAddress!, count: n)
                return try body(UnsafeBufferPointer(rebasing: tmp[0..<n]))
            }
        }
    }

    @inline(__always)
    static func hasPrefix(_ hay: UnsafeBufferPointer<UInt8>, _ p: [UInt8]) -> Bool {
        guard hay.count >= p.count else { return false }
        if p.isEmpty { return true }
        return p.withUnsafeBufferPointer { memcmp(hay.baseAddress!, $0.baseAddress!, p.count) == 0 }
    }

    @inline(__always)
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        return hay.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                find(h.baseAddress!, h.count, n) != nil
            }
        }
    }

    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        return needle.withUnsafeBytes { n in find(UnsafeRawPointer(hay.baseAddress!), hay.count, n) != nil }
    }

    static func count(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Int {
        guard !needle.isEmpty, hay.count >= needle.count, let base = hay.baseAddress else { return 0 }
        var n = 0
        var p = UnsafeRawPointer(base)
        var remaining = hay.count
        while remaining >= needle.count {
            guard let hit = needle.withUnsafeBytes({ find(p, remaining, $0) }) else { break }
            n += 1
            let advance = UnsafeRawPointer(hit) - p + needle.count
            p += advance
            remaining -= advance
        }
        return n
    }

    /// Trims spaces, tabs, carriage returns, NBSP, zero-width space and BOM from both ends.
    static func trimSpaces(_ s: Substring) -> Substring {
        let bounds = s.withBytesIfAvailable { buf -> (Int, Int, Int) in
            let (lo, hi) = trimmedBounds(buf, 0, buf.count)
            return (lo, hi, buf.count)
        }
        guard let (lo, hi, count) = bounds else { return s }
        if lo == 0 && hi == count { return s }
        let u = s.utf8
        let start = u.index(u.startIndex, offsetBy: lo)
        let end = u.index(u.startIndex, offsetBy: hi)
        return s[start..<end]
    }

    /// The bounds of `buf[lo..<hi]` without the spaces `trimSpaces` trims (byte offsets into `buf`).
    @inline(__always)
    static func trimmedBounds(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
        var lo = lo, hi = hi
        while lo < hi {
            let b = buf[lo]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { lo += 1; continue }
            if b == 0xC2, lo + 1 < hi, buf[lo + 1] == 0xA0 { lo += 2; continue }
            if lo + 2 < hi, (b == 0xE2 && buf[lo + 1] == 0x80 && (buf[lo + 2] == 0x8B || buf[lo + 2] == 0xAF))
                || (b == 0xEF && buf[lo + 1] == 0xBB && buf[lo + 2] == 0xBF) { lo += 3; continue }
            break
        }
        while hi > lo {
            let b = buf[hi - 1]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { hi -= 1; continue }
            if b == 0xA0, hi - 2 >= lo, buf[hi - 2] == 0xC2 { hi -= 2; continue }
            if hi - 3 >= lo, (buf[hi - 3] == 0xE2 && buf[hi - 2] == 0x80 && (b == 0x8B || b == 0xAF))
                || (buf[hi - 3] == 0xEF && buf[hi - 2] == 0xBB && b == 0xBF) { hi -= 3; continue }
            break
        }
        return (lo, hi)
    }

    /// The text with every U+00A0 turned into a space.
    static func replacingNBSP(_ s: Substring) -> String {
        // Pieces of valid text between the NBSPs are appended as they are: no byte loop, and no
        // second UTF-8 validation (which String(unsafeUninitializedCapacity:) would make).
        // The pieces between the NBSPs are copied into the new String's buffer as they are (a
        // memcpy each), a space for each NBSP; the one validation of the result is cheaper than
        // appending each piece as a Substring (index arithmetic and a String append a piece).
        if let r = s.withBytesIfAvailable({ buf -> String in
            guard let base = buf.baseAddress else { return "" }
            let n = buf.count
            return String(unsafeUninitializedCapacity: n) { out in
                guard let dst = out.baseAddress else { return 0 }
                var written = 0
                var pieceStart = 0
                var i = 0
                while i + 1 < n, let hit = memchr(base + i, 0xC2, n - 1 - i) {
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    if base[at + 1] == 0xA0 {
                        memcpy(dst + written, base + pieceStart, at - pieceStart)
                        written += at - pieceStart
                        dst[written] = 0x20
                        written += 1
                        pieceStart = at + 2
                        i = at + 2
                    } else {
                        i = at + 1
                    }
                }
                memcpy(dst + written, base + pieceStart, n - pieceStart)
                return written + n - pieceStart
            }
        }) { return r }
        var bytes = [UInt8]()
        bytes.reserveCapacity(s.utf8.count)
        var pendingC2 = false
        for b in s.utf8 {
            if pendingC2 {
                pendingC2 = false
                if b == 0xA0 { bytes.append(0x20); continue }
                bytes.append(0xC2)
            }
            if b == 0xC2 { pendingC2 = true; continue }
            bytes.append(b)
        }
        if pendingC2 { bytes.append(0xC2) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when the text has four digits in a row starting 19 or 20: a date line must have a year.
    static func containsYear(_ s: Substring) -> Bool {
        var copy = s
        return copy.withUTF8 { containsYear($0) }
    }

    static func containsYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 0
        var first: UInt8 = 0, second: UInt8 = 0
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                if run == 0 { first = b } else if run == 1 { second = b }
                run += 1
                if run == 4 && ((first == 0x31 && second == 0x39) || (first == 0x32 && second == 0x30)) { return true }
            } else {
                run = 0
            }
        }
        return false
    }

    /// True when the UTF-8 contains U+00A0.
    @inline(__always)
    static func containsNBSP(_ s: Substring) -> Bool {
        if let r = s.withBytesIfAvailable({ buf -> Bool in
            guard let base = buf.baseAddress, buf.count > 1 else { return false }
            var p = UnsafeRawPointer(base)
            var remaining = buf.count
            while remaining > 1, let hit = memchr(p, 0xC2, remaining - 1) {
                let h = UnsafeRawPointer(hit)
                if h.load(fromByteOffset: 1, as: UInt8.self) == 0xA0 { return true }
                let advance = h - p + 1
                p += advance
                remaining -= advance
            }
            return false
        }) { return r }
        var prev: UInt8 = 0
        for b in s.utf8 {
            if b == 0xA0 && prev == 0xC2 { return true }
            prev = b
        }
        return false
    }
}

extension Substring {
    /// The UTF-8 bytes in place: withUTF8, concrete and cheap for native text, where
    /// `utf8.withContiguousStorageIfAvailable` goes through generic Slice code (and allocates
    /// generic metadata) on every call. Never nil; optional for the callers' fallbacks.
    @inline(__always)
    func withBytesIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        var copy = self
        return try copy.withUTF8(body)
    }
}

/// Byte prefixes grouped by their first byte: most lines are answered by one table look-up.
struct PrefixTable: Sendable {
    private var byFirst: [[[UInt8]]] = Array(repeating: [], count: 256)

    init(_ prefixes: [String]) {
        for p in prefixes {
            let bytes = Array(p.utf8)
            if let f = bytes.first { byFirst[Int(f)].append(bytes) }
        }
    }

    @inline(__always)
    func matches(_ head: LowercasedHead) -> Bool {
        guard let f = head.first else { return false }
        let candidates = byFirst[Int(f)]
        if candidates.isEmpty { return false }
        return head.withBytes { h in
            candidates.contains { ByteSearch.hasPrefix(h, $0) }
        }
    }
}

/// The first 64 bytes (at most) of a line, ASCII-lowercased, stored inline: no heap per line.
struct LowercasedHead {
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var count = 0

    init(_ s: Substring) {
        var storage = self.storage
        let n = withUnsafeMutableBytes(of: &storage) { out -> Int in
            s.withBytesIfAvailable { buf -> Int in
                let n = min(64, buf.count)
                ByteSearch.lowercaseASCII(buf, into: out.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)
                return n
            } ?? 0
        }
        self.storage = storage
        count = n
    }

    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: storage) { raw in
            try body(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    var first: UInt8? { count > 0 ? withBytes { $0[0] } : nil }

    /// The bytes as a String (decoded as `String(decoding:as:)` decodes the array).
    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
}
