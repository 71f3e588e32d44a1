/// The charting form: one field per thing charted for each included study.
public struct Codebook: Hashable, Sendable {
    public var fields: [CodebookField]

    public init(fields: [CodebookField]) {
        self.fields = fields
    }

    /// The field with this id, if any.
    public func field(_ id: String) -> CodebookField? {
        fields.first { $0.id == id }
    }
}

/// The kind of value a codebook field holds.
public enum CodebookFieldType: String, Hashable, Codable, Sendable, CaseIterable {
    case text
    case number
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    /// Per-outcome findings: for each chosen outcome (a choice), a ``FindingDirection``.
    case findings

    /// True for the types that have `choices`.
    public var hasChoices: Bool {
        switch self {
        case .singleChoice, .multipleChoice, .findings: true
        case .text, .number: false
        }
    }
}

/// One charting field.
public struct CodebookField: Hashable, Sendable {
    /// A snake_case id (`intervention_type`), used in charting logs and the matrix.
    public var id: String
    public var label: LocalizedText
    /// Guidance for the person charting, optional.
    public var description: LocalizedText?
    public var type: CodebookFieldType
    /// The choices of a choice or findings field (for `findings`: the outcomes).
    public var choices: [CodebookChoice]
    /// True when a value must be charted for every included study.
    public var required: Bool
    public var location: SourceLocation?

    public init(
        id: String, label: LocalizedText, description: LocalizedText? = nil, type: CodebookFieldType,
        choices: [CodebookChoice] = [], required: Bool = false, location: SourceLocation? = nil
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.type = type
        self.choices = choices
        self.required = required
        self.location = location
    }

    /// The choice with this id, if any.
    public func choice(_ id: String) -> CodebookChoice? {
        choices.first { $0.id == id }
    }
}

/// One value of a choice field, with terms that suggest it when they occur in a record.
public struct CodebookChoice: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    /// A theme to cluster choices under (matrix rows by theme), optional.
    public var group: LocalizedText?
    /// Terms (with `*` wildcards) whose presence in title, abstract or keywords suggests this value.
    public var terms: [String]

    public init(id: String, label: LocalizedText, group: LocalizedText? = nil, terms: [String] = []) {
        self.id = id
        self.label = label
        self.group = group
        self.terms = terms
    }
}

/// The direction of a finding on one outcome.
public enum FindingDirection: String, Hashable, Codable, Sendable, CaseIterable {
    case favourable
    case noDifference = "no_difference"
    case unfavourable
    case mixed

    public var label: LocalizedText {
        switch self {
        case .favourable: LocalizedText(en: "favourable", nl: "gunstig")
        case .noDifference: LocalizedText(en: "no difference", nl: "geen verschil")
        case .unfavourable: LocalizedText(en: "unfavourable", nl: "ongunstig")
        case .mixed: LocalizedText(en: "mixed", nl: "wisselend")
        }
    }
}

/// The results matrix: which codebook field gives the rows, which the columns, what a cell shows.
public struct MatrixSpec: Hashable, Sendable {
    /// What one cell of the matrix shows.
    public enum Cell: String, Hashable, Codable, Sendable, CaseIterable {
        /// The number of studies.
        case count
        /// The studies (citation keys).
        case studies
        /// The studies, each with the direction of its finding (needs a `findings` field).
        case studiesWithDirection = "studies_with_direction"
        /// A tally of directions (needs a `findings` field).
        case directionCounts = "direction_counts"

        /// True when the cell needs a finding direction.
        public var needsDirection: Bool { self == .studiesWithDirection || self == .directionCounts }
    }

    /// The codebook field whose choices are the rows.
    public var rows: String
    /// The codebook field whose choices are the columns.
    public var columns: String
    public var cell: Cell
    /// Group rows by their choices' `group`.
    public var groupRows: Bool

    public init(rows: String, columns: String, cell: Cell, groupRows: Bool = false) {
        self.rows = rows
        self.columns = columns
        self.cell = cell
        self.groupRows = groupRows
    }
}
