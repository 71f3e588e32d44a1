/// Where a criterion is applied.
public enum CriterionStage: String, Hashable, Codable, Sendable, CaseIterable {
    /// By the tool, with a ``Rule``, before anyone screens.
    case auto
    /// By reviewers at title/abstract screening.
    case titleAbstract = "title_abstract"
    /// By reviewers at full-text screening.
    case fullText = "full_text"
}

/// One eligibility criterion. Its id (`E1`, `I2`) is the exclusion reason everywhere after.
///
/// Ids starting with `I` are inclusion criteria: an automatic one excludes a record when its
/// rule does *not* hold. Every other id is an exclusion criterion: it excludes when its rule
/// holds.
public struct EligibilityCriterion: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    /// Longer guidance for reviewers, optional.
    public var description: LocalizedText?
    public var stage: CriterionStage
    /// The rule, for `auto` criteria.
    public var rule: Rule?
    /// Terms highlighted for reviewers, for human stages.
    public var highlight: HighlightTerms
    /// Where the criterion starts in the protocol file.
    public var location: SourceLocation?

    public init(
        id: String, label: LocalizedText, description: LocalizedText? = nil, stage: CriterionStage, rule: Rule? = nil,
        highlight: HighlightTerms = HighlightTerms(), location: SourceLocation? = nil
    ) {
        self.id = id
        self.label = label
        self.description = description
        self.stage = stage
        self.rule = rule
        self.highlight = highlight
        self.location = location
    }

    /// True for inclusion criteria (id starting with `I`).
    public var isInclusion: Bool { id.hasPrefix("I") }
}

/// Terms that lean towards including or excluding a record, in any language, with `*` at a
/// word end as a wildcard (`groepsconsult*`).
public struct HighlightTerms: Hashable, Sendable {
    public var include: [String]
    public var exclude: [String]

    public init(include: [String] = [], exclude: [String] = []) {
        self.include = include
        self.exclude = exclude
    }

    public var isEmpty: Bool { include.isEmpty && exclude.isEmpty }
}
