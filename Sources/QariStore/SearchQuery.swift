import Foundation
import QariCore

/// A search as the user wrote it, parsed: words, phrases, prefixes and filters joined by
/// AND (implicit), OR and exclusion. Columns are 1-based character positions in the query,
/// kept so that later errors (an unknown entity, a word with no letters) can point at them.
public indirect enum SearchQuery: Equatable, Sendable {
    /// A word to find (folded and stemmed at search time).
    case word(String, column: Int)
    /// `prefix*`: words starting with the text (written without the star).
    case prefix(String, column: Int)
    /// `"several words"` in this order.
    case phrase(String, column: Int)
    case filter(SearchFilter, column: Int)
    /// `-item`: articles without it.
    case exclude(SearchQuery)
    case all([SearchQuery])
    case any([SearchQuery])
}

/// A restriction on article metadata or on the entities an article names.
public enum SearchFilter: Equatable, Sendable {
    /// `entity:NAME`: articles naming the entity; NAME is any spelling in either script.
    case entity(String)
    /// `type:faction`: articles naming some entity of this type.
    case entityType(EntityType)
    /// `lang:ar`, `lang:en`.
    case language(Language)
    /// `source:"South Front"`: the outlet or publisher contains the text (case ignored).
    case source(String)
    /// `date:`, `after:`, `before:`.
    case dates(DateInterval)

    /// Dates as ISO strings (yyyy-MM-dd), which sort like the dates they name.
    public struct DateInterval: Equatable, Sendable {
        /// Inclusive; nil for no lower bound.
        public var from: String?
        /// Exclusive; nil for no upper bound.
        public var until: String?
        public init(from: String?, until: String?) {
            self.from = from
            self.until = until
        }
    }
}

/// A mistake in a query, with the column (1-based, in characters) where it is.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }
    public var description: String { "query error at column \(column): \(message)" }
}

/// Parses the search language:
///
/// ```
/// idlib "national front"   both (AND is implicit; the word AND may be written)
/// hts OR nusra             either; OR binds tighter than AND, as in web search:
///                          `idlib hts OR nusra` is idlib AND (hts OR nusra)
/// -turkey  -"al qaeda"     without
/// (a b) OR c               grouping
/// aleppo*                  prefix
/// entity:HTS  entity:"هيئة تحرير الشام"   type:faction   lang:ar   source:"South Front"
/// date:2019-08..2019-09  date:2019  date:2019-08-15  date:..2019-06  after:2019-08  before:2020
/// ```
public struct SearchQueryParser {
    public static let filterNames = ["entity", "type", "lang", "source", "date", "after", "before"]

    private let chars: [Character]
    private var position = 0

    private init(_ text: String) { chars = Array(text) }

    /// Parses a query or throws a `QueryError` pointing at the mistake.
    public static func parse(_ text: String) throws -> SearchQuery {
        var parser = SearchQueryParser(text)
        parser.skipSpace()
        guard parser.position < parser.chars.count else {
            throw QueryError(column: 1, message: "empty query: give words, \"phrases\" or filters such as entity:NAME")
        }
        let query = try parser.parseAll(closing: false)
        return query
    }

    // MARK: Grammar

    private var column: Int { position + 1 }

    private mutating func skipSpace() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    private func peekWord() -> String? {
        var end = position
        while end < chars.count, !chars[end].isWhitespace, chars[end] != "(", chars[end] != ")", chars[end] != "\"" {
            end += 1
        }
        return end > position ? String(chars[position..<end]) : nil
    }

    /// Operators are upper case, so that the words "or" and "and" can still be searched for.
    private func atOperator(_ op: String) -> Bool {
        guard peekWord() == op else { return false }
        return true
    }

    /// and := or+ ; stops at ")" when inside parentheses.
    private mutating func parseAll(closing: Bool) throws -> SearchQuery {
        var items: [SearchQuery] = []
        while true {
            skipSpace()
            if position >= chars.count { break }
            if chars[position] == ")" {
                if closing { break }
                throw QueryError(column: column, message: "')' without a matching '('")
            }
            if atOperator("AND") {
                let andColumn = column
                position += 3
                skipSpace()
                if items.isEmpty || position >= chars.count || chars[position] == ")" || atOperator("OR") || atOperator("AND") {
                    throw QueryError(column: andColumn, message: "AND needs something to search for on each side")
                }
                continue
            }
            if atOperator("OR") {
                throw QueryError(column: column, message: "OR needs something to search for on each side")
            }
            items.append(try parseAny())
        }
        return items.count == 1 ? items[0] : .all(items)
    }

