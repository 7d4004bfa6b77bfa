import Foundation

/// The knowledge-base entities of a matcher, found by id without hashing the id's text: relation
/// extraction asks for the role of every mention and the entity of every name it relates, and
/// `Hasher` over the id's bytes cost more than the rest of those look-ups.
///
/// An id is found by the bits of its `String` value: a mention's id is a copy of the string the
/// knowledge base holds (a small string's bits are its bytes; a large one's point to the same
/// storage, which `entities` keeps alive and no one changes), so it has the same bits, and equal
/// bits are the same text. An id with other bits for the same text is not found here, and the
/// caller asks the matcher as before: the answers are the matcher's either way.
final class RelationEntityTable: @unchecked Sendable {
    /// The knowledge base's entities, in its order, and their ids.
    let entities: [Entity]
    /// The index of the entity each acts as (a capital named for its state: the state), or -1
    /// when that is not a knowledge-base entity (the matcher is asked then).
    let acting: [Int32]
    /// Open addressing by the hash of an id's bits.
    private let slots: [Slot]
    private let shift: UInt64

    /// A slot holds what a mention's look-up reads: the id's bits (compared in place of the
    /// entity's id) and the entity's role beside its index, so that `role` reads one slot of 24
    /// bytes. It read the slot, the entity's id and a table of roles before, three places apart
    /// (the bundled knowledge base's 526 entities take about 60 KB) and up to three cache misses.
    private struct Slot {
        var bits: (UInt64, UInt64) = (0, 0)
        /// Entity index + 1, 0 for an empty slot.
        var entry: Int32 = 0
        /// `EntityMatcher.relationRole` of the entity.
        var role: (isPlace: Bool, acting: EntityType?) = (false, nil)
    }

    init(knowledgeBase: KnowledgeBase) {
        let entities = knowledgeBase.entities
        self.entities = entities
        // Two slots for three entities at the least (1,024 slots, 24 KB, for the bundled 526): an
        // empty slot ends every search, and the table stays more in the cache than with two
        // slots an entity (48 KB).
        var bits = 4
        while (1 << bits) < entities.count + entities.count / 2 + 2 { bits += 1 }
        shift = UInt64(64 - bits)
        var roles: [(isPlace: Bool, acting: EntityType?)] = []
        var acting: [Int32] = []
        for entity in entities {
            // As `EntityMatcher` computes its table of roles.
            let target = entity.metonymFor.flatMap { knowledgeBase.entity(id: $0) } ?? entity
            roles.append((entity.type == .place && entity.metonymFor == nil, target.type))
            if let metonym = entity.metonymFor {
                acting.append(Int32(entities.firstIndex { $0.id == metonym } ?? -1))
            } else {
                acting.append(Int32(acting.count))
            }
        }
        self.acting = acting
        var slots = [Slot](repeating: Slot(), count: 1 << bits)
        for (index, entity) in entities.enumerated() where RelationEntityTable.stringIsTwoWords {
            var slot = RelationEntityTable.hash(entity.id, shift: UInt64(64 - bits))
            while slots[slot].entry != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Slot(bits: unsafeBitCast(entity.id, to: (UInt64, UInt64).self), entry: Int32(index + 1), role: roles[index])
        }
        self.slots = slots
    }

    @inline(__always) private static func hash(_ id: String, shift: UInt64) -> Int {
        hash(bits: unsafeBitCast(id, to: (UInt64, UInt64).self), shift: shift)
    }

