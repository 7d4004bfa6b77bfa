/// A place the centre pane can show: an article or an entity page.
public enum Location: Sendable, Hashable {
    case article(id: String)
    case entity(id: String)
}

/// Back and forward as in a web browser: visiting a new place drops the forward entries.
public struct History: Sendable, Equatable {
    public private(set) var entries: [Location] = []
    /// The entry on screen; -1 while nothing has been opened.
    public private(set) var index: Int = -1

    public init() {}

    public var current: Location? { entries.indices.contains(index) ? entries[index] : nil }
    public var canGoBack: Bool { index > 0 }
    public var canGoForward: Bool { index + 1 < entries.count }

    public mutating func visit(_ location: Location) {
        if current == location { return }
        if index + 1 < entries.count { entries.removeSubrange((index + 1)...) }
        entries.append(location)
        index = entries.count - 1
    }

    public mutating func back() -> Location? {
        guard canGoBack else { return nil }
        index -= 1
        return entries[index]
    }

    public mutating func forward() -> Location? {
        guard canGoForward else { return nil }
        index += 1
        return entries[index]
    }

    /// Moves to an entry chosen from the history list, keeping the others.
    public mutating func jump(to i: Int) -> Location? {
        guard entries.indices.contains(i) else { return nil }
        index = i
        return entries[i]
    }
}