    /// or := unary ("OR" unary)*
    private mutating func parseAny() throws -> SearchQuery {
        var items = [try parseUnary()]
        while true {
            let save = position
            skipSpace()
            guard atOperator("OR") else {
                position = save
                break
            }
            let orColumn = column
            position += 2
            skipSpace()
            if position >= chars.count || chars[position] == ")" || atOperator("OR") || atOperator("AND") {
                throw QueryError(column: orColumn, message: "OR needs something to search for on each side")
            }
            items.append(try parseUnary())
        }
        return items.count == 1 ? items[0] : .any(items)
    }

    private mutating func parseUnary() throws -> SearchQuery {
        if chars[position] == "-" {
            let minusColumn = column
            position += 1
            if position >= chars.count || chars[position].isWhitespace || chars[position] == ")" || chars[position] == "-" {
                throw QueryError(column: minusColumn, message: "'-' must be followed by what to exclude, as in -turkey")
            }
            return .exclude(try parsePrimary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws -> SearchQuery {
        let start = column
        switch chars[position] {
        case "(":
            position += 1
            skipSpace()
            if position < chars.count, chars[position] == ")" {
                throw QueryError(column: start, message: "empty parentheses")
            }
            if position >= chars.count {
                throw QueryError(column: start, message: "unclosed parenthesis")
            }
            let inner = try parseAll(closing: true)
            skipSpace()
            guard position < chars.count, chars[position] == ")" else {
                throw QueryError(column: start, message: "unclosed parenthesis")
            }
            position += 1
            return inner
        case "\"":
            let text = try readQuoted()
            if text.allSatisfy(\.isWhitespace) {
                throw QueryError(column: start, message: "empty phrase")
            }
            if position < chars.count, chars[position] == "*" {
                position += 1
                return .prefix(text, column: start)
            }
            return .phrase(text, column: start)
        default:
            return try parseWordOrFilter()
        }
    }

    /// Reads `"..."` starting at the opening quote; returns the text between the quotes.
    private mutating func readQuoted() throws -> String {
        let open = column
        position += 1
        let contentStart = position
        while position < chars.count, chars[position] != "\"" { position += 1 }
        guard position < chars.count else {
            throw QueryError(column: open, message: "unclosed quote")
        }
        let text = String(chars[contentStart..<position])
        position += 1
        return text
    }

    private mutating func parseWordOrFilter() throws -> SearchQuery {
        let start = column
        // A filter is letters then ':' (entity:, lang:); anything else with a colon is a word.
        var nameEnd = position
        while nameEnd < chars.count, chars[nameEnd].isASCII, chars[nameEnd].isLetter { nameEnd += 1 }
        if nameEnd > position, nameEnd < chars.count, chars[nameEnd] == ":" {
            let name = String(chars[position..<nameEnd]).lowercased()
            guard SearchQueryParser.filterNames.contains(name) else {
                throw QueryError(column: start, message: "unknown filter '\(String(chars[position..<nameEnd])):'; filters are "
                                 + SearchQueryParser.filterNames.map { $0 + ":" }.joined(separator: " "))
            }
            position = nameEnd + 1
            let valueColumn = column
            let value: String
            if position < chars.count, chars[position] == "\"" {
                value = try readQuoted()
            } else {
                value = peekWord() ?? ""
                position += value.count
            }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else {
                throw QueryError(column: start, message: "\(name): needs a value, as in \(SearchQueryParser.example(for: name))")
            }
            return .filter(try SearchQueryParser.filter(name, trimmed, column: valueColumn), column: start)
        }
        let word = peekWord() ?? ""
        if word.isEmpty {
            // A lone quote or parenthesis is handled by the caller; this is defensive.
            throw QueryError(column: start, message: "unexpected '\(chars[position])'")
        }
        position += word.count
        if let star = word.firstIndex(of: "*") {
            let offset = word.distance(from: word.startIndex, to: star)
            if star != word.index(before: word.endIndex) {
                throw QueryError(column: start + offset, message: "'*' can only end a word, as in aleppo*")
            }
            if offset == 0 {
                throw QueryError(column: start, message: "'*' needs the start of a word before it, as in aleppo*")
            }
            return .prefix(String(word.dropLast()), column: start)
        }
        return .word(word, column: start)
    }

    private static func example(for filter: String) -> String {
        switch filter {
        case "entity": return "entity:HTS"
        case "type": return "type:faction"
        case "lang": return "lang:ar"
        case "source": return "source:\"South Front\""
        case "date": return "date:2019-08..2019-09"
        case "after": return "after:2019-08"
        default: return "before:2020"
        }
    }

    // MARK: Filters

    private static func filter(_ name: String, _ value: String, column: Int) throws -> SearchFilter {
        switch name {
        case "entity":
            return .entity(value)
        case "type":
            guard let type = EntityType(rawValue: value.lowercased()) else {
                throw QueryError(column: column, message: "unknown entity type '\(value)'; types are "
                                 + EntityType.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .entityType(type)
        case "lang":
            guard let language = Language(rawValue: value.lowercased()) else {
                throw QueryError(column: column, message: "unknown language '\(value)'; use lang:en, lang:ar or lang:mixed")
            }
            return .language(language)
        case "source":
            return .source(value)
        case "date":
            if let dots = value.range(of: "..") {
                let low = String(value[..<dots.lowerBound]), high = String(value[dots.upperBound...])
                if low.isEmpty && high.isEmpty {
                    throw QueryError(column: column, message: "a date range needs at least one end, as in date:2019-08..2019-09")
                }
                let from = low.isEmpty ? nil : try period(low, column: column).from
                let until = high.isEmpty ? nil : try period(high, column: column + low.count + 2).until
                if let from, let until, until <= from {
                    throw QueryError(column: column, message: "the date range \(value) ends before it starts")
                }
                return .dates(.init(from: from, until: until))
            }
            let p = try period(value, column: column)
            return .dates(.init(from: p.from, until: p.until))
        case "after":
            return .dates(.init(from: try period(value, column: column).until, until: nil))
        default: // before
            return .dates(.init(from: nil, until: try period(value, column: column).from))
        }
    }

    /// A year, month or day as the half-open interval of days it covers.
    static func period(_ text: String, column: Int) throws -> (from: String, until: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let bad = QueryError(column: column, message: "'\(text)' is not a date; write 2019, 2019-08 or 2019-08-15")
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]),
              parts.dropFirst().allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }) else { throw bad }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String {
            String(format: "%04d-%02d-%02d", y, m, d)
        }
        if parts.count == 1 {
            return (iso(year, 1, 1), iso(year + 1, 1, 1))
        }
        guard let month = Int(parts[1]), (1...12).contains(month) else {
            throw QueryError(column: column + 5, message: "'\(parts[1])' is not a month (01 to 12)")
        }
        let nextMonth = month == 12 ? (year + 1, 1) : (year, month + 1)
        if parts.count == 2 {
            return (iso(year, month, 1), iso(nextMonth.0, nextMonth.1, 1))
        }
        let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard let day = Int(parts[2]), day >= 1, day <= days[month - 1] else {
            throw QueryError(column: column + 8, message: "'\(parts[2])' is not a day of \(parts[0])-\(parts[1])")
        }
        let next = day == days[month - 1] ? (nextMonth.0, nextMonth.1, 1) : (year, month, day + 1)
        return (iso(year, month, day), iso(next.0, next.1, next.2))
    }
}

extension SearchQuery: CustomStringConvertible {
    /// A compact, unambiguous form: `(and idlib (or hts nusra) (not "al qaeda") entity:HTS)`.
    public var description: String {
        switch self {
        case .word(let w, _): return w
        case .prefix(let p, _): return p + "*"
        case .phrase(let p, _): return "\"\(p)\""
        case .filter(let f, _):
            switch f {
            case .entity(let name): return "entity:\(name)"
            case .entityType(let t): return "type:\(t.rawValue)"
            case .language(let l): return "lang:\(l.rawValue)"
            case .source(let s): return "source:\(s)"
            case .dates(let d): return "date:[\(d.from ?? "")..\(d.until ?? ""))"
            }
        case .exclude(let q): return "(not \(q))"
        case .all(let items): return "(and " + items.map(\.description).joined(separator: " ") + ")"
        case .any(let items): return "(or " + items.map(\.description).joined(separator: " ") + ")"
        }
    }
}
