/// Text prepared for term matching: only letters and digits are kept, lower-cased and with
/// accents removed, each with its range in the original text and word-boundary flags.
///
/// Separators (spaces, hyphens, punctuation) are dropped but remembered as word boundaries, so
/// a term matches across them: `zelfmanagement`, `zelf-management` and `zelf management` all
/// fold to the same letters, while a match must still start and end on a word boundary of the
/// original text.
public struct FoldedText: Sendable {
    /// The original text.
    public let original: String
    /// Folded letters and digits, one Unicode scalar value each.
    let units: [UInt32]
    /// For each unit, the original characters it came from.
    let ranges: [Range<String.Index>]
    /// For each unit, true when it starts a word of the original text.
    let wordStart: [Bool]

    /// Folds `text`.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public init(_ text: String) { self.init(text, keepsRanges: true) }

    /// Folds `text`; without `keepsRanges` the original ranges are not kept (``ranges`` is
    /// empty: for counting matches, not for showing them).
    ///
    /// ASCII is folded byte by byte: an ASCII scalar followed by another (or by the end) is a
    /// whole character (CR LF is one character, but both are separators); anything else goes
    /// through ``fold(_:into:)`` one character at a time.
    init(_ text: String, keepsRanges: Bool) {
        original = text
        var units: [UInt32] = []
        var ranges: [Range<String.Index>] = []
        var wordStart: [Bool] = []
        let utf8 = text.utf8
        units.reserveCapacity(utf8.count)
        wordStart.reserveCapacity(utf8.count)
        if keepsRanges { ranges.reserveCapacity(utf8.count) }
        var atBoundary = true
        var i = text.startIndex
        let end = text.endIndex
        var scratch: [UInt32] = []
        while i < end {
            let byte = utf8[i]
            if byte < 0x80 {
                let next = utf8.index(after: i)
                if next == end || utf8[next] < 0x80 {
                    let unit = UInt32(byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte)
                    if (unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x7A) {
                        units.append(unit)
                        if keepsRanges { ranges.append(i..<next) }
                        wordStart.append(atBoundary)
                        atBoundary = false
                    } else {
                        atBoundary = true
                    }
                    i = next
                    continue
                }
            }
            let next = text.index(after: i)
            let character = text[i]
            scratch.removeAll(keepingCapacity: true)
            FoldedText.fold(character, into: &scratch)
            if scratch.isEmpty {
                atBoundary = true
            } else {
                for (k, unit) in scratch.enumerated() {
                    units.append(unit)
                    if keepsRanges { ranges.append(i..<next) }
                    wordStart.append(k == 0 && atBoundary)
                }
                atBoundary = false
            }
            i = next
        }
        self.units = units
        self.ranges = ranges
        self.wordStart = wordStart
    }

    /// The number of folded units.
    var count: Int { units.count }

    /// True when unit `i` ends a word (the next unit starts one, or there is none).
    @inline(__always)
    func isWordEnd(_ i: Int) -> Bool { i + 1 >= units.count || wordStart[i + 1] }

    /// The original characters of units `lower..<upper`.
    func originalRange(_ lower: Int, _ upper: Int) -> Range<String.Index> {
        ranges[lower].lowerBound..<ranges[upper - 1].upperBound
    }

    /// The folded letters and digits as a string (for tests and debugging).
    public var foldedLetters: String {
        String(String.UnicodeScalarView(units.compactMap(Unicode.Scalar.init)))
    }

    /// Appends the folded letters and digits of one character (nothing for a separator).
    static func fold(_ c: Character, into out: inout [UInt32]) {
        if let ascii = c.asciiValue {
            switch ascii {
            case 0x30...0x39, 0x61...0x7A: out.append(UInt32(ascii))
            case 0x41...0x5A: out.append(UInt32(ascii) + 32)
            default: break
            }
            return
        }
        for scalar in String(c).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { continue }
            switch scalar {
            case "ß":
                out.append(0x73)
                out.append(0x73)
            case "æ":
                out.append(0x61)
                out.append(0x65)
            case "œ":
                out.append(0x6F)
                out.append(0x65)
            case "ø": out.append(0x6F)
            case "ł": out.append(0x6C)
            case "đ": out.append(0x64)
            case "ı": out.append(0x69)
            default:
                if props.isAlphabetic || props.numericType != nil { out.append(scalar.value) }
            }
        }
    }
}

import Foundation
