import Foundation

extension Abstract {
    /// `text` without the rights notice a database or publisher appends to an abstract, which
    /// says nothing about the study and is the same in every record of that source:
    ///
    /// - EBSCOhost's `Copyright of <journal> is the property of <publisher> and its content may
    ///   not be copied …`, which its RIS exports give as a second `AB` line, and its closing
    ///   `[ABSTRACT FROM AUTHOR]` or `[ABSTRACT FROM PUBLISHER]`, with the notice or without;
    /// - APA's `(PsycINFO Database Record (c) 2019 APA, all rights reserved)`;
    /// - a closing `© 2019 Elsevier Ltd. All rights reserved.` or `Copyright © 2020 …` within the
    ///   last 300 characters.
    ///
    /// Records keep their abstracts as exported (the notice is part of what the database wrote);
    /// ranking reads the text without it, so it learns from the study, not from the source.
    ///
    /// - Complexity: O(text length).
    public static func withoutRightsNotice(_ text: String) -> String {
        var end = text.endIndex
        // EBSCOhost: "Copyright of … is the property of …", to the end.
        if let start = text.range(of: "Copyright of ", options: .backwards)?.lowerBound,
            text[start...].prefix(400).contains(" is the property of ")
        {
            end = start
        }
        var kept = text[..<end].trimmingSpacesAtEnd()
        // EBSCOhost's source markers, before its notice or (its RIS has the notice apart) alone.
        for marker in ["[ABSTRACT FROM AUTHOR]", "[ABSTRACT FROM PUBLISHER]"] where kept.hasSuffix(marker) {
            kept = kept.dropLast(marker.count).trimmingSpacesAtEnd()
        }
        // APA: "(PsycINFO Database Record (c) 2019 APA, all rights reserved)".
        if let start = kept.range(of: "(psycinfo database record", options: [.caseInsensitive, .backwards])?
            .lowerBound, kept.distance(from: start, to: kept.endIndex) < 120
        {
            kept = kept[..<start].trimmingSpacesAtEnd()
        }
        // A closing copyright line: "© 2019 Elsevier Ltd. All rights reserved.", "Copyright © …".
        let tail = kept.suffix(300)
        if let sign = tail.range(of: "©", options: .backwards)?.lowerBound,
            kept[sign...].contains(where: \.isNumber)
        {
            var start = sign
            let before = kept[..<sign].trimmingSpacesAtEnd()
            if before.hasSuffix("Copyright") { start = before.index(before.endIndex, offsetBy: -9) }
            // Only when it begins a sentence (or the text): not a © inside a sentence.
            let preceding = kept[..<start].trimmingSpacesAtEnd()
            if preceding.isEmpty || preceding.last.map({ ".!?)".contains($0) }) == true {
                kept = preceding
            }
        }
        return kept.count == text.count ? text : String(kept)
    }
}

extension Substring {
    fileprivate func trimmingSpacesAtEnd() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[..<end]
    }
}

extension String {
    fileprivate func trimmingSpacesAtEnd() -> Substring { self[...].trimmingSpacesAtEnd() }
}
