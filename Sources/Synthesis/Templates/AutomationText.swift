import Foundation
public import Protocol

/// The report's notes on automation, in both languages: how records were ordered for screening,
/// the stopping evidence, and protocol changes after screening began. `Workspace` counts the
/// facts from the logs; the words are here, with the report's other strings.
public enum AutomationText {
    /// The order a record was shown in, as the decision logs record it.
    public enum Order: String, Hashable, Sendable {
        case ranked, random, file, check
    }

    /// One reviewer's current decisions at a stage, counted by the order they were shown in
    /// (nil: not recorded).
    public struct ReviewerOrders: Equatable, Sendable {
        public var name: String
        public var counts: [Order?: Int]

        public init(name: String, counts: [Order?: Int]) {
            self.name = name
            self.counts = counts
        }
    }

    /// The orders in which the report lists counts; nil (not recorded) last.
    static let listOrder: [Order?] = [.ranked, .random, .file, .check, nil]

    /// The ranking sentence, e.g. "Screening order per reviewer, from the decision logs.
    /// Titles and abstracts: anna 96 records in ranked order and 8 in file order; bram 104 in
    /// ranked order." then, when some reviewer used ranked order, the model. When no decision
    /// counted records its order, one sentence says the logs do not record it.
    public static func ranking(_ stages: [(stage: ScreeningStage, reviewers: [ReviewerOrders])]) -> LocalizedText {
        let recorded = stages.contains { $0.reviewers.contains { $0.counts.keys.contains { $0 != nil } } }
        if !recorded, stages.contains(where: { !$0.reviewers.isEmpty }) {
            // Only logs without the order (older or imported): nothing per reviewer to tell apart.
            return LocalizedText(
                en:
                    "The decision logs do not record in which order (ranked, random or file order) records were shown to the reviewers.",
                nl:
                    "De beslissingslogs leggen niet vast in welke volgorde (gerangschikt, willekeurig of in bestandsvolgorde) de records aan de reviewers zijn getoond."
            )
        }
        var en: [String] = []
        var nl: [String] = []
        var explained = false  // why an order can be missing: said once
        for (stage, reviewers) in stages where !reviewers.isEmpty {
            var first = true
            var enParts: [String] = []
            var nlParts: [String] = []
            for reviewer in reviewers {
                var enItems: [String] = []
                var nlItems: [String] = []
                for order in listOrder {
                    guard let n = reviewer.counts[order], n > 0 else { continue }
                    // The unit once per stage, as in "96 records in ranked order and 8 in file order".
                    let count = first ? "\(n) record\(n == 1 ? "" : "s")" : "\(n)"
                    first = false
                    var enItem = count + " " + phrase(order, .en)
                    var nlItem = count + " " + phrase(order, .nl)
                    if order == nil, !explained {
                        explained = true
                        enItem += " (older or imported log entries)"
                        nlItem += " (oudere of geïmporteerde logregels)"
                    }
                    enItems.append(enItem)
                    nlItems.append(nlItem)
                }
                enParts.append(reviewer.name + " " + list(enItems, .en))
                nlParts.append(reviewer.name + " " + list(nlItems, .nl))
            }
            en.append(
                (stage == .titleAbstract ? "Titles and abstracts: " : "Full texts: ") + enParts.joined(separator: "; ")
                    + ".")
            nl.append(
                (stage == .titleAbstract ? "Titels en abstracts: " : "Volledige teksten: ")
                    + nlParts.joined(separator: "; ") + ".")
        }
        guard !en.isEmpty else {
            return LocalizedText(
                en: "No screening decisions are logged yet, so there is no screening order to report.",
                nl: "Er zijn nog geen beoordelingen gelogd, dus er is nog geen beoordelingsvolgorde te melden.")
        }
        var enText = "Screening order per reviewer, from the decision logs. " + en.joined(separator: " ")
        var nlText = "Beoordelingsvolgorde per reviewer, volgens de beslissingslogs. " + nl.joined(separator: " ")
        if stages.contains(where: { $0.reviewers.contains { ($0.counts[.ranked] ?? 0) > 0 } }) {
            enText +=
                " Ranked order: BM25 on the protocol's include terms until the first inclusion and the first exclusion, "
                + "then a linear support vector machine on TF-IDF words and word pairs (the settings of ASReview's default model, ELAS u4), retrained after every decision, "
                + "with one record in ten picked at random; pilot records come first, in file order. "
                + "Ranking changes only the order in which records are shown, never a decision."
            nlText +=
                " Gerangschikte volgorde: BM25 op de inclusietermen van het protocol tot de eerste inclusie en de eerste exclusie, "
                + "daarna een lineaire support vector machine op TF-IDF-woorden en woordparen (de instellingen van het standaardmodel van ASReview, ELAS u4), na elke beslissing opnieuw getraind, "
                + "met één op de tien records willekeurig gekozen; pilotrecords komen eerst, in bestandsvolgorde. "
                + "De rangschikking bepaalt alleen de volgorde waarin records getoond worden, nooit een beslissing."
        }
        return LocalizedText(en: enText, nl: nlText)
    }

