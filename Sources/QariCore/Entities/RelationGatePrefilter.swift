import Foundation

/// Whether a rule can pass its tests on the whole line (`RuleGate`: placeholders by role, cue
/// words, acting types) in the template a text would make, answered before the template is built:
/// a third of the templates of the bench corpora passed no rule's tests, and building one costs
/// more than this look at the text.
enum RelationGatePrefilter {
    /// A gate's tests as plain words: the placeholders it needs, a byte a role (`packed`).
    struct Gate {
        var needs: UInt32
        var subjectMask: UInt8
        var objectMask: UInt8
        var cueSet: CueSet
        var moreCueSet: CueSet?
    }

    /// `RelationRule.gates`, in their order.
    static let gates: [Gate] = RelationRule.gates.map { gate in
        Gate(needs: packed(gate.needs), subjectMask: gate.subjectMask.bits, objectMask: gate.objectMask.bits,
             cueSet: gate.cueSet, moreCueSet: gate.moreCueSet)
    }

    /// Actors, modifiers, parentheticals and any, a byte each, held at 127 at the most (no
    /// pattern needs so many).
    static func packed(_ counts: PlaceholderCounts) -> UInt32 {
        func byte(_ n: Int) -> UInt32 { UInt32(min(max(n, 0), 127)) }
        return byte(counts.actors) | byte(counts.modifiers) << 8 | byte(counts.parentheticals) << 16 | byte(counts.any) << 24
    }

    /// `have.satisfies(needs)` on packed counts: no byte of `have` is below that of `needs`
    /// (each below 128, so that a byte's borrow shows in its top bit and stays there).
    @inline(__always) static func satisfies(_ have: UInt32, _ needs: UInt32) -> Bool {
        ((have | 0x8080_8080) &- needs) & 0x8080_8080 == 0x8080_8080
    }

    /// The gates whose placeholders and acting types a line has, by its counts and types: made
    /// once for every line there can be, so that a line's are looked up rather than tested gate by
    /// gate (the tests of every gate cost more than the rest of `mayPass` on most lines).
    ///
    /// A line's count of a role is held at the most any gate needs of it, which changes no test's
    /// answer; its types are five bits. The key runs over both.
    struct CandidateTable {
        /// The most any gate needs of actors, modifiers, parentheticals and any.
        let caps: (actors: Int, modifiers: Int, parentheticals: Int, any: Int)
        /// The gate indexes of key `k`, in order: `indexes[starts[k]..<starts[k + 1]]`; the same
        /// as bits (`masks[k]`, bit `g` for gate `g`); and their cue words.
        let starts: [Int32]
        let indexes: [Int32]
        let masks: [UInt64]
        let wanted: [CueSet]

        init(_ gates: [Gate]) {
            func need(_ shift: UInt32) -> Int { gates.map { Int(($0.needs >> shift) & 0xFF) }.max() ?? 0 }
            caps = (need(0), need(8), need(16), need(24))
            precondition(gates.count <= 64, "a gate is a bit of a word")
            var starts: [Int32] = [0], indexes: [Int32] = [], masks: [UInt64] = [], wanted: [CueSet] = []
            for actors in 0...caps.actors {
                for modifiers in 0...caps.modifiers {
                    for parentheticals in 0...caps.parentheticals {
                        for any in 0...caps.any {
                            let have = UInt32(actors) | UInt32(modifiers) << 8 | UInt32(parentheticals) << 16 | UInt32(any) << 24
                            for present in 0..<32 {
                                var cues = CueSet()
                                var mask: UInt64 = 0
                                for (k, gate) in gates.enumerated() where RelationGatePrefilter.passesCounts(gate, have, UInt8(present)) {
                                    indexes.append(Int32(k))
                                    mask |= 1 << UInt64(k)
                                    cues.formUnion(gate.cueSet)
                                    if let more = gate.moreCueSet { cues.formUnion(more) }
                                }
                                starts.append(Int32(indexes.count))
                                masks.append(mask)
                                wanted.append(cues)
                            }
                        }
                    }
                }
            }
            self.starts = starts
            self.indexes = indexes
            self.masks = masks
            self.wanted = wanted
        }

