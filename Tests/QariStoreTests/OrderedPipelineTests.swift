import Foundation
import XCTest
@testable import QariStore

/// `OrderedPipeline` hands results back in order, never runs further ahead than its window, and
/// finishes (its waits wake only the side a change concerns, so a missed wake-up would hang: each
/// case runs on a thread of its own and fails after a time limit instead).
final class OrderedPipelineTests: XCTestCase {
    /// Runs `body` on its own thread; fails, naming `label`, if it has not returned in `seconds`.
    private func withinTimeLimit(_ label: String, seconds: Double = 60, _ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
        if done.wait(timeout: .now() + seconds) == .timedOut {
            XCTFail("\(label): did not finish in \(seconds) s (a wake-up was missed?)")
        }
    }

    func testResultsComeInOrderWithinTheWindow() {
        // (Windows of 16 and more wait for an eighth of the window to be free, smaller ones for one place.)
        for window in [1, 2, 3, 8, 16, 40, 64, 1000] {
            // (With no worker at all, the consumer does every item.)
            for workers in [0, 1, 2, 4] {
                for count in [0, 1, 5, 300] {
                    let label = "window \(window), workers \(workers), count \(count)"
                    withinTimeLimit(label) {
                        // How many results the consumer has taken, and the furthest any work ran
                        // ahead of it when it started.
                        let lock = NSLock()
                        nonisolated(unsafe) var taken = 0
                        nonisolated(unsafe) var furthestAhead = 0
                        let pipeline = OrderedPipeline<Int>(count: count, workers: workers, window: window) { i in
                            lock.lock()
                            furthestAhead = max(furthestAhead, i - taken + 1)
                            lock.unlock()
                            // Uneven work, so that results arrive out of order.
                            usleep(UInt32((i &* 7919) % 5) * 50)
                            return i * 3
                        }
                        var outputs: [Int] = []
                        while let output = pipeline.next() {
                            outputs.append(output)
                            lock.lock()
                            taken += 1
                            lock.unlock()
                            // A slow consumer now and then, so that the window fills.
                            if outputs.count % 37 == 0 { usleep(2000) }
                        }
                        XCTAssertEqual(outputs, (0..<count).map { $0 * 3 }, label)
                        if workers == 0 { XCTAssertEqual(pipeline.help.items, count, label) }
                        lock.lock()
                        // (Plus one: the consumer counts a result a moment after the pipeline
                        // handed it over and made room.)
                        XCTAssertLessThanOrEqual(furthestAhead, window + 1, label)
                        lock.unlock()
                    }
                }
            }
        }
    }

    /// After `cancel` no result is handed out and no more work is started: workers that waited
    /// for room are let go rather than left to run through the remaining items.
    func testCancelEndsTheResultsAndTheWork() {
        withinTimeLimit("cancel") {
            let lock = NSLock()
            nonisolated(unsafe) var started = 0
            let pipeline = OrderedPipeline<Int>(count: 10_000, workers: 2, window: 16) { i in
                lock.withLock { started += 1 }
                return i
            }
            for expected in 0..<40 { XCTAssertEqual(pipeline.next(), expected) }
            // The window fills and the workers wait for room.
            Thread.sleep(forTimeInterval: 0.2)
            pipeline.cancel()
            XCTAssertNil(pipeline.next())
            let atCancel = lock.withLock { started }
            Thread.sleep(forTimeInterval: 0.3)
            // No more than the items claimed before the cancel: the window's 16 beyond the 40
            // taken (plus, on a busy machine, one a worker claimed but had not yet counted).
            let atEnd = lock.withLock { started }
            XCTAssertLessThanOrEqual(atEnd, atCancel + 2)
            XCTAssertLessThanOrEqual(atEnd, 40 + 16)
        }
    }

    /// A helping consumer works on the next items itself while the one it waits for is being
    /// worked on: with one worker held up on item 0, the consumer does items 1-9, and item 0
    /// still comes first.
    func testTheConsumerWorksWhileItsNextResultIsNotReady() {
        withinTimeLimit("consumer helps") {
            let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
            let lock = NSLock()
            nonisolated(unsafe) var byConsumer: [Int] = []
            let consumer = Thread.current
            let pipeline = OrderedPipeline<Int>(count: 10, workers: 1, window: 10) { i in
                if Thread.current == consumer {
                    lock.withLock { byConsumer.append(i) }
                    // The last item the consumer does lets the worker go on with item 0.
                    if i == 9 { release.signal() }
                } else if i == 0 {
                    started.signal()
                    release.wait()
                }
                return i
            }
            // The worker claims items in order: it has item 0 before the consumer asks for it.
            started.wait()
            var outputs: [Int] = []
            while let output = pipeline.next() { outputs.append(output) }
            XCTAssertEqual(outputs, Array(0..<10))
            XCTAssertEqual(lock.withLock { byConsumer }, Array(1..<10))
            XCTAssertEqual(pipeline.help.items, 9)
        }
    }

    /// Results given back (`recycle`) are freed on the thread that made them: all but those
    /// given back after their worker's last item (at most a window's) are.
    func testRecycledResultsAreFreedByTheirMaker() {
        final class Made {
            let maker = Thread.current
            let onFree: (Bool) -> Void
            init(onFree: @escaping (Bool) -> Void) { self.onFree = onFree }
            deinit { onFree(Thread.current == maker) }
        }
        withinTimeLimit("recycle") {
            let lock = NSLock()
            nonisolated(unsafe) var freedByMaker = 0, freedElsewhere = 0
            let consumer = Thread.current
            nonisolated(unsafe) var madeByWorker = 0
            do {
                let pipeline = OrderedPipeline<Made>(count: 400, workers: 1, window: 4) { i in
                    if Thread.current != consumer { lock.withLock { madeByWorker += 1 } }
                    usleep(UInt32(i % 3) * 100)
                    return Made { byMaker in lock.withLock { if byMaker { freedByMaker += 1 } else { freedElsewhere += 1 } } }
                }
                while let made = pipeline.next() { pipeline.recycle(consume made) }
            }
            lock.withLock {
                XCTAssertGreaterThan(madeByWorker, 0)
                XCTAssertLessThanOrEqual(freedElsewhere, 4)
                // (The worker's last ones may be freed after the pipeline is gone.)
                XCTAssertGreaterThanOrEqual(freedByMaker + freedElsewhere, 400 - 4)
            }
        }
    }
}
