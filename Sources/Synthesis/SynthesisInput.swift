public import Bibliography
public import Charting
public import Protocol

/// Everything the outputs (flow diagram, matrix, gap map, report, exports) are made from:
/// plain values that the workspace fills from the index and the logs.
///
/// Nothing here is a typed-in PRISMA number: ``PrismaCounts/make(from:)`` derives the boxes
/// and checks that figures from different sources (imports, dedup, criteria, logs) agree.
public struct SynthesisInput: Hashable, Sendable {
    public var reviewProtocol: ReviewProtocol
    /// One per imported export file.
    public var imports: [ImportedFile]
    /// What deduplication did.
    public var dedup: DedupFigures
    /// Unique records (studies) excluded by the automatic criteria, per criterion id.
    public var automaticExclusions: [String: Int]
    /// Records removed before screening for other reasons (0 unless the lead removes some).
    public var otherRemovals: Int
    public var titleAbstract: TitleAbstractResult
    public var fullText: FullTextResult
    /// The included studies (one per dedup cluster that passed full-text screening), with the
    /// protocol's source ids as their databases.
    public var included: [Study]
    /// Charting per included study (studies not charted yet are absent).
    public var charting: [RecordKey: ChartedStudy]
    /// Agreement between reviewers, per stage.
    public var agreement: [AgreementFigures]
    /// Texts about the automation used (ranking model, stopping evidence).
    public var automation: AutomationNotes
    /// Every decision of every reviewer, for `screening.csv`.
    public var decisions: [DecisionRow]
    /// Title/abstract labels per screened record, for `asreview.csv`.
    public var labels: [LabelRow]
    /// Choice ids that mark a study as ongoing (a protocol or registration): such studies are
    /// listed as ongoing and do not fill gap-map cells.
    public var ongoingChoices: Set<String>
    /// The SHA-256 of the protocol file the outputs were made under, named in the pages'
    /// provenance note (nil: not known).
    public var protocolHash: String?
    /// The flow's second column: records found by other methods (nil: none were).
    public var otherMethods: OtherMethodsResult? = nil
    /// The earlier version of the review, when this one updates it (nil: a new review).
    public var previousVersion: PreviousVersionResult? = nil

    public init(
        reviewProtocol: ReviewProtocol,
        imports: [ImportedFile],
        dedup: DedupFigures,
        automaticExclusions: [String: Int] = [:],
        otherRemovals: Int = 0,
        titleAbstract: TitleAbstractResult,
        fullText: FullTextResult,
        included: [Study],
        charting: [RecordKey: ChartedStudy] = [:],
        agreement: [AgreementFigures] = [],
        automation: AutomationNotes = AutomationNotes(),
        decisions: [DecisionRow] = [],
        labels: [LabelRow] = [],
        ongoingChoices: Set<String> = ["protocol"],
        protocolHash: String? = nil
    ) {
        self.reviewProtocol = reviewProtocol
        self.imports = imports
        self.dedup = dedup
        self.automaticExclusions = automaticExclusions
        self.otherRemovals = otherRemovals
        self.titleAbstract = titleAbstract
        self.fullText = fullText
        self.included = included
        self.charting = charting
        self.agreement = agreement
        self.automation = automation
        self.decisions = decisions
        self.labels = labels
        self.ongoingChoices = ongoingChoices
        self.protocolHash = protocolHash
    }
}

/// One imported export file (from the index's imports).
public struct ImportedFile: Hashable, Sendable {
    /// The file, relative to the review folder (`corpus/pubmed-demo.xml`).
    public var file: String
    /// The protocol source id (`pubmed`); the PRISMA box shows the source's name.
    public var database: String
    /// The date searched, ISO 8601, if known.
    public var searchDate: String?
    /// Records read from the file.
    public var records: Int

    public init(file: String, database: String, searchDate: String?, records: Int) {
        self.file = file
        self.database = database
        self.searchDate = searchDate
        self.records = records
    }
}

/// What deduplication did: records in, unique records (studies) out.
public struct DedupFigures: Hashable, Sendable {
    /// Records that went into deduplication (must equal the records imported).
    public var recordsIn: Int
    /// Clusters (unique records) that came out.
    public var uniqueRecords: Int
    /// How many clusters hold more than one record.
    public var duplicateGroups: Int
    /// Pairs of records a person decided (`scoping dedup review`): the ones the rules left uncertain.
    public var decidedByPerson: Int

    public init(recordsIn: Int, uniqueRecords: Int, duplicateGroups: Int = 0, decidedByPerson: Int = 0) {
        self.recordsIn = recordsIn
        self.uniqueRecords = uniqueRecords
        self.duplicateGroups = duplicateGroups
        self.decidedByPerson = decidedByPerson
    }

    /// Duplicate records removed.
    public var duplicatesRemoved: Int { recordsIn - uniqueRecords }
}

/// Title/abstract screening: how many records were screened and excluded (final decisions,
/// after reconciling conflicts).
public struct TitleAbstractResult: Hashable, Sendable {
    public var screened: Int
    /// Excluded records per reason (criterion id; `""` when no reason was given).
    public var excludedByReason: [String: Int]
    /// Records screened but without a final decision yet (conflicts, one reviewer missing).
    public var undecided: Int

    public init(screened: Int, excludedByReason: [String: Int], undecided: Int = 0) {
        self.screened = screened
        self.excludedByReason = excludedByReason
        self.undecided = undecided
    }

    public var excluded: Int { excludedByReason.values.reduce(0, +) }
}

