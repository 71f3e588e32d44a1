/// A human screening stage.
public enum ScreeningStage: String, Hashable, Codable, Sendable, CaseIterable {
    case titleAbstract = "title_abstract"
    case fullText = "full_text"

    /// Reads a stage as people type it: `title-abstract` or `full-text`, the protocol's
    /// `title_abstract` and `full_text`, and the short forms `ta`, `title`, `ft`, `fulltext`,
    /// in any case. Every command that takes a stage reads it this way.
    public init?(spelling: String) {
        switch spelling.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "title-abstract", "ta", "title": self = .titleAbstract
        case "full-text", "ft", "fulltext": self = .fullText
        default: return nil
        }
    }

    /// The stage as the command line writes it: `title-abstract` or `full-text`.
    public var commandLineName: String { self == .titleAbstract ? "title-abstract" : "full-text" }

    /// The stage in a sentence: `title/abstract` or `full text`.
    public var displayName: String { self == .titleAbstract ? "title/abstract" : "full text" }

    /// The criterion stage whose criteria reviewers pick from at this screening stage.
    public var criterionStage: CriterionStage {
        switch self {
        case .titleAbstract: .titleAbstract
        case .fullText: .fullText
        }
    }
}

/// Who screens, how many per record, with or without blinding, and the pilot.
public struct ScreeningPlan: Hashable, Sendable {
    /// Reviewer ids (`anna`, `bram`); each writes `screening/<id>.jsonl`.
    public var reviewers: [String]
    /// The stages in order, each with its own settings.
    public var stages: [StagePlan]
    /// The stopping method the status line and the report use (`stopping:`); its defaults when
    /// the protocol names none.
    public var stopping: StoppingPlan

    public init(reviewers: [String], stages: [StagePlan], stopping: StoppingPlan = StoppingPlan()) {
        self.reviewers = reviewers
        self.stages = stages
        self.stopping = stopping
    }

    /// The settings of `stage`, if the protocol screens at that stage.
    public func plan(for stage: ScreeningStage) -> StagePlan? {
        stages.first { $0.stage == stage }
    }
}

/// The settings of one screening stage.
public struct StagePlan: Hashable, Sendable {
    public var stage: ScreeningStage
    /// How many reviewers decide on each record (1 or 2, at most the number of reviewers).
    public var reviewersPerRecord: Int
    /// True when reviewers do not see each other's decisions until conflicts are resolved.
    public var blinded: Bool
    /// Which records a second reviewer screens.
    public var secondReviewer: SecondReviewerShare
    /// Records both reviewers screen first to calibrate (0 for none).
    public var pilotSize: Int
    /// True when reviewers do not see the authors and the journal (`hide_authors`, title/abstract
    /// only): some teams require it against bias. The terminal and the browser both honour it.
    public var hideAuthors: Bool

    public init(
        stage: ScreeningStage, reviewersPerRecord: Int, blinded: Bool, secondReviewer: SecondReviewerShare,
        pilotSize: Int, hideAuthors: Bool = false
    ) {
        self.stage = stage
        self.reviewersPerRecord = reviewersPerRecord
        self.blinded = blinded
        self.secondReviewer = secondReviewer
        self.pilotSize = pilotSize
        self.hideAuthors = hideAuthors
    }
}

/// The share of records a second reviewer screens.
public enum SecondReviewerShare: Hashable, Sendable {
    /// Every record.
    case all
    /// A random sample: `fraction` in (0, 1], drawn with `seed` so the sample is reproducible.
    case fraction(Double, seed: UInt64)
}

/// The protocol's `screening: stopping:` settings: which stopping method the status line and the
/// report use, with its settings (see docs/protocol.md; the methods are in `Screening`'s
/// `StoppingMethod`).
public struct StoppingPlan: Hashable, Sendable {
    /// The method names `method:` accepts; the first is the default.
    public static let methods = [
        "hypergeometric", "hypergeometric-biased", "hypergeometric-random", "target", "qbcb", "knee",
        "irrelevant-run", "counting-process",
    ]

    public var method: String
    public var targetRecall: Double
    public var confidence: Double
    /// `irrelevant-run` and `hypergeometric-random`: irrelevant records in a row.
    public var irrelevantRun: Int
    /// `qbcb`: the random sample's share of the records.
    public var sampleShare: Double
    /// `hypergeometric-biased`: how many times as likely the ranking is taken to show a relevant
    /// record as an irrelevant one (ω ≥ 1).
    public var bias: Double

    public init(
        method: String = StoppingPlan.methods[0], targetRecall: Double = 0.95, confidence: Double = 0.95,
        irrelevantRun: Int = 50, sampleShare: Double = 0.1, bias: Double = 2
    ) {
        self.bias = bias
        self.method = method
        self.targetRecall = targetRecall
        self.confidence = confidence
        self.irrelevantRun = irrelevantRun
        self.sampleShare = sampleShare
    }
}
