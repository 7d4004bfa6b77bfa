import Foundation

/// The fused step of an unrolled lazy repetition of a one-character body, `B{m,n}?` followed by a
/// continuation C (the rules' fillers: "{W}{0,40}?(?:allied|aligned)", "{N}{0,80}?\b(attack words)").
///
/// Unrolled, each optional copy is a split that tries C first and keeps the copy's body for
/// later, then the body's own steps (the filler {N} is a split, a set and sometimes a lookahead):
/// three or four steps of the interpreter per character of filler. The fused step walks the
/// characters in one loop and does, at each, what the copy's split and body would do: it keeps
/// the same alternative (the copy's body at that position) wherever the split would keep it, and
/// goes to C or the body's plain instructions wherever those would run, so the order of tries,
/// the matches and the groups are those of the unrolled program. It saves the steps only where
/// they are known to change nothing: where C cannot start (the split's filter) or fails at once
/// (C starts with \b and there is none), and where the body takes the unit alone and keeps nothing.
struct LazyLoop {
    /// Units below 128 the body takes alone, keeping no alternative.
    var takes: (UInt64, UInt64) = (0, 0)
    /// Units below 128 it takes so where no word boundary falls before them (the filler's letters
    /// that start a negation: its lookahead, "(?!\b(?:not|never|...)\b)", fails at its \b).
    var takesInsideWord: (UInt64, UInt64) = (0, 0)
    /// Where the body of that lookahead starts (the same one for all of `takesInsideWord`), or -1.
    var lookahead: Int32 = -1
    /// Where the second units that lookahead's body can have, by its first, are read in
    /// `RelationPattern.loopPairs` (as `pairs`), or -1: where a word starts with one of
    /// `takesInsideWord` and the next unit cannot be the body's second, the body fails and the
    /// lookahead holds, keeping nothing, so the unit is taken alone there too. (The words of a
    /// filler that start with a negation's initial, "the", "said", "in", "with", ran the body's
    /// steps, seven or eight a word, to find that they are no negation.)
    var lookaheadPairs: Int32 = -1
    /// The class the body tests a unit above ASCII (no surrogate) with, when it takes such a unit
    /// alone exactly when the class holds it; -1 otherwise (the body's instructions run).
    var aboveASCIIClass: Int32 = -1
    /// Where the split of every copy goes first: C, and where the last copy's body goes.
    var continuation: Int32 = 0
    /// Where C's second unit is read before C is tried: the offset in `RelationPattern.loopPairs`
    /// of the units it can have by its first (ASCII), as `pairFilters`; -1 when any can follow.
    var pairs: Int32 = -1
    /// C's first instruction is \b: where there is no word boundary C fails at once, keeping nothing.
    var continuationNeedsBoundary = false
    /// Instructions from one copy's body to the next one's.
    var stride: Int32 = 0
    /// The body of the last copy.
    var lastBody: Int32 = 0

    @inline(__always) static func has(_ bits: (UInt64, UInt64), _ u: UInt16) -> Bool {
        (u < 64 ? bits.0 & (1 << UInt64(u)) : bits.1 & (1 << UInt64(u &- 64))) != 0
    }
}

