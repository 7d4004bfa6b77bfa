import Foundation

/// The knowledge-base state each nationality adjective stands for ("Turkish" -> Turkey), as
/// `EntityMatcher.resolve` finds it: resolving a name tokenizes and matches it, which cost more
/// than everything else a relation with a demonym needs. Kept for one knowledge base at a time
/// (the last one asked): a knowledge-base entity is what `resolve` gives for a name in any matcher
/// of the knowledge base. A name that resolves to nothing or to a discovered entity is not kept,
/// so that `resolve` runs (and registers what it discovers) as it did before.
final class RelationDemonymStates: @unchecked Sendable {
    static let shared = RelationDemonymStates()

    private let lock = NSLock()
    /// The entities of the knowledge base `states` were resolved in, known by their storage
    /// (`RelationEntityTable.sameStorage`, which keeps no weak reference to the matcher).
    private var entities: [Entity] = []
    private var states: [String: Entity] = [:]

    /// `matcher.resolve(name)`.
    func resolve(_ name: String, matcher: EntityMatcher) -> Entity? {
        lock.lock()
        if !RelationEntityTable.sameStorage(entities, matcher.knowledgeBase.entities) {
            entities = matcher.knowledgeBase.entities
            states = [:]
        }
        if let known = states[name] {
            lock.unlock()
            return known
        }
        lock.unlock()
        guard let entity = matcher.resolve(name) else { return nil }
        // A knowledge-base entity is what `resolve` gives for the name every time: it matches
        // knowledge-base names before it looks for discovered ones.
        if !entity.discovered {
            lock.lock()
            if RelationEntityTable.sameStorage(entities, matcher.knowledgeBase.entities) { states[name] = entity }
            lock.unlock()
        }
        return entity
    }
}
