/// Untrusted text made safe to lay out, with the way back to the original.
///
/// Removed: escape sequences as a terminal would parse them (CSI ... final byte;
/// OSC, DCS, SOS, PM and APC strings up to BEL or ST; two- and three-byte escapes),
/// in their 7-bit and C1 forms; every other C0 and C1 control; DEL; the explicit
/// bidi controls (LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI, LRM, RLM, ALM), since
/// qari resolves direction itself and a terminal must never see them.
/// Replaced: a tab by spaces up to the next multiple of 8 columns; a line break
/// (LF, CR, CR LF, VT, FF, NEL, LS, PS) by one space, since a paragraph is one line
/// of text; a scalar the C library cannot measure (unassigned, non-character) by
/// U+FFFD, so every kept scalar has a known width.
struct SanitizedText: Sendable {
    /// The kept and replaced scalars, in logical order.
    var scalars: [UInt32] = []
    /// For each kept scalar, the offset of the original scalar it came from.
    var origins: [Int] = []
    /// For each kept scalar, the end (exclusive) of the original scalars it stands for;
    /// `origins[i] + 1` except for text that stands for a hidden rest (an ellipsis).
    var originEnds: [Int] = []
    /// Number of scalars in the original text.
    var originalCount = 0

    init() {}

    init(_ text: String) {
        var parser = EscapeSequenceState.text
        var column = 0
        var previousWasCarriageReturn = false
        scalars.reserveCapacity(text.utf8.count)
        origins.reserveCapacity(text.utf8.count)
        originEnds.reserveCapacity(text.utf8.count)

        func keep(_ scalar: UInt32, from index: Int) {
            scalars.append(scalar)
            origins.append(index)
            originEnds.append(index + 1)
        }

        var index = 0
        for unicodeScalar in text.unicodeScalars {
            defer { index += 1 }
            var scalar = unicodeScalar.value
            // A terminal keeps parsing a sequence byte by byte; mirror that so the
            // whole sequence goes, not just its introducer.
            var reprocess = true
            while reprocess {
                reprocess = false
                switch parser {
                case .text:
                    break
                case .escape:
                    switch scalar {
                    case 0x5B: parser = .controlSequence; continue   // [
                    case 0x5D, 0x50, 0x58, 0x5E, 0x5F: parser = .controlString; continue   // ] P X ^ _
                    case 0x1B: continue
                    case 0x20 ... 0x2F: parser = .escapeIntermediate; continue
                    case 0x30 ... 0x7E: parser = .text; continue
                    default: parser = .text   // a lone ESC: drop it, keep what follows
                    }
                case .controlSequence:
                    switch scalar {
                    case 0x20 ... 0x3F: continue
                    case 0x40 ... 0x7E: parser = .text; continue
                    case 0x1B: parser = .escape; continue
                    case 0x18, 0x1A: parser = .text; continue   // CAN, SUB cancel
                    case 0x00 ... 0x1F: continue   // a terminal executes these mid-sequence; we drop them
                    default: parser = .text   // malformed: the sequence ends here
                    }
                case .escapeIntermediate:
                    switch scalar {
                    case 0x20 ... 0x2F: continue
                    case 0x30 ... 0x7E: parser = .text; continue
                    case 0x1B: parser = .escape; continue
                    default: parser = .text
                    }
                case .controlString:
                    switch scalar {
                    case 0x07, 0x9C, 0x18, 0x1A: parser = .text   // BEL, ST, CAN, SUB end it
                    case 0x1B: parser = .controlStringEscape
                    default: break
                    }
                    continue
                case .controlStringEscape:
                    if scalar == 0x5C { parser = .text; continue }   // ESC \ is ST
                    parser = .escape   // any other escape ends the string and starts anew
                    reprocess = true
                    continue
                }

                // Plain text.
                let wasCarriageReturn = previousWasCarriageReturn
                previousWasCarriageReturn = scalar == 0x0D
                switch scalar {
                case 0x1B: parser = .escape
                case 0x9B: parser = .controlSequence
                case 0x90, 0x98, 0x9D, 0x9E, 0x9F: parser = .controlString
                case 0x09:
                    let spaces = 8 - column % 8
                    for _ in 0 ..< spaces { keep(0x20, from: index) }
                    column += spaces
                case 0x0A where wasCarriageReturn:
                    break   // CR LF is one line break, already a space
                case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
                    keep(0x20, from: index)
                    column += 1
                case 0x00 ... 0x1F, 0x7F ... 0x9F:
                    break
                case 0x061C, 0x200E, 0x200F, 0x202A ... 0x202E, 0x2066 ... 0x2069:
                    break
                default:
                    var kind = CellWidth.of(scalar)
                    if kind == .unprintable {
                        scalar = 0xFFFD
                        kind = .narrow
                    }
                    keep(scalar, from: index)
                    column += kind.columns
                }
            }
        }
        originalCount = index
    }

    var count: Int { scalars.count }

    /// The kept scalars as a string.
    var string: String {
        var result = String.UnicodeScalarView()
        for scalar in scalars { result.append(Unicode.Scalar(scalar)!) }
        return String(result)
    }
}

/// Where a terminal's parser would be after the scalars seen so far.
private enum EscapeSequenceState {
    case text
    /// After ESC.
    case escape
    /// After CSI (ESC [ or U+009B), before its final byte.
    case controlSequence
    /// After ESC and an intermediate byte (ESC ( B, ESC # 8, ...).
    case escapeIntermediate
    /// Inside an OSC, DCS, SOS, PM or APC string.
    case controlString
    /// After ESC inside such a string: ESC \ ends it.
    case controlStringEscape
}
