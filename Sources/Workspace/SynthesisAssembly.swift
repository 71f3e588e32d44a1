public import Bibliography
public import Charting
import Foundation
import GRDB
public import Protocol
public import Screening
public import Synthesis

/// Everything read from a review folder that the outputs and `scoping status` are made from:
/// the index (imports, studies, eligibility, dedup), the protocol, and the human work
/// (`screening/*.jsonl`, `charting/*.jsonl`), folded into screening and charting state.
///
/// Keys in the logs are mapped to the study (dedup cluster) that holds them, so a better dedup
/// never orphans a decision made on a member record.
public struct ReviewSnapshot: Sendable {
    public var loaded: LoadedProtocol
    public var imports: [ImportInfo]
    /// One per dedup cluster (or per record key when dedup has not run), in the index's order.
    public var studies: [Study]
    /// The automatic criteria's verdict per study key (nil: eligible).
    public var verdicts: [RecordKey: String?]
    public var dedup: DedupFigures
    /// Uncertain duplicate pairs waiting for a person (`scoping dedup review`).
    public var dedupAwaitingReview: Int
    /// Every reviewer's decision log (keys mapped to study keys), by reviewer name.
    public var decisionLogs: [DecisionLogContents]
    public var screening: ScreeningState
    /// Every charting entry of every log (keys mapped to study keys), in file order per log.
    public var chartingEntries: [ChartingEntry]
    public var charting: ChartingState
    /// Problems that did not stop reading: torn log lines, decisions on unknown keys, stale criteria.
    public var warnings: [String]
    /// Studies the automatic criteria exclude though people included or charted them: kept
    /// eligible (their verdict in ``verdicts`` is nil) until a person decides.
    public var ruleConflicts: [RuleConflict] = []
    /// Keys that people's logs name and the index does not hold (by log file): that human work
    /// applies to nothing until the records are back (a removed import, a `hash:` key that dedup
    /// split because different publications shared it). The logs keep them.
    public var keysNotInIndex: [String: [RecordKey]] = [:]
    /// The export file of each of a study's records, by study key (the search provenance that
    /// search updates and the flow diagram's columns are counted from).
    public var recordFiles: [RecordKey: [String]] = [:]
    /// The earlier version's included studies, one record per study, when the protocol's
    /// `previous_version` lists them (`included:` or `revision:`).
    public var previousList: [Bibliography.Record]? = nil

    /// The studies that passed the automatic criteria (title/abstract screening's records), in study order.
    public var eligible: [Study] { studies.filter { (verdicts[$0.key] ?? nil) == nil } }
}