    @inline(__always) private static func hash(bits words: (UInt64, UInt64), shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// A `String` is two words where this is built (64-bit platforms); elsewhere every id goes to the matcher.
    private static let stringIsTwoWords = MemoryLayout<String>.size == MemoryLayout<(UInt64, UInt64)>.size

    /// The index of the knowledge-base entity with this id, when found by its bits; nil otherwise
    /// (not a knowledge-base id, or one written in other bits).
    @inline(__always) func index(of id: String) -> Int? {
        slot(of: id).map { Int(slots[$0].entry) - 1 }
    }

    /// The slot of the knowledge-base entity with this id, found by its bits; nil otherwise.
    @inline(__always) private func slot(of id: String) -> Int? {
        guard RelationEntityTable.stringIsTwoWords else { return nil }
        return slot(bits: unsafeBitCast(id, to: (UInt64, UInt64).self))
    }

    /// The slot of the knowledge-base entity whose id has these bits (a `String`'s two words).
    @inline(__always) private func slot(bits: (UInt64, UInt64)) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var slot = RelationEntityTable.hash(bits: bits, shift: shift)
            let mask = slots.count - 1
            while true {
                if slots[slot].entry == 0 { return nil }
                if slots[slot].bits == bits { return slot }
                slot = (slot + 1) & mask
            }
        }
    }

    /// `matcher.relationRole(id:)`.
    @inline(__always) func role(_ id: String, matcher: EntityMatcher) -> (isPlace: Bool, acting: EntityType?) {
        if let slot = slot(of: id) { return slots[slot].role }
        return matcher.relationRole(id: id)
    }

    /// `role(id, matcher:)` for the id whose `String` has these bits, when it is found by them; nil
    /// when it is not (the caller asks with the id then), and on a platform where a `String` is not
    /// two words. The bits are read in place (`RelationLayout.idBits`): an id copied out of its
    /// mention to be passed was retained and released, 76,000 times on bench-2k.
    @inline(__always) func role(bits: (UInt64, UInt64)) -> (isPlace: Bool, acting: EntityType?)? {
        guard RelationEntityTable.stringIsTwoWords else { return nil }
        return slot(bits: bits).map { slots[$0].role }
    }

    /// `matcher.entity(id:)`.
    @inline(__always) func entity(_ id: String, matcher: EntityMatcher) -> Entity? {
        if let k = index(of: id) { return entities[k] }
        return matcher.entity(id: id)
    }

    /// The entity `entity` acts as: `entity.metonymFor.flatMap { matcher.entity(id: $0) } ?? entity`.
    @inline(__always) func acting(_ entity: Entity, matcher: EntityMatcher) -> Entity {
        guard let metonym = entity.metonymFor else { return entity }
        if let k = index(of: entity.id), acting[k] >= 0 { return entities[Int(acting[k])] }
        return matcher.entity(id: metonym) ?? entity
    }

    /// The id and the type of entity `k`, read in place: the array's subscript copied the whole
    /// entity (retaining and releasing each of its strings and arrays) for one field.
    @inline(__always) func id(at k: Int) -> String { entities.withUnsafeBufferPointer { $0[k].id } }
    @inline(__always) func type(at k: Int) -> EntityType { entities.withUnsafeBufferPointer { $0[k].type } }

    /// The index of the entity that entity `k` acts as (`acting(entities[k], matcher:)`, found
    /// by `index(of: entities[k].id)` as `k`): `k` itself when it stands for no other; -1 when the
    /// matcher must be asked.
    @inline(__always) func actingIndex(_ k: Int) -> Int {
        entities.withUnsafeBufferPointer { $0[k].metonymFor == nil } ? k : Int(acting[k])
    }

    /// The table of a matcher's knowledge base, which the matcher makes with itself.
    @inline(__always) static func of(_ matcher: EntityMatcher) -> RelationEntityTable {
        matcher.relationEntityTable
    }

    /// True when two lists of entities share their storage. What is made from a knowledge base's
    /// list alone and keeps that storage (`RelationDemonymStates`) can tell the list by it: no other
    /// list has its address while it is kept, and a knowledge base changed since has storage of its
    /// own (the kept copy made it shared). Kept by a weak reference to the matcher instead, it gave
    /// the matcher a side table, through which every retain and release of the matcher then went
    /// (two slow retains a line, 1.5 M instructions of `incrementSlow` on bench-2k).
    static func sameStorage(_ a: [Entity], _ b: [Entity]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count } }
    }
}
