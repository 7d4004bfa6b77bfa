import Foundation
import QariCore

/// How text is folded into search keys, the same way for the index and for a query.
///
/// A word is a run of letters and digits. Each word becomes one key, so positions stay intact
/// and phrases still match:
/// - Arabic: letters normalised as the entity matcher does (`ArabicLetters`: alef forms,
///   alef maqsura, taa marbuta, harakat, tatweel), then proclitics (و ف ب ل ك and the article
///   ال) stripped from the front while at least three letters remain. Stripping one letter at a
///   time makes the key of `و` + word equal to the key of the word, so `حلب` finds `وحلب`,
///   `بحلب` and `لحلب`, and `الحسكة` finds `والحسكة`.
/// - Latin and other scripts: lower-cased; plain a-z words also lightly stemmed (Porter's
///   step 1: plurals, -ed, -ing), so `attacks` finds `attacked`. FTS5's `unicode61
///   remove_diacritics 2` tokenizer then folds accents on both sides.
/// - Digits: Arabic-Indic digits become ASCII digits.
///
/// Words switch at a change of script, and apostrophes and hyphens separate words, as in
/// the FTS5 tokenizer: `al-Sham` is the two keys `al sham`.
public enum SearchText {
    /// Changes whenever keys would come out differently: part of the index format, because
    /// removing an article from the contentless full-text table needs the exact keys it was
    /// indexed under.
    public static let foldingVersion = 1

    /// The keys of a text's words joined by single spaces: what the full-text index stores.
    public static func indexForm(_ text: String) -> String {
        String(decoding: indexFormBytes(text), as: UTF8.self)
    }

    /// `indexForm` of each text, joined by single spaces (texts without keys add nothing).
    public static func indexForm<S: Sequence>(joining texts: S) -> String where S.Element == String {
        String(decoding: indexFormBytes(joining: texts), as: UTF8.self)
    }

    /// `indexForm` as UTF-8 bytes, for the index writer, which binds them as text: made from
    /// valid UTF-8, they need not be checked again as a String would be (a fifth of the cost
    /// of making the keys of the bench corpora).
    static func indexFormBytes(_ text: String) -> [UInt8] {
        // (Room for the keys, never longer than the text but for a space between scripts, and for
        // the eight-byte stores of the ASCII words.)
        let out = KeyBuffer(capacity: text.utf8.count + 16)
        var scratch = IndexFormScratch()
        appendIndexForm(text, to: out, scratch: &scratch)
        return out.array()
    }

    /// `indexForm(joining:)` as UTF-8 bytes (`indexFormBytes`).
    static func indexFormBytes<S: Sequence>(joining texts: S) -> [UInt8] where S.Element == String {
        let out = KeyBuffer(capacity: 4096)
        var scratch = IndexFormScratch()
        for text in texts { appendIndexForm(text, to: out, scratch: &scratch) }
        return out.array()
    }