extension ReviewFolder {
    /// Reads the review folder into a ``ReviewSnapshot``.
    ///
    /// The eligibility verdicts are the index's stored ones when they were computed for these
    /// studies under this protocol; otherwise they are computed here (and a warning says to run
    /// `scoping criteria`), so the outputs never rest on stale verdicts.
    ///
    /// - Parameter studies: the index's ``ReviewIndex/studies()`` when the caller has just read
    ///   them (`scoping run` applies the criteria to them), so that they are decoded once a run.
    /// - Throws: ``WorkspaceError``, ``ScreeningError`` for a damaged decision log,
    ///   ``ChartingError`` for a damaged charting log.
    /// - Complexity: O(records + log entries).
    public func snapshot(index: ReviewIndex, loaded: LoadedProtocol, studies: [Study]? = nil) throws -> ReviewSnapshot {
        let proto = loaded.reviewProtocol
        let imports = try index.imports()
        let studies = try studies ?? index.studies()
        var warnings: [String] = []

        // Dedup figures.
        let dedup: DedupFigures
        let dedupSummary = try index.dedupSummary()
        if let summary = dedupSummary {
            dedup = DedupFigures(
                recordsIn: summary.records, uniqueRecords: summary.studies, duplicateGroups: summary.duplicateClusters,
                decidedByPerson: summary.humanDecisions
            )
        } else {
            var copies: [RecordKey: Int] = [:]
            var records = 0
            try index.forEachRecord { item in
                records += 1
                copies[item.key, default: 0] += 1
            }
            dedup = DedupFigures(
                recordsIn: records, uniqueRecords: studies.count, duplicateGroups: copies.values.filter { $0 > 1 }.count
            )
            if records > 0 {
                warnings.append("dedup has not run since the last import: studies are record keys; run `scoping dedup`")
            }
        }

        // Eligibility.
        let stored = try index.eligibility(explanations: false)
        var verdicts: [RecordKey: String?] = [:]
        let studyKeys = Set(studies.map(\.key))
        if !stored.isEmpty, stored.allSatisfy({ $0.protocolSha256 == loaded.sha256 }),
            Set(stored.map(\.key)) == studyKeys
        {
            for r in stored { verdicts[r.key] = .some(r.criterion) }
        } else {
            for study in studies { verdicts[study.key] = .some(proto.evaluate(study.record).reason) }
            if !studies.isEmpty {
                warnings.append(
                    "the stored eligibility is not current for these studies and this protocol: run `scoping criteria`")
            }
        }

        // Keys of records → keys of their studies.
        let clusterOf = try index.dedupClusterKeys()
        func studyKey(_ key: RecordKey) -> RecordKey {
            if studyKeys.contains(key) { return key }
            return clusterOf[key] ?? key
        }
        var recordFiles: [RecordKey: [String]] = [:]
        for (key, file) in try index.recordFiles() { recordFiles[studyKey(key), default: []].append(file) }

        // Decision logs.
        var reviewers = proto.screening.reviewers
        for name in Self.logNames(in: screening) where !reviewers.contains(name) { reviewers.append(name) }
        var logs: [DecisionLogContents] = []
        var unknown: [String: Set<RecordKey>] = [:]
        for reviewer in reviewers where DecisionLog.isValidReviewer(reviewer) {
            var log = try DecisionLog.read(directory: screening.path, reviewer: reviewer, displayDirectory: "screening")
            for warning in log.warnings { warnings.append(warning.description) }
            if log.entries.contains(where: { studyKey($0.key) != $0.key }) {
                var data = Data()
                for var entry in log.entries {
                    entry.key = studyKey(entry.key)
                    data.append(contentsOf: Array((entry.jsonLine + "\n").utf8))
                }
                let kept = log.warnings
                log = try DecisionLogContents(data: data, file: log.file, reviewer: reviewer)
                log.warnings = kept
            }
            for entry in log.entries where !studyKeys.contains(entry.key) {
                unknown[log.file, default: []].insert(entry.key)
            }
            logs.append(log)
        }

        // Charting logs.
        var entries: [ChartingEntry] = []
        for name in Self.logNames(in: charting) {
            let path = charting.appending(path: name + ".jsonl").path
            let log = try ChartingLog.read(path: path, displayName: "charting/\(name).jsonl")
            if let warning = log.warning { warnings.append(warning) }
            for var entry in log.entries {
                entry.study = studyKey(entry.study)
                if !studyKeys.contains(entry.study) {
                    unknown["charting/\(name).jsonl", default: []].insert(entry.study)
                }
                entries.append(entry)
            }
        }
        for file in unknown.keys.sorted() {
            let keys = unknown[file, default: []].sorted()
            warnings.append(
                "\(file): \(keys.count) key\(keys.count == 1 ? "" : "s") not in the index (\(keys.prefix(3).map(\.rawValue).joined(separator: ", "))\(keys.count > 3 ? ", …" : "")): left out"
            )
        }

        // Human work outranks a later rule: a study people moved on stays eligible.
        let state = ScreeningState(logs: logs, plan: proto.screening)
        let conflicts = RuleConflict.find(verdicts: verdicts, screening: state, charting: entries)
        for conflict in conflicts { verdicts[conflict.key] = .some(nil) }
        if !conflicts.isEmpty {
            warnings.append(
                "\(conflicts.count) stud\(conflicts.count == 1 ? "y" : "ies") that people included or charted "
                    + "\(conflicts.count == 1 ? "is" : "are") excluded by the protocol's automatic criteria now; kept included until "
                    + "a person decides (`scoping check` lists them; `scoping criteria --confirm --reviewer NAME` excludes them)"
            )
        }
        var snapshot = ReviewSnapshot(
            loaded: loaded, imports: imports, studies: studies, verdicts: verdicts, dedup: dedup,
            dedupAwaitingReview: dedupSummary?.awaitingReview ?? 0, decisionLogs: logs,
            screening: state, chartingEntries: entries,
            charting: ChartingState(entries: entries), warnings: warnings
        )
        snapshot.ruleConflicts = conflicts
        snapshot.keysNotInIndex = unknown.mapValues { $0.sorted() }
        snapshot.recordFiles = recordFiles
        if let list = proto.previousVersion?.includedList {
            snapshot.previousList = PreviousVersionMatching.uniqueEntries(try readPreviousIncluded(list))
        }
        return snapshot
    }

