public import Bibliography
public import Protocol

/// A suggested value for one field, with why it was suggested. It stays a suggestion until a
/// person confirms or changes it (status ``ValueStatus/suggested`` in the log).
public struct FieldSuggestion: Hashable, Sendable {
    public var field: String
    public var value: FieldValue
    /// Where the suggestion came from: `title: 'groepsconsult*'`, `publication type: Randomized Controlled Trial`.
    public var evidence: [String]

    public init(field: String, value: FieldValue, evidence: [String]) {
        self.field = field
        self.value = value
        self.evidence = evidence
    }
}

/// One row of the charting form for one study.
public struct FormRow: Hashable, Sendable {
    public var field: CodebookField
    /// The value that counts now (confirmed or corrected), if any.
    public var current: FieldValue?
    /// The tool's suggestion, if any.
    public var suggestion: FieldSuggestion?
    public var state: FieldState?

    /// What to show in the form: the current value, else the suggestion (marked as such).
    public var prefill: (value: FieldValue, isSuggestion: Bool)? {
        if let current { return (current, false) }
        if let suggestion { return (suggestion.value, true) }
        return nil
    }
}

/// The charting form built from the protocol's codebook, with suggestions from a record.
///
/// Suggestions: the year (a field with id `year`); countries from affiliations (fields with id
/// `country`, `countries`, `setting`, `region` or `setting_region`); choices from the codebook's
/// term lists, accent- and case-insensitive, looked for in the title, then in publication
/// types, MeSH headings and keywords, then in the abstract. For a single-choice field the first
/// of those places that suggests anything decides (so the design comes from the title or the
/// publication types before the abstract); a multiple-choice field gets every choice found.
public struct ChartingForm: Sendable {
    public let codebook: Codebook

    public init(codebook: Codebook) {
        self.codebook = codebook
    }

    /// The form's fields in codebook order.
    public var fields: [CodebookField] { codebook.fields }

    /// Field ids that take the publication year.
    public static let yearFields: Set<String> = ["year", "publication_year"]
    /// Field ids that take countries from affiliations.
    public static let countryFields: Set<String> = ["country", "countries", "setting", "region", "setting_region"]

    /// The form for one study: every field with its current value and suggestion.
    public func rows(for record: Record, state: StudyChartingState?) -> [FormRow] {
        let suggestions = Dictionary(suggestions(for: record).map { ($0.field, $0) }, uniquingKeysWith: { a, _ in a })
        return codebook.fields.map { field in
            let fieldState = state?.fields[field.id]
            return FormRow(
                field: field, current: fieldState?.value, suggestion: suggestions[field.id], state: fieldState)
        }
    }

    /// Suggestions for every field that gets one, in codebook order.
    ///
    /// - Complexity: O(fields × text length).
    public func suggestions(for record: Record) -> [FieldSuggestion] {
        let places = SuggestionPlaces(record)
        var out: [FieldSuggestion] = []
        for field in codebook.fields {
            if let s = suggestion(for: field, places: places, record: record) { out.append(s) }
        }
        return out
    }

    func suggestion(for field: CodebookField, places: SuggestionPlaces, record: Record) -> FieldSuggestion? {
        if ChartingForm.yearFields.contains(field.id), let year = record.year {
            let value: FieldValue = field.type == .number ? .number(Double(year)) : .text(String(year))
            return FieldSuggestion(field: field.id, value: value, evidence: ["publication year"])
        }
        if ChartingForm.countryFields.contains(field.id), field.type == .text {
            let countries = Countries.find(in: record.affiliations)
            guard !countries.isEmpty else { return nil }
            return FieldSuggestion(
                field: field.id, value: .text(countries.joined(separator: "; ")), evidence: ["affiliations"])
        }
        guard field.type.hasChoices else { return nil }
        switch field.type {
        case .singleChoice:
            for place in places.ordered {
                let found = field.suggestions(in: place.text)
                guard !found.isEmpty else { continue }
                // A protocol stays a protocol whatever design it describes.
                let pick = found.first { $0.choice.contains("protocol") && place.name == "title" } ?? found[0]
                return FieldSuggestion(
                    field: field.id, value: .choices([pick.choice]), evidence: ["\(place.name): '\(pick.term)'"])
            }
            return nil
        case .multipleChoice, .findings:
            var totals: [String: (count: Int, evidence: [String])] = [:]
            for place in places.ordered {
                for s in field.suggestions(in: place.text) {
                    var entry = totals[s.choice] ?? (0, [])
                    entry.count += s.occurrences
                    entry.evidence.append("\(place.name): '\(s.term)'")
                    totals[s.choice] = entry
                }
            }
            guard !totals.isEmpty else { return nil }
            let order = Dictionary(uniqueKeysWithValues: field.choices.enumerated().map { ($1.id, $0) })
            let chosen = totals.keys.sorted { a, b in
                let ca = totals[a]?.count ?? 0
                let cb = totals[b]?.count ?? 0
                return ca != cb ? ca > cb : (order[a] ?? 0) < (order[b] ?? 0)
            }
            let evidence = chosen.flatMap { totals[$0]?.evidence ?? [] }
            if field.type == .findings {
                let ordered = chosen.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
                return FieldSuggestion(
                    field: field.id, value: .findings(ordered.map { OutcomeFinding(outcome: $0, direction: nil) }),
                    evidence: evidence)
            }
            return FieldSuggestion(field: field.id, value: .choices(chosen), evidence: evidence)
        case .text, .number:
            return nil
        }
    }
}

/// The texts of a record that suggestions are looked for in, in order of trust.
struct SuggestionPlaces {
    struct Place {
        var name: String
        var text: String
    }

    var ordered: [Place]

    init(_ record: Record) {
        var title = record.title
        if let original = record.originalTitle, !original.isEmpty { title += " . " + original }
        var indexing = record.publicationTypes.map(SuggestionPlaces.expand)
        indexing += record.mesh.map { SuggestionPlaces.expand($0.descriptor) }
        indexing += record.keywords
        ordered = [
            Place(name: "title", text: title),
            Place(name: "publication types, MeSH and keywords", text: indexing.joined(separator: " . ")),
            Place(name: "abstract", text: record.abstract.text),
        ]
    }

    /// Indexing terms whose wording differs from how designs are named, with the usual name added.
    static func expand(_ heading: String) -> String {
        let extra: [String: String] = [
            "randomized controlled trial": "randomized controlled trial",
            "pragmatic clinical trial": "randomized controlled trial",
            "cohort studies": "cohort",
            "prospective studies": "cohort",
            "retrospective studies": "cohort",
            "longitudinal studies": "cohort",
            "controlled before-after studies": "before-after",
            "interrupted time series analysis": "interrupted time series",
            "qualitative research": "qualitative",
            "cost-benefit analysis": "cost-effectiveness",
            "costs and cost analysis": "economic evaluation",
            "clinical trial protocol": "study protocol",
            "evaluation study": "process evaluation",
        ]
        let key = Text.foldForMatching(heading).replacingOccurrences(of: " ", with: "")
        for (name, addition) in extra where Text.foldForMatching(name).replacingOccurrences(of: " ", with: "") == key {
            return heading + " (" + addition + ")"
        }
        return heading
    }
}
