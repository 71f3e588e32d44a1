public import Foundation

/// The review's protocol: question, PCC, sources, screening plan, eligibility criteria,
/// charting codebook and results matrix, as read from `protocol/protocol.yaml`.
///
/// Build one with ``load(yaml:file:fileExists:)`` (all diagnostics, never throws),
/// ``init(yaml:file:fileExists:)`` (throws on errors) or ``load(contentsOf:file:)``.
/// The schema is documented in `docs/protocol.md`.
public struct ReviewProtocol: Hashable, Sendable {
    /// The default place of the protocol inside a review folder.
    public static let defaultPath = "protocol/protocol.yaml"
    /// The schema version this library reads.
    public static let supportedVersion = 1

    /// The schema version (`version: 1`).
    public var version: Int
    public var review: ReviewInfo
    public var pcc: PCC
    public var sources: [SearchSource]
    public var screening: ScreeningPlan
    /// Criteria in file order; their ids are the exclusion reasons everywhere after.
    public var criteria: [EligibilityCriterion]
    /// The charting form (empty when the protocol does not chart yet).
    public var codebook: Codebook
    /// The results matrix, if the protocol defines one.
    public var matrix: MatrixSpec?
    /// The earlier version of the review this one updates, if it is an update.
    public var previousVersion: PreviousVersion?
    /// The file's text exactly as read: hash its UTF-8 bytes for the protocol version that
    /// decisions carry (see ``hashInput``).
    public var sourceText: String

    public init(
        version: Int = ReviewProtocol.supportedVersion,
        review: ReviewInfo,
        pcc: PCC,
        sources: [SearchSource],
        screening: ScreeningPlan,
        criteria: [EligibilityCriterion],
        codebook: Codebook = Codebook(fields: []),
        matrix: MatrixSpec? = nil,
        previousVersion: PreviousVersion? = nil,
        sourceText: String = ""
    ) {
        self.version = version
        self.review = review
        self.pcc = pcc
        self.sources = sources
        self.screening = screening
        self.criteria = criteria
        self.codebook = codebook
        self.matrix = matrix
        self.previousVersion = previousVersion
        self.sourceText = sourceText
    }

    /// The bytes to hash (SHA-256) to identify this protocol version: the file's UTF-8 text
    /// exactly as loaded, so any edit, even to a comment, gives a new hash.
    public var hashInput: Data { Data(sourceText.utf8) }

    /// The criterion with this id, if any.
    public func criterion(_ id: String) -> EligibilityCriterion? {
        criteria.first { $0.id == id }
    }

    /// The criteria applied automatically (`stage: auto`), in file order.
    public var autoCriteria: [EligibilityCriterion] { criteria.filter { $0.stage == .auto } }

    /// The criteria a reviewer picks from at `stage`, in file order.
    public func criteria(for stage: ScreeningStage) -> [EligibilityCriterion] {
        criteria.filter { $0.stage == stage.criterionStage }
    }
}

/// What the review is: title, questions, authors, registration, report language.
public struct ReviewInfo: Hashable, Sendable {
    public var title: LocalizedText
    public var questions: [LocalizedText]
    public var authors: [ReviewAuthor]
    /// Where the protocol is registered (an OSF DOI, a PROSPERO id), if it is.
    public var registration: String?
    /// The language the report is written in.
    public var reportLanguage: ReportLanguage

    public init(
        title: LocalizedText, questions: [LocalizedText], authors: [ReviewAuthor], registration: String?,
        reportLanguage: ReportLanguage
    ) {
        self.title = title
        self.questions = questions
        self.authors = authors
        self.registration = registration
        self.reportLanguage = reportLanguage
    }
}

/// An author of the review (not of a record).
public struct ReviewAuthor: Hashable, Sendable {
    public var name: String
    public var affiliation: String?
    public var orcid: String?

    public init(name: String, affiliation: String? = nil, orcid: String? = nil) {
        self.name = name
        self.affiliation = affiliation
        self.orcid = orcid
    }
}

/// Population, concept and context, as text for the report.
public struct PCC: Hashable, Sendable {
    public var population: LocalizedText
    public var concept: LocalizedText
    public var context: LocalizedText

    public init(population: LocalizedText, concept: LocalizedText, context: LocalizedText) {
        self.population = population
        self.concept = concept
        self.context = context
    }
}