    /// The definition of `indexForm`: every scalar through `WordScanner`. The byte loop of
    /// `appendIndexForm` must give the same keys (tests compare them on random text).
    static func indexFormByScalars(_ text: String) -> String {
        var out: [UInt8] = []
        WordScanner.scan(text, minimumStem: 3) { _, key in
            if !out.isEmpty { out.append(0x20) }
            for scalar in key { UTF8.encode(scalar) { out.append($0) } }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Buffers `appendIndexForm` reuses from one text to the next.
    struct IndexFormScratch {
        var scalars: [Unicode.Scalar] = []
        var letters: [Unicode.Scalar] = []
    }

    /// Appends the keys of `text` to `out` (UTF-8), a space before each when `out` is not empty.
    ///
    /// Words are split at ASCII bytes other than letters and digits, where `WordScanner` always
    /// ends a word, and at the punctuation U+2010-2027 (dashes, curly quotes), where it ends one
    /// too. A stretch between them that is all ASCII is one word, lower-cased and stemmed here
    /// on bytes, and so is one of Arabic letters alone; a stretch holding other scalars goes
    /// through `WordScanner`.
    static func appendIndexForm(_ text: String, to out: KeyBuffer, scratch: inout IndexFormScratch) {
        var text = text
        text.withUTF8 { bytes in
            let n = bytes.count
            @inline(__always) func isPunctuation(at k: Int) -> Bool { SearchText.isPunctuation(bytes, at: k) }
            // (Read once: a static read inside the loop checked its initialisation at every word.)
            let classes = SearchText.byteClasses
            let arabicTable = SearchText.arabicTable
            // The keys of the two byte paths are written through a pointer of their own, `tail`,
            // and given to `out` at the end or before a stretch for `WordScanner`. They need no
            // check for room: a key is never longer than its stretch, and the space before it
            // comes after a separator or punctuation, or is the one more byte made room for; the
            // eight more cover the last eight-byte store of an ASCII word.
            var (base, tail) = out.reserve(n &+ 9)
            var i = 0
            while i < n {
                let b = bytes[i]
                let first = classes[Int(b)]
                if first == separatorClass { i += 1; continue }
                if b == 0xE2 && isPunctuation(at: i) { i += 3; continue }
                let start = i
                // Where the key goes: after a space written (and left behind if no key comes)
                // when keys are already there.
                let key: UnsafeMutablePointer<UInt8>
                if tail != base {
                    tail.pointee = 0x20
                    key = tail + 1
                } else {
                    key = tail
                }
                if first == asciiWordClass {
                    // Most words are ASCII: read eight bytes at a time (`asciiWordBytes`), each
                    // eight lower-cased and stored whole, and given back to the general path
                    // below when a longer sequence follows in the word.
                    // (The counts step without overflow checks: neither passes the text's byte count.)
                    let raw = UnsafeMutableRawPointer(key)
                    var w = 0
                    var digits: UInt64 = 0
                    var separated = false
                    while true {
                        let x = load8(bytes, at: i)
                        let (letters, word) = asciiWordBytes(x)
                        raw.storeBytes(of: (x | letters &>> 2).littleEndian, toByteOffset: w, as: UInt64.self)
                        // The high bit of each byte that is no letter or digit: the lowest is the
                        // word's end, and digits before it make a word that is not stemmed.
                        let ends = ~word & highBits
                        digits |= word & ~letters & (ends &- 1)
                        if ends != 0 {
                            separated = x & ends & (0 &- ends) == 0
                            let length = ends.trailingZeroBitCount &>> 3
                            w &+= length
                            i &+= length
                            break
                        }
                        w &+= 8
                        i &+= 8
                    }
                    // The word ends at an ASCII byte (a separator, or a zero past the text's end),
                    // or at punctuation.
                    if separated || (bytes[i] == 0xE2 && isPunctuation(at: i)) {
                        // Stemmed only when step 1 can change it (letters only), in place: a stem
                        // is never longer than its word.
                        if digits == 0 && EnglishStemmer.step1MayChange(key, count: w) {
                            var word = EnglishStemmer.Word(key, count: w)
                            EnglishStemmer.step1(&word)
                            w = word.count
                        }
                        tail = key + w
                        continue
                    }
                    i = start
                }
                // Not all ASCII (an ASCII word followed by separators went above), so Arabic
                // letters alone, read to the stretch's end in one pass, or scalars for `WordScanner`.
                if let (end, length) = appendArabicWord(bytes, from: start, classes: classes, arabicTable: arabicTable, to: key) {
                    i = end
                    if length > 0 { tail = key + length }
                } else {
                    while i < n {
                        let c = bytes[i]
                        if classes[Int(c)] == separatorClass || (c == 0xE2 && isPunctuation(at: i)) { break }
                        i += 1
                    }
                    scratch.scalars.removeAll(keepingCapacity: true)
                    var k = start
                    while k < i {
                        let (v, length) = UTF8Scalars.decode(bytes, at: k)
                        scratch.scalars.append(Unicode.Scalar(v)!)
                        k += length
                    }
                    // Its keys may be longer than the stretch: through `out`, with room made for each.
                    out.end(at: tail)
                    WordScanner.scan(scratch.scalars, minimumStem: 3, letters: &scratch.letters) { _, key in
                        out.startKey(upTo: 4 * key.count)
                        for scalar in key { UTF8.encode(scalar) { out.appendReserved($0) } }
                    }
                    (base, tail) = out.reserve(n &- i &+ 9)
                }
            }
            out.end(at: tail)
        }
    }

    /// U+2010-2027 (E2 80 90 to E2 80 A7): punctuation, never inside a word.
    @inline(__always) private static func isPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> Bool {
        k + 2 < bytes.count && bytes[k] == 0xE2 && bytes[k + 1] == 0x80 && bytes[k + 2] &- 0x90 < 0x18
    }

    /// A stretch from `start` to the next separator (`byteClasses`), punctuation or Arabic mark
    /// that ends a word (`isBreak`: the Arabic comma, common after words) made only of Arabic
    /// word scalars (letters, harakat, tatweel) is one word: its letters normalised and
    /// its proclitics stripped (`WordScanner.stripProclitics`), read from the bytes and written
    /// at `key`, which has room for as many bytes as the stretch. Returns the stretch's end and
    /// the key's length (0 for harakat or tatweel alone), or nil for any other stretch.
    /// (Inlined into the word loop: as a call it saved and restored six registers per word.)
    @inline(__always) private static func appendArabicWord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, classes: UnsafePointer<UInt8>,
                                         arabicTable: UnsafePointer<UInt32>,
                                         to key: UnsafeMutablePointer<UInt8>) -> (end: Int, length: Int)? {
        // Every normalised letter is U+06xx, two bytes like the scalar it comes from: the key is
        // written as the word is read (no longer than the word), and left behind if the word
        // turns out not to be all Arabic. (`arabicTable` and `classes` come from the caller, read
        // once per text: a static read here checked its initialisation at every word.)
        var w = 0
        var k = start
        while k < b.count {
            let lead = b[k]
            guard lead >= 0xD8 && lead <= 0xDB && k &+ 1 < b.count else {
                // The stretch ends at a separator or punctuation; any other scalar makes it no Arabic word.
                if lead < 0x80 ? classes[Int(lead)] == separatorClass : isPunctuation(b, at: k) { break }
                return nil
            }
            let entry = arabicTable[Int(lead & 0x03) << 6 | Int(b[k &+ 1] & 0x3F)]
            if entry & (isLetter | isDropped) == 0 {
                // Not an Arabic word scalar: the Arabic comma and other marks where `WordScanner`
                // ends a word end the stretch (one of them where the stretch starts is passed
                // over, like a separator); digits and the rest make it no Arabic word.
                guard entry & isBreak != 0 else { return nil }
                if k == start { return (k &+ 2, 0) }
                break
            }
            // (Both offsets step without overflow checks: neither passes the word's end.)
            if entry & isLetter != 0 {
                UnsafeMutableRawPointer(key).storeBytes(of: UInt16(truncatingIfNeeded: entry).littleEndian, toByteOffset: w, as: UInt16.self)
                w &+= 2
            }
            k &+= 2
        }
        if w == 0 { return (k, 0) }   // harakat or tatweel alone make no word
        // `WordScanner.stripProclitics` on the letters written: ال and و ف ب ل ك, from the front.
        let n = w / 2
        @inline(__always) func low(_ i: Int) -> Int { Int(key[2 * i] & 0x03) << 6 | Int(key[2 * i + 1] & 0x3F) }
        var first = 0
        while true {
            if n - first - 2 >= 3 && low(first) == 0x27 && low(first + 1) == 0x44 {
                first += 2
            } else if n - first - 1 >= 3 && arabicTable[low(first)] & isProclitic != 0 {
                first += 1
            } else {
                break
            }
        }
        if first > 0 { memmove(key, key + 2 * first, w - 2 * first) }
        return (k, w - 2 * first)
    }

    /// For each scalar U+0600-06FF, as `ArabicLetters` (the matcher's rules) says: 0 when it is
    /// not an Arabic word scalar; else `isLetter` | the two UTF-8 bytes of the letter it is
    /// normalised to (always U+06xx; the first byte lowest, stored as they are), or `isDropped`
    /// (harakat, tatweel), or `isBreak` for any other scalar but a digit (the Arabic comma,
    /// semicolon, question mark...: `WordScanner` ends a word there); and `isProclitic` when it
    /// is a one-letter proclitic. Read once, then looked up by the word loop.
    private static let arabicTable: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
        for low in 0..<256 {
            let scalar = Unicode.Scalar(0x600 + UInt32(low))!
            var entry: UInt32 = 0
            if ArabicLetters.isWordScalar(scalar) {
                if let letter = ArabicLetters.normalized(scalar) {
                    precondition(letter.value >> 8 == 0x06, "a normalised Arabic letter outside U+0600-06FF")
                    let utf8 = Array(String(letter).utf8)
                    entry = isLetter | UInt32(utf8[0]) | UInt32(utf8[1]) << 8
                } else {
                    entry = isDropped
                }
            } else if !(0x60...0x69).contains(low) && !(0xF0...0xF9).contains(low) {
                entry = isBreak   // not a digit either: `WordScanner` ends a word there
            }
            if ArabicLetters.isProclitic(scalar) { entry |= isProclitic }
            table[low] = entry
        }
        return UnsafePointer(table)
    }()

