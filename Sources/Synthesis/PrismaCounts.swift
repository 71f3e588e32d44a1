public import Bibliography
public import Protocol

/// The numbers of the PRISMA 2020 / PRISMA-ScR flow diagram, derived from a ``SynthesisInput``.
public struct PrismaCounts: Hashable, Sendable {
    /// A labelled count (records per database, exclusions per reason).
    public struct Count: Hashable, Sendable {
        /// The database's source id or the criterion id.
        public var id: String
        /// The name shown (database name, criterion label in the report language).
        public var label: LocalizedText
        public var n: Int
    }

    /// Records per database (sources of kind `database`).
    public var perDatabase: [Count]
    /// Records per register (sources of kind `register`).
    public var perRegister: [Count] = []
    /// Records identified from databases and registers (the first column).
    public var identified: Int
    public var duplicates: Int
    public var automation: Int
    public var automationByCriterion: [Count]
    public var otherRemovals: Int
    public var screened: Int
    public var excludedAtScreening: Int
    public var sought: Int
    public var notRetrieved: Int
    public var assessed: Int
    public var excludedByReason: [Count]
    public var studiesIncluded: Int
    public var reportsIncluded: Int
    /// Records still without a final decision (title/abstract, full text).
    public var undecidedScreening: Int
    public var undecidedFullText: Int
    /// What does not add up, and what is incomplete.
    public var problems: [PrismaProblem]
    /// The second column (citation searching, websites, organisations, experts); nil when no
    /// other method found a record.
    public var otherMethods: OtherMethodsColumn? = nil
    /// Studies included in the previous version (nil: not an updated review).
    public var previousStudies: Int? = nil
    /// Reports of the studies included in the previous version (nil: not an updated review).
    public var previousReports: Int? = nil
    /// Of the included studies, those that are the previous version's (nil: not an updated
    /// review). Differs from ``previousStudies`` when the earlier version's list names studies
    /// this version does not include.
    public var previousInReview: Int? = nil
    /// Included studies the previous version's searches found that its list does not name.
    public var notInPreviousList: Int = 0

    /// The second column's boxes.
    public struct OtherMethodsColumn: Hashable, Sendable {
        /// Records per source (labelled by source name), and their kind.
        public var perSource: [Count]
        public var kinds: [String: SourceKind]
        public var identified: Int
        /// Records of studies the first column (or the previous version) holds.
        public var foundElsewhere: Int
        public var duplicates: Int
        public var automation: Int
        public var excludedAtScreening: Int
        public var undecidedScreening: Int
        public var sought: Int
        public var notRetrieved: Int
        public var assessed: Int
        public var excludedByReason: [Count]
        public var undecidedFullText: Int

        public var excludedAtFullText: Int { excludedByReason.reduce(0) { $0 + $1.n } }
        /// Records of the given kind.
        public func records(of kind: SourceKind) -> Int {
            perSource.filter { kinds[$0.id] == kind }.reduce(0) { $0 + $1.n }
        }
    }

    /// Records identified from databases (without registers).
    public var databaseRecords: Int { perDatabase.reduce(0) { $0 + $1.n } }
    /// Records identified from registers.
    public var registerRecords: Int { perRegister.reduce(0) { $0 + $1.n } }
    /// New studies included (all included ones unless the review updates an earlier version).
    public var newStudies: Int { studiesIncluded - (previousInReview ?? previousStudies ?? 0) }
    /// Reports of the new studies included.
    public var newReports: Int { reportsIncluded - (previousInReview ?? previousReports ?? 0) }
    /// The updated review's total: the previous version's studies and the new ones (the included
    /// studies when the review updates none).
    public var totalStudies: Int { previousStudies.map { $0 + newStudies } ?? studiesIncluded }
    /// Reports of the total included studies.
    public var totalReports: Int { previousReports.map { $0 + newReports } ?? reportsIncluded }

    public var excludedAtFullText: Int { excludedByReason.reduce(0) { $0 + $1.n } }

    /// True when no problem is an error (incomplete screening is not one).
    public var isConsistent: Bool { !problems.contains { $0.isError } }

