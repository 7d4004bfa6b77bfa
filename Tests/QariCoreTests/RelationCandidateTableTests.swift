import Foundation
import XCTest
@testable import QariCore

/// `RelationGatePrefilter.candidateTable` against the tests of every gate (`RuleGate`: counts by
/// role and acting types), for counts below, at and far above what the gates need.
final class RelationCandidateTableTests: XCTestCase {
    private func plainCandidates(_ counts: PlaceholderCounts, _ present: TypeMask) -> [Int] {
        RelationRule.gates.indices.filter { k in
            let gate = RelationRule.gates[k]
            return counts.satisfies(gate.needs) && gate.typesFit(present)
        }
    }

    private func tableCandidates(_ counts: PlaceholderCounts, _ present: TypeMask) -> (indexes: [Int], mask: UInt64, wanted: CueSet) {
        let table = RelationGatePrefilter.candidateTable
        let key = table.key(counts, present.bits)
        return ((Int(table.starts[key])..<Int(table.starts[key + 1])).map { Int(table.indexes[$0]) }, table.masks[key], table.wanted[key])
    }

    /// `gatesByCue`: the gates whose cue words (either set) hold each word, by the plain tests.
    func testGatesByCueAreTheGatesWantingEachWord() {
        for id in RelationRule.cueWords.indices {
            let plain = RelationRule.gates.indices.filter { k in
                let gate = RelationRule.gates[k]
                return gate.cueSet.contains(id) || (gate.moreCueSet?.contains(id) ?? false)
            }
            let mask = RelationGatePrefilter.gatesByCue[id]
            XCTAssertEqual((0..<64).filter { mask & (1 << UInt64($0)) != 0 }, plain, RelationRule.cueWords[id])
        }
    }

    func testTableGivesTheGatesWhoseCountsAndTypesPass() {
        var generator = SplitMix(state: 20_261_210)
        var nonEmpty = 0, empty = 0
        for round in 0..<20_000 {
            var counts = PlaceholderCounts()
            // Small counts mostly; now and then far above any need (a line with hundreds of names).
            let large = round % 10 == 0
            counts.actors = large ? Int.random(in: 0...400, using: &generator) : Int.random(in: 0...4, using: &generator)
            counts.modifiers = large ? Int.random(in: 0...300, using: &generator) : Int.random(in: 0...3, using: &generator)
            counts.parentheticals = large ? Int.random(in: 0...300, using: &generator) : Int.random(in: 0...3, using: &generator)
            counts.any = counts.actors + counts.modifiers + counts.parentheticals
            var present = TypeMask()
            present.bits = UInt8.random(in: 0...31, using: &generator)
            let plain = plainCandidates(counts, present)
            let (indexes, mask, wanted) = tableCandidates(counts, present)
            XCTAssertEqual(indexes, plain, "\(counts.actors) \(counts.modifiers) \(counts.parentheticals) \(counts.any) \(present.bits)")
            XCTAssertEqual(mask, plain.reduce(UInt64(0)) { $0 | 1 << UInt64($1) })
            var cues = CueSet()
            for k in plain {
                cues.formUnion(RelationRule.gates[k].cueSet)
                if let more = RelationRule.gates[k].moreCueSet { cues.formUnion(more) }
            }
            XCTAssertTrue(wanted.bits == cues.bits)
            if plain.isEmpty { empty += 1 } else { nonEmpty += 1 }
        }
        // Both kinds of lines come up: the comparison says something about each.
        XCTAssertGreaterThan(nonEmpty, 1000)
        XCTAssertGreaterThan(empty, 1000)
    }
}
