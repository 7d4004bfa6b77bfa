import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file that could not be used, with a reason a person understands.
public struct LoadProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// A file that was read and decoded, with what went wrong in it (if anything).
public struct SourceText: Sendable {
    /// Path as shown to the user: relative to the folder that was given, or as given.
    public var displayPath: String
    public var absolutePath: String
    public var text: String
    public var contentHash: UInt64
    public var byteCount: Int
    /// Invalid UTF-8 sequences replaced by U+FFFD while decoding.
    public var replacedSequences: Int
    public var format: TextFormat
}

/// The formats qari recognises, by content.
public enum TextFormat: String, Sendable, Codable {
    case plain
    /// Plain text with Markdown conventions: `## ` headings, `[text](url)` links, `\_` escapes.
    case markdown
}

/// What loading a set of paths produced.
public struct LoadedCorpus: Sendable {
    public var roots: [String]
    public var files: [SourceText]
    public var articles: [Article]
    public var problems: [LoadProblem]
    /// Notes that are not failures: "12 invalid UTF-8 sequences replaced in x.txt".
    public var warnings: [LoadProblem]
    public var byteCount: Int { files.reduce(0) { $0 + $1.byteCount } }
}

/// Errors a user causes by naming paths that cannot be used at all.
public enum CorpusError: Error, CustomStringConvertible, Equatable {
    case missingPath(String)
    case noArticles([String])
    public var description: String {
        switch self {
        case .missingPath(let p): return "no such file or folder: \(p)"
        case .noArticles(let roots): return "no readable articles in \(roots.joined(separator: ", "))"
        }
    }
}

/// Turns files and folders into articles. Holds no global state: each call is independent.
public struct CorpusLoader: Sendable {
    /// Files larger than this are refused with a message rather than read into memory.
    public var maximumFileSize: Int
    public var segmenter: ArticleSegmenter

    public init(maximumFileSize: Int = 1 << 30, segmenter: ArticleSegmenter = ArticleSegmenter()) {
        self.maximumFileSize = maximumFileSize
        self.segmenter = segmenter
    }

    /// Lists the files under the given paths (folders recursively, hidden entries skipped),
    /// sorted, with the path each is shown under. Missing top-level paths throw.
    ///
    /// Folders are walked with opendir/readdir (the entry type comes with the name, so a file
    /// costs no stat unless it is a symbolic link); the result is the one FileManager's
    /// enumerator gave, which `discoverWithFileManager` keeps for comparison and for roots
    /// that are themselves symbolic links.
    public func discover(_ paths: [String]) throws -> (files: [(absolute: String, display: String)], problems: [LoadProblem]) {
        var found: [(absolute: String, display: String)] = []
        var problems: [LoadProblem] = []
        for path in paths {
            // lstat without trailing slashes: a symbolic link to a folder is not followed even as "link/".
            var bare = Substring(path)
            while bare.utf8.count > 1, bare.utf8.last == UInt8(ascii: "/") { bare = bare.dropLast() }
            var st = stat()
            guard !path.isEmpty, lstat(String(bare), &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                // Files, symbolic links, missing paths: as before (one call each, not per file).
                let one = try discoverWithFileManager([path])
                found += one.files
                problems += one.problems
                continue
            }
            guard access(path, R_OK) == 0, let top = opendir(path) else {
                problems.append(LoadProblem(path: path, reason: "folder cannot be read (permission denied)"))
                continue
            }
            var inFolder: [(absolute: String, display: String)] = []
            let base = Self.joinedBase(path)
            Self.walk(top, absolutePrefix: base, relativePrefix: "", into: &inFolder, problems: &problems)
            inFolder.sort { $0.display < $1.display }
            found += inFolder
        }
        return (found, problems)
    }

    /// The folder path as NSString.appendingPathComponent writes it before a component: as
    /// given, with one slash added unless it already ends in one.
    static func joinedBase(_ path: String) -> String {
        path.hasSuffix("/") ? path : path + "/"
    }