    /// The reviewer names of the `*.jsonl` logs in `directory`, sorted.
    static func logNames(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { String($0.dropLast(6)) }.sorted()
    }
}

extension ReviewSnapshot {
    /// The final title/abstract and full-text outcome per study.
    public struct Flow: Sendable {
        /// Studies that passed the automatic criteria (screened at title/abstract).
        public var screened: [Study] = []
        public var excludedAtScreening: [String: Int] = [:]
        public var undecidedAtScreening: [Study] = []
        /// Studies that passed title/abstract screening (full texts sought).
        public var sought: [Study] = []
        public var notRetrieved: [Study] = []
        public var excludedAtFullText: [(study: Study, reason: String)] = []
        public var undecidedAtFullText: [Study] = []
        public var included: [Study] = []
    }

    /// Where every study stands after both screening stages.
    public var flow: Flow { flow(of: eligible) }

    /// Where each of `studies` (eligible ones) stands after both screening stages.
    func flow(of eligibleStudies: [Study]) -> Flow {
        var flow = Flow()
        for study in eligibleStudies {
            flow.screened.append(study)
            switch screening.status(of: study.key, at: .titleAbstract) {
            case .included: flow.sought.append(study)
            case .excluded(let reason, _): flow.excludedAtScreening[reason ?? "", default: 0] += 1
            case .unscreened, .awaiting, .conflict, .notRetrieved: flow.undecidedAtScreening.append(study)
            }
        }
        for study in flow.sought {
            switch screening.status(of: study.key, at: .fullText) {
            case .included: flow.included.append(study)
            case .excluded(let reason, _): flow.excludedAtFullText.append((study, reason ?? ""))
            case .notRetrieved: flow.notRetrieved.append(study)
            case .unscreened, .awaiting, .conflict: flow.undecidedAtFullText.append(study)
            }
        }
        return flow
    }

    /// The protocol source id of a database name (as imports store it), else the name.
    func sourceID(database: String, file: String? = nil) -> String {
        let sources = loaded.reviewProtocol.sources
        if let file, let source = SearchSource.source(forFile: file, in: sources) { return source.id }
        return sources.first { $0.name == database || $0.id == database }?.id ?? database
    }