    private static let isLetter: UInt32 = 0x1_0000, isDropped: UInt32 = 0x2_0000, isProclitic: UInt32 = 0x4_0000,
                       isBreak: UInt32 = 0x8_0000

    private static let separatorClass: UInt8 = 1, asciiWordClass: UInt8 = 2, otherClass: UInt8 = 4
    /// Each byte's part in the word loop: an ASCII byte other than a letter or digit (always a
    /// separator), an ASCII letter or digit, or a byte of a longer sequence. Allocated once and
    /// never freed, so that the loop reads it through a plain pointer.
    private static let byteClasses: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0...255 { table[b] = classes(of: UInt8(b)) }
        return UnsafePointer(table)
    }()

    private static func classes(of b: UInt8) -> UInt8 {
        let letterOrDigit = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || (b >= 0x30 && b <= 0x39)
        return b >= 0x80 ? otherClass : letterOrDigit ? asciiWordClass : separatorClass
    }

    /// The high bit of each of eight bytes.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Of the eight bytes of `x` (the first lowest), the ASCII letters and the ASCII letters and
    /// digits, each marked by its high bit: the test of `byteClasses` on eight bytes at once.
    /// Each byte is cut to seven bits first, so that adding to it never carries into the next.
    @inline(__always) static func asciiWordBytes(_ x: UInt64) -> (letters: UInt64, word: UInt64) {
        let ascii = ~x & highBits
        let low = x & ~highBits
        let folded = low | 0x2020_2020_2020_2020   // upper-case letters to lower case
        // A byte plus 0x80 - a has its high bit when it is at least a; plus 0x7F - z, when it is past z.
        let letters = (folded &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(folded &+ 0x0505_0505_0505_0505) & ascii
        let digits = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646) & ascii
        return (letters, letters | digits)
    }

    /// The eight bytes from `k`, the first lowest, as one word; zeros past the end of `bytes`.
    @inline(__always) static func load8(_ bytes: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt64 {
        if k &+ 8 <= bytes.count {
            return UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + k).loadUnaligned(as: UInt64.self))
        }
        var x: UInt64 = 0
        var j = bytes.count
        while j > k {
            j &-= 1
            x = x &<< 8 | UInt64(bytes[j])
        }
        return x
    }

    /// The keys of a query's words, folded as `indexForm` folds indexed text.
    public static func keys(_ text: String) -> [String] {
        var keys: [String] = []
        WordScanner.scan(text, minimumStem: 3) { _, key in keys.append(String(String.UnicodeScalarView(key))) }
        return keys
    }

    /// Keys for a prefix search (`aleppo*`): the last word is normalised but not stemmed, since
    /// a prefix is not a whole word; an Arabic prefix still loses its proclitics (`الحس*` looks
    /// for keys starting with `حس`).
    public static func prefixKeys(_ text: String) -> [String] {
        var words: [(Range<Int>, [Unicode.Scalar])] = []
        WordScanner.scan(text, minimumStem: 3, stemLatin: false) { range, key in words.append((range, key)) }
        guard let last = words.last else { return [] }
        let scalars = Array(text.unicodeScalars)
        var lastKey = last.1
        // Redo the last word with the looser proclitic rule (a prefix may be as short as two letters).
        if let first = lastKey.first, first.value >> 8 == 0x06 {
            var refolded: [Unicode.Scalar] = []
            WordScanner.scan(String(String.UnicodeScalarView(scalars[last.0])), minimumStem: 2, stemLatin: false) { _, key in
                refolded = key
            }
            lastKey = refolded
        }
        var keys = Array(self.keys(String(String.UnicodeScalarView(scalars[..<last.0.lowerBound]))))
        keys.append(String(String.UnicodeScalarView(lastKey)))
        return keys
    }

    /// Each word of `text` with its scalar offsets and key, for placing snippets and highlights.
    public static func words(in text: String) -> [(range: Range<Int>, key: String)] {
        var result: [(range: Range<Int>, key: String)] = []
        WordScanner.scan(text, minimumStem: 3) { range, key in
            result.append((range, String(String.UnicodeScalarView(key))))
        }
        return result
    }
}