    /// `in ranked order`, `in willekeurige volgorde`, `without a recorded order`.
    static func phrase(_ order: Order?, _ language: ReportLanguage) -> String {
        switch (order, language) {
        case (.ranked?, .en): "in ranked order"
        case (.random?, .en): "in random order"
        case (.file?, .en): "in file order"
        case (.check?, .en): "as random checks for the stopping rule"
        case (.check?, .nl): "als steekproefcontrole voor de stopregel"
        case (nil, .en): "without a recorded order"
        case (.ranked?, .nl): "in gerangschikte volgorde"
        case (.random?, .nl): "in willekeurige volgorde"
        case (.file?, .nl): "in bestandsvolgorde"
        case (nil, .nl): "zonder vastgelegde volgorde"
        }
    }

    /// `a`, `a and b`, `a, b and c` (`en` in Dutch).
    static func list(_ items: [String], _ language: ReportLanguage) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .nl ? " en " : " and ") + items[items.count - 1]
    }

    /// What the title/abstract logs say about stopping before every record was screened.
    public enum Stopping: Equatable, Sendable {
        /// No record was screened yet.
        case nothingScreened
        /// Every one of `total` records was screened by every reviewer assigned to it.
        case allScreened(total: Int)
        /// The protocol's stopping method on `reviewer`'s decisions.
        case method(StoppingFacts)
    }

    /// Where the stopping method stood on one reviewer's title/abstract decisions.
    public struct StoppingFacts: Equatable, Sendable {
        /// Records still awaiting a reviewer, of `total`.
        public var unscreened: Int
        public var total: Int
        public var reviewer: String
        /// The method's protocol name (`hypergeometric`, `knee` …) and settings.
        public var method: String
        public var targetRecall: Double
        public var confidence: Double
        public var irrelevantRun: Int
        public var sampleShare: Double
        /// `hypergeometric-biased`: the bias ω.
        public var bias: Double
        /// Records the reviewer screened (where the team stopped, or stands), relevant among them,
        /// and random checks among them.
        public var screened: Int
        public var relevant: Int
        public var randomChecks: Int
        /// True when the method says the team may stop.
        public var reached: Bool
        /// The estimate of relevant records left and of the recall, with intervals; nil when the
        /// method gives none.
        public var estimatedLeft: Int?
        public var leftInterval: ClosedRange<Int>?
        public var estimatedRecall: Double?
        public var recallInterval: ClosedRange<Double>?
        /// The test's p-value (the hypergeometric tests).
        public var pValue: Double?

        public init(
            unscreened: Int, total: Int, reviewer: String, method: String, targetRecall: Double, confidence: Double,
            irrelevantRun: Int, sampleShare: Double, screened: Int, relevant: Int, randomChecks: Int, reached: Bool,
            estimatedLeft: Int? = nil, leftInterval: ClosedRange<Int>? = nil, estimatedRecall: Double? = nil,
            recallInterval: ClosedRange<Double>? = nil, pValue: Double? = nil, bias: Double = 1
        ) {
            self.bias = bias
            self.unscreened = unscreened
            self.total = total
            self.reviewer = reviewer
            self.method = method
            self.targetRecall = targetRecall
            self.confidence = confidence
            self.irrelevantRun = irrelevantRun
            self.sampleShare = sampleShare
            self.screened = screened
            self.relevant = relevant
            self.randomChecks = randomChecks
            self.reached = reached
            self.estimatedLeft = estimatedLeft
            self.leftInterval = leftInterval
            self.estimatedRecall = estimatedRecall
            self.recallInterval = recallInterval
            self.pValue = pValue
        }

        /// True for the methods that state a recall target with a confidence.
        var isStatistical: Bool { method != "knee" && method != "irrelevant-run" }
    }

    /// The stopping evidence as the report states it: the method and its settings, where the
    /// reviewer stopped (or stands), the estimated recall with its interval, and the random checks.
    public static func stopping(_ facts: Stopping) -> LocalizedText {
        switch facts {
        case .nothingScreened:
            return LocalizedText(en: "No records were screened yet.", nl: "Er zijn nog geen records beoordeeld.")
        case .allScreened(let total):
            return LocalizedText(
                en:
                    "Every one of the \(total) records was screened by every reviewer assigned to it, so no stopping rule was applied.",
                nl:
                    "Alle \(total) records zijn beoordeeld door elke reviewer die eraan was toegewezen; er is dus geen stopregel toegepast."
            )
        case .method(let f):
            return LocalizedText(en: stoppingSentence(f, .en), nl: stoppingSentence(f, .nl))
        }
    }

    /// The method's name and paper.
    static func methodName(_ method: String, _ language: ReportLanguage) -> String {
        let nl = language == .nl
        switch method {
        case "hypergeometric":
            return nl
                ? "de hypergeometrische toets van Callaghan & Müller-Hansen (2020)"
                : "the hypergeometric test of Callaghan & Müller-Hansen (2020)"
        case "hypergeometric-biased":
            return nl
                ? "de hypergeometrische toets van Callaghan & Müller-Hansen (2020) met een scheve urn (de bias van hun buscar)"
                : "the hypergeometric test of Callaghan & Müller-Hansen (2020) with a biased urn (their buscar's bias)"
        case "counting-process":
            return nl
                ? "het telproces van Sneyd & Stevenson (2021) en Stevenson & Bin-Hezam (2023)"
                : "the counting process of Sneyd & Stevenson (2021) and Stevenson & Bin-Hezam (2023)"
        case "hypergeometric-random":
            return nl
                ? "de hypergeometrische toets van Callaghan & Müller-Hansen (2020) met willekeurige steekproef"
                : "the hypergeometric test of Callaghan & Müller-Hansen (2020) with its random-sampling phase"
        case "target":
            return nl
                ? "de targetmethode van Cormack & Grossman (2016)" : "the target method of Cormack & Grossman (2016)"
        case "qbcb":
            return nl
                ? "de quantile binomial confidence bound (QBCB) van Lewis, Yang & Frieder (2021)"
                : "the quantile binomial confidence bound (QBCB) of Lewis, Yang & Frieder (2021)"
        case "knee":
            return nl ? "de kniemethode van Cormack & Grossman (2016)" : "the knee method of Cormack & Grossman (2016)"
        default:
            return nl ? "een reeks irrelevante records op rij" : "a run of irrelevant records in a row"
        }
    }

    static func stoppingSentence(_ f: StoppingFacts, _ language: ReportLanguage) -> String {
        let nl = language == .nl
        let target = percent(f.targetRecall)
        let level = percent(f.confidence)
        var settings: [String] = []
        if f.isStatistical {
            settings.append(
                nl ? "recalldoel \(target), \(level) betrouwbaarheid" : "\(target) recall target, \(level) confidence")
        }
        switch f.method {
        case "hypergeometric-biased":
            let b = f.bias == f.bias.rounded() ? "\(Int(f.bias))" : "\(f.bias)"
            settings.append(
                nl
                    ? "bias \(b): een relevant record \(b) keer zo waarschijnlijk als volgende in de rangorde aangenomen"
                    : "bias \(b): a relevant record taken to be \(b) times as likely to be ranked next")
        case "hypergeometric-random":
            settings.append(
                nl
                    ? "steekproefcontroles na \(f.irrelevantRun) irrelevante records op rij"
                    : "random checks after \(f.irrelevantRun) irrelevant records in a row")
        case "qbcb":
            settings.append(
                nl
                    ? "steekproef van \(percent(f.sampleShare)) van de records"
                    : "a random sample of \(percent(f.sampleShare)) of the records")
        case "irrelevant-run":
            settings.append(nl ? "\(f.irrelevantRun) op rij" : "\(f.irrelevantRun) in a row")
        case "knee":
            settings.append(
                nl ? "hellingsverhouding ≥ 156 − min(relevant, 150)" : "slope ratio ≥ 156 − min(relevant, 150)")
        default: break
        }
        var s =
            nl
            ? "\(f.unscreened) van de \(f.total) records wachten nog op een reviewer. Stopregel: \(methodName(f.method, language)) (\(settings.joined(separator: "; "))). "
                + "Voor \(f.reviewer) (\(f.screened) beoordeeld, \(f.relevant) relevant, \(f.randomChecks) steekproefcontrole\(f.randomChecks == 1 ? "" : "s")): "
            : "\(f.unscreened) of \(f.total) records still await a reviewer. Stopping rule: \(methodName(f.method, language)) (\(settings.joined(separator: "; "))). "
                + "For \(f.reviewer) (\(f.screened) screened, \(f.relevant) relevant, \(f.randomChecks) random check\(f.randomChecks == 1 ? "" : "s")): "
        if f.isStatistical {
            if f.reached {
                s +=
                    nl
                    ? "het recalldoel van \(target) is bereikt met \(level) betrouwbaarheid na \(f.screened) records"
                    : "the \(target) recall target was reached with \(level) confidence after \(f.screened) records"
            } else {
                s +=
                    nl
                    ? "het recalldoel van \(target) is nog niet aangetoond"
                    : "the \(target) recall target is not yet shown"
            }
            if let p = f.pValue { s += " (p = \(String(format: "%.3f", p)))" }
        } else {
            s +=
                f.reached
                ? (nl
                    ? "de regel stond stoppen toe na \(f.screened) records"
                    : "the rule allowed stopping after \(f.screened) records")
                : (nl ? "de regel staat stoppen nog niet toe" : "the rule does not yet allow stopping")
        }
        if let recall = f.estimatedRecall, let ri = f.recallInterval, let left = f.estimatedLeft,
            let li = f.leftInterval
        {
            let r = String(format: "%.2f", recall)
            let lo = String(format: "%.2f", ri.lowerBound)
            let hi = String(format: "%.2f", ri.upperBound)
            s +=
                nl
                ? "; geschatte recall \(r) (\(level)-interval \(lo)–\(hi)), naar schatting nog \(left) "
                    + (left == 1 ? "relevant record" : "relevante records") + " (\(li.lowerBound)–\(li.upperBound))."
                : "; estimated recall \(r) (\(level) interval \(lo)–\(hi)), about \(left) relevant record"
                    + (left == 1 ? "" : "s") + " left (\(li.lowerBound)–\(li.upperBound))."
        } else if f.isStatistical {
            s += nl ? "; nog te vroeg om de recall te schatten." : "; too early to estimate the recall."
        } else {
            s += nl ? "; deze regel schat de recall niet." : "; this rule gives no estimate of the recall."
        }
        return s
    }

    /// A protocol version decisions were made under: the first 8 characters of its SHA-256
    /// and the date (`2026-10-01`) it was first used.
    public struct ProtocolVersion: Equatable, Sendable {
        public var hash: String
        public var firstUsed: String

        public init(hash: String, firstUsed: String) {
            self.hash = hash
            self.firstUsed = firstUsed
        }
    }

    /// What the report says when the protocol changed after screening began (`versions` the
    /// decisions were made under, when `changed`) and which studies people included that the
    /// current rules exclude (`key (criterion)`); nil when neither happened.
    public static func protocolChanges(
        changed: Bool, versions: [ProtocolVersion], current: String, ruleConflicts: [String]
    ) -> LocalizedText? {
        guard changed || !ruleConflicts.isEmpty else { return nil }
        var en: [String] = []
        var nl: [String] = []
        if changed {
            let list = versions.map { "\($0.hash) (\($0.firstUsed))" }.joined(separator: ", ")
            let n = versions.count
            en.append(
                "The protocol changed after screening began: decisions were made under \(n) version\(n == 1 ? "" : "s") (SHA-256, first used: \(list)); this report uses version \(current)."
            )
            nl.append(
                "Het protocol is gewijzigd nadat de screening begon: er zijn beslissingen genomen onder \(n) versie\(n == 1 ? "" : "s") (SHA-256, eerst gebruikt: \(list)); dit rapport gebruikt versie \(current)."
            )
        }
        if !ruleConflicts.isEmpty {
            let keys = ruleConflicts.joined(separator: ", ")
            let n = ruleConflicts.count
            en.append(
                "\(n) stud\(n == 1 ? "y" : "ies") that reviewers included \(n == 1 ? "is" : "are") excluded by the current automatic criteria and kept as included until a reviewer decides: \(keys)."
            )
            nl.append(
                "\(n) stud\(n == 1 ? "ie" : "ies") die reviewers includeerden \(n == 1 ? "valt" : "vallen") onder de huidige automatische criteria af en \(n == 1 ? "blijft" : "blijven") geïncludeerd tot een reviewer beslist: \(keys)."
            )
        }
        return LocalizedText(en: en.joined(separator: " "), nl: nl.joined(separator: " "))
    }

    /// `0.95` → `95%` (`0.975` → `97.5%`).
    public static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return (value == value.rounded() ? String(Int(value)) : String(value)) + "%"
    }
}
