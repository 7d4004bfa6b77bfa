import Foundation

/// First-unit dispatch for alternations: an alternation of n branches is a chain of n - 1
/// splits, and where each split's filters let one branch only take the next unit (the rules'
/// alternations grouped by initial, "a(?:ttack...)|l(?:aunched)|s(?:truck|...)|..."), walking the
/// chain pushes nothing and ends where the unit alone says. The chain's first split becomes one
/// step (`.dispatch`) that reads where from a table by the unit: a walk of up to a dozen splits
/// (split->split was the commonest pair of steps) for one.
extension RelationPattern {
    /// Entries of a dispatch row: where the walk from the chain's first split ends, by the next
    /// unit (below 128), any unit above ASCII, and the end of the range (column 129): a pc, -1
    /// where it fails, -2 where the first split takes both branches; then (column 130) that
    /// split's preferred branch.
    static let dispatchWidth = 131

    /// The dispatch row of the split at `head`, or nil when no unit walks past two splits.
    static func dispatchRow(_ program: [Instruction], _ filters: [UnitFilter], head: Int) -> [Int32]? {
        var row = [Int32](repeating: -1, count: dispatchWidth)
        var longest = 0
        for column in 0..<130 {
            var pc = head, steps = 0
            while program[pc].op == .split && steps < 64 {
                let instruction = program[pc]
                let (tryA, tryB) = (UnitFilter.allows(filters, instruction.filter, column: column),
                                    UnitFilter.allows(filters, instruction.filterB, column: column))
                if tryA && tryB { break }
                if !tryA && !tryB { pc = -1; break }
                pc = Int(tryA ? instruction.a : instruction.b)
                steps += 1
            }
            // -2 ("both branches at `head`") only where the walk stopped at `head` itself: one
            // that came back to it (a loop of splits only, cut at 64 steps) is not that.
            row[column] = pc == head && steps == 0 ? -2 : Int32(pc)
            longest = max(longest, steps)
        }
        row[130] = program[head].a
        return longest >= 2 ? row : nil
    }
}