        /// The key of a line with these counts and acting types (`TypeMask.bits`, below 32).
        @inline(__always) func key(_ counts: PlaceholderCounts, _ present: UInt8) -> Int {
            let actors = min(max(counts.actors, 0), caps.actors)
            let modifiers = min(max(counts.modifiers, 0), caps.modifiers)
            let parentheticals = min(max(counts.parentheticals, 0), caps.parentheticals)
            let any = min(max(counts.any, 0), caps.any)
            let roles = ((actors * (caps.modifiers + 1) + modifiers) * (caps.parentheticals + 1) + parentheticals) * (caps.any + 1) + any
            return roles * 32 + Int(present & 31)
        }
    }

    static let candidateTable = CandidateTable(gates)

    /// The gates that want each cue word (in `cueSet` or `moreCueSet`), a bit a gate.
    static let gatesByCue: [UInt64] = {
        var masks = [UInt64](repeating: 0, count: RelationRule.cueWords.count)
        for (g, gate) in gates.enumerated() {
            for id in masks.indices where gate.cueSet.contains(id) || (gate.moreCueSet?.contains(id) ?? false) { masks[id] |= 1 << UInt64(g) }
        }
        return masks
    }()

    /// A gate's tests of the line's placeholders and acting types (the plain definition the table holds).
    @inline(__always) static func passesCounts(_ gate: Gate, _ have: UInt32, _ present: UInt8) -> Bool {
        satisfies(have, gate.needs)
            && (gate.subjectMask == 0 || present & gate.subjectMask != 0)
            && (gate.objectMask == 0 || present & gate.objectMask != 0)
    }

    /// True when some gate passes on the template `RelationTemplate.fromUTF8` builds from `bytes`
    /// and `layout`. Its placeholders and their acting types are the layout's; its cue words are
    /// those `RelationCueBytes`' automaton finds in the text between placeholders, started anew
    /// after each, as the builder reads them.
    static func mayPass(_ bytes: UnsafeBufferPointer<UInt8>, layout: RelationLayout) -> Bool {
        RelationCueEvents.recording { events in mayPass(bytes, layout: layout, key: candidateKey(layout), events: &events) }
    }

    /// The key in `candidateTable` of the template a layout makes: its placeholders by role, and
    /// the types they act as (places aside).
    static func candidateKey(_ layout: RelationLayout) -> Int {
        var counts = PlaceholderCounts()
        var types = TypeMask()
        for placed in layout.placed {
            counts.add(placed.role)
            if placed.role != .place, let acting = placed.acting { types.formUnion(TypeMask(acting)) }
        }
        return candidateTable.key(counts, types.bits)
    }

    /// True when some gate passes the tests of placeholders and types of `key` (`candidateKey`).
    static func hasCandidates(_ key: Int) -> Bool {
        candidateTable.starts[key + 1] > candidateTable.starts[key]
    }

    /// `mayPass(_:layout:)`, told the layout's `candidateKey`. When it is true, `events` holds the
    /// automaton's events over the whole text (`scan`), from which the template is built.
    static func mayPass(_ bytes: UnsafeBufferPointer<UInt8>, layout: RelationLayout, key: Int, events: inout RelationCueEvents) -> Bool {
        let table = candidateTable
        let first = Int(table.starts[key])
        let count = Int(table.starts[key + 1]) - first
        guard count > 0 else { return false }
        return scan(bytes, layout: layout, candidates: table.masks[key], wanted: table.wanted[key], events: &events)
    }

