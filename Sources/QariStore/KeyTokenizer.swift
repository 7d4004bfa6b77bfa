import GRDB
import GRDBSQLite

/// The FTS5 tokenizer of the index, `qari_keys`: FTS5's own `unicode61` made cheap for the text
/// the index feeds it.
///
/// The full-text table is given search keys (`SearchText`), words already folded and joined by
/// single spaces. For most of them `unicode61` changes nothing: a word of ASCII lower-case
/// letters and digits, or of plain Arabic letters (U+0621-063A, U+0641-064A), comes out as it
/// went in. Yet `unicode61` pays for every non-ASCII scalar with table searches (Arabic text
/// cost a fifth of the index writer's instructions). This tokenizer splits at spaces, passes
/// such words through as they are, and hands any other word to a `unicode61` instance made with
/// the same arguments, so the terms and their positions are the ones `unicode61` gives
/// (`KeyTokenizerTests` compares both on the seeds' keys and on random text).
enum KeyTokenizer {
    static let name = "qari_keys"

    /// Registers the tokenizer on a connection (each connection that reads or writes the
    /// full-text table needs it).
    static func register(_ db: Database) throws {
        let api = try fts5API(db)
        let module = Module()
        guard let find = api.pointee.xFindTokenizer,
              find(api, "unicode61", &module.unicode61Context, &module.unicode61) == SQLITE_OK,
              module.unicode61.xCreate != nil, module.unicode61.xTokenize != nil, module.unicode61.xDelete != nil,
              let create = api.pointee.xCreateTokenizer else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5's unicode61 tokenizer is missing")
        }
        var tokenizer = fts5_tokenizer(xCreate: createInstance, xDelete: deleteInstance, xTokenize: tokenize)
        let context = Unmanaged.passRetained(module).toOpaque()
        let code = create(api, name, context, &tokenizer) { context in
            if let context { Unmanaged<Module>.fromOpaque(context).release() }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the \(name) tokenizer")
        }
    }

    /// The connection's FTS5 interface (the documented way: `SELECT fts5(?1)` with a pointer).
    private static func fts5API(_ db: Database) throws -> UnsafeMutablePointer<fts5_api> {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db.sqliteConnection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "this SQLite has no FTS5")
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        withUnsafeMutablePointer(to: &api) { pointer in
            _ = sqlite3_bind_pointer(statement, 1, pointer, pointerType.utf8Start.withMemoryRebound(to: CChar.self, capacity: 13) { $0 }, nil)
            _ = sqlite3_step(statement)
        }
        guard let api, api.pointee.iVersion >= 2 else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "this SQLite has no FTS5 interface")
        }
        return api
    }

    /// Static: SQLite compares it by content during the step, after the bind call returned.
    private static let pointerType: StaticString = "fts5_api_ptr"

    /// What the registration keeps for its connection: the `unicode61` module.
    final class Module {
        var unicode61 = fts5_tokenizer()
        var unicode61Context: UnsafeMutableRawPointer?
    }

    /// One tokenizer of a table: the `unicode61` instance made with the table's arguments.
    final class Instance {
        let module: Module
        let inner: OpaquePointer
        init(module: Module, inner: OpaquePointer) {
            self.module = module
            self.inner = inner
        }
    }

    private static let createInstance: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UnsafePointer<CChar>?>?, Int32,
                                                        UnsafeMutablePointer<OpaquePointer?>?) -> Int32 = { context, arguments, count, out in
        guard let context, let out else { return SQLITE_MISUSE }
        let module = Unmanaged<Module>.fromOpaque(context).takeUnretainedValue()
        var inner: OpaquePointer?
        let code = module.unicode61.xCreate!(module.unicode61Context, arguments, count, &inner)
        guard code == SQLITE_OK, let inner else { return code == SQLITE_OK ? SQLITE_ERROR : code }
        out.pointee = OpaquePointer(Unmanaged.passRetained(Instance(module: module, inner: inner)).toOpaque())
        return SQLITE_OK
    }

    private static let deleteInstance: @convention(c) (OpaquePointer?) -> Void = { tokenizer in
        guard let tokenizer else { return }
        let instance = Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(tokenizer))
        let value = instance.takeUnretainedValue()
        value.module.unicode61.xDelete!(value.inner)
        instance.release()
    }

    typealias TokenCallback = @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32

    /// A word handed to `unicode61`: its callback gets offsets within the word, which this
    /// moves back to offsets within the whole text.
    private struct Relay {
        var context: UnsafeMutableRawPointer?
        var callback: TokenCallback
        var offset: Int32
    }

    private static let relay: TokenCallback = { context, flags, token, length, start, end in
        let relay = context!.assumingMemoryBound(to: Relay.self).pointee
        return relay.callback(relay.context, flags, token, length, start + relay.offset, end + relay.offset)
    }

    private static let tokenize: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32,
                                                 TokenCallback?) -> Int32 = { tokenizer, context, flags, text, length, callback in
        guard let tokenizer, let callback else { return SQLITE_MISUSE }
        guard let text, length > 0 else { return SQLITE_OK }
        let instance = Unmanaged<Instance>.fromOpaque(UnsafeRawPointer(tokenizer)).takeUnretainedValue()
        let bytes = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        let n = Int(length)
        let byteKinds = KeyTokenizer.byteKinds
        var i = 0
        while i < n {
            if bytes[i] == 0x20 { i += 1; continue }
            let start = i
            // One pass finds the word's end and whether it is all ASCII letters and digits.
            var kinds: UInt8 = 0
            while i < n {
                let kind = byteKinds[Int(bytes[i])]
                if kind == spaceKind { break }
                kinds |= kind
                i += 1
            }
            let code: Int32
            if kinds == plainASCIIKind || (kinds & otherASCIIKind == 0 && isPlainWord(bytes, start, i)) {
                code = callback(context, 0, text + start, Int32(i - start), Int32(start), Int32(i))
            } else {
                var relay = Relay(context: context, callback: callback, offset: Int32(start))
                code = withUnsafeMutablePointer(to: &relay) { relayPointer in
                    instance.module.unicode61.xTokenize!(instance.inner, relayPointer, flags, text + start, Int32(i - start), KeyTokenizer.relay)
                }
            }
            if code != SQLITE_OK { return code }
        }
        return SQLITE_OK
    }

    private static let spaceKind: UInt8 = 1, plainASCIIKind: UInt8 = 2, otherASCIIKind: UInt8 = 4, nonASCIIKind: UInt8 = 8
    /// The kind of each byte: the space, an ASCII lower-case letter or digit, another ASCII byte,
    /// or a byte of a longer UTF-8 sequence.
    /// Allocated once and never freed, so that the loop reads it through a plain pointer.
    private static let byteKinds: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0...255 {
            table[b] = b == 0x20 ? spaceKind : b >= 0x80 ? nonASCIIKind
                : (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) ? plainASCIIKind : otherASCIIKind
        }
        return UnsafePointer(table)
    }()

    /// True for a run of bytes that `unicode61` (any `remove_diacritics`) gives back as one
    /// term, unchanged: ASCII lower-case letters and digits only, or Arabic letters only
    /// (U+0621-063A, U+0641-064A: letters of category Lo, with no case and no diacritic to fold).
    @inline(__always)
    static func isPlainWord(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let first = bytes[start]
        if first < 0x80 {
            for k in start..<end {
                let b = bytes[k]
                guard b &- 0x61 < 26 || b &- 0x30 < 10 else { return false }
            }
            return true
        }
        guard (end - start) % 2 == 0 else { return false }
        var k = start
        while k < end {
            let lead = bytes[k], next = bytes[k + 1]
            if lead == 0xD8 {
                guard next >= 0xA1 && next <= 0xBA else { return false }   // U+0621-063A
            } else if lead == 0xD9 {
                guard next >= 0x81 && next <= 0x8A else { return false }   // U+0641-064A
            } else {
                return false
            }
            k += 2
        }
        return true
    }
}
