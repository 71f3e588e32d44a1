public import Bibliography

/// Which studies an earlier version's list of included studies names, by dedup's identity: a
/// shared DOI, PMID or trial registration number; else the same folded title and year, unless
/// the two carry identifiers of one kind that differ (an erratum with its own DOI is not the
/// article).
///
/// Pure: the list is read by `Workspace` (a file, or a git revision's `output/included.ris`).
public enum PreviousVersionMatching {
    /// What identifies a record: identifiers by kind (`doi`, `pmid`, `trial`) and the folded
    /// title with the year.
    struct Identity {
        var ids: [String: Set<String>] = [:]
        var titleYear: String?

        init(_ r: Record) {
            if let doi = r.doi, !doi.isEmpty { ids["doi", default: []].insert(doi.lowercased()) }
            if let pmid = r.pmid, !pmid.isEmpty { ids["pmid", default: []].insert(pmid) }
            var trials = r.otherIDs.filter { $0.scheme == TrialRegistration.scheme }.map(\.value)
            if let id = r.registrationID { trials.append(id) }
            for id in trials { ids["trial", default: []].insert(id.uppercased()) }
            let title = Text.foldForMatching(r.title)
            if !title.isEmpty, let year = r.year { titleYear = title + "|" + String(year) }
        }

        /// `kind:value` of every identifier.
        var keys: [String] { ids.flatMap { kind, values in values.map { kind + ":" + $0 } } }

        /// The same study: an identifier shared, or no identifier of one kind that differs and the
        /// same title and year.
        func matches(_ other: Identity) -> Bool {
            var conflict = false
            for (kind, values) in ids {
                guard let theirs = other.ids[kind] else { continue }
                if !values.isDisjoint(with: theirs) { return true }
                conflict = true
            }
            return !conflict && titleYear != nil && titleYear == other.titleYear
        }
    }

    /// Looks up the entries of a list by identifier and by title and year.
    struct ListIndex {
        var identities: [Identity] = []
        var byKey: [String: [Int]] = [:]

        init(_ records: [Record]) {
            for r in records { add(Identity(r)) }
        }

        mutating func add(_ identity: Identity) {
            let i = identities.count
            identities.append(identity)
            for key in identity.keys { byKey[key, default: []].append(i) }
            if let t = identity.titleYear { byKey["title:" + t, default: []].append(i) }
        }

        /// The entries `identity` matches, in list order.
        func matches(_ identity: Identity) -> [Int] {
            var candidates = Set<Int>()
            for key in identity.keys { candidates.formUnion(byKey[key] ?? []) }
            if let t = identity.titleYear { candidates.formUnion(byKey["title:" + t] ?? []) }
            return candidates.sorted().filter { identity.matches(identities[$0]) }
        }
    }

    /// One record per study of `records`: an entry that matches an earlier one (a study listed
    /// twice) is left out.
    ///
    /// - Complexity: O(n) lookups, each over the entries sharing an identifier or a title.
    public static func uniqueEntries(_ records: [Record]) -> [Record] {
        var kept: [Record] = []
        var index = ListIndex([])
        for r in records {
            let identity = Identity(r)
            guard index.matches(identity).isEmpty else { continue }
            kept.append(r)
            index.add(identity)
        }
        return kept
    }

    /// The studies that `list` names, and the entries of `list` that name none of `studies`.
    ///
    /// - Complexity: O(studies + list) lookups.
    public static func match(_ studies: [Study], list: [Record]) -> (matched: Set<RecordKey>, unmatched: [Record]) {
        let index = ListIndex(list)
        var matched: Set<RecordKey> = []
        var used = Set<Int>()
        for study in studies {
            let hits = index.matches(Identity(study.record))
            if !hits.isEmpty {
                matched.insert(study.key)
                used.formUnion(hits)
            }
        }
        return (matched, list.indices.filter { !used.contains($0) }.map { list[$0] })
    }
}
