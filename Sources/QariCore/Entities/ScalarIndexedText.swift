import Foundation

/// Regular-expression matching that reports ranges in Unicode scalars, the unit qari's text
/// offsets use, rather than NSString's UTF-16 units.
struct ScalarIndexedText {
    let string: String
    let nsString: NSString
    /// Scalar offset of each UTF-16 offset (and of the end).
    private let scalarOffsetOfUTF16: [Int]

    init(_ string: String) {
        self.string = string
        self.nsString = string as NSString
        var offsets: [Int] = []
        offsets.reserveCapacity(string.utf16.count + 1)
        var scalarIndex = 0
        for scalar in string.unicodeScalars {
            offsets.append(scalarIndex)
            if scalar.value > 0xFFFF { offsets.append(scalarIndex) }
            scalarIndex += 1
        }
        offsets.append(scalarIndex)
        scalarOffsetOfUTF16 = offsets
    }

    func scalarRange(_ range: NSRange) -> Range<Int> {
        scalarOffsetOfUTF16[range.location]..<scalarOffsetOfUTF16[range.location + range.length]
    }

    func substring(_ range: NSRange) -> String { nsString.substring(with: range) }

    func matches(_ regex: NSRegularExpression) -> [NSTextCheckingResult] {
        regex.matches(in: string, options: [], range: NSRange(location: 0, length: nsString.length))
    }

    func group(_ match: NSTextCheckingResult, _ name: String) -> NSRange? {
        let range = match.range(withName: name)
        return range.location == NSNotFound ? nil : range
    }
}
