import Foundation
import XCTest
@testable import QariCore

/// `MatchWorkspacePool`, whose last workspace given back waits in a slot of its own: a workspace
/// is held by one taker at a time, and one given back is taken again rather than a new one made.
final class MatchWorkspacePoolTests: XCTestCase {
    func testAWorkspaceGivenBackIsTakenOnce() {
        let pool = MatchWorkspacePool()
        let a = pool.take(), b = pool.take()
        XCTAssertFalse(a === b)
        pool.giveBack(a)
        pool.giveBack(b)
        // Both come back (the slot's and the list's), each once, then new ones.
        let x = pool.take(), y = pool.take(), z = pool.take()
        XCTAssertEqual(Set([ObjectIdentifier(x), ObjectIdentifier(y)]), Set([ObjectIdentifier(a), ObjectIdentifier(b)]))
        XCTAssertFalse(x === y)
        XCTAssertFalse(z === a || z === b)
    }

    func testConcurrentTakersNeverShareAWorkspace() {
        let pool = MatchWorkspacePool()
        let lock = NSLock()
        var inUse = Set<ObjectIdentifier>()
        var shared = 0
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<3000 {
                let workspace = pool.take()
                let id = ObjectIdentifier(workspace)
                lock.lock()
                if !inUse.insert(id).inserted { shared += 1 }
                lock.unlock()
                lock.lock()
                inUse.remove(id)
                lock.unlock()
                pool.giveBack(workspace)
            }
        }
        XCTAssertEqual(shared, 0)
    }
}