    /// Derives the counts and checks that they add up:
    /// identified − duplicates − automation − other removals = screened;
    /// screened − excluded − undecided = sought; sought − not retrieved = assessed + undecided;
    /// assessed − excluded = included.
    ///
    /// - Complexity: O(imports + exclusions + included).
    public static func make(from input: SynthesisInput) -> PrismaCounts {
        let proto = input.reviewProtocol
        var byDatabase: [String: Int] = [:]
        for file in input.imports { byDatabase[file.database, default: 0] += file.records }
        let sourceOrder = proto.sources.map(\.id)
        let databaseIDs =
            sourceOrder.filter { byDatabase[$0] != nil } + byDatabase.keys.filter { !sourceOrder.contains($0) }.sorted()
        func kind(_ id: String) -> SourceKind { proto.sources.first { $0.id == id }?.kind ?? .database }
        func count(_ id: String) -> Count {
            let name = proto.sources.first { $0.id == id }?.name ?? id
            return Count(id: id, label: LocalizedText(en: name, nl: name), n: byDatabase[id] ?? 0)
        }
        let perDatabase = databaseIDs.filter { kind($0) == .database }.map(count)
        let perRegister = databaseIDs.filter { kind($0) == .register }.map(count)
        let perOther = databaseIDs.filter { kind($0).isOtherMethod }.map(count)
        let identified = (perDatabase + perRegister).reduce(0) { $0 + $1.n }
        let automationByCriterion = reasons(input.automaticExclusions, proto)
        let automation = automationByCriterion.reduce(0) { $0 + $1.n }
        var ftReasons: [String: Int] = [:]
        for report in input.fullText.excluded { ftReasons[report.reason, default: 0] += 1 }
        let excludedByReason = reasons(ftReasons, proto)

        var counts = PrismaCounts(
            perDatabase: perDatabase, identified: identified, duplicates: input.dedup.duplicatesRemoved,
            automation: automation, automationByCriterion: automationByCriterion, otherRemovals: input.otherRemovals,
            screened: input.titleAbstract.screened, excludedAtScreening: input.titleAbstract.excluded,
            sought: input.fullText.sought, notRetrieved: input.fullText.notRetrieved.count,
            assessed: input.fullText.assessed,
            excludedByReason: excludedByReason, studiesIncluded: input.included.count,
            reportsIncluded: input.included.count,
            undecidedScreening: input.titleAbstract.undecided, undecidedFullText: input.fullText.undecided, problems: []
        )
        counts.perRegister = perRegister
        if let other = input.otherMethods, !perOther.isEmpty {
            var reasons: [String: Int] = [:]
            for report in other.fullText.excluded { reasons[report.reason, default: 0] += 1 }
            counts.otherMethods = OtherMethodsColumn(
                perSource: perOther, kinds: Dictionary(uniqueKeysWithValues: perOther.map { ($0.id, kind($0.id)) }),
                identified: perOther.reduce(0) { $0 + $1.n }, foundElsewhere: other.foundElsewhere,
                duplicates: other.duplicates, automation: other.automation,
                excludedAtScreening: other.titleAbstract.excluded, undecidedScreening: other.titleAbstract.undecided,
                sought: other.fullText.sought, notRetrieved: other.fullText.notRetrieved.count,
                assessed: other.fullText.assessed, excludedByReason: Self.reasons(reasons, proto),
                undecidedFullText: other.fullText.undecided)
        }
        if let previous = input.previousVersion {
            let n = input.included.filter { previous.includedStudies.contains($0.key) }.count
            counts.previousInReview = n
            counts.previousStudies = previous.listed?.count ?? n
            counts.previousReports = previous.listed?.count ?? n
            counts.notInPreviousList = previous.notListed.count
        }
        counts.problems = counts.check(input)
        return counts
    }

    static func reasons(_ counts: [String: Int], _ proto: ReviewProtocol) -> [Count] {
        let order = proto.criteria.map(\.id)
        let ids =
            order.filter { (counts[$0] ?? 0) > 0 }
            + counts.keys.filter { !order.contains($0) && (counts[$0] ?? 0) > 0 }.sorted()
        return ids.map { id in
            let label =
                proto.criterion(id)?.label
                ?? LocalizedText(en: id.isEmpty ? "no reason given" : id, nl: id.isEmpty ? "geen reden opgegeven" : id)
            return Count(id: id, label: label, n: counts[id] ?? 0)
        }
    }

    func check(_ input: SynthesisInput) -> [PrismaProblem] {
        var out: [PrismaProblem] = []
        if identified != input.dedup.recordsIn {
            out.append(.identifiedMismatch(imported: identified, deduplicated: input.dedup.recordsIn))
        }
        let expectedScreened = identified - duplicates - automation - otherRemovals
        if expectedScreened != screened {
            out.append(.screenedMismatch(expected: expectedScreened, screened: screened))
        }
        let expectedSought = screened - excludedAtScreening - undecidedScreening
        if expectedSought != sought { out.append(.soughtMismatch(expected: expectedSought, sought: sought)) }
        let expectedAssessed = sought - notRetrieved - undecidedFullText
        if expectedAssessed != assessed {
            out.append(.assessedMismatch(expected: expectedAssessed, assessed: assessed))
        }
        var expectedIncluded = assessed - excludedAtFullText
        if let other = otherMethods {
            let expectedOtherSought =
                other.identified - other.foundElsewhere - other.duplicates - other.automation
                - other.excludedAtScreening - other.undecidedScreening
            if expectedOtherSought != other.sought {
                out.append(.otherSoughtMismatch(expected: expectedOtherSought, sought: other.sought))
            }
            let expectedOtherAssessed = other.sought - other.notRetrieved - other.undecidedFullText
            if expectedOtherAssessed != other.assessed {
                out.append(.assessedMismatch(expected: expectedOtherAssessed, assessed: other.assessed))
            }
            expectedIncluded += other.assessed - other.excludedAtFullText
        }
        if expectedIncluded != newStudies {
            out.append(.includedMismatch(expected: expectedIncluded, included: newStudies))
        }
        if let previous = previousStudies, previous + newStudies != totalStudies {
            out.append(.totalMismatch(previous: previous, new: newStudies, total: totalStudies))
        }
        if notInPreviousList > 0 { out.append(.notInPreviousList(notInPreviousList)) }
        var seen: Set<RecordKey> = []
        for study in input.included where !seen.insert(study.key).inserted { out.append(.duplicateIncluded(study.key)) }
        let known = Set(input.reviewProtocol.criteria.map(\.id))
        for reason in Set(input.fullText.excluded.map(\.reason)).union(input.titleAbstract.excludedByReason.keys).union(
            input.automaticExclusions.keys
        ).sorted()
        where !known.contains(reason) && !reason.isEmpty {
            out.append(.unknownReason(reason))
        }
        if undecidedScreening > 0 { out.append(.incomplete(stage: .titleAbstract, records: undecidedScreening)) }
        if undecidedFullText > 0 { out.append(.incomplete(stage: .fullText, records: undecidedFullText)) }
        return out
    }
}