/// Full-text screening: reports sought, not retrieved, assessed, excluded with reasons.
public struct FullTextResult: Hashable, Sendable {
    /// Reports sought for retrieval (records that passed title/abstract screening).
    public var sought: Int
    /// Reports that could not be retrieved.
    public var notRetrieved: [RecordKey]
    /// Reports assessed for eligibility (a final full-text decision exists).
    public var assessed: Int
    /// Reports excluded at full text, each with its reason: the report's appendix.
    public var excluded: [ExcludedReport]
    /// Reports sought but without a final full-text decision yet.
    public var undecided: Int

    public init(sought: Int, notRetrieved: [RecordKey], assessed: Int, excluded: [ExcludedReport], undecided: Int = 0) {
        self.sought = sought
        self.notRetrieved = notRetrieved
        self.assessed = assessed
        self.excluded = excluded
        self.undecided = undecided
    }
}

/// A report excluded at full text.
public struct ExcludedReport: Hashable, Sendable {
    public var study: Study
    /// The criterion id (`E7`).
    public var reason: String

    public init(study: Study, reason: String) {
        self.study = study
        self.reason = reason
    }
}

/// The charting of one included study: the values that count, per codebook field.
public struct ChartedStudy: Hashable, Sendable {
    public var values: [String: FieldValue]
    /// Every required field has a confirmed value.
    public var isCharted: Bool
    /// A second reviewer has confirmed or corrected every charted field.
    public var isVerified: Bool
    public var chartedBy: [String]
    public var verifiedBy: [String]

    public init(
        values: [String: FieldValue], isCharted: Bool, isVerified: Bool, chartedBy: [String] = [],
        verifiedBy: [String] = []
    ) {
        self.values = values
        self.isCharted = isCharted
        self.isVerified = isVerified
        self.chartedBy = chartedBy
        self.verifiedBy = verifiedBy
    }

    /// From a study's state in the charting logs.
    public init(state: StudyChartingState, codebook: Codebook) {
        var values: [String: FieldValue] = [:]
        for (id, value) in state.values {
            values[id] = codebook.field(id).map { value.normalized(for: $0) } ?? value
        }
        self.init(
            values: values, isCharted: state.isCharted(against: codebook),
            isVerified: state.isVerified(against: codebook),
            chartedBy: state.charters, verifiedBy: state.verifiers
        )
    }
}

/// Agreement between two reviewers at one stage.
public struct AgreementFigures: Hashable, Sendable {
    public var stage: ScreeningStage
    public var reviewers: [String]
    /// Records both reviewers decided on.
    public var records: Int
    /// Cohen's kappa, with its 95% confidence interval.
    public var kappa: Double?
    public var kappaLower: Double?
    public var kappaUpper: Double?
    /// Observed agreement, 0…1.
    public var percentAgreement: Double
    /// Prevalence- and bias-adjusted kappa.
    public var pabak: Double?
    /// Conflicts resolved (by discussion or a third reviewer).
    public var conflictsResolved: Int

    public init(
        stage: ScreeningStage, reviewers: [String], records: Int, kappa: Double?, kappaLower: Double? = nil,
        kappaUpper: Double? = nil, percentAgreement: Double, pabak: Double? = nil, conflictsResolved: Int = 0
    ) {
        self.stage = stage
        self.reviewers = reviewers
        self.records = records
        self.kappa = kappa
        self.kappaLower = kappaLower
        self.kappaUpper = kappaUpper
        self.percentAgreement = percentAgreement
        self.pabak = pabak
        self.conflictsResolved = conflictsResolved
    }
}

/// Texts on the automation used, as the screening stage words them (both languages).
public struct AutomationNotes: Hashable, Sendable {
    /// How records were ranked for screening (the model, when it was retrained).
    public var ranking: LocalizedText?
    /// The evidence for stopping (or not) before screening every record.
    public var stoppingEvidence: LocalizedText?
    /// The tool and version (`scoping 0.3.0`), named in the methods.
    public var tool: String?
    /// Protocol changes after screening began, and the studies people included that a later
    /// rule excludes (kept included until a person decides); nil when there are none.
    public var protocolChanges: LocalizedText?

    public init(
        ranking: LocalizedText? = nil, stoppingEvidence: LocalizedText? = nil, tool: String? = nil,
        protocolChanges: LocalizedText? = nil
    ) {
        self.ranking = ranking
        self.stoppingEvidence = stoppingEvidence
        self.tool = tool
        self.protocolChanges = protocolChanges
    }
}

/// One decision as logged, for `screening.csv`.
public struct DecisionRow: Hashable, Sendable {
    public var time: String
    public var reviewer: String
    /// `title-abstract`, `full-text` or `reconcile`.
    public var stage: String
    /// For reconcile entries, the stage reconciled.
    public var reconciles: String?
    public var key: RecordKey
    /// `include`, `exclude`, `maybe`, `not-retrieved`, `retract`.
    public var decision: String
    public var reason: String?
    public var note: String?
    /// `ranked`, `random` or `file`: the order the record was shown in, when the log says.
    public var order: String?
    public var protocolHash: String?

    public init(
        time: String, reviewer: String, stage: String, reconciles: String? = nil, key: RecordKey, decision: String,
        reason: String? = nil,
        note: String? = nil, order: String? = nil, protocolHash: String? = nil
    ) {
        self.time = time
        self.reviewer = reviewer
        self.stage = stage
        self.reconciles = reconciles
        self.key = key
        self.decision = decision
        self.reason = reason
        self.note = note
        self.order = order
        self.protocolHash = protocolHash
    }
}

/// A screened record with its final title/abstract label, for `asreview.csv`.
public struct LabelRow: Hashable, Sendable {
    public var study: Study
    /// True: passed title/abstract screening; false: excluded; nil: not decided yet.
    public var included: Bool?

    public init(study: Study, included: Bool?) {
        self.study = study
        self.included = included
    }
}
