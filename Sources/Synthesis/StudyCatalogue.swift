public import Bibliography
import Charting
import Protocol

/// The included studies in their one stable order (first author, year, title, key), with a
/// reference number and a short label (`Jansen 2019a`) each.
public struct StudyCatalogue: Sendable {
    public struct Entry: Hashable, Sendable {
        public var study: Study
        /// 1-based reference number in the report.
        public var number: Int
        /// `Jansen 2019`, with `a`, `b` … when two studies share author and year.
        public var label: String
        /// The charting that counts, if any.
        public var charting: ChartedStudy?
        /// True for a protocol or registration of an ongoing study.
        public var isOngoing: Bool

        public var key: RecordKey { study.key }
        /// `[3]`
        public var citation: String { "[\(number)]" }
    }

    public let entries: [Entry]
    private let byKey: [RecordKey: Int]

    /// Orders and labels the included studies of `input`.
    ///
    /// - Complexity: O(n log n) in the included studies.
    public init(_ input: SynthesisInput) {
        // Sort keys fold text: compute each once, not once per comparison.
        let sorted = input.included.map { (study: $0, key: StudyCatalogue.sortKey($0)) }.sorted { a, b in
            a.key != b.key ? a.key.lexicographicallyPrecedes(b.key) : a.study.key < b.study.key
        }.map(\.study)
        var bases: [String] = sorted.map { StudyCatalogue.baseLabel($0.record) }
        var counts: [String: Int] = [:]
        for b in bases { counts[b, default: 0] += 1 }
        var seen: [String: Int] = [:]
        for i in bases.indices where (counts[bases[i]] ?? 0) > 1 {
            let k = seen[bases[i], default: 0]
            seen[bases[i]] = k + 1
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            bases[i] += String(letters[k % letters.count])
        }
        var entries: [Entry] = []
        for (i, study) in sorted.enumerated() {
            let charting = input.charting[study.key]
            let ongoing = StudyCatalogue.isOngoing(study, charting: charting, choices: input.ongoingChoices)
            entries.append(Entry(study: study, number: i + 1, label: bases[i], charting: charting, isOngoing: ongoing))
        }
        self.entries = entries
        var byKey: [RecordKey: Int] = [:]
        for (i, e) in entries.enumerated() { byKey[e.key] = i }
        self.byKey = byKey
    }

    public subscript(key: RecordKey) -> Entry? { byKey[key].map { entries[$0] } }

    /// Completed studies (not ongoing).
    public var completed: [Entry] { entries.filter { !$0.isOngoing } }
    /// Ongoing studies (protocols, registrations).
    public var ongoing: [Entry] { entries.filter(\.isOngoing) }

    static func sortKey(_ study: Study) -> [String] {
        let first = study.record.authors.first.map { Text.foldForMatching($0.family) } ?? "~"
        let year = study.record.year.map { String(format4($0)) } ?? "9999"
        return [first, year, Text.foldForMatching(study.record.title)]
    }

    static func format4(_ year: Int) -> String {
        let s = String(year)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    static func baseLabel(_ record: Record) -> String {
        let author: String
        if let first = record.authors.first {
            author = first.family + (record.authors.count > 1 && !first.isGroup ? " et al." : "")
        } else {
            author = record.journal ?? "Anonymous"
        }
        return author + " " + (record.year.map(String.init) ?? "n.d.")
    }

    /// Ongoing: a registration whose register says it is still running or not started (one
    /// whose status is not known counts as ongoing; a completed or terminated one does not), or a
    /// study charted with one of `choices` (a protocol).
    static func isOngoing(_ study: Study, charting: ChartedStudy?, choices: Set<String>) -> Bool {
        if let trial = study.record.trial, trial.status != nil { return trial.isOngoing }
        if study.record.type == .trialRegistration { return true }
        guard let charting else { return false }
        return charting.values.values.contains { value in value.choiceIDs.contains { choices.contains($0) } }
    }
}
