import Foundation

/// A backtracking matcher for the subset of ICU regular expressions the relation patterns use,
/// run on a template's UTF-16 code units: no String bridging and no NSTextCheckingResult per match.
///
/// It gives the matches NSRegularExpression gives (options [], default bounds: lookarounds and
/// word boundaries do not see past the searched range): alternatives and quantifiers are tried
/// in the same order (leftmost match, greedy tries more first, lazy fewer), characters are code
/// points (a surrogate pair is one), and \w, \d and \b use ICU's definitions
/// (\w = [\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\u200c\u200d]; \b skips grapheme extenders and format
/// characters backwards and is never true before one). Supported: literals, \x{...}, escaped
/// punctuation, classes with ranges, negation, \w and \d; \w \d \b; groups (?:...), (?<name>...),
/// (...); alternation; ? * + {m} {m,} {m,n} and their lazy forms; negative lookahead without
/// captures. Anything else (case-insensitive matching, \s, anchors, dot, ...) makes `init` fail,
/// and the caller keeps NSRegularExpression.
final class RelationPattern: @unchecked Sendable {
    /// One match: the whole range and each capture group's (location NSNotFound when unset).
    struct Match {
        var range: NSRange
        var groups: [NSRange]
    }

    /// Capture group numbers (from 1) by name.
    let groupNames: [String: Int]
    let groupCount: Int
    let pattern: String

    private let program: [Instruction]
    private let filters: [UnitFilter]
    /// The fused steps of lazy repetitions (`.lazyRun`, `LazyLoop`).
    let loops: [LazyLoop]
    /// The second units the fused steps' continuations can have, by their first (`LazyLoop.pairs`).
    let loopPairs: [NextFilter]
    /// The rows of the alternations' first-unit dispatch (`.dispatch`), one after another.
    let dispatchRows: [Int32]
    private let classes: [CharClass]
    private let flatClasses: [FlatClass]
    private let rangeBounds: [UInt32]
    /// Code units a match can start with; nil when any can.
    private let firstUnits: [UInt64]?
    /// `firstUnits`, or nothing when nil.
    private let firstUnitBits: [UInt64]
    /// The one unit of `firstUnits` when it has one only (a placeholder's opening), or -1.
    private let singleFirstUnit: Int
    /// For the scan past units no match starts with, four units at a time: the units of
    /// `firstUnits` below 128, each repeated in the four 16-bit lanes of a word (0xFFFF, above
    /// ASCII, where there are fewer than two); nil when there are more than two (or any unit can
    /// start a match). Four units none of which is above ASCII or one of these start no match.
    private let firstASCIILanes: (UInt64, UInt64)?
    /// The units a match's second unit can be, by its first (`pairFilters`); nil when any.
    private let pairs: [NextFilter]?
    /// The class of a leading unbounded repetition (`leadingStar`), or -1.
    private let leadingStarClass: Int32

