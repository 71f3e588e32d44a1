public import Bibliography
import GRDB
import Protocol
import Screening
import Synthesis

extension ReviewIndex {
    /// The export file of every live record, one pair per record (a key read from two files
    /// appears twice), in file order. Reads no record data.
    ///
    /// - Complexity: O(records).
    public func recordFiles() throws -> [(key: RecordKey, file: String)] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.key, i.path FROM record r JOIN import i ON i.id = r.importId
                    WHERE (r.pmid IS NULL OR r.pmid NOT IN (SELECT pmid FROM deletion))
                    ORDER BY i.path, r.position
                    """
            ).map { (RecordKey(rawValue: $0[0]), $0[1]) }
        }
    }
}

/// The records one search update brought: how many, how many belong to studies an earlier
/// search found (their decisions stand), and the studies no earlier search found.
public struct SearchUpdate: Hashable, Sendable {
    /// The date of the update's searches.
    public var date: String
    /// The names of the sources searched again on that date, in protocol order.
    public var sources: [String]
    /// Records read from the update's export files.
    public var records: Int
    /// Of those, records of studies an earlier search had found already.
    public var known: Int
    /// The studies that came with this update (found by no earlier search), in study order.
    public var newStudies: [RecordKey]
}

/// Where one export file sits in the protocol: its source, kind, search round and date.
struct FileOrigin: Sendable {
    var kind: SourceKind
    /// 0: the source's original search; 1 and up: its updates.
    var round: Int
    var date: String?
    /// The source's name (or the database the import names when the protocol does not list the file).
    var sourceName: String
}

extension ReviewSnapshot {
    /// Where `path` (an imported file) sits in the protocol's sources.
    func fileOrigin(_ path: String) -> FileOrigin {
        let sources = loaded.reviewProtocol.sources
        if let source = SearchSource.source(forFile: path, in: sources), let found = source.search(forFile: path) {
            return FileOrigin(kind: source.kind, round: found.round, date: found.search.date, sourceName: source.name)
        }
        let info = imports.first { $0.path == path }
        let source = sources.first { $0.name == info?.database || $0.id == info?.database }
        return FileOrigin(
            kind: source?.kind ?? .database, round: 0, date: info?.searchedOn, sourceName: info?.database ?? path)
    }

    /// The searches that repeat an earlier search of their source (a source's second search
    /// and later), one per date, oldest first, with what each brought.
    ///
    /// A study belongs to the earliest search that found any of its records: a study found by
    /// an original search, or by an earlier update, is known, and its decisions stand; only
    /// the studies no earlier search found are new.
    ///
    /// - Complexity: O(records).
    public var searchUpdates: [SearchUpdate] {
        let sources = loaded.reviewProtocol.sources
        var updateDates: [String: [String]] = [:]
        for source in sources {
            for search in source.updates where !(updateDates[search.date] ?? []).contains(source.name) {
                updateDates[search.date, default: []].append(source.name)
            }
        }
        guard !updateDates.isEmpty else { return [] }
        var origins: [String: FileOrigin] = [:]
        func origin(_ path: String) -> FileOrigin {
            if let o = origins[path] { return o }
            let o = fileOrigin(path)
            origins[path] = o
            return o
        }
        // The date a study was first found: nil when an original search found it.
        var arrival: [RecordKey: String?] = [:]
        for (study, files) in recordFiles {
            var earliest: String? = "9999-99-99"
            for file in files {
                let o = origin(file)
                if o.round == 0 {
                    earliest = nil
                    break
                }
                if let date = o.date, let e = earliest, date < e { earliest = date }
            }
            arrival[study] = .some(earliest == "9999-99-99" ? nil : earliest)
        }
        var updates: [SearchUpdate] = []
        for date in updateDates.keys.sorted() {
            var records = 0
            var known = 0
            for (study, files) in recordFiles {
                for file in files {
                    let o = origin(file)
                    guard o.round > 0, o.date == date else { continue }
                    records += 1
                    if let a = arrival[study] ?? nil, a == date { continue }
                    known += 1
                }
            }
            let fresh = studies.map(\.key).filter { (arrival[$0] ?? nil) == date }
            updates.append(
                SearchUpdate(
                    date: date, sources: updateDates[date] ?? [], records: records, known: known, newStudies: fresh))
        }
        return updates
    }

    /// Which studies the flow diagram counts where: the earlier version's studies (when the
    /// protocol says the review updates one), and, of the others, those only other methods
    /// (citation searching, websites, organisations, experts) found.
    struct FlowOrigins {
        /// The previous version's studies: those with a record from a search run on or before
        /// its date, and those its list of included studies names (``listed``).
        var previous: Set<RecordKey> = []
        /// Studies with a record from a search run on or before the previous version's date.
        var searchedBefore: Set<RecordKey> = []
        /// Studies the previous version's list of included studies names (when it gives one).
        var listed: Set<RecordKey> = []
        /// Studies not previous whose records all come from other methods.
        var otherMethods: Set<RecordKey> = []
        /// True when an export file counts in the previous version (searched on or before its date).
        var previousFiles: Set<String> = []
    }

    func flowOrigins() -> FlowOrigins {
        var out = FlowOrigins()
        let previousDate = loaded.reviewProtocol.previousVersion?.date
        var kinds: [String: FileOrigin] = [:]
        for i in imports {
            let o = fileOrigin(i.path)
            kinds[i.path] = o
            if let previousDate, let date = o.date, date <= previousDate { out.previousFiles.insert(i.path) }
        }
        if let list = previousList {
            out.listed = PreviousVersionMatching.match(studies, list: list).matched
        }
        for (study, files) in recordFiles {
            if files.contains(where: { out.previousFiles.contains($0) }) { out.searchedBefore.insert(study) }
            if out.searchedBefore.contains(study) || out.listed.contains(study) {
                out.previous.insert(study)
            } else if !files.isEmpty, files.allSatisfy({ kinds[$0]?.kind.isOtherMethod == true }) {
                out.otherMethods.insert(study)
            }
        }
        return out
    }
}

extension ReviewSnapshot {
    /// Splits the flow diagram's figures by column and version: the first column counts the
    /// records of databases and registers, the second those of other methods, and an updated
    /// review counts only the searches after the previous version's date (the earlier
    /// version's studies are its own box). Leaves `input` as it is for a review with neither.
    ///
    /// - Complexity: O(records).
    func splitFlow(_ input: inout SynthesisInput) {
        let proto = loaded.reviewProtocol
        let hasOther = proto.sources.contains { $0.kind.isOtherMethod }
        guard hasOther || proto.previousVersion != nil else { return }
        let origins = flowOrigins()
        var otherFile: [String: Bool] = [:]
        for i in imports { otherFile[i.path] = fileOrigin(i.path).kind.isOtherMethod }
        let mainStudies = eligibleAndAll { !origins.previous.contains($0) && !origins.otherMethods.contains($0) }
        var firstRecords = 0
        var firstMain = 0
        var firstPrevious = 0
        var secondRecords = 0
        var secondOwn = 0
        for (study, files) in recordFiles {
            for file in files where !origins.previousFiles.contains(file) {
                if otherFile[file] == true {
                    secondRecords += 1
                    if origins.otherMethods.contains(study) { secondOwn += 1 }
                } else {
                    firstRecords += 1
                    if origins.previous.contains(study) { firstPrevious += 1 } else { firstMain += 1 }
                }
            }
        }
        func automation(_ keys: [Study]) -> [String: Int] {
            var out: [String: Int] = [:]
            for study in keys { if let reason = verdicts[study.key] ?? nil { out[reason, default: 0] += 1 } }
            return out
        }
        input.imports = input.imports.filter { !origins.previousFiles.contains($0.file) }
        input.dedup = DedupFigures(
            recordsIn: firstRecords, uniqueRecords: firstRecords - (firstMain - mainStudies.all.count),
            duplicateGroups: dedup.duplicateGroups, decidedByPerson: dedup.decidedByPerson)
        input.otherRemovals = firstPrevious
        input.automaticExclusions = automation(mainStudies.all)
        let first = flow(of: mainStudies.eligible)
        input.titleAbstract = Self.titleAbstractResult(first)
        input.fullText = Self.fullTextResult(first)
        if hasOther {
            let own = eligibleAndAll { origins.otherMethods.contains($0) }
            let second = flow(of: own.eligible)
            input.otherMethods = OtherMethodsResult(
                foundElsewhere: secondRecords - secondOwn, duplicates: secondOwn - own.all.count,
                automation: automation(own.all).values.reduce(0, +),
                titleAbstract: Self.titleAbstractResult(second), fullText: Self.fullTextResult(second))
        }
        if let previous = proto.previousVersion {
            let included = Set(input.included.map(\.key))
            var result = PreviousVersionResult(
                date: previous.date, citation: previous.citation,
                includedStudies: included.intersection(origins.previous), alreadyScreened: firstPrevious)
            if let list = previousList {
                // The list decides which earlier studies there are; the matching tells them apart.
                result.listed = list
                result.notFoundAgain = PreviousVersionMatching.match(input.included, list: list).unmatched
                result.notListed = included.intersection(origins.searchedBefore).subtracting(origins.listed).sorted()
            }
            input.previousVersion = result
        }
    }

    /// The studies that pass `filter`, all and the eligible ones, in study order.
    private func eligibleAndAll(_ filter: (RecordKey) -> Bool) -> (all: [Study], eligible: [Study]) {
        let all = studies.filter { filter($0.key) }
        return (all, all.filter { (verdicts[$0.key] ?? nil) == nil })
    }
}

/// A search update and how far its new studies are screened at title and abstract.
public struct SearchUpdateProgress: Hashable, Sendable {
    public var update: SearchUpdate
    /// The update's new studies that passed the automatic criteria.
    public var eligible: Int
    /// Per reviewer (protocol order), the update's new studies assigned and not yet decided.
    public var left: [ReviewStatus.Left]
}

extension ReviewSnapshot {
    /// Each search update with the title/abstract work its new studies still need.
    ///
    /// - Complexity: O(records + studies × reviewers).
    public var searchUpdateProgress: [SearchUpdateProgress] {
        let plan = loaded.reviewProtocol.screening
        let assignment = ScreeningAssignment(plan: plan, state: screening, stage: .titleAbstract)
        return searchUpdates.map { update in
            let eligible = update.newStudies.filter { (verdicts[$0] ?? nil) == nil }
            let left = plan.reviewers.map { reviewer in
                let mine = eligible.filter { assignment.isAssigned($0, to: reviewer) }
                let open = mine.filter { screening.decisions(on: $0, at: .titleAbstract)[reviewer] == nil }
                return ReviewStatus.Left(
                    stage: .titleAbstract, reviewer: reviewer, assigned: mine.count, left: open.count)
            }
            return SearchUpdateProgress(update: update, eligible: eligible.count, left: left)
        }
    }
}
