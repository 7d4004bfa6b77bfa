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
    public func discover(_ paths: [String]) throws -> (files: [(absolute: String, display: String)], problems: [LoadProblem]) {
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
        func fail(_ reason: String) -> Result<SourceText, LoadProblem> {
            .failure(LoadProblem(path: displayPath, reason: reason))
        }
        // POSIX calls: one open, one fstat, one read per file (FileManager costs more than parsing).
        let fd = Glibc.open(absolutePath, O_RDONLY | O_CLOEXEC)
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
        if size > maximumFileSize {
            return fail("too large (\(size / 1_048_576) MB; the limit is \(maximumFileSize / 1_048_576) MB)")
        }
        if size == 0 { return fail("empty file") }
        var data = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, size - got) }
            if n < 0 {
                if errno == EINTR { continue }
                return fail(errno == EISDIR ? "is a folder" : "cannot be read (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            got += n
        }
        if got < size { data.removeLast(size - got) }
        if data.isEmpty { return fail("empty file") }
        return data.withUnsafeBytes { raw -> Result<SourceText, LoadProblem> in
            let bytes = raw.bindMemory(to: UInt8.self)
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