    /// `ignoringCaseOnFoldFreeText`: for NSRegularExpression's .caseInsensitive, on text whose
    /// units all pass `isFoldFree` (where ICU's case folding is ASCII's and "$" matches only at the
    /// end). The caller must not run it on other text.
    init?(_ pattern: String, ignoringCaseOnFoldFreeText: Bool = false) {
        self.pattern = pattern
        var parser = Parser(Array(pattern.unicodeScalars))
        parser.foldCase = ignoringCaseOnFoldFreeText
        guard let node = parser.parseAll() else { return nil }
        groupNames = parser.names
        groupCount = parser.groupCount
        classes = parser.classes
        var compiler = Compiler()
        guard compiler.compileMain(node) else { return nil }
        var program = compiler.program
        let (flat, bounds) = RelationPattern.flatten(classes)
        var filters: [UnitFilter] = []
        var filterIndex: [UnitFilter: Int16] = [:]
        var visited = [Int](repeating: -1, count: program.count)
        var stamp = 0
        for pc in program.indices where program[pc].op == .split {
            stamp += 1
            var a = RelationPattern.unitFilter(program, flat, from: Int(program[pc].a), &visited, stamp)
            stamp += 1
            var b = RelationPattern.unitFilter(program, flat, from: Int(program[pc].b), &visited, stamp)
            // A branch that starts with a negated or shorthand class may start with nearly any
            // unit: its filter is worth its test only where it turns away units the other
            // branch takes (then the split takes one branch and pushes nothing).
            let (fa, fb) = (a, b)
            if let f = fa, f.loose && !(fb.map { $0.allowsSome(notAllowedBy: f) } ?? false) { a = nil }
            if let f = fb, f.loose && !(fa.map { $0.allowsSome(notAllowedBy: f) } ?? false) { b = nil }
            // Each distinct filter once: the copies of an unrolled repetition share theirs, and
            // the table stays small enough for the cache.
            for (filter, isB) in [(a, false), (b, true)] {
                guard let filter else { continue }
                let index: Int16
                if let known = filterIndex[filter] { index = known } else {
                    guard filters.count < Int(Int16.max) else { return nil }
                    index = Int16(filters.count)
                    filterIndex[filter] = index
                    filters.append(filter)
                }
                if isB { program[pc].filterB = index } else { program[pc].filter = index }
            }
        }
        self.filters = filters
        firstUnits = RelationPattern.firstUnits(program, classes)
        // A start inside a surrogate pair is never tried; the scan past units that start no
        // match steps one unit at a time, which needs that no low surrogate starts one.
        if let bits = firstUnits, (0xDC00..<0xE000).contains(where: { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }) { return nil }
        firstUnitBits = firstUnits ?? []
        var single = -1
        if let bits = firstUnits, bits.reduce(0, { $0 + $1.nonzeroBitCount }) == 1, let word = bits.firstIndex(where: { $0 != 0 }) {
            single = word * 64 + bits[word].trailingZeroBitCount
        }
        singleFirstUnit = single
        var lanes: (UInt64, UInt64)? = nil
        if let bits = firstUnits {
            let ascii = (0..<128).filter { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
            if ascii.count <= 2 {
                let padded = ascii + [0xFFFF, 0xFFFF]
                lanes = (UInt64(padded[0]) &* 0x0001_0001_0001_0001, UInt64(padded[1]) &* 0x0001_0001_0001_0001)
            }
        }
        firstASCIILanes = lanes
        pairs = RelationPattern.pairFilters(program, classes, from: 0)
        leadingStarClass = RelationPattern.leadingStar(program) ?? -1
        (flatClasses, rangeBounds) = (flat, bounds)
        // Last: the analyses above read the program as compiled.
        RelationPattern.threadJumps(&program)
        // Each copy's split of a lazy repetition of one character becomes the repetition's fused
        // step; where its continuation's second unit is known by its first, the step reads it (the
        // continuation read, as the match's start above, before its characters become units).
        var fusedLoops: [(splits: [Int], loop: LazyLoop)] = []
        var loopPairs: [NextFilter] = []
        for splits in compiler.lazyRepetitions {
            guard var loop = RelationPattern.lazyLoop(program, filters, flat, splits: splits) else { continue }
            if let next = RelationPattern.pairFilters(program, classes, from: Int(loop.continuation)),
               next.prefix(128).contains(where: { !$0.isAny }) {
                loop.pairs = Int32(loopPairs.count)
                loopPairs += next.prefix(128)
            }
            // So the negation's lookahead of a filler's letters, where it is read by its second unit.
            if loop.lookahead >= 0, let next = RelationPattern.pairFilters(program, classes, from: Int(loop.lookahead)),
               next.prefix(128).contains(where: { !$0.isAny }) {
                loop.lookaheadPairs = Int32(loopPairs.count)
                loopPairs += next.prefix(128)
            }
            fusedLoops.append((splits, loop))
        }
        // A character of one unit is compared with the unit alone, without asking whether it is one.
        for pc in program.indices where program[pc].op == .char {
            let c = program[pc].a
            if c < 0xD800 || (c >= 0xE000 && c < 0x10000) { program[pc].op = .unit }
        }
        var loops: [LazyLoop] = []
        for (splits, loop) in fusedLoops {
            for pc in splits {
                program[pc].op = .lazyRun
                program[pc].a = Int32(loops.count)
            }
            loops.append(loop)
        }
        self.loops = loops
        self.loopPairs = loopPairs
        // The first split of an alternation of three branches or more, where the next unit alone
        // walks it past two splits or more, becomes one step.
        var rows: [Int32] = []
        for head in compiler.alternationHeads {
            guard let row = RelationPattern.dispatchRow(program, filters, head: head) else { continue }
            program[head].op = .dispatch
            program[head].a = Int32(rows.count)
            rows += row
        }
        dispatchRows = rows
        // Last, once nothing reads the program's shapes any more: each placeholder's opening.
        for pc in program.indices where RelationPattern.placeholderAt(program, flat, pc) { program[pc].op = .placeholder }
        self.program = program
    }

    /// How many placeholders' openings the program reads as one step (`Instruction.Op.placeholder`).
    var placeholderSteps: Int { program.reduce(0) { $0 + ($1.op == .placeholder ? 1 : 0) } }

    /// True when the instructions from `pc` are a placeholder's as compiled and threaded: its
    /// opening unit (U+E000, E002, E004 or E006), \d, the greedy loop of \d (a split to a
    /// second \d that goes back to it, or on), and the closing unit (the opening's next).
    /// Matched by the fused step: where the opening is followed by ASCII digits and the closing,
    /// the loop ends there whatever it pushes on the way (the closing is no digit, so any
    /// alternative it keeps fails at once), and the step goes on after the closing. Otherwise
    /// the step is the opening's unit alone and the loop runs as compiled.
    static func placeholderAt(_ program: [Instruction], _ classes: [FlatClass], _ pc: Int) -> Bool {
        guard pc + 5 < program.count else { return false }
        let open = program[pc], digit = program[pc + 1], loop = program[pc + 2], again = program[pc + 3], close = program[pc + 5]
        func isDigits(_ set: Instruction) -> Bool {
            guard set.op == .set else { return false }
            let c = classes[Int(set.a)]
            // \d alone: the property, no other unit, not negated; its ASCII members are 0-9.
            return c.digit && !c.word && !c.space && !c.negated && c.ascii0 == 0 && c.ascii1 == 0 && c.rangeStart == c.rangeEnd
                && c.in0 == 0x03FF_0000_0000_0000 && c.in1 == 0
        }
        return open.op == .unit && (0xE000...0xE006).contains(open.a) && open.a & 1 == 0 && open.b == pc + 1
            && isDigits(digit) && digit.b == pc + 2
            && loop.op == .split && loop.a == pc + 3 && loop.b == pc + 5
            && isDigits(again) && again.b == pc + 2
            && close.op == .unit && close.a == open.a + 1
    }

    // MARK: Program

    /// 16 bytes (filters by 16-bit index): an unrolled filler makes programs of thousands of
    /// instructions, and at 20 bytes their fetches missed the cache more often.
    struct Instruction {
        /// `unit`: a char of one code unit (no surrogate), made from `char` once the program is analysed.
        /// `lazyRun`: a split of a lazy repetition's copy, made its fused step (`LazyLoop`, index
        /// `a` in `loops`) once the program is analysed; `b`, `filter` and `filterB` stay the split's.
        /// `dispatch`: the first split of an alternation, made one step (its row of `dispatchRows`
        /// from `a`; `b` stays the split's) once the program is analysed.
        /// `placeholder`: the unit that opens a placeholder's digits, "\x{E000}\d+\x{E001}" (`placeholderAt`),
        /// made one step once the program is analysed; `a` and `b` stay the unit's.
        enum Op: UInt8 { case char, unit, set, split, jump, save, wordBoundary, notLookahead, lookMatch, end, match, lazyRun, dispatch, placeholder }
        var op: Op
        var a: Int32 = 0
        /// For char, set, save, wordBoundary and end: the next instruction (`threadJumps`).
        var b: Int32 = 0
        /// For a split: the index in `filters` of the units its preferred branch can start
        /// with (-1: any); when the next unit is not one of them, the branch is not tried.
        var filter: Int16 = -1
        /// The same for its other branch: when the next unit cannot start it, it is not pushed.
        var filterB: Int16 = -1
    }

    /// Code units a branch can start with: ASCII by bitmap, and whether any unit above ASCII can.
    struct UnitFilter: Hashable {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var aboveASCII = false
        /// Read from a negated or shorthand class (only its ASCII units are told apart).
        var loose = false

        @inline(__always) func allows(_ u: UInt16) -> Bool {
            if u < 64 { return lo & (1 << UInt64(u)) != 0 }
            if u < 128 { return hi & (1 << UInt64(u - 64)) != 0 }
            return aboveASCII
        }

        /// Whether the filter at `index` in `filters` (-1: none, any unit) lets its branch start at
        /// `column`: a unit below 128, 128 for any unit above ASCII, 129 for the end of the range
        /// (where no unit starts a branch). How the fused steps' builders read a split's filters.
        static func allows(_ filters: [UnitFilter], _ index: Int16, column: Int) -> Bool {
            guard index >= 0 else { return true }
            guard column < 129 else { return false }
            return column < 128 ? filters[Int(index)].allows(UInt16(column)) : filters[Int(index)].aboveASCII
        }

        /// True when some ASCII unit passes this filter and not `other`.
        func allowsSome(notAllowedBy other: UnitFilter) -> Bool {
            lo & ~other.lo != 0 || hi & ~other.hi != 0
        }
    }

    /// Code units a unit can be followed by: ASCII by bitmap, others within one span.
    struct NextFilter {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        var aboveLow: UInt16 = 0xFFFF
        var aboveHigh: UInt16 = 0
        /// Nothing may follow: no match starts with such a unit.
        static let none = NextFilter()
        /// Anything, or nothing at all, may follow.
        static let any = NextFilter(lo: ~0, hi: ~0, aboveLow: 0x80, aboveHigh: 0xFFFF)

        var isAny: Bool { lo == ~0 && hi == ~0 && aboveLow == 0x80 && aboveHigh == 0xFFFF }

        mutating func add(_ range: ClosedRange<UInt16>) {
            var u = range.lowerBound
            while u <= range.upperBound && u < 128 {
                if u < 64 { lo |= 1 << UInt64(u) } else { hi |= 1 << UInt64(u - 64) }
                u += 1
            }
            if range.upperBound >= 128 {
                aboveLow = min(aboveLow, max(range.lowerBound, 0x80))
                aboveHigh = max(aboveHigh, range.upperBound)
            }
        }

        mutating func formUnion(_ other: NextFilter) {
            lo |= other.lo; hi |= other.hi
            aboveLow = min(aboveLow, other.aboveLow); aboveHigh = max(aboveHigh, other.aboveHigh)
        }

        @inline(__always) func allows(_ u: UInt16) -> Bool {
            if u < 64 { return lo & (1 << UInt64(u)) != 0 }
            if u < 128 { return hi & (1 << UInt64(u - 64)) != 0 }
            return u >= aboveLow && u <= aboveHigh
        }

        /// Whether a match whose first unit is at `p` (this filter the first unit's) can go on to
        /// the unit after it, before `limit`: how a start, and a fused step's continuation, are
        /// turned away by their second unit.
        @inline(__always) func letsSecond(_ units: UnsafeBufferPointer<UInt16>, after p: Int, limit: Int) -> Bool {
            (p + 1 < limit && allows(units[p + 1])) || isAny
        }
    }

    /// A class of code points: ASCII by bitmap, others by ranges and ICU sets.
    struct CharClass {
        var ascii: (UInt64, UInt64) = (0, 0)
        var ranges: [ClosedRange<UInt32>] = []
        var word = false
        var digit = false
        var space = false
        var negated = false

        mutating func add(_ c: UInt32) {
            if c < 64 { ascii.0 |= 1 << UInt64(c) } else if c < 128 { ascii.1 |= 1 << UInt64(c - 64) } else { ranges.append(c...c) }
        }

        mutating func add(_ range: ClosedRange<UInt32>) {
            var c = range.lowerBound
            while c <= range.upperBound && c < 128 { add(c); c += 1 }
            if c <= range.upperBound { ranges.append(c...range.upperBound) }
        }

        @inline(__always) func contains(_ c: UInt32) -> Bool {
            var inside: Bool
            if c < 64 {
                inside = ascii.0 & (1 << UInt64(c)) != 0
            } else if c < 128 {
                inside = ascii.1 & (1 << UInt64(c - 64)) != 0
            } else {
                inside = false
                for range in ranges where range.contains(c) { inside = true; break }
            }
            if !inside && word && RelationPattern.isWord(c) { inside = true }
            if !inside && digit && RelationPattern.isDigit(c) { inside = true }
            if !inside && space && RelationPattern.propertyBits(c) & 8 != 0 { inside = true }
            return inside != negated
        }
    }

    // MARK: Character properties (ICU's)

    /// Printable ASCII, or a unit without case that is no line terminator: the placeholders'
    /// private-use characters, general punctuation (dashes, quotes) and the Arabic block. On such
    /// text ICU's case-insensitive matching of ASCII letters is ASCII's.
    @inline(__always) static func isFoldFree(_ u: UInt16) -> Bool {
        (u >= 0x20 && u <= 0x7E) || (u >= 0xE000 && u <= 0xE007) || (u >= 0x2010 && u <= 0x2027)
            || (u >= 0x2030 && u <= 0x205E) || (u >= 0x0600 && u <= 0x06FF)
    }

    /// Bit 0: \w; bit 1: grapheme extender or format character; bit 2: decimal digit; bit 3:
    /// white space (\s). Below U+3100 (Latin, Arabic, punctuation...); the rest is looked up.
    /// Read from `bmpPropertyRuns`: asking the standard library for 12,544 characters' properties
    /// cost more than compiling every rule.
    static let bmpProperties: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x3100)
        @inline(__always) func hex(_ c: UInt8) -> Int { Int(c <= 0x39 ? c - 0x30 : c - 0x37) }
        let runs = Array(bmpPropertyRuns.utf8.filter { $0 != 0x0A && $0 != 0x20 })
        var k = 0
        while k < runs.count {
            let start = hex(runs[k]) << 12 | hex(runs[k + 1]) << 8 | hex(runs[k + 2]) << 4 | hex(runs[k + 3])
            let end = k + 5 < runs.count
                ? hex(runs[k + 5]) << 12 | hex(runs[k + 6]) << 8 | hex(runs[k + 7]) << 4 | hex(runs[k + 8]) : 0x3100
            let bits = UInt8(hex(runs[k + 4]))
            for c in start..<end { table[c] = bits }
            k += 5
        }
        return table
    }()

    /// `properties` below U+3100 as runs: each run's first character (four hex digits) and its
    /// bits (one), the run lasting to the next one's start. Made from `properties`, which a test
    /// checks it against character by character (a new Unicode version would show there).
    static let bmpPropertyRuns = """
        0000000098000E0002080021000305003A000411005B0005F10060000611007B0008580086000A0800A1000AA100AB000AD2
        00AE000B5100B6000BA100BB000C0100D7000D8100F7000F8102C2002C6102D2002E0102E5002EC102ED002EE102EF003003
        03701037500376103780037A1037E0037F103800038610387003881038B0038C1038D0038E103A2003A3103F6003F7104820
        04833048A105300053110557005591055A005601058900591305BE005BF305C0005C1305C3005C4305C6005C7305C8005D01
        05EB005EF105F30060020606006103061B0061C2061D006201064B306605066A0066E1067030671106D4006D5106D6306DD2
        06DE006DF306E5106E7306E9006EA306EE106F0506FA106FD006FF107000070F207101071130712107303074B0074D107A63
        07B1107B2007C0507CA107EB307F4107F6007FA107FB007FD307FE00800108163081A1081B308241082530828108293082E0
        0840108593085C008601086B008701088800889108902089200897308A0108CA308E2208E3309031093A3093B1093C3093D1
        0941309491094D3094E10951309581096230964009665097000971109813098210984009851098D0098F1099100993109A90
        09AA109B1009B2109B3009B6109BA009BC309BD109BE309BF109C1309C5009C7109C9009CB109CD309CE109CF009D7309D80
        09DC109DE009DF109E2309E4009E6509F0109F2009FC109FD009FE309FF00A0130A0310A0400A0510A0B00A0F10A1100A131
        0A2900A2A10A3100A3210A3400A3510A3700A3810A3A00A3C30A3D00A3E10A4130A4300A4730A4900A4B30A4E00A5130A520
        0A5910A5D00A5E10A5F00A6650A7030A7210A7530A7600A8130A8310A8400A8510A8E00A8F10A9200A9310AA900AAA10AB10
        0AB210AB400AB510ABA00ABC30ABD10AC130AC600AC730AC910ACA00ACB10ACD30ACE00AD010AD100AE010AE230AE400AE65
        0AF000AF910AFA30B0000B0130B0210B0400B0510B0D00B0F10B1100B1310B2900B2A10B3100B3210B3400B3510B3A00B3C3
        0B3D10B3E30B4010B4130B4500B4710B4900B4B10B4D30B4E00B5530B5800B5C10B5E00B5F10B6230B6400B6650B7000B711
        0B7200B8230B8310B8400B8510B8B00B8E10B9100B9210B9600B9910B9B00B9C10B9D00B9E10BA000BA310BA500BA810BAB0
        0BAE10BBA00BBE30BBF10BC030BC110BC300BC610BC900BCA10BCD30BCE00BD010BD100BD730BD800BE650BF000C0030C011
        0C0430C0510C0D00C0E10C1100C1210C2900C2A10C3A00C3C30C3D10C3E30C4110C4500C4630C4900C4A30C4E00C5530C570
        0C5810C5B00C5C10C5E00C6010C6230C6400C6650C7000C8010C8130C8210C8400C8510C8D00C8E10C9100C9210CA900CAA1
        0CB400CB510CBA00CBC30CBD10CBF30CC110CC230CC310CC500CC630CC900CCA30CCE00CD530CD700CDC10CDF00CE010CE23
        0CE400CE650CF000CF110CF400D0030D0210D0D00D0E10D1100D1210D3B30D3D10D3E30D3F10D4130D4500D4610D4900D4A1
        0D4D30D4E10D4F00D5410D5730D5800D5F10D6230D6400D6650D7000D7A10D8000D8130D8210D8400D8510D9700D9A10DB20
        0DB310DBC00DBD10DBE00DC010DC700DCA30DCB00DCF30DD010DD230DD500DD630DD700DD810DDF30DE000DE650DF000DF21
        0DF400E0110E3130E3210E3430E3B00E4010E4730E4F00E5050E5A00E8110E8300E8410E8500E8610E8B00E8C10EA400EA51
        0EA600EA710EB130EB210EB430EBD10EBE00EC010EC500EC610EC700EC830ECF00ED050EDA00EDC10EE000F0010F0100F183
        0F1A00F2050F2A00F3530F3600F3730F3800F3930F3A00F3E10F4800F4910F6D00F7130F7F10F8030F8500F8630F8810F8D3
        0F9800F9930FBD00FC630FC7010001102D310311103231038110393103B1103D3103F110405104A01050110583105A1105E3
        10611107131075110823108311085310871108D3108E110905109A1109D3109E010A0110C6010C7110C8010CD110CE010D01
        10FB010FC112490124A1124E012501125701258112590125A1125E01260112890128A1128E01290112B1012B2112B6012B81
        12BF012C0112C1012C2112C6012C8112D7012D8113110131211316013181135B0135D313600138011390013A0113F6013F81
        13FE014011166D0166F11680816811169B016A0116EB016EE116F90170011712317160171F11732317350174011752317540
        17601176D0176E11771017723177401780117B4317B6117B7317BE117C6317C7117C9317D4017D7117D8017DC117DD317DE0
        17E0517EA0180B3180E2180F318105181A0182011879018801188531887118A9318AA118AB018B0118F6019001191F019203
        192311927319291192C019301193231933119393193C01946519501196E019701197501980119AC019B0119CA019D0519DA0
        1A0011A1731A1911A1B31A1C01A2011A5631A5711A5831A5F01A6031A6111A6231A6311A6531A6D11A7331A7D01A7F31A805
        1A8A01A9051A9A01AA711AA801AB031ADE01AE031AEC01B0031B0411B3431B3E11B4231B4511B4D01B5051B5A01B6B31B740
        1B8031B8211BA231BA611BA831BAE11BB051BBA11BE631BE711BE831BEA11BED31BEE11BEF31BF401C0011C2C31C3411C363
        1C3801C4051C4A01C4D11C5051C5A11C7E01C8011C8B01C9011CBB01CBD11CC001CD031CD301CD431CE111CE231CE911CED3
        1CEE11CF431CF511CF831CFA11CFB01D0011DC031E0011F1601F1811F1E01F2011F4601F4811F4E01F5011F5801F5911F5A0
        1F5B11F5C01F5D11F5E01F5F11F7E01F8011FB501FB611FBD01FBE11FBF01FC211FC501FC611FCD01FD011FD401FD611FDC0
        1FE011FED01FF211FF501FF611FFD020008200B2200C3200E22010020288202A2202F820300203F1204102054120550205F8
        206022065020662207002071120720207F12080020901209D020D0320F1021021210302107121080210A1211402115121160
        21191211E0212412125021261212702128121290212A1212E0212F1213A0213C12140021451214A0214E1214F02160121890
        24B6124EA02C0012CE502CEB12CEF32CF212CF402D0012D2602D2712D2802D2D12D2E02D3012D6802D6F12D7002D7F32D801
        2D9702DA012DA702DA812DAF02DB012DB702DB812DBF02DC012DC702DC812DCF02DD012DD702DD812DDF02DE032E0002E2F1
        2E3003000830010300513008030211302A330300303113036030381303D0304113097030993309B0309D130A0030A1130FB0
        30FC1

        """

    static func properties(_ c: UInt32) -> UInt8 {
        guard let scalar = Unicode.Scalar(c) else { return 0 }   // a lone surrogate
        let p = scalar.properties
        let category = p.generalCategory
        var bits: UInt8 = 0
        if p.isAlphabetic || category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
            || category == .decimalNumber || category == .connectorPunctuation || c == 0x200C || c == 0x200D {
            bits |= 1
        }
        if p.isGraphemeExtend || category == .format { bits |= 2 }
        if category == .decimalNumber { bits |= 4 }
        if p.isWhitespace { bits |= 8 }
        return bits
    }

    /// The private-use area of the Basic Multilingual Plane, where the placeholders are, has none
    /// of the properties: its characters are looked up there without asking the standard library.
    @inline(__always) static func propertyBits(_ c: UInt32) -> UInt8 {
        c < 0x3100 ? bmpProperties[Int(c)] : (c >= 0xE000 && c <= 0xF8FF ? 0 : properties(c))
    }

    @inline(__always) static func isWord(_ c: UInt32) -> Bool { propertyBits(c) & 1 != 0 }

    /// \w for a unit below 128: [A-Za-z0-9_].
    @inline(__always) static func isASCIIWord(_ u: UInt16) -> Bool {
        let words: (UInt64, UInt64) = (0x03FF_0000_0000_0000, 0x07FF_FFFE_87FF_FFFE)
        return u < 64 ? words.0 & (1 << UInt64(u)) != 0 : words.1 & (1 << UInt64(u - 64)) != 0
    }
    @inline(__always) static func isDigit(_ c: UInt32) -> Bool { propertyBits(c) & 4 != 0 }

    // MARK: Matching

    /// A class as plain values: ASCII by bitmap, others by `rangeBounds[rangeStart..<rangeEnd]`
    /// (pairs of bounds) and ICU sets.
    struct FlatClass {
        /// Membership of each unit below 128, all said (sets and negation included).
        var in0: UInt64
        var in1: UInt64
        var ascii0: UInt64
        var ascii1: UInt64
        var rangeStart: Int32
        var rangeEnd: Int32
        var word: Bool
        var digit: Bool
        var space: Bool
        var negated: Bool
    }

    private static func flatten(_ classes: [CharClass]) -> ([FlatClass], [UInt32]) {
        var flat: [FlatClass] = [], bounds: [UInt32] = []
        for c in classes {
            let start = Int32(bounds.count)
            for range in c.ranges { bounds.append(range.lowerBound); bounds.append(range.upperBound) }
            var in0: UInt64 = 0, in1: UInt64 = 0
            for u in 0..<UInt32(128) where c.contains(u) {
                if u < 64 { in0 |= 1 << UInt64(u) } else { in1 |= 1 << UInt64(u - 64) }
            }
            flat.append(FlatClass(in0: in0, in1: in1, ascii0: c.ascii.0, ascii1: c.ascii.1, rangeStart: start, rangeEnd: Int32(bounds.count),
                                  word: c.word, digit: c.digit, space: c.space, negated: c.negated))
        }
        return (flat, bounds)
    }

    /// Every match in `range` of `units`, as NSRegularExpression.matches(in:options:range:) finds them.
    func matches(in units: UnsafeBufferPointer<UInt16>, range: NSRange) -> [Match] {
        var result: [Match] = []
        forEachMatch(in: units, range: range) { slots, end in
            var groups: [NSRange] = []
            var g = 1
            while g <= groupCount {
                groups.append(RelationPattern.range(slots, g))
                g += 1
            }
            let matchStart = slots[0]
            result.append(Match(range: NSRange(location: matchStart, length: end - matchStart), groups: groups))
        }
        return result
    }

    /// The four units from `p` (all inside `units`) as one word, the first lowest.
    @inline(__always) static func four(_ units: UnsafeBufferPointer<UInt16>, _ p: Int) -> UInt64 {
        UnsafeRawPointer(units.baseAddress! + p).loadUnaligned(as: UInt64.self)
    }

    /// True when one of the four 16-bit lanes of `v` is zero (exact for any word: a borrow
    /// passes only from a lane that is zero).
    @inline(__always) static func hasZeroLane(_ v: UInt64) -> Bool {
        (v &- 0x0001_0001_0001_0001) & ~v & 0x8000_8000_8000_8000 != 0
    }

    /// Group `g`'s range from the slots (location NSNotFound when unset).
    @inline(__always) static func range(_ slots: UnsafeMutablePointer<Int>, _ g: Int) -> NSRange {
        let s = slots[2 * g], e = slots[2 * g + 1]
        return s >= 0 && e >= 0 ? NSRange(location: s, length: e - s) : NSRange(location: NSNotFound, length: 0)
    }

    /// Calls `body` with the capture slots (2g, 2g + 1: group g's bounds, -1 unset) and the end
    /// of each match in turn. `startsBefore`: no match is tried from it on (the matches that start
    /// before it are those found without it, the text up to `range`'s end is seen as without it).
    func forEachMatch(in units: UnsafeBufferPointer<UInt16>, range: NSRange, startsBefore startLimit: Int? = nil,
                      _ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        let start = range.location, limit = range.location + range.length
        let startEnd = min(limit, startLimit ?? limit)
        let slotCount = 2 * (groupCount + 1)
        search(in: units, range: range) { run, slots, stack in
            firstUnitBits.withUnsafeBufferPointer { firstBits in
            let first = firstUnits == nil ? nil : firstBits.baseAddress
            var position = start
            while position < startEnd {
                var end = -1
                var p = position
                while p < startEnd {
                    if let first {
                        // Past the units no match starts with, one at a time: none is a low surrogate.
                        if singleFirstUnit >= 0 {
                            let only = UInt16(singleFirstUnit)
                            // Eight units at a time while none is the one, then four; then the one among the next four.
                            let lanes = UInt64(only) &* 0x0001_0001_0001_0001
                            while p &+ 8 <= startEnd {
                                let x = RelationPattern.four(units, p) ^ lanes, y = RelationPattern.four(units, p &+ 4) ^ lanes
                                // `hasZeroLane` of both words at once.
                                if ((x &- 0x0001_0001_0001_0001) & ~x | (y &- 0x0001_0001_0001_0001) & ~y) & 0x8000_8000_8000_8000 != 0 { break }
                                p &+= 8
                            }
                            while p &+ 4 <= startEnd && !RelationPattern.hasZeroLane(RelationPattern.four(units, p) ^ lanes) { p &+= 4 }
                            while p < startEnd && units[p] != only { p &+= 1 }
                        } else if let (a, b) = firstASCIILanes {
                            while true {
                                // Four units at a time while none is above ASCII or one of its first units.
                                while p &+ 4 <= startEnd {
                                    let x = RelationPattern.four(units, p)
                                    if x & 0xFF80_FF80_FF80_FF80 != 0 || RelationPattern.hasZeroLane(x ^ a) || RelationPattern.hasZeroLane(x ^ b) { break }
                                    p &+= 4
                                }
                                // Then up to four one at a time: a start, the end, or four more to skip.
                                let stop = min(startEnd, p &+ 4)
                                while p < stop && first[Int(units[p]) >> 6] & (1 << UInt64(units[p] & 63)) == 0 { p &+= 1 }
                                if p < stop || p == startEnd { break }
                            }
                        } else {
                            while p < startEnd && first[Int(units[p]) >> 6] & (1 << UInt64(units[p] & 63)) == 0 { p &+= 1 }
                        }
                        if p == startEnd { break }
                    }
                    let u = units[p]
                    do {
                        // The second unit, when the first says what it must be.
                        if let pairs {
                            let next = u < 128 ? pairs[Int(u)] : (u & 0xF800 == 0xD800 ? NextFilter.any : pairs[RelationPattern.pairSlot(u)])
                            if !next.letsSecond(units, after: p, limit: limit) {
                                p += 1   // u is no surrogate here
                                continue
                            }
                        }
                        for k in 0..<slotCount { slots[k] = -1 }
                        end = run.run(at: p, stack: &stack)
                        if end >= 0 { break }
                        if leadingStarClass >= 0 {
                            // Past the characters of the leading repetition: a match fails from each of them.
                            var q = p
                            while q < limit {
                                let (c, n) = run.next(q)
                                guard run.contains(Int(leadingStarClass), c) else { break }
                                q += n
                            }
                            if q > p { p = q; continue }
                        }
                    }
                    p += (u & 0xFC00 == 0xD800 && p + 1 < limit && units[p + 1] & 0xFC00 == 0xDC00) ? 2 : 1
                }
                guard end >= 0 else { break }
                let matchStart = slots[0]
                body(slots, end)
                position = end > matchStart ? end : end + 1
            }
            }
        }
    }

    /// `forEachMatch` for a pattern whose every match in `range` starts at one of `starts` (in
    /// increasing order, inside the range; one may be given twice): the run is tried there only,
    /// and the matches are the same. A rule whose matches start with one of its cue words is run
    /// from their hits so (`RelationRule.startCueSet`): the scan past the units that can start a
    /// match, and the runs that fail from the letters that begin other words, are left out.
    func forEachMatch(in units: UnsafeBufferPointer<UInt16>, range: NSRange, startingOnlyAt starts: UnsafeBufferPointer<Int32>,
                      _ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        let slotCount = 2 * (groupCount + 1)
        search(in: units, range: range) { run, slots, stack in
            var position = range.location
            for s in starts where Int(s) >= position {
                for k in 0..<slotCount { slots[k] = -1 }
                let end = run.run(at: Int(s), stack: &stack)
                guard end >= 0 else { continue }
                let matchStart = slots[0]
                body(slots, end)
                position = end > matchStart ? end : end + 1
            }
        }
    }

    /// Calls `body` with the search's program and text as plain pointers (`Run`), its capture
    /// slots and its backtracking stack: what both ways of looking for matches set up.
    @inline(__always) private func search(in units: UnsafeBufferPointer<UInt16>, range: NSRange,
                                          _ body: (Run, UnsafeMutablePointer<Int>, inout Stack) -> Void) {
        let start = range.location, limit = range.location + range.length
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (groupCount + 1)) { slotBuffer in
        let slots = slotBuffer.baseAddress!
        program.withUnsafeBufferPointer { code in
        filters.withUnsafeBufferPointer { filters in
        loops.withUnsafeBufferPointer { loops in
        loopPairs.withUnsafeBufferPointer { loopPairs in
        dispatchRows.withUnsafeBufferPointer { dispatch in
        flatClasses.withUnsafeBufferPointer { classes in
        rangeBounds.withUnsafeBufferPointer { bounds in
            let run = Run(code: code, filters: filters, loops: loops, loopPairs: loopPairs, dispatch: dispatch, classes: classes, bounds: bounds, units: units, start: start, limit: limit, slots: slots)
            // The first 128 entries on the call stack (1 KiB: no heap allocation for most searches).
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { stackMemory in
            var stack = Stack(in: stackMemory)
            defer { stack.deallocate() }
            body(run, slots, &stack)
            }
        }
        }
        }
        }
        }
        }
        }
        }
    }

    /// The first `count` values of memory `base` of `capacity` moved to new memory of twice that,
    /// and the new memory and capacity; `base` is freed when `owned` (the heap's, not a caller's).
    static func grown<T>(_ base: UnsafeMutablePointer<T>, count: Int, capacity: Int, owned: Bool) -> (UnsafeMutablePointer<T>, Int) {
        let larger = UnsafeMutablePointer<T>.allocate(capacity: 2 * capacity)
        larger.moveInitialize(from: base, count: count)
        if owned { base.deallocate() }
        return (larger, 2 * capacity)
    }

    /// The backtracking stack: pairs of integers in plain memory, grown by doubling.
    struct Stack {
        var base: UnsafeMutablePointer<Int>
        var count = 0
        var capacity: Int
        /// False while `base` is the caller's memory (freed by the caller), true once grown onto the heap.
        var owned: Bool

        /// A stack in `memory`, which the caller keeps until `deallocate` and then frees.
        init(in memory: UnsafeMutableBufferPointer<Int>) {
            base = memory.baseAddress!
            capacity = memory.count
            owned = false
        }

        @inline(__always) mutating func push(_ tag: Int, _ value: Int) {
            if count + 2 > capacity { grow() }
            base[count] = tag
            base[count + 1] = value
            count += 2
        }

        /// The last pair pushed, removed; the caller checks that there is one.
        @inline(__always) mutating func pop() -> (tag: Int, value: Int) {
            count -= 2
            return (base[count], base[count + 1])
        }

        mutating func grow() {
            (base, capacity) = RelationPattern.grown(base, count: count, capacity: capacity, owned: owned)
            owned = true
        }

        func deallocate() { if owned { base.deallocate() } }
    }

    /// One search's text, bounds and program, as plain pointers.
    private struct Run {
        let code: UnsafeBufferPointer<Instruction>
        let filters: UnsafeBufferPointer<UnitFilter>
        let loops: UnsafeBufferPointer<LazyLoop>
        let loopPairs: UnsafeBufferPointer<NextFilter>
        let dispatch: UnsafeBufferPointer<Int32>
        let classes: UnsafeBufferPointer<FlatClass>
        let bounds: UnsafeBufferPointer<UInt32>
        let units: UnsafeBufferPointer<UInt16>
        let start: Int
        let limit: Int
        let slots: UnsafeMutablePointer<Int>

        /// The code point at `p` (inside the bounds) and its length in units.
        @inline(__always) func next(_ p: Int) -> (UInt32, Int) {
            let u = units[p]
            if u & 0xFC00 == 0xD800 && p + 1 < limit && units[p + 1] & 0xFC00 == 0xDC00 {
                return (0x10000 + ((UInt32(u) - 0xD800) << 10) + (UInt32(units[p + 1]) - 0xDC00), 2)
            }
            return (UInt32(u), 1)
        }

        @inline(__always) func previous(_ p: Int) -> (UInt32, Int) {
            let u = units[p - 1]
            if u & 0xFC00 == 0xDC00 && p - 2 >= start && units[p - 2] & 0xFC00 == 0xD800 {
                return (0x10000 + ((UInt32(units[p - 2]) - 0xD800) << 10) + (UInt32(u) - 0xDC00), 2)
            }
            return (UInt32(u), 1)
        }

        @inline(__always) func contains(_ k: Int, _ c: UInt32) -> Bool {
            let set = classes[k]
            var inside: Bool
            if c < 64 {
                inside = set.ascii0 & (1 << UInt64(c)) != 0
            } else if c < 128 {
                inside = set.ascii1 & (1 << UInt64(c - 64)) != 0
            } else {
                inside = false
                var r = Int(set.rangeStart)
                while r < Int(set.rangeEnd) {
                    if c >= bounds[r] && c <= bounds[r + 1] { inside = true; break }
                    r += 2
                }
            }
            if !inside && (set.word || set.digit || set.space) {
                let bits = RelationPattern.propertyBits(c)
                inside = (set.word && bits & 1 != 0) || (set.digit && bits & 4 != 0) || (set.space && bits & 8 != 0)
            }
            return inside != set.negated
        }

        /// ICU's \b: between a word character and a non-word one, grapheme extenders and
        /// format characters skipped backwards, never before one of them.
        /// Inlined where \b is tested: most tests fall between two ASCII units, and the call
        /// (registers saved and restored) cost about as much as the test.
        @inline(__always) func isWordBoundary(_ p: Int) -> Bool {
            // ASCII on both sides: \w is [A-Za-z0-9_] there, and nothing is skipped.
            if p < limit && p > start {
                let u = units[p], v = units[p - 1]
                if u < 128 && v < 128 { return RelationPattern.isASCIIWord(u) != RelationPattern.isASCIIWord(v) }
            }
            return isWordBoundaryBeyondASCII(p)
        }

        /// `isWordBoundary` where a side is not ASCII or is outside the bounds.
        @inline(never) func isWordBoundaryBeyondASCII(_ p: Int) -> Bool {
            var isWord = false
            if p < limit {
                let bits = RelationPattern.propertyBits(next(p).0)
                if bits & 2 != 0 { return false }
                isWord = bits & 1 != 0
            }
            var wasWord = false
            var q = p
            while q > start {
                let (c, n) = previous(q)
                q -= n
                let bits = RelationPattern.propertyBits(c)
                if bits & 2 == 0 { wasWord = bits & 1 != 0; break }
            }
            return isWord != wasWord
        }

        /// A negative lookahead's body matched, so the lookahead fails: the body's alternatives
        /// are dropped and its captures undone. Rare, and kept out of `run`'s loop.
        @inline(never) func dropLookahead(_ stack: inout Stack) {
            while true {
                let (tag, value) = stack.pop()
                if tag <= -1000 { break }
                if tag < 0 { slots[-1 - tag] = value }
            }
        }

        /// Runs the program at `startPosition`; the end of a match (slots hold its groups), or -1.
        ///
        /// The stack holds pairs: (pc, position) of an alternative; (-1 - slot, old value) of a
        /// capture to undo; (-1000 - pc, position) where a negative lookahead's body started:
        /// reached by backtracking, the body failed and the match goes on at pc.
        func run(at startPosition: Int, stack: inout Stack) -> Int {
            stack.count = 0
            var pc = 0
            var p = startPosition
            while true {
                let instruction = code[pc]
                var ok = true
                switch instruction.op {
                case .unit:
                    if p < limit && Int32(units[p]) == instruction.a { p += 1; pc = Int(instruction.b) } else { ok = false }
                case .placeholder:
                    // The opening, its ASCII digits and the closing in one step (`placeholderAt`);
                    // anything else after the opening, the unit alone.
                    if p < limit && Int32(units[p]) == instruction.a {
                        var q = p + 1
                        while q < limit && units[q] &- 0x30 < 10 { q += 1 }
                        if q > p + 1 && q < limit && Int32(units[q]) == instruction.a + 1 {
                            p = q + 1
                            pc = Int(code[pc + 5].b)
                        } else {
                            p += 1
                            pc = Int(instruction.b)
                        }
                    } else {
                        ok = false
                    }
                case .char:
                    // Above the Basic Multilingual Plane, or a surrogate (which matches alone only).
                    if p < limit {
                        let (d, n) = next(p)
                        if d == UInt32(instruction.a) { p += n; pc = Int(instruction.b) } else { ok = false }
                    } else {
                        ok = false
                    }
                case .set:
                    if p < limit {
                        let u = units[p]
                        if u < 128 {
                            let set = classes[Int(instruction.a)]
                            if (u < 64 ? set.in0 & (1 << UInt64(u)) : set.in1 & (1 << UInt64(u &- 64))) != 0 { p += 1; pc = Int(instruction.b) } else { ok = false }
                        } else if u < 0xD800 || u >= 0xE000 {
                            if contains(Int(instruction.a), UInt32(u)) { p += 1; pc = Int(instruction.b) } else { ok = false }
                        } else {
                            let (d, n) = next(p)
                            if contains(Int(instruction.a), d) { p += n; pc = Int(instruction.b) } else { ok = false }
                        }
                    } else {
                        ok = false
                    }
                case .split:
                    // A branch whose first unit cannot be the next one is neither tried nor kept.
                    let tryA = instruction.filter < 0 || (p < limit && filters[Int(instruction.filter)].allows(units[p]))
                    let tryB = instruction.filterB < 0 || (p < limit && filters[Int(instruction.filterB)].allows(units[p]))
                    if tryA {
                        if tryB {
                            stack.push(Int(instruction.b), p)
                        }
                        pc = Int(instruction.a)
                    } else if tryB {
                        pc = Int(instruction.b)
                    } else {
                        ok = false
                    }
                case .lazyRun:
                    // The copy's split, then its body where it takes the unit alone, copy after copy.
                    let loop = loops[Int(instruction.a)]
                    var body = Int(instruction.b)
                    // The filters read once for the whole walk (a split's -1, any unit, as a filter that takes all).
                    let all = UnitFilter(lo: ~0, hi: ~0, aboveASCII: true)
                    let cFilter = instruction.filter < 0 ? all : filters[Int(instruction.filter)]
                    let bodyFilter = instruction.filterB < 0 ? all : filters[Int(instruction.filterB)]
                    let cAtEnd = instruction.filter < 0, bodyAtEnd = instruction.filterB < 0
                    while true {
                        let inside = p < limit
                        let u = inside ? units[p] : 0
                        var tryC = inside ? cFilter.allows(u) : cAtEnd
                        // C would fail at its \b at once, keeping nothing: it is not tried.
                        if tryC && loop.continuationNeedsBoundary && !isWordBoundary(p) { tryC = false }
                        // Nor where the next unit cannot be its second (the fights rule's filler
                        // tried its attack words at every word that starts with one's initial).
                        if tryC && loop.pairs >= 0 && inside && u < 128 {
                            if !loopPairs[Int(loop.pairs) + Int(u)].letsSecond(units, after: p, limit: limit) { tryC = false }
                        }
                        let tryBody = inside ? bodyFilter.allows(u) : bodyAtEnd
                        if tryC {
                            if tryBody { stack.push(body, p) }
                            pc = Int(loop.continuation)
                            break
                        }
                        guard tryBody else { ok = false; break }
                        if !inside {
                            pc = body
                            break
                        } else if u < 128 {
                            // A letter that starts a negation is taken where no word starts at it, or where
                            // the next unit cannot be the negation's second (`LazyLoop.lookaheadPairs`).
                            guard LazyLoop.has(loop.takes, u)
                                    || (LazyLoop.has(loop.takesInsideWord, u)
                                        && (!isWordBoundary(p)
                                            || (loop.lookaheadPairs >= 0
                                                && !loopPairs[Int(loop.lookaheadPairs) + Int(u)].letsSecond(units, after: p, limit: limit))))
                            else { pc = body; break }
                        } else {
                            guard loop.aboveASCIIClass >= 0 && (u < 0xD800 || u >= 0xE000) && contains(Int(loop.aboveASCIIClass), UInt32(u)) else { pc = body; break }
                        }
                        p += 1
                        if body == Int(loop.lastBody) {
                            pc = Int(loop.continuation)
                            break
                        }
                        body += Int(loop.stride)
                    }
                case .dispatch:
                    // Where the alternation's splits would take the next unit, in one step.
                    let column = p < limit ? (units[p] < 128 ? Int(units[p]) : 128) : 129
                    let row = Int(instruction.a)
                    let target = Int(dispatch[row + column])
                    if target >= 0 {
                        pc = target
                    } else if target == -2 {
                        // The first split takes both branches: as the split, the second is kept.
                        stack.push(Int(instruction.b), p)
                        pc = Int(dispatch[row + 130])
                    } else {
                        ok = false
                    }
                case .jump:
                    // Not reached: `threadJumps` made every way to a jump go to its target.
                    pc = Int(instruction.a)
                case .save:
                    let slot = Int(instruction.a)
                    stack.push(-1 - slot, slots[slot])
                    slots[slot] = p
                    pc = Int(instruction.b)
                case .wordBoundary:
                    if isWordBoundary(p) { pc = Int(instruction.b) } else { ok = false }
                case .end:
                    if p == limit { pc = Int(instruction.b) } else { ok = false }
                case .notLookahead:
                    if code[Int(instruction.a)].op == .wordBoundary && !isWordBoundary(p) {
                        // The body fails at its first test: the lookahead holds, as backtracking would find.
                        pc = Int(instruction.b)
                    } else {
                        stack.push(-1000 - Int(instruction.b), p)
                        pc = Int(instruction.a)
                    }
                case .lookMatch:
                    dropLookahead(&stack)
                    ok = false
                case .match:
                    return p
                }
                if !ok {
                    // Back to the last alternative, undoing the captures saved since.
                    while true {
                        guard stack.count >= 2 else { return -1 }
                        let (tag, value) = stack.pop()
                        if tag >= 0 {
                            pc = tag
                            p = value
                            break
                        } else if tag <= -1000 {
                            pc = -1000 - tag
                            p = value
                            break
                        }
                        slots[-1 - tag] = value
                    }
                }
            }
        }
    }

    /// Gives each straight-line instruction its successor in `b` and makes every successor, split
    /// target and lookahead target that is a jump the jump's own target (a jump to a jump, in
    /// turn): the jumps that end an alternative's branch and a repetition's body are never
    /// stepped on (set->jump->split was one step in six on the relation rules). The layout is
    /// unchanged.
    private static func threadJumps(_ program: inout [Instruction]) {
        func target(_ start: Int) -> Int32 {
            var pc = start, hops = 0
            while program[pc].op == .jump && hops < program.count { pc = Int(program[pc].a); hops += 1 }
            return Int32(pc)
        }
        for pc in program.indices {
            switch program[pc].op {
            case .char, .unit, .set, .save, .wordBoundary, .end: program[pc].b = target(pc + 1)
            case .split, .notLookahead: program[pc].a = target(Int(program[pc].a)); program[pc].b = target(Int(program[pc].b))
            case .jump: program[pc].a = target(Int(program[pc].a))
            case .lookMatch, .match: break
            case .lazyRun, .dispatch, .placeholder: preconditionFailure("fused steps are made after jumps are threaded")
            }
        }
    }

    /// The char and set instructions a match of the program from `start` can begin with; nil
    /// when it can begin with any unit (a negated or shorthand class) or match nothing at all.
    /// `firstVisit` marks an instruction seen and says whether it was not seen before.
    private static func leadingInstructions(_ program: [Instruction], _ classes: [CharClass], from start: Int,
                                            firstVisit: (Int) -> Bool) -> [Instruction]? {
        leadingPCs(program, classes, from: start, firstVisit: firstVisit)?.map { program[$0] }
    }

    /// Where the instructions of `leadingInstructions` are; with no `classes`, a negated or
    /// shorthand class is one of them too (the caller reads what it can start with).
    private static func leadingPCs(_ program: [Instruction], _ classes: [CharClass]?, from start: Int,
                                   firstVisit: (Int) -> Bool) -> [Int]? {
        var leading: [Int] = []
        var pending = [start]
        while let pc = pending.popLast() {
            guard firstVisit(pc) else { continue }
            let instruction = program[pc]
            switch instruction.op {
            case .char:
                leading.append(pc)
            case .unit, .lazyRun, .dispatch, .placeholder:
                preconditionFailure("units and fused steps are made after the program is analysed")
            case .set:
                if let set = classes?[Int(instruction.a)], set.negated || set.word || set.digit || set.space { return nil }
                leading.append(pc)
            case .split: pending.append(Int(instruction.a)); pending.append(Int(instruction.b))
            case .jump: pending.append(Int(instruction.a))
            case .save, .wordBoundary: pending.append(pc + 1)
            case .notLookahead: pending.append(Int(instruction.b))
            case .match, .lookMatch, .end: return nil
            }
        }
        return leading
    }

    /// The units that a match of the program from `start` can start with; nil when any unit can
    /// (or the empty string matches).
    /// `visited`: scratch marks, `stamp` a value not in it yet.
    ///
    /// A negated or shorthand class says its ASCII units exactly (any unit above ASCII may start
    /// it): the filler {N} is (?:[^...nsbiwhcmtad]|(?!...)[nsbiwhcmtad]), and with its first branch
    /// read as "any unit", each of those eleven letters pushed the second branch and tried the
    /// first in vain; now one branch only is taken.
    private static func unitFilter(_ program: [Instruction], _ classes: [FlatClass], from start: Int,
                                   _ visited: inout [Int], _ stamp: Int) -> UnitFilter? {
        guard let leading = leadingPCs(program, nil, from: start, firstVisit: { pc in
            if visited[pc] == stamp { return false }
            visited[pc] = stamp
            return true
        }) else { return nil }
        var filter = UnitFilter()
        for instruction in leading.map({ program[$0] }) {
            if instruction.op == .char {
                let u = UInt32(instruction.a)
                if u < 64 { filter.lo |= 1 << UInt64(u) } else if u < 128 { filter.hi |= 1 << UInt64(u - 64) } else { filter.aboveASCII = true }
            } else {
                let set = classes[Int(instruction.a)]
                filter.lo |= set.in0
                filter.hi |= set.in1
                if set.negated || set.word || set.digit || set.space { filter.loose = true }
                if set.rangeEnd > set.rangeStart || filter.loose { filter.aboveASCII = true }
            }
        }
        return filter
    }

    /// Where `pairs` holds the units that can follow `u`, a unit of the Basic Multilingual Plane
    /// above ASCII and no surrogate: 129 for the placeholders' units (U+E000...U+E007), 128 for the
    /// others. Apart: a placeholder's opening is followed by its digits, which the program reads
    /// as \d (any unit may follow), and "[وبفلك]?\x{E000}" would let any unit follow each of those
    /// letters too, which start a run at nearly every other word of Arabic text.
    @inline(__always) static func pairSlot(_ u: UInt16) -> Int { u &- 0xE000 < 8 ? 129 : 128 }

    /// The units that can follow the first unit of a match of the program from `start`, by that unit: `pairs[u]` for an ASCII unit u,
    /// `pairs[pairSlot(u)]` for the others of the Basic Multilingual Plane (surrogates aside, whose
    /// character takes two units); nil when the pattern has no first instructions to read them from.
    private static func pairFilters(_ program: [Instruction], _ classes: [CharClass], from start: Int) -> [NextFilter]? {
        var visited = Set<Int>()
        guard let leading = leadingPCs(program, classes, from: start, firstVisit: { visited.insert($0).inserted }) else { return nil }
        var pairs = [NextFilter](repeating: .none, count: 130)
        for pc in leading {
            // What the rest of the program can start with after this instruction's one unit.
            var seen = Set<Int>()
            var next = NextFilter.none
            if let rest = leadingInstructions(program, classes, from: pc + 1, firstVisit: { seen.insert($0).inserted }) {
                for instruction in rest {
                    if instruction.op == .char {
                        let c = UInt32(instruction.a)
                        if c < 0x10000 { next.add(UInt16(c)...UInt16(c)) } else { next = .any }
                    } else {
                        let set = classes[Int(instruction.a)]
                        next.lo |= set.ascii.0
                        next.hi |= set.ascii.1
                        for range in set.ranges {
                            if range.upperBound >= 0x10000 { next = .any } else { next.add(UInt16(range.lowerBound)...UInt16(range.upperBound)) }
                        }
                    }
                    if next.isAny { break }
                }
            } else {
                next = .any
            }
            let instruction = program[pc]
            if instruction.op == .char {
                let c = UInt32(instruction.a)
                if c < 128 {
                    pairs[Int(c)].formUnion(next)
                } else if c < 0x10000 && (c < 0xD800 || c >= 0xE000) {
                    pairs[pairSlot(UInt16(c))].formUnion(next)
                }
            } else {
                let set = classes[Int(instruction.a)]
                for c in 0..<128 where set.contains(UInt32(c)) { pairs[c].formUnion(next) }
                for range in set.ranges where range.lowerBound < 0xD800 || (range.upperBound >= 0xE000 && range.lowerBound < 0x10000) {
                    // A range may hold units of both slots.
                    if range.lowerBound <= 0xE007 && range.upperBound >= 0xE000 { pairs[129].formUnion(next) }
                    if range.lowerBound < 0xE000 || range.upperBound > 0xE007 { pairs[128].formUnion(next) }
                }
            }
        }
        return pairs
    }

    /// The set of a program that starts with an unbounded repetition of one class ("[^.;]*?" and
    /// the like): when a match fails from a position whose character is in it, it fails from the
    /// next position as well (the later start reaches a subset of the same continuations, and
    /// nothing after the repetition depends on where it began). Nil for any other program.
    private static func leadingStar(_ program: [Instruction]) -> Int32? {
        var pc = 0
        while pc < program.count && program[pc].op == .save { pc += 1 }
        guard pc + 2 < program.count, program[pc].op == .split else { return nil }
        let split = program[pc], body = pc + 1, out = pc + 3
        guard program[body].op == .set, program[body + 1].op == .jump, Int(program[body + 1].a) == pc,
              (Int(split.a) == body && Int(split.b) == out) || (Int(split.a) == out && Int(split.b) == body) else { return nil }
        return program[body].a
    }

    /// The code units a match can start with, from the program's first instructions; nil when
    /// they may be any.
    private static func firstUnits(_ program: [Instruction], _ classes: [CharClass]) -> [UInt64]? {
        var visited = Set<Int>()
        guard let leading = leadingInstructions(program, classes, from: 0, firstVisit: { visited.insert($0).inserted }) else { return nil }
        var bits = [UInt64](repeating: 0, count: 1024)
        func add(_ u: Int) { bits[u >> 6] |= 1 << UInt64(u & 63) }
        for instruction in leading {
            if instruction.op == .char {
                let c = UInt32(instruction.a)
                if c < 0x10000 { add(Int(c)) } else { add(Int(0xD800 + ((c - 0x10000) >> 10))) }
            } else {
                let set = classes[Int(instruction.a)]
                for c in 0..<128 where set.contains(UInt32(c)) { add(c) }
                for range in set.ranges {
                    if range.upperBound >= 0xD800 { return nil }
                    for c in range { add(Int(c)) }
                }
            }
        }
        return bits
    }

    // MARK: Parsing

    /// Only the cases that hold one node are boxed: a character or a set is stored in place (a
    /// pattern holds thousands of them, one allocation each when every case was boxed).
    enum Node {
        case char(UInt32)
        case set(Int)
        case concat([Node])
        case alternation([Node])
        indirect case group(Int?, Node)
        indirect case repetition(Node, min: Int, max: Int?, lazy: Bool)
        case wordBoundary
        /// "$" on printable ASCII: the end of the searched range.
        case end
        /// `id`: where it starts in the pattern (copies made by a repetition share it).
        indirect case notLookahead(Node, id: Int)

        /// True when it can match the empty string.
        var nullable: Bool {
            switch self {
            case .char, .set: return false
            case .concat(let nodes): return nodes.allSatisfy(\.nullable)
            case .alternation(let nodes): return nodes.contains(where: \.nullable)
            case .group(_, let node): return node.nullable
            case .repetition(let node, let min, _, _): return min == 0 || node.nullable
            case .wordBoundary, .notLookahead, .end: return true
            }
        }

        var hasCapture: Bool {
            switch self {
            case .char, .set, .wordBoundary, .end: return false
            case .concat(let nodes), .alternation(let nodes): return nodes.contains(where: \.hasCapture)
            case .group(let index, let node): return index != nil || node.hasCapture
            case .repetition(let node, _, _, _), .notLookahead(let node, _): return node.hasCapture
            }
        }
    }

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var names: [String: Int] = [:]
        var groupCount = 0
        var classes: [CharClass] = []
        /// ASCII letters match either case; "$" is the end (see `ignoringCaseOnFoldFreeText`).
        var foldCase = false

        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func parseAll() -> Node? {
            guard let node = parseAlternation(), i == s.count else { return nil }
            return node
        }

        func peek(_ offset: Int = 0) -> UInt32? { i + offset < s.count ? s[i + offset].value : nil }

        mutating func parseAlternation() -> Node? {
            var alternatives: [Node] = []
            while true {
                guard let node = parseConcat() else { return nil }
                alternatives.append(node)
                if peek() == 0x7C { i += 1 } else { break }   // |
            }
            return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
        }

        mutating func parseConcat() -> Node? {
            var nodes: [Node] = []
            while let c = peek(), c != 0x7C, c != 0x29 {
                guard var atom = parseAtom() else { return nil }
                // Quantifiers.
                if let q = peek(), q == 0x3F || q == 0x2A || q == 0x2B || q == 0x7B {
                    var min = 0, max: Int? = nil
                    i += 1
                    switch q {
                    case 0x3F: max = 1
                    case 0x2A: break
                    case 0x2B: min = 1
                    default:
                        guard let m = parseNumber() else { return nil }
                        min = m; max = m
                        if peek() == 0x2C {
                            i += 1
                            if peek() == 0x7D { max = nil } else {
                                guard let n = parseNumber(), n >= m else { return nil }
                                max = n
                            }
                        }
                        guard peek() == 0x7D else { return nil }
                        i += 1
                    }
                    var lazy = false
                    if peek() == 0x3F { lazy = true; i += 1 } else if peek() == 0x2B { return nil }   // possessive
                    if let next = peek(), next == 0x3F || next == 0x2A || next == 0x2B || next == 0x7B { return nil }
                    // A repeated body that can match empty is left to ICU (its loop checks differ).
                    if (max ?? 2) > 1 && atom.nullable { return nil }
                    if case .wordBoundary = atom { return nil }
                    if case .notLookahead = atom { return nil }
                    if case .end = atom { return nil }
                    atom = .repetition(atom, min: min, max: max, lazy: lazy)
                }
                nodes.append(atom)
            }
            return nodes.count == 1 ? nodes[0] : .concat(nodes)
        }

        mutating func parseNumber() -> Int? {
            var value = 0, digits = 0
            while let c = peek(), c >= 0x30 && c <= 0x39 { value = value * 10 + Int(c - 0x30); digits += 1; i += 1 }
            return digits > 0 && digits < 6 ? value : nil
        }

        mutating func parseAtom() -> Node? {
            guard let c = peek() else { return nil }
            switch c {
            case 0x28:   // (
                let groupStart = i
                i += 1
                var capture: Int? = nil
                var lookahead = false
                if peek() == 0x3F {   // ?
                    guard let kind = peek(1) else { return nil }
                    if kind == 0x3A { i += 2 }   // (?:
                    else if kind == 0x21 { i += 2; lookahead = true }   // (?!
                    else if kind == 0x3C, let third = peek(2), third != 0x3D, third != 0x21 {   // (?<name>
                        i += 2
                        var name = ""
                        while let d = peek(), d != 0x3E {
                            guard let scalar = Unicode.Scalar(d), scalar.properties.isAlphabetic || (d >= 0x30 && d <= 0x39) else { return nil }
                            name.unicodeScalars.append(scalar)
                            i += 1
                        }
                        guard peek() == 0x3E, !name.isEmpty, names[name] == nil else { return nil }
                        i += 1
                        groupCount += 1
                        capture = groupCount
                        names[name] = groupCount
                    } else {
                        return nil
                    }
                } else {
                    groupCount += 1
                    capture = groupCount
                }
                guard let inner = parseAlternation(), peek() == 0x29 else { return nil }
                i += 1
                if lookahead {
                    if inner.hasCapture { return nil }
                    return .notLookahead(inner, id: groupStart)
                }
                return .group(capture, inner)
            case 0x5B:   // [
                if foldCase { return nil }
                return parseClass()
            case 0x24 where foldCase:   // $
                i += 1
                return .end
            case 0x5C:   // backslash
                i += 1
                guard let e = peek() else { return nil }
                i += 1
                switch e {
                case 0x62: return .wordBoundary   // \b
                case 0x77, 0x64, 0x73, 0x53:   // \w \d \s \S
                    var set = CharClass()
                    if e == 0x77 { set.word = true } else if e == 0x64 { set.digit = true } else { set.space = true }
                    if e == 0x53 { set.negated = true }
                    classes.append(set)
                    return .set(classes.count - 1)
                case 0x78:   // \x{...}
                    guard let value = parseHexEscape() else { return nil }
                    return .char(value)
                default:
                    guard let escaped = Unicode.Scalar(e), isEscapablePunctuation(escaped) else { return nil }
                    return .char(e)
                }
            case 0x2E, 0x5E, 0x24, 0x29, 0x7C, 0x3F, 0x2A, 0x2B, 0x7B, 0x7D, 0x5D:   // . ^ $ ) | ? * + { } ]
                return nil
            default:
                i += 1
                if c == 0x23 || (Unicode.Scalar(c)?.properties.isWhitespace ?? false) && c != 0x20 { return nil }
                if foldCase {
                    let lower = c | 0x20
                    if lower >= 0x61 && lower <= 0x7A {
                        var set = CharClass()
                        set.add(lower)
                        set.add(lower - 0x20)
                        classes.append(set)
                        return .set(classes.count - 1)
                    }
                    if c > 0x7E { return nil }
                }
                return .char(c)
            }
        }

        func isEscapablePunctuation(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && !(c.properties.isAlphabetic || (c.value >= 0x30 && c.value <= 0x39)) && c.value > 0x20
        }

        /// After "\x": "{hex}"; the code point.
        mutating func parseHexEscape() -> UInt32? {
            guard peek() == 0x7B else { return nil }
            i += 1
            var value: UInt32 = 0, digits = 0
            while let d = peek(), d != 0x7D {
                guard let v = hexValue(d) else { return nil }
                value = value * 16 + v
                digits += 1
                i += 1
                guard digits <= 6 else { return nil }
            }
            guard peek() == 0x7D, digits > 0, value <= 0x10FFFF else { return nil }
            i += 1
            return value
        }

        func hexValue(_ d: UInt32) -> UInt32? {
            switch d {
            case 0x30...0x39: return d - 0x30
            case 0x41...0x46: return d - 0x41 + 10
            case 0x61...0x66: return d - 0x61 + 10
            default: return nil
            }
        }

        mutating func parseClass() -> Node? {
            i += 1   // [
            var set = CharClass()
            if peek() == 0x5E { set.negated = true; i += 1 }
            var first = true
            while true {
                guard let c = peek() else { return nil }
                if c == 0x5D && !first { i += 1; break }   // ]
                first = false
                guard c != 0x5B, c != 0x26 || peek(1) != 0x26 else { return nil }   // nested sets, &&
                var low: UInt32
                if c == 0x5C {
                    i += 1
                    guard let e = peek() else { return nil }
                    i += 1
                    if e == 0x77 { set.word = true; continue }
                    if e == 0x64 { set.digit = true; continue }
                    if e == 0x73 { set.space = true; continue }
                    if e == 0x78 {
                        guard let value = parseHexEscape() else { return nil }
                        low = value
                    } else {
                        guard let escaped = Unicode.Scalar(e), isEscapablePunctuation(escaped) else { return nil }
                        low = e
                    }
                } else {
                    // A space or a '-' is literal here; other syntax ICU reads specially is refused.
                    if c == 0x2D && !(peek(1) == 0x5D) && !first { return nil }
                    if (Unicode.Scalar(c)?.properties.isWhitespace ?? false) && c != 0x20 { return nil }
                    i += 1
                    low = c
                }
                // A range "a-z" (a '-' before ']' is literal).
                if peek() == 0x2D, let after = peek(1), after != 0x5D {
                    i += 1
                    guard after != 0x5C, after != 0x5B else { return nil }
                    i += 1
                    guard after >= low else { return nil }
                    set.add(low...after)
                } else {
                    set.add(low)
                }
            }
            classes.append(set)
            return .set(classes.count - 1)
        }
    }

    // MARK: Compiling

    struct Compiler {
        var program: [Instruction] = []
        /// Lookahead bodies, compiled after the main program once each (a repeated filler holds
        /// the same lookahead many times): where the instruction that needs each one is.
        var lookaheads: [(at: Int, node: Node, id: Int)] = []
        /// The splits of each lazy repetition's optional copies (`LazyLoop`).
        var lazyRepetitions: [[Int]] = []
        /// The first split of each alternation of three branches or more (`dispatchRow`).
        var alternationHeads: [Int] = []

        mutating func emit(_ op: Instruction.Op, _ a: Int = 0, _ b: Int = 0) -> Int {
            program.append(Instruction(op: op, a: Int32(a), b: Int32(b)))
            return program.count - 1
        }

        mutating func compileMain(_ node: Node) -> Bool {
            _ = emit(.save, 0)
            compile(node)
            _ = emit(.save, 1)
            _ = emit(.match)
            // Lookahead bodies, one per lookahead of the pattern.
            var compiled: [Int: Int] = [:]
            var k = 0
            while k < lookaheads.count {
                let (at, body, key) = lookaheads[k]
                if let start = compiled[key] {
                    program[at].a = Int32(start)
                } else {
                    let start = program.count
                    compile(body)
                    _ = emit(.lookMatch)
                    compiled[key] = start
                    program[at].a = Int32(start)
                }
                k += 1
            }
            return program.count < Int(Int32.max) && program.count < 200_000
        }

        mutating func compile(_ node: Node) {
            switch node {
            case .char(let c):
                _ = emit(.char, Int(c))
            case .set(let index):
                _ = emit(.set, index)
            case .concat(let nodes):
                for n in nodes { compile(n) }
            case .alternation(let nodes):
                var jumps: [Int] = []
                for (k, n) in nodes.enumerated() {
                    if k < nodes.count - 1 {
                        let split = emit(.split)
                        if k == 0 && nodes.count >= 3 { alternationHeads.append(split) }
                        program[split].a = Int32(program.count)
                        compile(n)
                        jumps.append(emit(.jump))
                        program[split].b = Int32(program.count)
                    } else {
                        compile(n)
                    }
                }
                for j in jumps { program[j].a = Int32(program.count) }
            case .group(let capture, let inner):
                if let g = capture { _ = emit(.save, 2 * g) }
                compile(inner)
                if let g = capture { _ = emit(.save, 2 * g + 1) }
            case .repetition(let body, let min, let max, let lazy):
                for _ in 0..<min { compile(body) }
                if let max {
                    // Optional copies, each reached only after the one before matched.
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(emit(.split))
                        let bodyStart = program.count
                        compile(body)
                        let split = splits[splits.count - 1]
                        if lazy { program[split].b = Int32(bodyStart) } else { program[split].a = Int32(bodyStart) }
                    }
                    let end = program.count
                    for split in splits {
                        if lazy { program[split].a = Int32(end) } else { program[split].b = Int32(end) }
                    }
                    if lazy && splits.count >= 2 { lazyRepetitions.append(splits) }
                } else {
                    // L: split(body, out) [greedy] or split(out, body) [lazy]; body; jump L.
                    let split = emit(.split)
                    let bodyStart = program.count
                    compile(body)
                    _ = emit(.jump, split)
                    let end = program.count
                    if lazy { program[split].a = Int32(end); program[split].b = Int32(bodyStart) }
                    else { program[split].a = Int32(bodyStart); program[split].b = Int32(end) }
                }
            case .wordBoundary:
                _ = emit(.wordBoundary)
            case .end:
                _ = emit(.end)
            case .notLookahead(let body, let id):
                let at = emit(.notLookahead)
                program[at].b = Int32(program.count)
                lookaheads.append((at, body, id))
            }
        }
    }
}
