import Foundation

/// The knowledge-base state each nationality adjective stands for ("Turkish" -> Turkey), as
/// `EntityMatcher.resolve` finds it: resolving a name tokenizes and matches it, which cost more
/// than everything else a relation with a demonym needs. Kept for one matcher at a time (the
/// last one asked); a name that resolves to nothing or to a discovered entity is not kept, so
/// that `resolve` runs (and registers what it discovers) as it did before.
final class RelationDemonymStates: @unchecked Sendable {
    static let shared = RelationDemonymStates()

    private let lock = NSLock()
    /// The matcher `states` were resolved by; weak, so that a new matcher at the same address is
    /// not taken for it.
    private weak var matcher: EntityMatcher?
    private var states: [String: Entity] = [:]

    /// `matcher.resolve(name)`.
    func resolve(_ name: String, matcher: EntityMatcher) -> Entity? {
        lock.lock()
        if self.matcher !== matcher {
            self.matcher = matcher
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
            if self.matcher === matcher { states[name] = entity }
            lock.unlock()
        }
        return entity
    }
}
