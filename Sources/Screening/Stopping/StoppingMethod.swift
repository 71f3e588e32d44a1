public import Protocol

/// A rule that says when a team may stop screening, with its settings.
///
/// Every method sees the same thing, a ``StoppingObservation`` (the decisions in the order
/// made, which of them were random checks), and answers with a ``StoppingVerdict``. None of
/// them stops screening: the status line and the report say what the method says.
public struct StoppingMethod: Hashable, Sendable {
    /// The methods, by the name the protocol (`screening: stopping: method:`) and
    /// `scoping simulate --stopping` use.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Callaghan & Müller-Hansen (2020): the hypergeometric test on the last records screened
        /// in ranked order, treated as a random draw from the records not yet screened.
        case hypergeometric
        /// The same test with a biased urn (`buscar`'s `bias`): the ranking is taken to be `bias`
        /// times as likely to show a relevant record as an irrelevant one, so the windows are
        /// Wallenius' noncentral hypergeometric draws.
        case hypergeometricBiased = "hypergeometric-biased"
        /// The same test with its random-sampling phase: after `switchAfter` irrelevant records in
        /// a row, records are drawn at random (random checks) and the test runs on those alone.
        case hypergeometricRandom = "hypergeometric-random"
        /// Cormack & Grossman (2016), the target method: a random sample until it holds T relevant
        /// records (the target set); stop when the ranking has reached every one of them.
        case target
        /// Lewis, Yang & Frieder (2021), QBCB: a random sample of fixed size; stop when the
        /// ranking has reached j of its r relevant records, j the quantile binomial bound.
        case qbcb
        /// Cormack & Grossman (2016), the knee method: stop when the slope of the gain curve after
        /// its knee has fallen to a 1/ρ of the slope before it (ρ ≥ 156 − min(found, 150)).
        case knee
        /// The heuristic people use with ASReview: stop after `irrelevantRun` irrelevant records
        /// in a row.
        case irrelevantRun = "irrelevant-run"
        /// Sneyd & Stevenson (2021), Stevenson & Bin-Hezam (2023): the rate of relevant records
        /// along the ranking as an inhomogeneous Poisson process (power law a·x^k, fitted by
        /// maximum likelihood); the records left to find are Poisson with the rate's integral over
        /// the unscreened part; stop when found ≥ τ·(found + its upper quantile at c).
        case countingProcess = "counting-process"

        /// The method's name in a sentence, with its paper.
        public var citation: String {
            switch self {
            case .hypergeometric: "the hypergeometric test of Callaghan & Müller-Hansen (2020)"
            case .hypergeometricBiased:
                "the hypergeometric test of Callaghan & Müller-Hansen (2020) with a biased urn (their buscar's bias)"
            case .hypergeometricRandom:
                "the hypergeometric test of Callaghan & Müller-Hansen (2020) with its random-sampling phase"
            case .target: "the target method of Cormack & Grossman (2016)"
            case .qbcb: "the quantile binomial confidence bound (QBCB) of Lewis, Yang & Frieder (2021)"
            case .knee: "the knee method of Cormack & Grossman (2016)"
            case .irrelevantRun: "a run of irrelevant records in a row (the heuristic used with ASReview)"
            case .countingProcess:
                "the counting process of Sneyd & Stevenson (2021) and Stevenson & Bin-Hezam (2023), power-law rate"
            }
        }

        /// True when the method asks for records drawn at random (random checks).
        public var usesRandomChecks: Bool { self == .hypergeometricRandom || self == .target || self == .qbcb }