/// The keys being made, in a buffer that grows by doubling: appending a byte is a store and an
/// increment, with room made once for each key, or once for a whole text when its writer keeps
/// its own end (`reserve`, `end(at:)`).
final class KeyBuffer {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// Makes room for a key of at most `length` bytes and the space before it (when keys are
    /// already there), and writes that space.
    /// (Without overflow checks: `used` and `length` each count bytes in memory.)
    @inline(__always) func startKey(upTo length: Int) {
        let needed = used &+ length &+ 1
        if needed > capacity { grow(to: needed) }
        if used > 0 { bytes[used] = 0x20; used &+= 1 }
    }

    /// Appends a byte in the room `startKey` made.
    @inline(__always) func appendReserved(_ byte: UInt8) {
        bytes[used] = byte
        used += 1
    }

    /// Makes room for `length` bytes more, and returns the buffer's start and where the next
    /// byte goes, for a writer that keeps its own end (`end(at:)`).
    @inline(__always) func reserve(_ length: Int) -> (start: UnsafeMutablePointer<UInt8>, tail: UnsafeMutablePointer<UInt8>) {
        if used &+ length > capacity { grow(to: used &+ length) }
        return (bytes, bytes + used)
    }

    /// Takes the bytes up to `tail`, a pointer from `reserve` moved on by what was written there.
    @inline(__always) func end(at tail: UnsafeMutablePointer<UInt8>) {
        // (The room reserved is exact for the longest keys: a write past it would show here in
        // debug builds, the tests' builds.)
        assert(tail - bytes <= capacity, "keys written past the room reserved")
        used = tail - bytes
    }

