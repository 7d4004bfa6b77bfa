import QariCore

/// How the article list is ordered.
public enum ArticleSort: String, Sendable, CaseIterable {
    case date, title, source

    var next: ArticleSort { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
}

/// What the article list is narrowed to with `&`.
public enum ArticleFilter: Sendable, Equatable {
    case entity(String)
    case language(Language)
    /// Full-text search results (`/` in the list with an index), best first.
    case search(query: String, results: [Int])
}

/// The article list: which articles, in which order, which one is selected.
public struct ArticleListState: Sendable {
    /// Article indexes in display order, after the filter.
    public var order: [Int] = []
    /// Position in `order`.
    public var selected = 0
    /// First visible position in `order`.
    public var top = 0
    public var sort: ArticleSort = .date
    public var filter: ArticleFilter?
    /// Ids of the articles opened, in this session and (when the browser keeps them) before.
    public var read: Set<String> = []

    /// Each article takes two rows: its title, then date, source, language and entity count.
    static let rowsPerItem = 2
}

/// The article in the centre pane, and where each article was left.
public struct ReaderState: Sendable {
    public var document: ReaderDocument?
    public var top = 0
    /// The mention stepped to with `]`, `[` or Tab.
    public var selectedMention: MentionRef?
    /// Where each article was left, by article id: the text at the top of the reader, so the
    /// same place comes back even when the article is laid out again at another width.
    public var positions: [String: ReaderAnchor] = [:]
}

/// One column of the split reader that does not have focus: its article, scroll and mention.
/// The focused column lives in `BrowserState.reader`, so every reader key works on it unchanged.
public struct ReaderColumn: Sendable {
    public var document: ReaderDocument?
    public var top = 0
    public var selectedMention: MentionRef?
}

/// The split reader: two articles side by side, typically an Arabic one and its English pair.
public struct SplitState: Sendable {
    /// Which column `BrowserState.reader` is.
    public var focusedSide: SplitSide
    /// The column without focus.
    public var other = ReaderColumn()
    /// Ranked articles to read beside `candidatesFor`, as `]`, `[` and `p` offer them.
    public var candidates: [PairCandidate] = []
    /// The article the candidates were ranked for; nil until first ranked.
    public var candidatesFor: Int?
    /// Which candidate the other column shows, when it shows one.
    public var candidatePosition: Int?
    /// `L`: the other column follows the focused one, by proportion of length.
    public var linksScrolling = false
}

/// A place in an article's text: a part and a scalar offset in it (nil part: the very top).
public struct ReaderAnchor: Sendable, Equatable {
    public var part: ArticleTextPart?
    public var offset: Int
}

/// The entity page in the centre pane.
public struct EntityPageState: Sendable {
    public var document: EntityPageDocument?
    public var top = 0
    public var selectedItem: Int?
    /// Where each entity page was left: first line and selected item.
    public var positions: [String: (top: Int, item: Int?)] = [:]
}

/// The entity sidebar: the open article's entities grouped by type.
public struct SidebarState: Sendable {
    public enum Row: Sendable, Equatable {
        case heading(EntityCategory)
        case entity(id: String, count: Int)
    }
    public var rows: [Row] = []
    /// Row index of the selected entity.
    public var selected: Int?
    public var top = 0

    public var selectedEntityID: String? {
        guard let selected, rows.indices.contains(selected), case .entity(let id, _) = rows[selected] else { return nil }
        return id
    }
}

/// What the centre pane shows.
public enum CentrePage: Sendable, Equatable {
    case empty, article, entity
}

/// Windows drawn over the panes.
public enum Overlay: Sendable, Equatable {
    case help(top: Int)
    case history(selected: Int)
    case problems(top: Int)
    /// `p` in the split reader: the ranked candidates to show beside the focused article.
    case pairs(selected: Int)
}

/// Where a search looks: the focused pane's text.
public enum SearchScope: Sendable, Equatable {
    case list, article, entityPage, sidebar
}

/// A line being typed at the bottom of the screen.
public enum InputLine: Sendable, Equatable {
    /// `/` search: typed text, and the position to return to on Escape.
    case search(text: String, scope: SearchScope, origin: Int)
    /// `&` filter: typed text and the completion chosen with Tab.
    case filter(text: String, completion: Int?)

