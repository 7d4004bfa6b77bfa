import Foundation

/// Which articles a user has read, kept between sessions: one article id a line in
/// `$XDG_STATE_HOME/qari/read` (by default `~/.local/state/qari/read`). Ids are hashes of the
/// articles' text, so one file serves every corpus, and an article read in one folder is read
/// in its copy elsewhere. A file that cannot be read or written loses the marks, never the session.
public final class ReadMarks: @unchecked Sendable {
    public let file: URL
    private var saved = Set<String>()
    /// Set once a write failed, so the user is told once.
    public private(set) var failure: String?

    public init(file: URL = ReadMarks.defaultFile()) {
        self.file = file
    }

    public static func defaultFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".local/state")
        }
        return base.appendingPathComponent("qari").appendingPathComponent("read")
    }

    /// The ids read so far (an unreadable file gives none). Lines that are not ids are skipped.
    public func load() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        var ids = Set<String>()
        for line in data.split(separator: UInt8(ascii: "\n")) where line.count <= 64 && !line.isEmpty {
            guard line.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D }) else { continue }
            ids.insert(String(decoding: line, as: UTF8.self))
        }
        saved = ids
        return ids
    }

    /// Appends the ids in `read` not saved yet. Returns a message the first time writing fails.
    @discardableResult
    public func save(_ read: Set<String>) -> String? {
        guard failure == nil, read.count != saved.count || !read.isSubset(of: saved) else { return nil }
        let fresh = read.subtracting(saved)
        guard !fresh.isEmpty else { return nil }
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file.path) {
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw CocoaError(.fileWriteNoPermission) }
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(fresh.sorted().map { $0 + "\n" }.joined().utf8))
            saved.formUnion(fresh)
            return nil
        } catch {
            failure = "read marks cannot be saved in \(file.path)"
            return failure
        }
    }
}