    /// The bytes written, copied.
    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: bytes, count: used)) }

    private func grow(to needed: Int) {
        let grown = max(2 * capacity, needed)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        new.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = new
        capacity = grown
    }
}

/// The one pass over scalars behind `SearchText`.
enum WordScanner {
    private enum Script { case latin, arabic }

    /// Calls `onWord` with each word's scalar range and key (the key buffer is reused).
    static func scan(_ text: String, minimumStem: Int, stemLatin: Bool = true,
                     _ onWord: (Range<Int>, [Unicode.Scalar]) -> Void) {
        scan(text.unicodeScalars, minimumStem: minimumStem, stemLatin: stemLatin, onWord)
    }

    /// `scan` over any run of scalars.
    static func scan<S: Sequence>(_ scalars: S, minimumStem: Int, stemLatin: Bool = true,
                                  _ onWord: (Range<Int>, [Unicode.Scalar]) -> Void) where S.Element == Unicode.Scalar {
        var letters: [Unicode.Scalar] = []
        letters.reserveCapacity(32)
        scan(scalars, minimumStem: minimumStem, stemLatin: stemLatin, letters: &letters, onWord)
    }

    /// `scan` with the key buffer given, for a caller that scans many runs (`appendIndexForm`).
    static func scan<S: Sequence>(_ scalars: S, minimumStem: Int, stemLatin: Bool = true, letters: inout [Unicode.Scalar],
                                  _ onWord: (Range<Int>, [Unicode.Scalar]) -> Void) where S.Element == Unicode.Scalar {
        letters.removeAll(keepingCapacity: true)
        var script = Script.latin
        var start = -1
        var offset = 0
        var lastInWord = 0

        func flush() {
            guard start >= 0 else { return }
            if !letters.isEmpty {
                if script == .arabic {
                    stripProclitics(&letters, minimumStem: minimumStem)
                } else if stemLatin {
                    EnglishStemmer.stem(&letters)
                }
                onWord(start..<(lastInWord + 1), letters)
            }
            letters.removeAll(keepingCapacity: true)
            start = -1
        }

        func add(_ scalar: Unicode.Scalar, _ wordScript: Script) {
            if start >= 0 && wordScript != script && !letters.isEmpty { flush() }
            if start < 0 { start = offset }
            script = wordScript
            letters.append(scalar)
            lastInWord = offset
        }

        for s in scalars {
            let v = s.value
            if v < 0x80 {
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    add(s, .latin)
                } else if v >= 0x41 && v <= 0x5A {
                    add(Unicode.Scalar(v + 0x20)!, .latin)
                } else {
                    flush()
                }
            } else if v >= 0x600 && v <= 0x6FF {
                if v >= 0x660 && v <= 0x669 {
                    add(Unicode.Scalar(v - 0x660 + 0x30)!, .latin)
                } else if v >= 0x6F0 && v <= 0x6F9 {
                    add(Unicode.Scalar(v - 0x6F0 + 0x30)!, .latin)
                } else if ArabicLetters.isWordScalar(s) {
                    if let letter = ArabicLetters.normalized(s) {
                        add(letter, .arabic)
                    } else if start >= 0 {
                        lastInWord = offset   // harakat and tatweel belong to the word but fold away
                    }
                } else {
                    flush()
                }
            } else {
                let properties = s.properties
                switch properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
                    if properties.changesWhenLowercased {
                        for lower in properties.lowercaseMapping.unicodeScalars { add(lower, .latin) }
                    } else {
                        add(s, .latin)
                    }
                case .decimalNumber, .letterNumber, .otherNumber:
                    add(s, .latin)
                case .nonspacingMark, .spacingMark, .enclosingMark, .format:
                    // Accents, joiners and soft hyphens sit inside words; FTS5 folds accents itself.
                    if start >= 0 { lastInWord = offset }
                default:
                    flush()
                }
            }
            offset += 1
        }
        flush()
    }

    private static let alef = Unicode.Scalar(0x627)!
    private static let lam = Unicode.Scalar(0x644)!

    /// Strips و ف ب ل ك one letter at a time and ال as a unit, while `minimumStem` letters remain.
    static func stripProclitics(_ letters: inout [Unicode.Scalar], minimumStem: Int) {
        var k = 0
        let n = letters.count
        while true {
            if n - k - 2 >= minimumStem && letters[k] == alef && letters[k + 1] == lam {
                k += 2
            } else if n - k - 1 >= minimumStem && ArabicLetters.isProclitic(letters[k]) {
                k += 1
            } else {
                break
            }
        }
        if k > 0 { letters.removeFirst(k) }
    }
}

