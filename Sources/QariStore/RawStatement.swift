import GRDB
import GRDBSQLite

/// A prepared statement run through SQLite's own calls: the index writer runs tens of
/// millions of small inserts, and binding through `StatementArguments` (an array of boxed
/// values a row) cost more than SQLite's own work on them.
struct RawStatement {
    private let handle: OpaquePointer
    private let db: Database
    private var next: Int32 = 1

    init(_ statement: Statement, db: Database) {
        handle = statement.sqliteStatement
        self.db = db
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
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                    sqlite3_bind_text(handle, next, text, Int32(bytes.count), RawStatement.transient)
                }
            } else {
                // An empty buffer may have no address; an empty text still needs one.
                _ = sqlite3_bind_text(handle, next, "", 0, RawStatement.transient)
            }
        }
        next += 1
    }

    mutating func bind(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            // A blob with no bytes is still a blob (not NULL): bind_blob wants an address for it.
            _ = sqlite3_bind_blob(handle, next, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count), RawStatement.transient)
        }
        next += 1
    }

    /// Runs the statement with the values bound since the last run.
    mutating func run() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        next = 1
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
