public import Bibliography
public import Protocol

/// Where one field of one study stands.
public struct FieldState: Hashable, Sendable {
    /// The charter's last entry for the field, if any.
    public var charted: ChartingEntry?
    /// The verifier's last entry after the charter's, if any.
    public var verified: ChartingEntry?

    /// The value that counts: a verifier's correction, else the charter's confirmed value.
    /// Suggestions never count.
    public var value: FieldValue? {
        if let verified, verified.status == .corrected { return verified.value }
        guard let charted, charted.status != .suggested else { return nil }
        return charted.value
    }

    /// True when a person has confirmed a value (or "not reported") for the field.
    public var isCharted: Bool {
        (charted.map { $0.status != .suggested } ?? false) || verified?.status == .corrected
    }

    /// True when a second person has confirmed or corrected the field.
    public var isVerified: Bool { verified.map { $0.status != .suggested } ?? false }
}

/// Where one study's charting stands.
public struct StudyChartingState: Hashable, Sendable {
    public var study: RecordKey
    /// Per codebook field id.
    public var fields: [String: FieldState]

    public init(study: RecordKey, fields: [String: FieldState] = [:]) {
        self.study = study
        self.fields = fields
    }

    /// The values that count, per field id (fields without one are absent).
    public var values: [String: FieldValue] {
        var out: [String: FieldValue] = [:]
        for (id, state) in fields {
            if let value = state.value { out[id] = value }
        }
        return out
    }

    /// Who charted the study (reviewers of the chart entries), sorted.
    public var charters: [String] {
        Array(Set(fields.values.compactMap { $0.charted?.reviewer })).sorted()
    }

    /// Who verified the study, sorted.
    public var verifiers: [String] {
        Array(Set(fields.values.compactMap { $0.verified?.reviewer })).sorted()
    }

    /// True when every required field of `codebook` is charted and no charted field is left as
    /// a suggestion.
    public func isCharted(against codebook: Codebook) -> Bool {
        let required = codebook.fields.filter(\.required)
        guard required.allSatisfy({ fields[$0.id]?.isCharted == true }) else { return false }
        return !fields.values.contains { $0.charted?.status == .suggested && !$0.isCharted }
    }

    /// True when the study is charted and every charted field has been verified.
    public func isVerified(against codebook: Codebook) -> Bool {
        isCharted(against: codebook) && fields.values.allSatisfy { !$0.isCharted || $0.isVerified }
    }
}

/// The charting of every study, folded from the entries of every reviewer's log.
public struct ChartingState: Hashable, Sendable {
    public var studies: [RecordKey: StudyChartingState]

    /// Folds entries (from one or more logs).
    ///
    /// Entries are taken in time order (ISO 8601 strings compare in order), ties in the order
    /// given. A chart entry after a verification reopens the field: the old verification no
    /// longer counts.
    ///
    /// - Complexity: O(n log n) in the entries.
    public init(entries: [ChartingEntry]) {
        let ordered = entries.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        var studies: [RecordKey: StudyChartingState] = [:]
        for entry in ordered {
            var study = studies[entry.study] ?? StudyChartingState(study: entry.study)
            var field = study.fields[entry.field] ?? FieldState()
            switch entry.role {
            case .chart:
                field.charted = entry
                field.verified = nil
            case .verify:
                field.verified = entry
            }
            study.fields[entry.field] = field
            studies[entry.study] = study
        }
        self.studies = studies
    }

    /// The state of one study (empty when nothing was charted).
    public subscript(study: RecordKey) -> StudyChartingState {
        studies[study] ?? StudyChartingState(study: study)
    }

    /// Counts for `scoping status`: of `included`, how many are charted and verified.
    public func progress(of included: [RecordKey], codebook: Codebook) -> (charted: Int, verified: Int) {
        var charted = 0
        var verified = 0
        for key in included {
            let state = self[key]
            if state.isCharted(against: codebook) { charted += 1 }
            if state.isVerified(against: codebook) { verified += 1 }
        }
        return (charted, verified)
    }
}
