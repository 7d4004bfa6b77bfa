import GRDB
import GRDBSQLite

/// A prepared statement run through SQLite's own calls: the index writer runs tens of
/// millions of small inserts, and binding through `StatementArguments` (an array of boxed
/// values a row) cost more than SQLite's own work on them.
///
/// Text and blobs are copied into the statement's own buffer and bound without a copy by
/// SQLite (which would allocate and free one for each value); the buffer is reused after each run.
struct RawStatement {
    /// Held so that the handle stays valid: GRDB drops its cached statements when the schema
    /// changes, and a statement no one holds is finalized.
    private let statement: Statement
    private let handle: OpaquePointer
    private let db: Database
    private var next: Int32 = 1
    private let arena: BindArena

    init(_ statement: Statement, db: Database) {
        self.statement = statement
        handle = statement.sqliteStatement
        self.db = db
        arena = BindArena()
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64) {
        sqlite3_bind_int64(handle, next, value)
        next += 1
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }
    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, next)
            next += 1
            return
        }
        value.withUTF8 { bindText(UnsafeRawBufferPointer($0)) }
    }

    /// UTF-8 bytes bound as text (the caller vouches that they are UTF-8).
    mutating func bindText(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bindText($0) }
    }

    private mutating func bindText(_ raw: UnsafeRawBufferPointer) {
        if raw.count > 0, let kept = arena.keep(raw) {
            _ = sqlite3_bind_text(handle, next, kept.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil)
        } else if let base = raw.baseAddress, raw.count > 0 {
            _ = sqlite3_bind_text(handle, next, base.assumingMemoryBound(to: CChar.self), Int32(raw.count), RawStatement.transient)
        } else {
            // An empty buffer may have no address; an empty text still needs one.
            _ = sqlite3_bind_text(handle, next, "", 0, RawStatement.transient)
        }
        next += 1
    }

    mutating func bind(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            if raw.count > 0, let kept = arena.keep(raw) {
                _ = sqlite3_bind_blob(handle, next, kept, Int32(raw.count), nil)
            } else {
                // A blob with no bytes is still a blob (not NULL): bind_blob wants an address for it.
                _ = sqlite3_bind_blob(handle, next, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count), RawStatement.transient)
            }
        }
        next += 1
    }

    /// Runs the statement with the values bound since the last run.
    mutating func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        // The values bound stay bound (SQLite keeps the pointers) but are never read again:
        // each run binds every parameter anew first.
        arena.clear()
        next = 1
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}

/// Bytes bound to a statement until its next run, in one buffer allocated once.
final class BindArena {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0

    init(capacity: Int = 256 * 1024) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// A copy of `bytes` that stays put until `clear`, or nil when the buffer has no room left.
    func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        guard let source = bytes.baseAddress, bytes.count <= capacity - used else { return nil }
        let target = base + used
        target.copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
        return UnsafeRawPointer(target)
    }

    func clear() { used = 0 }
}