    /// Runs `RelationCueBytes`' automaton over the text between placeholders, started anew after
    /// each, as the template's builder reads it, and records its flagged steps (words end, or a
    /// sentence mark) in `events`: the builder replays them rather than running the automaton a
    /// second time (one pass of it over a line: its steps are a chain of dependent loads, several
    /// cycles a byte). True when one of the gates `candidates` (bit `g` for gate `g`) passes with
    /// the cue words found (`wanted`: theirs); none is tested once one has passed. When words are
    /// found, only the gates that want one of them are tested (the others' answers are unchanged).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, layout: RelationLayout, candidates: UInt64, wanted: CueSet,
                     events: inout RelationCueEvents) -> Bool {
        let gates = self.gates
        return gates.withUnsafeBufferPointer { gates in
            gatesByCue.withUnsafeBufferPointer { gatesByCue in
                let cueBytes = RelationCueBytes.shared
                // An empty text may have no base address; nothing is read from it then.
                let base = bytes.baseAddress ?? UnsafePointer(cueBytes.byteClasses)
                let rows = UnsafePointer(cueBytes.classLinks), flagged = cueBytes.flaggedLinks
                var passed = false
                var found = CueSet()
                // The stretches between placeholders, as the template's builder reads them.
                var from = 0
                for stretch in 0...layout.placed.count {
                    let to = stretch < layout.placed.count ? layout.placed[stretch].bytes.lowerBound : bytes.count
                    var row = RelationCueBytes.rootRow   // anew: no word crosses a placeholder
                    var p = base + from
                    let end = base + to
                    while p < end {
                        (p, row) = RelationGatePrefilter.scanToFlag(p, end, row, rows, flagged)
                        guard row >= Int(flagged) else { break }
                        let step = cueBytes.flaggedStep(row)
                        events.append(offset: p - base, step: step)
                        if passed || step & RelationCueBytes.stepWordsEnd == 0 { continue }
                        let state = RelationCueBytes.stepState(step)
                        var k = Int(cueBytes.outputStarts[state])
                        let last = Int(cueBytes.outputStarts[state + 1])
                        var touched: UInt64 = 0
                        while k < last {
                            let id = Int(cueBytes.outputIDs[k])
                            if wanted.contains(id) && !found.contains(id) {
                                touched |= gatesByCue[id]
                                found.insert(id)
                            }
                            k += 1
                        }
                        var tested = touched & candidates
                        while tested != 0 {
                            if gates[tested.trailingZeroBitCount].cuesFit(found) { passed = true; break }
                            tested &= tested &- 1
                        }
                    }
                    if stretch < layout.placed.count { from = layout.placed[stretch].bytes.upperBound }
                }
                return passed
            }
        }
    }
}

extension RelationGatePrefilter {
    /// Steps the automaton from `row` (where its row starts in `RelationCueBytes.links`) over the
    /// bytes from `p` up to and with the first whose step is flagged (an entry at `flagged` or
    /// after), or up to `end`; and gives the row reached. Out of line, with nothing but its loop,
    /// so that the loop keeps its values in registers. The entry is read as `rows[byte][row]`
    /// (`RelationCueBytes.classLinks`: the links from the byte's class on), so that a byte's step
    /// is three loads (the byte, its pointer, the entry), a comparison and a branch: the byte and
    /// its pointer do not wait on the chain of rows, and the chain holds no arithmetic but the
    /// load's own. Bytes are read from memory at constant offsets, eight to a turn of the loop:
    /// read as a word and shifted out of a register, each took two instructions more.
    @inline(never)
    static func scanToFlag(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ row: Int,
                           _ rows: UnsafePointer<UnsafePointer<UInt16>>, _ flagged: UInt16) -> (p: UnsafePointer<UInt8>, row: Int) {
        var p = p, row = row
        while p + 8 <= end {
            var k = 0
            while k < 8 {
                let next = rows[Int(p[k])][row]
                row = Int(next)
                k += 1
                if next >= flagged { return (p + k, row) }
            }
            p += 8
        }
        while p < end {
            let next = rows[Int(p.pointee)][row]
            row = Int(next)
            p += 1
            if next >= flagged { return (p, row) }
        }
        return (p, row)
    }
}

extension RelationGatePrefilter.Gate {
    /// `RuleGate.cuesFit`.
    @inline(__always) func cuesFit(_ found: CueSet) -> Bool {
        found.intersects(cueSet) && (moreCueSet.map { found.intersects($0) } ?? true)
    }
}
