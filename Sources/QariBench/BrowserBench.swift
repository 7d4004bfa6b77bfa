import Foundation
import QariCore
import QariStore
import QariTUI

/// The browser as `qari` runs it on a large corpus: reading through the index on disk.
enum BrowserBench {
    static func matcher() -> EntityMatcher { EntityMatcher(knowledgeBase: try! KnowledgeBase.bundled()) }

    /// Opens the index in `cache` and the browser on it, up to the first full frame drawn at
    /// 160x50 (what a user waits for): returns the state and the seconds it took.
    static func open(corpus: String, cache: URL, matcher: EntityMatcher) throws -> (BrowserState, Double) {
        let t0 = MonotonicClock.seconds()
        let index = try CorpusIndex(paths: [corpus], storage: .cache(directory: cache), matcher: { matcher })
        let store = IndexCorpusStore(index: index, matcher: matcher)
        var state = BrowserState(corpus: BrowserCorpus(name: "bench", store: store), text: TerminalTextEngine(),
                                 width: 160, height: 50)
        state.update(.resize(width: 160, height: 50))
        let backend = MemoryBackend(width: 160, height: 50)
        backend.write(BrowserView.render(state))
        return (state, MonotonicClock.seconds() - t0)
    }

    /// Browses as a reader would, drawing every frame: the whole list page by page in two
    /// orders, one article in fifty opened, the entity pages of the most named entities, the ten
    /// queries typed with `/`. Returns the number of frames drawn.
    @discardableResult
    static func browse(_ state: inout BrowserState, queries: [String]) -> Int {
        let backend = MemoryBackend(width: 160, height: 50)
        var frames = 0
        func frame(_ m: Message) {
            state.update(m)
            backend.write(BrowserView.render(state))
            frames += 1
        }
        func key(_ c: Character) { frame(.key(.character(c))) }
        for _ in 0..<2 {
            state.setFocus(.list)
            key("g")
            var opened = 0
            while state.list.selected + 1 < state.list.order.count {
                frame(.key(.pageDown))
                if state.list.selected / 50 > opened {
                    opened = state.list.selected / 50
                    frame(.key(.enter))
                    state.setFocus(.list)
                }
            }
            key("o")   // next sort order
        }
        for name in ["hts", "idlib", "saa", "turkey", "russia"] {
            state.setFocus(.list)
            if state.open(name: name) {
                for _ in 0..<20 { frame(.key(.pageDown)) }
            }
        }
        for q in queries {
            state.setFocus(.list)
            key("/")
            frame(.text(q))
            frame(.key(.enter))
            frame(.key(.enter))
        }
        return frames
    }

    /// Opening the entity pages of the most named entities (the page lists the first articles
    /// that name it, each mention with its sentence): seconds for each, drawn.
    static func entityPages(_ state: inout BrowserState, count: Int) -> [Double] {
        let backend = MemoryBackend(width: 160, height: 50)
        var seen = Set<String>()
        let ids = state.corpus.completions.map(\.entityID).filter { seen.insert($0).inserted }.prefix(count)
        return ids.map { id in
            let t0 = MonotonicClock.seconds()
            state.openEntity(id)
            backend.write(BrowserView.render(state))
            return MonotonicClock.seconds() - t0
        }
    }

    /// Peak resident memory of this process so far, in MB (VmHWM).
    static func peakMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return (hwm?.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? -1) / 1024
    }
}