    /// The input of every output file.
    ///
    /// - Parameter tool: the tool and version named in the methods (`scoping 0.1.0`).
    public func synthesisInput(tool: String?) -> SynthesisInput {
        let proto = loaded.reviewProtocol
        let flow = self.flow
        var automatic: [String: Int] = [:]
        for study in studies { if let reason = verdicts[study.key] ?? nil { automatic[reason, default: 0] += 1 } }

        let imported = imports.map { i in
            ImportedFile(
                file: i.path, database: sourceID(database: i.database, file: i.path), searchDate: i.searchedOn,
                records: i.records)
        }
        let included = flow.included.map { s in
            Study(key: s.key, record: s.record, databases: s.databases.map { sourceID(database: $0) })
        }
        var charted: [RecordKey: ChartedStudy] = [:]
        for s in flow.included {
            if let state = charting.studies[s.key] {
                charted[s.key] = ChartedStudy(state: state, codebook: proto.codebook)
            }
        }

        var agreement: [AgreementFigures] = []
        for stage in ScreeningStage.allCases {
            let resolved = screening.conflicts(at: stage, includingResolved: true).filter { $0.resolution != nil }
            for a in Agreement.all(state: screening, stage: stage) {
                let pairResolved = resolved.filter { c in
                    Set(c.decisions.map(\.reviewer)).isSuperset(of: [a.first, a.second])
                }.count
                let interval = a.kappaInterval95
                agreement.append(
                    AgreementFigures(
                        stage: stage, reviewers: [a.first, a.second], records: a.count, kappa: a.kappa,
                        kappaLower: interval?.lowerBound, kappaUpper: interval?.upperBound,
                        percentAgreement: a.percentAgreement ?? 0, pabak: a.pabak, conflictsResolved: pairResolved
                    ))
            }
        }

        var decisions: [DecisionRow] = []
        for log in decisionLogs {
            for e in log.entries {
                decisions.append(
                    DecisionRow(
                        time: e.time, reviewer: e.reviewer, stage: e.stage.rawValue, reconciles: e.reconciles?.logName,
                        key: e.key, decision: e.decision.rawValue, reason: e.reason, note: e.note,
                        order: e.order?.rawValue,
                        protocolHash: e.protocolHash
                    ))
            }
        }
        // Time order, ties by reviewer: independent of the order logs are read in.
        decisions.sort { ($0.time, $0.reviewer) < ($1.time, $1.reviewer) }

        let labels = flow.screened.map { s -> LabelRow in
            let label: Bool? =
                switch screening.status(of: s.key, at: .titleAbstract) {
                case .included: true
                case .excluded: false
                default: nil
                }
            return LabelRow(study: s, included: label)
        }

        var input = SynthesisInput(
            reviewProtocol: proto, imports: imported, dedup: dedup, automaticExclusions: automatic, otherRemovals: 0,
            titleAbstract: Self.titleAbstractResult(flow), fullText: Self.fullTextResult(flow),
            included: included, charting: charted, agreement: agreement,
            automation: automationNotes(flow: flow, tool: tool), decisions: decisions, labels: labels,
            protocolHash: loaded.sha256
        )
        splitFlow(&input)
        return input
    }

    static func titleAbstractResult(_ flow: Flow) -> TitleAbstractResult {
        TitleAbstractResult(
            screened: flow.screened.count, excludedByReason: flow.excludedAtScreening,
            undecided: flow.undecidedAtScreening.count)
    }

    static func fullTextResult(_ flow: Flow) -> FullTextResult {
        FullTextResult(
            sought: flow.sought.count, notRetrieved: flow.notRetrieved.map(\.key),
            assessed: flow.included.count + flow.excludedAtFullText.count,
            excluded: flow.excludedAtFullText.map {
                ExcludedReport(study: $0.study, reason: $0.reason)
            },
            undecided: flow.undecidedAtFullText.count
        )
    }

    /// The ranking and stopping texts, in both languages, from the decision logs.
    ///
    /// The ranking text says, per screening stage and reviewer, in which order the records
    /// were shown, as the logs record it (``DecisionEntry/order``), and describes the ranking
    /// model only when some reviewer screened in ranked order. The stopping text comes from
    /// the title/abstract logs.
    func automationNotes(flow: Flow, tool: String?) -> AutomationNotes {
        let stages: [(ScreeningStage, [RecordKey])] = [
            (.titleAbstract, flow.screened.map(\.key)), (.fullText, flow.sought.map(\.key)),
        ]
        let tallies = stages.map { stage, keys in
            (stage: stage, reviewers: ScreeningOrderTally.count(logs: decisionLogs, at: stage, among: Set(keys)))
        }
        let ranking = AutomationText.ranking(tallies)
        let total = flow.screened.count
        let stopping: AutomationText.Stopping
        let plan = loaded.reviewProtocol.screening
        let assignment = ScreeningAssignment(plan: plan, state: screening, stage: .titleAbstract)
        var unscreened = 0
        for study in flow.screened {
            let decided = screening.decisions(on: study.key, at: .titleAbstract)
            if assignment.reviewers(for: study.key).contains(where: { decided[$0] == nil }) { unscreened += 1 }
        }
        if total == 0 {
            stopping = .nothingScreened
        } else if unscreened == 0 {
            stopping = .allScreened(total: total)
        } else {
            // The protocol's stopping method on the first reviewer's decisions in the order made.
            let log = decisionLogs.first { $0.reviewer == plan.reviewers.first } ?? decisionLogs.first
            let eligibleKeys = Set(flow.screened.map(\.key))
            let entries = (log?.screenedInOrder(at: .titleAbstract) ?? []).filter { eligibleKeys.contains($0.key) }
            // As the screen's status line computes it: the pilot records (screened first, in
            // file order) are found records but never part of a test window.
            let pilot = plan.plan(for: .titleAbstract)?.pilotSize ?? 0
            let method = StoppingMethod(plan: plan.stopping)
            let verdict = method.evaluate(
                StoppingObservation(
                    labels: entries.map(\.decision.movesOn), checks: entries.map { $0.order == .check }, total: total,
                    rankedFrom: min(max(0, pilot), entries.count)))
            // The method's settings as evaluate used them, so the text cannot drift from the code.
            stopping = .method(
                AutomationText.StoppingFacts(
                    unscreened: unscreened, total: total, reviewer: log?.reviewer ?? "", method: method.kind.rawValue,
                    targetRecall: method.targetRecall, confidence: method.confidence,
                    irrelevantRun: method.irrelevantRun, sampleShare: method.sampleShare, screened: verdict.screened,
                    relevant: verdict.found, randomChecks: verdict.checks, reached: verdict.reached,
                    estimatedLeft: verdict.estimatedLeft, leftInterval: verdict.leftInterval,
                    estimatedRecall: verdict.estimatedRecall, recallInterval: verdict.recallInterval,
                    pValue: verdict.pValue, bias: method.bias))
        }
        return AutomationNotes(
            ranking: ranking, stoppingEvidence: AutomationText.stopping(stopping), tool: tool,
            protocolChanges: protocolChangeNote())
    }

