import CFriBidi

/// One paragraph run through GNU FriBidi: bidi and bracket types, the paragraph
/// direction, embedding levels for the whole paragraph, Arabic shaping, mirroring,
/// and the visual order of any line cut from it.
///
/// FriBidi works on logical text; lines are cut afterwards, in logical order, and
/// each is reordered on its own (rules L1 and L2), the pipeline VTE follows.
struct BidiParagraph {
    /// Bidi type of each scalar.
    let types: [FriBidiCharType]
    /// Resolved embedding level of each scalar. `visualOrder(of:)` applies rule L1 to
    /// the line it reorders, as FriBidi does, so levels change line by line.
    private(set) var levels: [FriBidiLevel]
    /// Whether the paragraph resolved to right to left.
    let isRTL: Bool
    /// Whether any level is above 0; when none is, logical order is visual order.
    let hasBidi: Bool
    /// Whether the paragraph holds Arabic letters, the only ones shaping changes.
    let hasArabicLetters: Bool
    /// Paragraph-wide index map for `fribidi_reorder_line`, which permutes only the
    /// line it is given; allocated once instead of once per line.
    private var reorderMap: [FriBidiStrIndex] = []

    /// Resolves `scalars`, a paragraph in logical order, with the given base direction.
    init(scalars: [UInt32], direction: BaseDirection) {
        let count = scalars.count
        var types = [FriBidiCharType](repeating: FriBidiCharType(rawValue: 0), count: count)
        var needsResolution = direction == .rtl
        var hasArabicLetters = false
        scalars.withUnsafeBufferPointer { scalarBuffer in
            types.withUnsafeMutableBufferPointer { typeBuffer in
                fribidi_get_bidi_types(scalarBuffer.baseAddress, FriBidiStrIndex(count), typeBuffer.baseAddress)
                for type in typeBuffer {
                    if qari_fribidi_type_needs_resolution(type) != 0 { needsResolution = true }
                    if qari_fribidi_type_is_arabic_letter(type) != 0 { hasArabicLetters = true }
                }
            }
        }
        self.types = types
        self.hasArabicLetters = hasArabicLetters
        var levels = [FriBidiLevel](repeating: 0, count: count)

        // Text with no right-to-left character, no Arabic number and no explicit
        // formatting, in a paragraph that is not forced right to left, is all at
        // level 0: most English text skips FriBidi's run lists entirely.
        guard needsResolution, count > 0 else {
            self.levels = levels
            self.isRTL = direction == .rtl
            self.hasBidi = false
            return
        }

        var bracketTypes = [FriBidiBracketType](repeating: 0, count: count)
        var parType: FriBidiParType
        switch direction {
        case .ltr: parType = qari_fribidi_par_ltr()
        case .rtl: parType = qari_fribidi_par_rtl()
        case .auto: parType = qari_fribidi_par_on()
        }
        var maxLevelPlusOne: FriBidiLevel = 0
        scalars.withUnsafeBufferPointer { scalarBuffer in
            types.withUnsafeBufferPointer { typeBuffer in
                bracketTypes.withUnsafeMutableBufferPointer { bracketBuffer in
                    fribidi_get_bracket_types(scalarBuffer.baseAddress, FriBidiStrIndex(count),
                                              typeBuffer.baseAddress, bracketBuffer.baseAddress)
                }
                bracketTypes.withUnsafeBufferPointer { bracketBuffer in
                    levels.withUnsafeMutableBufferPointer { levelBuffer in
                        maxLevelPlusOne = fribidi_get_par_embedding_levels_ex(
                            typeBuffer.baseAddress, bracketBuffer.baseAddress, FriBidiStrIndex(count),
                            &parType, levelBuffer.baseAddress)
                    }
                }
            }
        }
        // FriBidi returns 0 only when it cannot allocate; fall back to logical order
        // rather than draw nothing.
        if maxLevelPlusOne == 0 {
            levels = [FriBidiLevel](repeating: direction == .rtl ? 1 : 0, count: count)
        }
        self.levels = levels
        self.isRTL = parType == qari_fribidi_par_rtl()
        self.hasBidi = levels.contains { $0 > 0 }
    }

    /// `scalars` after Arabic joining and shaping into presentation forms (with
    /// lam-alef ligatures if asked; FriBidi leaves U+FEFF where the lam was) and
    /// mirroring of characters at right-to-left levels.
    func shaped(_ scalars: [UInt32], arabic: Bool, ligatures: Bool) -> [UInt32] {
        guard hasBidi || (arabic && hasArabicLetters) else { return scalars }
        var shaped = scalars
        let count = FriBidiStrIndex(scalars.count)
        levels.withUnsafeBufferPointer { levelBuffer in
            shaped.withUnsafeMutableBufferPointer { shapedBuffer in
                guard arabic && hasArabicLetters else {
                    fribidi_shape_mirroring(levelBuffer.baseAddress, count, shapedBuffer.baseAddress)
                    return
                }
                var flags = qari_fribidi_flag_shape_mirroring() | qari_fribidi_flag_shape_arab_pres()
                if ligatures { flags |= qari_fribidi_flag_shape_arab_liga() }
                var properties = [FriBidiArabicProp](repeating: 0, count: scalars.count)
                properties.withUnsafeMutableBufferPointer { propertyBuffer in
                    types.withUnsafeBufferPointer { typeBuffer in
                        fribidi_get_joining_types(shapedBuffer.baseAddress, count, propertyBuffer.baseAddress)
                        fribidi_join_arabic(typeBuffer.baseAddress, count, levelBuffer.baseAddress,
                                            propertyBuffer.baseAddress)
                        fribidi_shape(flags, levelBuffer.baseAddress, count, propertyBuffer.baseAddress,
                                      shapedBuffer.baseAddress)
                    }
                }
            }
        }
        return shaped
    }

    /// Logical indices of the scalars in `line` (a range of this paragraph), in visual
    /// order, left to right. Applies rule L1 (whitespace at the end of the line takes
    /// the paragraph level) and L2 (reversal of runs) to this line alone.
    mutating func visualOrder(of line: Range<Int>) -> [Int] {
        guard hasBidi, !line.isEmpty else { return Array(line) }
        if reorderMap.count != types.count {
            reorderMap = [FriBidiStrIndex](repeating: 0, count: types.count)
        }
        for index in line { reorderMap[index] = FriBidiStrIndex(index) }
        let baseDirection = isRTL ? qari_fribidi_par_rtl() : qari_fribidi_par_ltr()
        types.withUnsafeBufferPointer { typeBuffer in
            levels.withUnsafeMutableBufferPointer { levelBuffer in
                reorderMap.withUnsafeMutableBufferPointer { mapBuffer in
                    // FriBidi indexes types, levels and map by paragraph offset and
                    // touches only [off, off + len).
                    _ = fribidi_reorder_line(0, typeBuffer.baseAddress, FriBidiStrIndex(line.count),
                                             FriBidiStrIndex(line.lowerBound), baseDirection,
                                             levelBuffer.baseAddress, nil, mapBuffer.baseAddress)
                }
            }
        }
        return reorderMap[line].map { Int($0) }
    }
}
