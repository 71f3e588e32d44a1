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
    /// - Complexity: O(1): only the last 1,000 characters are searched.
    public static func withoutRightsNotice(_ text: String) -> String {
        // Notices close the text: only its last characters are searched (ranking calls this for
        // every record of a stage, so the cost stays the same whatever the abstract's length).
        var end = text.endIndex
        // EBSCOhost: "Copyright of … is the property of …" (about 600 characters), to the end.
        if let start = text.suffix(1000).range(of: "Copyright of ", options: .backwards)?.lowerBound,
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
        if let start = kept.suffix(120).range(
            of: "(psycinfo database record", options: [.caseInsensitive, .backwards])?
            .lowerBound
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
        return kept.endIndex == text.endIndex ? text : String(kept)
    }
}

extension Substring {
    fileprivate func trimmingSpacesAtEnd() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[..<end]
    }
}
