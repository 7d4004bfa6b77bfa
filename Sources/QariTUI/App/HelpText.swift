/// Every key, as `?` lists it. Kept next to `update` so the two are read together.
enum HelpText {
    static let entries: [(keys: String, what: String)] = [
        ("", "Moving"),
        ("Tab  S-Tab", "next / previous pane; in the reader, next / previous mention on screen first"),
        ("j k  Down Up", "down / up one line or item (a count first repeats: 5j)"),
        ("C-d  C-u", "down / up half a page"),
        ("PgDn PgUp  Space b", "down / up a page (also C-f C-b)"),
        ("g  G  Home End", "top / bottom"),
        ("Enter", "open the article, entity or mention under the selection"),
        ("count", "digits before a key repeat it: 5j, 3]"),
        ("", "Reader"),
        ("]  [", "next / previous entity mention (Tab also steps through them)"),
        ("Enter", "on a mention: open its entity page"),
        ("Esc", "clear the selected mention and the search"),
        ("", "Split reader (an article beside its pair in the other language)"),
        ("s", "open the split: the best-ranked pair opens in the other column; s again closes"),
        ("Esc", "clear the selected mention and search first, then close the split"),
        ("]  [", "in the split: next / previous ranked pair beside the focused article"),
        ("p", "list the ranked pairs with score and shared entities; Enter shows one"),
        ("w  Left Right", "the other column / the left or right column (narrow: swap columns)"),
        ("Tab  S-Tab", "mentions on screen, then on to the other column, list and sidebar"),
        ("t", "after each mention, its name in the other language (also outside the split)"),
        ("L", "link scrolling: both columns move together, by proportion of length"),
        ("Enter", "in the list: open the article in the focused column"),
        ("", "Entity page"),
        ("j k  ]  [", "move between related entities, articles and mentions"),
        ("Enter", "open it: an entity page, or the article at that mention"),
        ("", "History"),
        ("Backspace h M-Left", "back"),
        ("l  M-Right", "forward"),
        ("H", "list the history; Enter goes there"),
        ("", "Finding"),
        ("/", "search the focused pane as you type; Enter keeps it, Esc cancels. In the list: the index, results best first (filters alone: newest first)"),
        ("n  N", "next / previous match"),
        ("&", "narrow the list to an entity (any spelling, either script) or a language;"),
        ("", "  Tab completes; & then Enter on nothing shows every article"),
        ("o", "in the list: order by date, title or source in turn"),
        ("", "Other"),
        ("!", "list the files that could not be read, and why"),
        ("?", "this list"),
        ("q  C-c", "quit"),
    ]

    /// Lines as shown at `width` columns: headings on their own, keys padded into a column,
    /// descriptions wrapped at spaces under their own column.
    static func lines(width: Int) -> [(text: String, isHeading: Bool)] {
        let keyWidth = entries.map(\.keys.count).max() ?? 0
        let indent = 2 + keyWidth + 2
        let room = max(width - indent, 10)
        var out: [(String, Bool)] = []
        for e in entries {
            if e.keys.isEmpty && !e.what.hasPrefix(" ") { out.append((e.what, true)); continue }
            var first = true
            for chunk in wrap(e.what, width: room) {
                out.append(((first ? "  " + e.keys.padding(keyWidth) + "  " : String(repeating: " ", count: indent)) + chunk, false))
                first = false
            }
        }
        return out
    }

    /// Greedy wrapping of qari's own help text (ASCII, one column per character).
    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// The inner width of the help box on a screen `screenWidth` wide (see `OverlayView`).
    static func boxWidth(screenWidth: Int) -> Int { max(screenWidth - 8, 1) }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