    var text: String {
        switch self {
        case .search(let t, _, _), .filter(let t, _): return t
        }
    }
}

/// A confirmed search, highlighted until cleared; n and N step through it.
public struct ActiveSearch: Sendable, Equatable {
    public var query: String
    public var scope: SearchScope
}

/// A line in the status bar for the user to read.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
}

/// The whole state of the browser. `update` changes it in response to one message;
/// `BrowserView` draws it. Nothing else holds state, so a test can drive a session
/// message by message and look at every screen.
public struct BrowserState: Sendable {
    public internal(set) var corpus: BrowserCorpus
    public let text: any TextLayoutEngine
    public internal(set) var width: Int
    public internal(set) var height: Int
    public internal(set) var focus: Pane = .list
    /// The side pane (list or sidebar) shown next to the reader at medium widths.
    public internal(set) var sidePane: Pane = .list
    public internal(set) var list = ArticleListState()
    public internal(set) var page: CentrePage = .empty
    public internal(set) var reader = ReaderState()
    /// The split reader, while open (`s`).
    public internal(set) var split: SplitState?
    /// `t`: each mention is followed by the entity's name in the other language.
    public internal(set) var showsOtherLanguageNames = false
    public internal(set) var entityPage = EntityPageState()
    public internal(set) var sidebar = SidebarState()
    public internal(set) var history = History()
    public internal(set) var overlay: Overlay?
    public internal(set) var input: InputLine?
    public internal(set) var search: ActiveSearch?
    /// A count typed before a command, as in `5j`.
    public internal(set) var pendingCount: Int?
    public internal(set) var message: StatusMessage?
    /// The store's generation the list was last built from (the index may grow meanwhile).
    var seenGeneration = 0
    /// Indexing in the background: what the status bar shows while it runs.
    public internal(set) var indexing: IndexingStatus?
    /// Finds the words of the full-text search whose results fill the list, for the reader.
    public internal(set) var searchHighlight: SearchHighlight?
    /// While `/` is typed in the list over an index: the list as it was (Escape brings it back),
    /// and why the text typed so far cannot be searched, if it cannot.
    var listBeforeSearch: (filter: ArticleFilter?, highlight: SearchHighlight?, selected: Int?)?
    public internal(set) var searchProblem: String?
    /// When set, a list search typed over the index waits for `Message.caughtUp` (sent once no
    /// keys are waiting) instead of running at each key: typing `saraqib` fast runs one query,
    /// not seven. The browser's run loop sets it; without it each key searches at once.
    public var defersListSearch = false
    /// The text whose list search waits for `caughtUp`.
    var deferredListSearch: String?
    /// True when work waits for `Message.caughtUp`.
    public var hasDeferredWork: Bool { deferredListSearch != nil }
    /// Ticks since the message appeared.
    var messageTicks = 0
    /// The run loop ticks every quarter second without keys: a notice stays about five seconds.
    static let ticksToKeepNotice = 20
    public internal(set) var shouldQuit = false

    public init(corpus: BrowserCorpus, text: any TextLayoutEngine, width: Int, height: Int) {
        self.corpus = corpus
        self.text = text
        self.width = width
        self.height = height
        seenGeneration = corpus.store.generation
        rebuildList(keeping: nil)
        if !corpus.problems.isEmpty {
            let n = corpus.problems.count
            message = StatusMessage(text: "\(n) file\(n == 1 ? "" : "s") could not be read (! lists them)", isError: true)
        }
    }

    public var layout: ScreenLayout {
        ScreenLayout(width: width, height: height, focus: focus, sidePane: sidePane, split: split?.focusedSide)
    }

    /// The article open in the reader (also while its entity page is in front).
    public var currentArticle: Int? { reader.document?.articleIndex }
}