    /// What the report says when the protocol changed after screening began (decisions made
    /// under more than one version, or under another than the current one), and which studies
    /// people included that the current rules exclude; nil when neither happened.
    func protocolChangeNote() -> LocalizedText? {
        // Each protocol version decisions were made under, with the first time it was used.
        var firstUse: [String: String] = [:]
        for log in decisionLogs {
            for e in log.entries where !e.protocolHash.isEmpty {
                if let t = firstUse[e.protocolHash], t <= e.time { continue }
                firstUse[e.protocolHash] = e.time
            }
        }
        let versions = firstUse.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let changed = versions.count > 1 || (versions.count == 1 && versions[0].key != loaded.sha256)
        return AutomationText.protocolChanges(
            changed: changed,
            versions: versions.map {
                AutomationText.ProtocolVersion(hash: String($0.key.prefix(8)), firstUsed: String($0.value.prefix(10)))
            },
            current: String(loaded.sha256.prefix(8)),
            ruleConflicts: ruleConflicts.map { "\($0.key.rawValue) (\($0.criterion))" })
    }
}

/// How many records each reviewer decided in each screening order, from the decision logs
/// (the sentence on it is `Synthesis.AutomationText.ranking`).
enum ScreeningOrderTally {
    /// Per reviewer (in the order of `logs`), their current decision on each record of `keys`
    /// at `stage`, counted by its order; reviewers without any are left out.
    static func count(logs: [DecisionLogContents], at stage: ScreeningStage, among keys: Set<RecordKey>)
        -> [AutomationText.ReviewerOrders]
    {
        logs.compactMap { log in
            var counts: [AutomationText.Order?: Int] = [:]
            for (key, entry) in log.current(at: stage) where keys.contains(key) {
                counts[entry.order.flatMap { AutomationText.Order(rawValue: $0.rawValue) }, default: 0] += 1
            }
            return counts.isEmpty ? nil : AutomationText.ReviewerOrders(name: log.reviewer, counts: counts)
        }
    }
}

// MARK: - What still needs people

/// What still needs people: records left to screen per reviewer and stage, conflicts, studies
/// to chart or verify.
public struct ReviewStatus: Hashable, Sendable {
    public struct Left: Hashable, Sendable {
        public var stage: ScreeningStage
        public var reviewer: String
        /// Records assigned to the reviewer at the stage.
        public var assigned: Int
        /// Of those, records without the reviewer's decision.
        public var left: Int
    }

    public var studies: Int
    /// Uncertain duplicate pairs waiting for a person.
    public var dedupAwaitingReview: Int
    public var eligible: Int
    public var left: [Left]
    /// Unresolved conflicts per stage.
    public var conflicts: [ScreeningStage: [RecordKey]]
    public var included: Int
    public var charted: Int
    public var verified: Int
    /// Included studies not charted yet, and charted ones not verified yet.
    public var toChart: [RecordKey]
    public var toVerify: [RecordKey]
    /// Studies people included that the automatic criteria now exclude (see ``RuleConflict``).
    public var ruleConflicts: [RuleConflict] = []
    /// The protocol's search updates, each with what its new studies still need.
    public var updates: [SearchUpdateProgress] = []

