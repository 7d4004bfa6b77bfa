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
            if memcmp(h, nb, n) == 0 { return h }
            let advance = h - p + 1
            p += advance
            remaining -= advance
        }
        return nil
    }

    /// ASCII-lowercased copy of at most `limit` leading bytes.
    @inline(__always)
    static func lowercasedHead(_ s: Substring, limit: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(min(limit, s.utf8.count))
        for b in s.utf8.prefix(limit) {
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return out
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
        let u = s.utf8
        var start = u.startIndex
        var end = u.endIndex
        func widthAt(_ i: String.Index, forward: Bool) -> Int {
            // Returns the byte length of a space-like character at i (forward) or ending at i (backward), else 0.
            if forward {
                let b = u[i]
                if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C { return 1 }
                if b == 0xC2, let j = u.index(i, offsetBy: 1, limitedBy: end), j < end, u[j] == 0xA0 { return 2 }
                if b == 0xE2 || b == 0xEF, let j = u.index(i, offsetBy: 2, limitedBy: end), j < end {
                    let b1 = u[u.index(after: i)], b2 = u[j]
                    if b == 0xE2 && b1 == 0x80 && (b2 == 0x8B || b2 == 0xAF) { return 3 }
                    if b == 0xEF && b1 == 0xBB && b2 == 0xBF { return 3 }
                }
                return 0
            } else {
                let last = u[u.index(before: i)]
                if last == 0x20 || last == 0x09 || last == 0x0D || last == 0x0B || last == 0x0C { return 1 }
                if last == 0xA0, u.distance(from: start, to: i) >= 2, u[u.index(i, offsetBy: -2)] == 0xC2 { return 2 }
                if u.distance(from: start, to: i) >= 3 {
                    let b0 = u[u.index(i, offsetBy: -3)], b1 = u[u.index(i, offsetBy: -2)]
                    if b0 == 0xE2 && b1 == 0x80 && (last == 0x8B || last == 0xAF) { return 3 }
                    if b0 == 0xEF && b1 == 0xBB && last == 0xBF { return 3 }
                }
                return 0
            }
        }
        while start < end {
            let w = widthAt(start, forward: true)
            if w == 0 { break }
            start = u.index(start, offsetBy: w)
        }
        while end > start {
            let w = widthAt(end, forward: false)
            if w == 0 { break }
            end = u.index(end, offsetBy: -w)
        }
        return s[start..<end]
    }

    /// True when the UTF-8 contains U+00A0.
    @inline(__always)
    static func containsNBSP(_ s: Substring) -> Bool {
        var prev: UInt8 = 0
        for b in s.utf8 {
            if b == 0xA0 && prev == 0xC2 { return true }
            prev = b
        }
        return false
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    func hasBytePrefix(_ p: [UInt8]) -> Bool {
        count >= p.count && self[0..<p.count].elementsEqual(p)
    }
}