/// Step 1 of Porter's stemmer (plurals, -ed, -ing, final y; -ches, -shes, -xes as plurals too): light enough that a reader still
/// recognises what matched, strong enough that `strikes`, `striking` and `strike` meet.
enum EnglishStemmer {
    /// Stems a lower-case word in place; words with anything but a-z are left alone.
    static func stem(_ word: inout [Unicode.Scalar]) {
        guard word.count > 2 else { return }
        var w: [UInt8] = []
        w.reserveCapacity(word.count + 1)
        for s in word {
            guard s.value >= 0x61 && s.value <= 0x7A else { return }
            w.append(UInt8(s.value))
        }
        let original = w.count
        step1(&w)
        if w.count == original, zip(w, word).allSatisfy({ UInt32($0) == $1.value }) { return }
        word = w.map { Unicode.Scalar($0) }
    }

    static func step1(_ w: inout [UInt8]) {
        guard !w.isEmpty else { return }
        let count = w.withUnsafeMutableBufferPointer { b in
            var word = Word(b.baseAddress!, count: b.count)
            step1(&word)
            return word.count
        }
        w.removeLast(w.count - count)
    }

    /// A word being stemmed, in place in memory it does not own: step 1 never makes a word
    /// longer (an "e" is put back only after a longer ending came off), so it stays within the
    /// bytes it was given.
    struct Word {
        let bytes: UnsafeMutablePointer<UInt8>
        private(set) var count: Int
        private let limit: Int

        init(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
            self.bytes = bytes
            self.count = count
            limit = count
        }

        @inline(__always) subscript(i: Int) -> UInt8 {
            get { bytes[i] }
            nonmutating set { bytes[i] = newValue }
        }

        @inline(__always) mutating func removeLast(_ n: Int = 1) { count -= n }

        @inline(__always) mutating func append(_ c: UInt8) {
            precondition(count < limit, "a stem outgrew its word")
            bytes[count] = c
            count += 1
        }
    }