extension RelationPattern {
    /// The fused step of the lazy repetition whose optional copies start at `splits` (split,
    /// body, split, body...: see `Compiler.compile`), read from the program after `threadJumps`;
    /// nil when its copies are not laid out alike or its body takes no unit alone.
    static func lazyLoop(_ program: [Instruction], _ filters: [UnitFilter], _ classes: [FlatClass], splits: [Int]) -> LazyLoop? {
        guard splits.count >= 2 else { return nil }
        let first = program[splits[0]]
        let stride = splits[1] - splits[0]
        let continuation = Int(first.a)
        guard first.op == .split, stride >= 2, Int(first.b) == splits[0] + 1 else { return nil }
        // Every copy alike: the same filters and continuation, its body the first's moved by its
        // place (a target inside the first copy moved with it; the next copy's split for the
        // first, the next one's or the continuation for the others; any other target the same).
        for (k, split) in splits.enumerated() {
            let instruction = program[split]
            guard split == splits[0] + k * stride, instruction.op == .split, Int(instruction.a) == continuation,
                  Int(instruction.b) == split + 1, instruction.filter == first.filter, instruction.filterB == first.filterB else { return nil }
            guard k > 0 else { continue }
            let next = k + 1 < splits.count ? splits[k + 1] : continuation
            func moved(_ target: Int32) -> Int32 {
                let t = Int(target)
                if t == splits[1] { return Int32(next) }
                return t >= splits[0] && t < splits[1] ? Int32(t + k * stride) : target
            }
            for offset in 1..<stride {
                let a = program[splits[0] + offset], b = program[split + offset]
                guard a.op == b.op, a.filter == b.filter, a.filterB == b.filterB else { return nil }
                switch a.op {
                case .split: guard moved(a.a) == b.a && moved(a.b) == b.b else { return nil }
                case .jump: guard moved(a.a) == b.a else { return nil }
                case .notLookahead: guard a.a == b.a && moved(a.b) == b.b else { return nil }
                default: guard a.a == b.a && moved(a.b) == b.b else { return nil }
                }
            }
        }
        var loop = LazyLoop()
        loop.continuation = Int32(continuation)
        loop.continuationNeedsBoundary = program[continuation].op == .wordBoundary
        loop.stride = Int32(stride)
        loop.lastBody = Int32(splits[splits.count - 1] + 1)
        var someTaken = false
        var lookaheads = Set<Int32>()
        for u in 0...128 {
            guard let (insideWordOnly, set, lookahead) = oneUnitPath(program, filters, from: splits[0] + 1, to: splits[1], unit: u) else { continue }
            if u == 128 {
                // Above ASCII the class decides at run time; a lookahead's condition is not kept there.
                if !insideWordOnly { loop.aboveASCIIClass = set; someTaken = true }
                continue
            }
            let c = classes[Int(set)]
            guard (u < 64 ? c.in0 & (1 << UInt64(u)) : c.in1 & (1 << UInt64(u - 64))) != 0 else { continue }
            someTaken = true
            if insideWordOnly {
                lookaheads.insert(lookahead)
                if u < 64 { loop.takesInsideWord.0 |= 1 << UInt64(u) } else { loop.takesInsideWord.1 |= 1 << UInt64(u - 64) }
            } else {
                if u < 64 { loop.takes.0 |= 1 << UInt64(u) } else { loop.takes.1 |= 1 << UInt64(u - 64) }
            }
        }
        if lookaheads.count == 1 { loop.lookahead = lookaheads.first! }
        return someTaken ? loop : nil
    }

    /// The way the instructions from `start` take unit `u` (below 128; 128: any unit above ASCII)
    /// without keeping an alternative, to `next` right after it: the class of the set that takes
    /// it, and whether it is taken so only where no word boundary falls before it (a negative
    /// lookahead that starts with \b held; `lookahead`: where its body starts, -1 when none);
    /// nil when they would keep an alternative, test anything else, go elsewhere, or pass two
    /// such lookaheads.
    private static func oneUnitPath(_ program: [Instruction], _ filters: [UnitFilter], from start: Int, to next: Int,
                                    unit u: Int) -> (insideWordOnly: Bool, set: Int32, lookahead: Int32)? {
        var pc = start
        var insideWordOnly = false
        var lookahead: Int32 = -1
        for _ in 0..<16 {
            let instruction = program[pc]
            switch instruction.op {
            case .split:
                let (tryA, tryB) = (UnitFilter.allows(filters, instruction.filter, column: u),
                                    UnitFilter.allows(filters, instruction.filterB, column: u))
                guard tryA != tryB else { return nil }
                pc = Int(tryA ? instruction.a : instruction.b)
            case .notLookahead where program[Int(instruction.a)].op == .wordBoundary:
                guard !insideWordOnly else { return nil }
                insideWordOnly = true
                lookahead = instruction.a
                pc = Int(instruction.b)
            case .set:
                return Int(instruction.b) == next ? (insideWordOnly, instruction.a, lookahead) : nil
            default:
                return nil
            }
        }
        return nil
    }
}