/// A PRISMA box that does not add up, or a stage not finished.
public enum PrismaProblem: Hashable, Sendable, CustomStringConvertible {
    /// Records imported differ from records deduplicated.
    case identifiedMismatch(imported: Int, deduplicated: Int)
    /// identified − duplicates − automation − other removals ≠ screened.
    case screenedMismatch(expected: Int, screened: Int)
    /// screened − excluded − undecided ≠ sought.
    case soughtMismatch(expected: Int, sought: Int)
    /// sought − not retrieved − undecided ≠ assessed.
    case assessedMismatch(expected: Int, assessed: Int)
    /// assessed − excluded ≠ included.
    case includedMismatch(expected: Int, included: Int)
    /// Other methods: identified − found elsewhere − duplicates − automation − excluded − undecided
    /// ≠ sought.
    case otherSoughtMismatch(expected: Int, sought: Int)
    /// Updated review: previous + new ≠ total.
    case totalMismatch(previous: Int, new: Int, total: Int)
    /// A study is included twice.
    case duplicateIncluded(RecordKey)
    /// An exclusion reason that is not a criterion id of the protocol.
    case unknownReason(String)
    /// Records at a stage without a final decision yet (not an error: the review goes on).
    case incomplete(stage: ScreeningStage, records: Int)
    /// Updated review with a list of the earlier version's studies: included studies its searches
    /// found that the list does not name (the total leaves them out).
    case notInPreviousList(Int)

    /// False for ``incomplete(stage:records:)`` and ``notInPreviousList(_:)``: the flow adds up.
    public var isError: Bool {
        switch self {
        case .incomplete, .notInPreviousList: return false
        default: return true
        }
    }

    public var description: String {
        switch self {
        case .identifiedMismatch(let imported, let deduplicated):
            "error: PRISMA: \(imported) records were imported but \(deduplicated) went into deduplication; run `scoping run` to rebuild the index"
        case .screenedMismatch(let expected, let screened):
            "error: PRISMA: identified − duplicates − automation − other removals = \(expected), but \(screened) records were screened; records were left out of screening or screened twice"
        case .soughtMismatch(let expected, let sought):
            "error: PRISMA: screened − excluded − undecided = \(expected), but \(sought) reports were sought"
        case .assessedMismatch(let expected, let assessed):
            "error: PRISMA: sought − not retrieved − undecided = \(expected), but \(assessed) reports were assessed"
        case .includedMismatch(let expected, let included):
            "error: PRISMA: assessed − excluded = \(expected), but \(included) studies are included"
        case .otherSoughtMismatch(let expected, let sought):
            "error: PRISMA: other methods: identified − found elsewhere − duplicates − automation − excluded − undecided = \(expected), but \(sought) reports were sought"
        case .totalMismatch(let previous, let new, let total):
            "error: PRISMA: \(previous) studies of the previous version and \(new) new studies, but \(total) studies are included"
        case .duplicateIncluded(let key):
            "error: PRISMA: the study \(key) is included twice"
        case .unknownReason(let reason):
            "error: PRISMA: exclusion reason '\(reason)' is not a criterion of the protocol; correct the decision or add the criterion"
        case .notInPreviousList(let n):
            "warning: PRISMA: \(n) included \(n == 1 ? "study was" : "studies were") found by the previous version's searches "
                + "but \(n == 1 ? "is" : "are") not in its list of included studies, so neither its box nor the new studies count "
                + "\(n == 1 ? "it" : "them"); add \(n == 1 ? "it" : "them") to the list, or check previous_version's date"
        case .incomplete(let stage, let records):
            "note: \(records) records still need a final \(stage == .titleAbstract ? "title/abstract" : "full-text") decision"
        }
    }
}
