/// Text to terminal cells: sanitising, widths, wrapping, bidi reordering and Arabic
/// shaping, for terminals that do none of these themselves (most of them).
///
/// Every view and the `qari render` command draw text through this namespace, so
/// that untrusted article text reaches the terminal only as cells laid out here.
public enum TerminalText {
    /// Lays out one paragraph (text in logical order, without line breaks; any line
    /// break in it counts as a space) into visual lines no wider than
    /// `options.width`. The pipeline: sanitise; bidi and bracket types; paragraph
    /// direction from the first strong character unless given; embedding levels of
    /// the whole paragraph; Arabic joining and shaping; mirroring; wrapping in logical
    /// order at word boundaries by cell width; each line reordered on its own; lines
    /// of right-to-left paragraphs right-aligned.
    ///
    /// Spaces at which a line breaks are dropped. An empty paragraph gives one empty
    /// line; a width below 1 gives no lines, since nothing fits. When the width is 1,
    /// a wide character is drawn as U+FFFD so that no line is ever too wide.
    public static func layout(_ paragraph: String, options: LayoutOptions) -> [VisualLine] {
        guard options.width > 0 else { return [] }
        var prepared = PreparedParagraph(SanitizedText(paragraph), direction: options.direction,
                                         shaping: options.shaping, ligatures: options.ligatures,
                                         maximumCellWidth: options.width)
        let alignment = options.alignRTL ? options.width : nil
        let ranges = LineBreaker.lines(of: prepared.clusters, width: options.width)
        if ranges.isEmpty { return [prepared.visualLine(0 ..< 0, alignedTo: alignment)] }
        return ranges.map { prepared.visualLine($0, alignedTo: alignment) }
    }

    /// `text` without escape sequences, C0 and C1 controls, DEL or explicit bidi
    /// controls; tabs expanded to spaces (stops every 8 columns), line breaks turned
    /// into spaces, and characters of unknown width replaced by U+FFFD. Safe to hand
    /// to a terminal as one line. Split text into lines or paragraphs first if their
    /// breaks matter.
    public static func sanitize(_ text: String) -> String {
        SanitizedText(text).string
    }

    /// Columns `text` takes on one line once sanitised, shaped (with lam-alef
    /// ligatures) and laid out as `layout` does with default options.
    public static func displayWidth(_ text: String) -> Int {
        PreparedParagraph(SanitizedText(text), direction: .auto, shaping: true, ligatures: true,
                          maximumCellWidth: 2).totalWidth
    }

    /// The direction of the first strong character of the sanitised text (rules P2
    /// and P3): `.rtl` for Arabic or Hebrew letters, `.ltr` for other letters or when
    /// there is no strong character. Never `.auto`.
    public static func paragraphDirection(_ text: String) -> BaseDirection {
        BidiParagraph(scalars: SanitizedText(text).scalars, direction: .auto).isRTL ? .rtl : .ltr
    }
}
