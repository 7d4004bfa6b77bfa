import Foundation
import QariCore

/// Where an index lives.
public enum IndexStorage: Sendable, Equatable {
    /// A database file per corpus root in `directory`, or when nil in the XDG cache folder
    /// (`$XDG_CACHE_HOME/qari/`, by default `~/.cache/qari/`).
    case cache(directory: URL?)
    /// Only for this process (`--no-index`, or when the cache cannot be written).
    case memory

    /// The XDG cache folder for qari. A relative `XDG_CACHE_HOME` is ignored, as the spec says.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("qari")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/qari")
    }

    /// The database file for a set of corpus roots: one per root (or per list of roots), named
    /// after the last folder so that a person can tell the files apart.
    public static func databaseFile(forRoots roots: [String], in directory: URL) -> URL {
        let absolute = roots.map(absolutePath)
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in absolute.joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let base = absolute.count == 1 ? (absolute[0] as NSString).lastPathComponent : "corpora"
        let safe = String(base.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
            return ok ? Character(scalar) : "_"
        }.prefix(40))
        return directory.appendingPathComponent("\(safe.isEmpty ? "root" : safe)-\(String(hash, radix: 16)).sqlite")
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved.
    static func absolutePath(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}

/// Something a user should know about the index: printed once, never fatal.
public enum IndexNotice: Sendable, Equatable, CustomStringConvertible {
    /// The database file could not be read as an index and was replaced.
    case rebuiltDamaged(path: String, reason: String)
    /// The database was written by another version of qari and was replaced.
    case rebuiltOtherVersion(path: String, found: String)
    /// The knowledge base changed since the index was built, so every article is read again.
    case rebuiltForKnowledgeBase
    /// The cache cannot be used; the index is kept in memory for this run.
    case inMemory(reason: String)

    public var description: String {
        switch self {
        case .rebuiltDamaged(let path, let reason):
            return "the index \(path) was damaged (\(reason)); building a new one"
        case .rebuiltOtherVersion(let path, let found):
            return "the index \(path) was made by another version of qari (format \(found)); building a new one"
        case .rebuiltForKnowledgeBase:
            return "the knowledge base changed since the index was built; reading every article again"
        case .inMemory(let reason):
            return "\(reason); keeping the index in memory for this run"
        }
    }
}

/// Errors from the index that a person can act on.
public enum IndexError: Error, Sendable, CustomStringConvertible {
    /// A database error while reading or writing the index.
    case database(path: String, message: String)

    public var description: String {
        switch self {
        case .database(let path, let message): return "index \(path): \(message)"
        }
    }
}