    /// Whether `step1` can change a lower-case a-z word of `count` letters: only one of more
    /// than two letters ending in s, y, -ed or -ing. A cheap test before the call: "and", "said"
    /// and "long" end in d or g but are left as they are.
    @inline(__always) static func step1MayChange(_ w: UnsafePointer<UInt8>, count n: Int) -> Bool {
        guard n > 2 else { return false }
        switch w[n - 1] {
        case 0x73, 0x79: return true   // s, y
        case 0x64: return w[n - 2] == 0x65   // -ed
        case 0x67: return w[n - 2] == 0x6E && w[n - 3] == 0x69   // -ing
        default: return false
        }
    }

    /// Porter's step 1 on a lower-case a-z word (plurals, -ed, -ing, final y), in place.
    static func step1(_ w: inout Word) {
        // Each ending is told from the last letters, read once (`back`), rather than by comparing
        // the word with every ending in turn.
        // 1a: -sses, -ches, -shes, -xes, -zzes and -ies lose -es; -ss stays; any other -s goes.
        if back(w, 1) == 0x73 {
            let e = back(w, 2), c = back(w, 3), d = back(w, 4)
            if e == 0x65 && (c == 0x78 || c == 0x69 || (c == 0x73 && d == 0x73) || (c == 0x68 && (d == 0x63 || d == 0x73))
                             || (c == 0x7A && d == 0x7A)) {
                // Beyond Porter's 1a: "clashes" and "boxes" meet "clash" and "box" without his later steps.
                w.removeLast(2)
            } else if e != 0x73 {
                w.removeLast()
            }
        }
        // 1b: -eed, -ed, -ing.
        var restore = false
        if back(w, 1) == 0x64 && back(w, 2) == 0x65 {
            if back(w, 3) == 0x65 {
                if measure(w, upTo: w.count - 3) > 0 { w.removeLast() }
            } else if hasVowel(w, upTo: w.count - 2) {
                w.removeLast(2)
                restore = true
            }
        } else if back(w, 1) == 0x67 && back(w, 2) == 0x6E && back(w, 3) == 0x69 && hasVowel(w, upTo: w.count - 3) {
            w.removeLast(3)
            restore = true
        }
        if restore {
            if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
                w.append(0x65)
            } else if w.count >= 2, w[w.count - 1] == w[w.count - 2], isConsonant(w, w.count - 1),
                      w[w.count - 1] != 0x6C && w[w.count - 1] != 0x73 && w[w.count - 1] != 0x7A {
                w.removeLast()
            } else if endsCVC(w), measure(w, upTo: w.count) == 1 {   // the cheap test first
                w.append(0x65)
            }
        }
        // 1c
        if w.count > 1, w[w.count - 1] == 0x79, hasVowel(w, upTo: w.count - 1) {
            w[w.count - 1] = 0x69
        }
    }

    /// The `k`th letter from the end (1 for the last), or 0 when the word is shorter.
    @inline(__always) private static func back(_ w: Word, _ k: Int) -> UInt8 {
        w.count >= k ? w[w.count - k] : 0
    }

    @inline(__always) private static func ends(_ w: Word, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let s = suffix.utf8Start
        var i = 0
        while i < n {
            if w[w.count - n + i] != s[i] { return false }
            i += 1
        }
        return true
    }

    private static func isConsonant(_ w: Word, _ i: Int) -> Bool {
        switch w[i] {
        case 0x61, 0x65, 0x69, 0x6F, 0x75: return false
        case 0x79: return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// Porter's m: the number of vowel-consonant sequences in w[0..<end].
    private static func measure(_ w: Word, upTo end: Int) -> Int {
        var m = 0
        var i = 0
        while i < end && isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end && !isConsonant(w, i) { i += 1 }
            if i >= end { break }
            m += 1
            while i < end && isConsonant(w, i) { i += 1 }
        }
        return m
    }

    private static func hasVowel(_ w: Word, upTo end: Int) -> Bool {
        var i = 0
        while i < end {
            if !isConsonant(w, i) { return true }
            i += 1
        }
        return false
    }

    /// Consonant-vowel-consonant at the end, the last consonant not w, x or y ("hop", not "snow").
    private static func endsCVC(_ w: Word) -> Bool {
        let n = w.count
        guard n >= 3 else { return false }
        let last = w[n - 1]
        return isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
            && last != 0x77 && last != 0x78 && last != 0x79
    }
}
