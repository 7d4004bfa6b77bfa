/// Writes the varints (unsigned LEB128) and strings (UTF-8 length, then bytes) of the index's
/// blobs (`BodyBlob`, `MentionBlob`) into memory the caller sized (at most 10 bytes a varint, and
/// a string's bytes and its length's varint).
struct BlobWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    @inline(__always) mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            base[count] = UInt8(v & 0x7F) | 0x80
            count += 1
            v >>= 7
        }
        base[count] = UInt8(v)
        count += 1
    }

    @inline(__always) mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            varint(UInt64(bytes.count))
            if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
            count += bytes.count
        }
    }
}

/// Reads what `BlobWriter` writes; every read is nil past the end or on a malformed value.
struct BlobReader {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count, shift < 64 {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    /// A varint that fits an Int32 (lines, offsets).
    mutating func int() -> Int? {
        guard let v = varint(), v <= UInt64(Int32.max) else { return nil }
        return Int(v)
    }

    /// A count of items, each at least one byte long: never more than the bytes left.
    mutating func count() -> Int? {
        guard let v = varint(), v <= UInt64(bytes.count - at) else { return nil }
        return Int(v)
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
        at += n
        return s
    }

    /// Moves `n` bytes on (`n` from `count`, so never past the end).
    mutating func skip(_ n: Int) { at = min(bytes.count, at + n) }

    mutating func skipString() -> Bool {
        guard let n = count() else { return false }
        at += n
        return true
    }
}