        /// True when the method states a recall target with a confidence (the others are heuristics).
        public var isStatistical: Bool { self != .knee && self != .irrelevantRun }
    }

    public var kind: Kind
    /// The recall to reach, τ (default 0.95).
    public var targetRecall: Double
    /// The confidence the method gives for it (default 0.95).
    public var confidence: Double
    /// `irrelevant-run`: irrelevant records in a row before stopping; `hypergeometric-random`:
    /// irrelevant records in a row before the random-sampling phase begins. Default 50.
    public var irrelevantRun: Int
    /// `qbcb`: the random sample's share of the records (default 0.1).
    public var sampleShare: Double
    /// `hypergeometric-biased`: ω, how many times as likely the ranking is taken to show a
    /// relevant record as an irrelevant one (default 2; see docs/benchmarks.md, "Stopping").
    public var bias: Double

    public init(
        _ kind: Kind, targetRecall: Double = 0.95, confidence: Double = 0.95, irrelevantRun: Int = 50,
        sampleShare: Double = 0.1, bias: Double = 2
    ) {
        self.bias = max(1, bias)
        self.kind = kind
        self.targetRecall = targetRecall
        self.confidence = confidence
        self.irrelevantRun = irrelevantRun
        self.sampleShare = sampleShare
    }

    /// The method the status line and the report use when the protocol names none (see
    /// docs/benchmarks.md, "Stopping", for why).
    public static let `default` = StoppingMethod(.hypergeometric)

    /// Every method with its default settings, in the order of the benchmark table.
    public static var all: [StoppingMethod] { Kind.allCases.map { StoppingMethod($0) } }

    /// The settings in a line: `95% recall, 95% confidence`, `50 irrelevant in a row` …
    public var settings: String {
        let t = "\(Self.percent(targetRecall)) recall, \(Self.percent(confidence)) confidence"
        switch kind {
        case .hypergeometric: return t
        case .hypergeometricBiased:
            return t
                + ", bias \(Self.number(bias)) (a relevant record \(Self.number(bias))× as likely to be ranked next)"
        case .hypergeometricRandom: return t + ", random checks after \(irrelevantRun) irrelevant in a row"
        case .target: return t + ", target set of \(StoppingStatistics.targetSize(self)) relevant records"
        case .qbcb: return t + ", random sample of \(Self.percent(sampleShare)) of the records"
        case .knee: return "slope ratio ≥ 156 − min(relevant found, 150), at least 150 records"
        case .irrelevantRun: return "\(irrelevantRun) irrelevant records in a row"
        case .countingProcess: return t + ", power-law rate"
        }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() ? "\(Int(x))" : "\((x * 100).rounded() / 100)"
    }

    static func percent(_ x: Double) -> String {
        let p = x * 100
        return p == p.rounded() ? "\(Int(p))%" : "\((p * 10).rounded() / 10)%"
    }
}

/// What a stopping method sees: one reviewer's decisions at one stage, in the order made.
public struct StoppingObservation: Hashable, Sendable {
    /// True for a relevant (included or maybe) record, in the order screened.
    public var labels: [Bool]
    /// True for a record drawn at random for the stopping method (a random check); same length.
    public var checks: [Bool]
    /// Records in the set, screened or not.
    public var total: Int
    /// How many of the first labels were not screened in ranked order (pilot or prior records):
    /// they count as found but are never part of the hypergeometric test's windows.
    public var rankedFrom: Int
    /// Relevant random-check records that the ranking has reached by now (it would have shown
    /// them by this point had they not been checked already): the target method and QBCB count
    /// these. Nil when unknown (counted as none).
    public var checksReached: Int?

    public init(labels: [Bool], checks: [Bool]? = nil, total: Int, rankedFrom: Int = 0, checksReached: Int? = nil) {
        self.labels = labels
        self.checks = checks ?? [Bool](repeating: false, count: labels.count)
        self.total = total
        self.rankedFrom = rankedFrom
        self.checksReached = checksReached
    }

    public var screened: Int { labels.count }
    public var found: Int { labels.reduce(0) { $0 + ($1 ? 1 : 0) } }
    public var checkCount: Int { checks.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

/// What a stopping method says at one point.
public struct StoppingVerdict: Hashable, Sendable {
    public var method: StoppingMethod
    public var screened: Int
    public var found: Int
    public var total: Int
    /// True when the method says the team may stop (statistical methods: the target recall is
    /// reached with the stated confidence).
    public var reached: Bool
    /// The method wants the next record drawn at random (a random check).
    public var wantsRandomCheck: Bool
    /// Random-check records decided so far.
    public var checks: Int
    /// Relevant records estimated still unscreened, with an interval at the method's confidence;
    /// nil until the method can estimate (and always for the heuristics).
    public var estimatedLeft: Int?
    public var leftInterval: ClosedRange<Int>?
    /// The test's p-value, for the hypergeometric tests.
    public var pValue: Double?

    /// found / (found + left) for the estimate and its interval's ends (lowest first).
    public var estimatedRecall: Double? {
        guard let left = estimatedLeft, found + left > 0 else { return nil }
        return Double(found) / Double(found + left)
    }

    public var recallInterval: ClosedRange<Double>? {
        guard let i = leftInterval, found + i.upperBound > 0 else { return nil }
        let low = Double(found) / Double(found + i.upperBound)
        let high = found + i.lowerBound > 0 ? Double(found) / Double(found + i.lowerBound) : 1
        return low...high
    }
}

extension StoppingMethod {
    /// The method the protocol's `screening: stopping:` names, with its settings.
    public init(plan: StoppingPlan) {
        self.init(
            Kind(rawValue: plan.method) ?? StoppingMethod.default.kind, targetRecall: plan.targetRecall,
            confidence: plan.confidence, irrelevantRun: plan.irrelevantRun, sampleShare: plan.sampleShare,
            bias: plan.bias)
    }
}