    /// Depth first, in directory order (as the enumerator went); closes `dir`.
    private static func walk(_ dir: OpaquePointer, absolutePrefix: String, relativePrefix: String,
                             into found: inout [(absolute: String, display: String)], problems: inout [LoadProblem]) {
        defer { closedir(dir) }
        let fd = dirfd(dir)
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let name: String = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.utf8.first == UInt8(ascii: ".") { continue } // hidden, and "." and ".."
            let rel = relativePrefix + name
            var kind = type
            if kind == UInt8(DT_UNKNOWN) {
                var st = stat()
                guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFDIR: kind = UInt8(DT_DIR)
                case S_IFLNK: kind = UInt8(DT_LNK)
                default: kind = UInt8(DT_REG)
                }
            }
            switch kind {
            case UInt8(DT_DIR):
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                guard sub >= 0 else { continue } // an unreadable subfolder is passed over, as before
                guard let subdir = fdopendir(sub) else { Glibc.close(sub); continue }
                walk(subdir, absolutePrefix: absolutePrefix, relativePrefix: rel + "/", into: &found, problems: &problems)
            case UInt8(DT_LNK):
                // Followed for its type; a link to a folder is not entered.
                var st = stat()
                if fstatat(fd, name, &st, 0) == 0 {
                    if (st.st_mode & S_IFMT) != S_IFDIR { found.append((absolutePrefix + rel, rel)) }
                } else {
                    problems.append(LoadProblem(path: absolutePrefix + rel, reason: "broken symbolic link"))
                }
            default:
                found.append((absolutePrefix + rel, rel))
            }
        }
    }

    /// The FileManager walk `discover` replaced: kept as its reference.
    func discoverWithFileManager(_ paths: [String]) throws -> (files: [(absolute: String, display: String)], problems: [LoadProblem]) {
        var found: [(String, String)] = []
        var problems: [LoadProblem] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                if (try? fm.destinationOfSymbolicLink(atPath: path)) != nil {
                    problems.append(LoadProblem(path: path, reason: "broken symbolic link"))
                    continue
                }
                throw CorpusError.missingPath(path)
            }
            if !isDir.boolValue {
                found.append((path, path))
                continue
            }
            guard fm.isReadableFile(atPath: path), let walker = fm.enumerator(atPath: path) else {
                problems.append(LoadProblem(path: path, reason: "folder cannot be read (permission denied)"))
                continue
            }
            var inFolder: [(String, String)] = []
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                let full = (path as NSString).appendingPathComponent(rel)
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub) {
                    if !sub.boolValue { inFolder.append((full, rel)) }
                } else if (try? fm.destinationOfSymbolicLink(atPath: full)) != nil {
                    problems.append(LoadProblem(path: full, reason: "broken symbolic link"))
                }
            }
            inFolder.sort { $0.1 < $1.1 }
            found += inFolder
        }
        return (found.map { (absolute: $0.0, display: $0.1) }, problems)
    }

    /// Reads and decodes one file, or says why it cannot be used.
    public func read(absolutePath: String, displayPath: String) -> Result<SourceText, LoadProblem> {
        var file = FileBytes()
        switch file.read(absolutePath, maximumSize: maximumFileSize) {
        case .failure(let reason):
            return .failure(LoadProblem(path: displayPath, reason: reason.reason))
        case .success:
            return file.withBytes { decode($0, absolutePath: absolutePath, displayPath: displayPath) }
        }
    }

    /// Sniffs, decodes and hashes the bytes of one file (already read), or says why they cannot be used.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>, absolutePath: String, displayPath: String) -> Result<SourceText, LoadProblem> {
        func fail(_ reason: String) -> Result<SourceText, LoadProblem> {
            .failure(LoadProblem(path: displayPath, reason: reason))
        }
        if bytes.isEmpty { return fail("empty file") }
        if let kind = TextSniffer.binaryKind(bytes) {
            return fail("not text (\(kind))")
        }
        let decoded = TextSniffer.decodeUTF8(bytes)
        if decoded.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return fail("no text (only blank space)")
        }
        if decoded.replaced > 0 && decoded.replaced * 4 > bytes.count / 8 {
            return fail("not UTF-8 text (\(decoded.replaced) invalid sequences)")
        }
        return .success(SourceText(
            displayPath: displayPath, absolutePath: absolutePath, text: decoded.text,
            contentHash: StableHash.content(bytes), byteCount: bytes.count,
            replacedSequences: decoded.replaced, format: TextSniffer.format(of: decoded.text)))
    }

    /// Loads every path: a bad file is reported and the rest still load.
    public func load(_ paths: [String]) throws -> LoadedCorpus {
        let (entries, discoveryProblems) = try discover(paths)
        var corpus = LoadedCorpus(roots: paths, files: [], articles: [], problems: discoveryProblems, warnings: [])
        for entry in entries {
            switch read(absolutePath: entry.absolute, displayPath: entry.display) {
            case .failure(let problem):
                corpus.problems.append(problem)
            case .success(let source):
                if source.replacedSequences > 0 {
                    corpus.warnings.append(LoadProblem(
                        path: source.displayPath,
                        reason: "\(source.replacedSequences) invalid UTF-8 sequence\(source.replacedSequences == 1 ? "" : "s") replaced with U+FFFD"))
                }
                corpus.articles += segmenter.articles(in: source)
                corpus.files.append(source)
            }
        }
        return corpus
    }
}

/// Why a file could not be read, in words a person understands.
public struct FileReadError: Error, Sendable, Equatable {
    public var reason: String
}

/// Whole files read with one open, one fstat and one read each (FileManager costs more than
/// parsing), into a buffer that is kept from one file to the next and never zero-filled.
public struct FileBytes: ~Copyable {
    private var buffer: UnsafeMutableRawPointer?
    private var capacity = 0
    /// Bytes of the last file read.
    public private(set) var count = 0

    public init() {}

    deinit { buffer?.deallocate() }

    /// Reads the whole file into the buffer: its size, or why it cannot be used.
    public mutating func read(_ path: String, maximumSize: Int) -> Result<Int, FileReadError> {
        func fail(_ reason: String) -> Result<Int, FileReadError> { .failure(FileReadError(reason: reason)) }
        count = 0
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            switch errno {
            case EACCES, EPERM: return fail("cannot be read (permission denied)")
            case ENOENT: return fail("disappeared while loading")
            case ELOOP: return fail("symbolic link loop")
            default: return fail("cannot be read (\(String(cString: strerror(errno))))")
            }
        }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return fail("cannot be read") }
        if (st.st_mode & S_IFMT) != S_IFREG { return fail("not a regular file") }
        let size = Int(st.st_size)
        if size > maximumSize {
            return fail("too large (\(size / 1_048_576) MB; the limit is \(maximumSize / 1_048_576) MB)")
        }
        if size == 0 { return fail("empty file") }
        if size > capacity {
            buffer?.deallocate()
            capacity = max(size, 65_536)
            buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
        let base = buffer!
        var got = 0
        while got < size {
            let n = Glibc.read(fd, base + got, size - got)
            if n < 0 {
                if errno == EINTR { continue }
                return fail(errno == EISDIR ? "is a folder" : "cannot be read (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            got += n
        }
        if got == 0 { return fail("empty file") }
        count = got
        return .success(got)
    }

    /// The bytes of the last file read (valid only inside `body`).
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let base = buffer else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
    }
}