    /// True when nothing waits for a person.
    public var isDone: Bool {
        dedupAwaitingReview == 0 && left.allSatisfy { $0.left == 0 } && conflicts.values.allSatisfy(\.isEmpty)
            && toChart.isEmpty && toVerify.isEmpty
            && ruleConflicts.isEmpty
    }
}

extension ReviewSnapshot {
    /// What still needs people.
    public var status: ReviewStatus {
        let proto = loaded.reviewProtocol
        let flow = self.flow
        var reviewers = proto.screening.reviewers
        for log in decisionLogs where !reviewers.contains(log.reviewer) { reviewers.append(log.reviewer) }
        var left: [ReviewStatus.Left] = []
        var conflicts: [ScreeningStage: [RecordKey]] = [:]
        for stage in ScreeningStage.allCases {
            let keys = (stage == .titleAbstract ? flow.screened : flow.sought).map(\.key)
            let assignment = ScreeningAssignment(plan: proto.screening, state: screening, stage: stage)
            for reviewer in reviewers {
                let mine = keys.filter { assignment.isAssigned($0, to: reviewer) }
                let open = mine.filter { screening.decisions(on: $0, at: stage)[reviewer] == nil }
                if mine.isEmpty, !proto.screening.reviewers.contains(reviewer) { continue }
                left.append(.init(stage: stage, reviewer: reviewer, assigned: mine.count, left: open.count))
            }
            let among = Set(keys)
            conflicts[stage] = screening.conflicts(at: stage).map(\.key).filter { among.contains($0) }
        }
        let included = flow.included.map(\.key)
        var toChart: [RecordKey] = []
        var toVerify: [RecordKey] = []
        for key in included {
            let state = charting[key]
            if !state.isCharted(against: proto.codebook) {
                toChart.append(key)
            } else if !state.isVerified(against: proto.codebook) {
                toVerify.append(key)
            }
        }
        let progress = charting.progress(of: included, codebook: proto.codebook)
        var status = ReviewStatus(
            studies: studies.count, dedupAwaitingReview: dedupAwaitingReview, eligible: flow.screened.count, left: left,
            conflicts: conflicts, included: included.count,
            charted: progress.charted, verified: progress.verified, toChart: toChart, toVerify: toVerify,
            ruleConflicts: ruleConflicts
        )
        status.updates = searchUpdateProgress
        return status
    }
}

// MARK: - Has the index changed?

extension ReviewIndex {
    /// A short text that changes when the index's imports, eligibility verdicts or dedup
    /// result change: `scoping run` keeps it in its stamp, so an ingest, dedup or criteria run
    /// by hand between two runs makes the next run redo its work. Reads no record.
    ///
    /// - Complexity: O(imports + studies), without decoding a record.
    public func contentFingerprint() throws -> String {
        try writer.read { db in
            var lines: [String] = []
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT path, sha256, format, database, searchedOn, recordCount, deletionCount FROM import ORDER BY path"
            ) {
                lines.append("import " + row.databaseValues.map(\.description).joined(separator: " "))
            }
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta ORDER BY key") {
                lines.append("meta " + row.databaseValues.map(\.description).joined(separator: " "))
            }
            let queries = [
                "eligibility":
                    "SELECT COUNT(*), COUNT(criterion), group_concat(DISTINCT protocolSha256) FROM eligibility",
                "dedup_cluster": "SELECT COUNT(*), MIN(key), MAX(key) FROM dedup_cluster",
                "dedup_member": "SELECT COUNT(*), SUM(removed) FROM dedup_member",
                "dedup_pair": "SELECT COUNT(*), COUNT(queue), SUM(decidedBy = 'person') FROM dedup_pair",
            ]
            for name in queries.keys.sorted() {
                if let row = try Row.fetchOne(db, sql: queries[name]!) {
                    lines.append(name + " " + row.databaseValues.map(\.description).joined(separator: " "))
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
