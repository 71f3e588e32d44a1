import Bibliography

/// One record per cluster: the best field of every member.
enum CanonicalRecord {
    /// Builds a cluster from its members (in input order).
    ///
    /// The canonical record is merged with the most complete member leading (PMID, DOI,
    /// abstract, authors, pages …; ties to the first in input order). The canonical key is a
    /// member id from `previousCanonicalKeys` when there is one (the smallest, if two clusters of
    /// the last run have been joined), else the leading member's id.
    static func cluster(_ members: [DedupInput], previousCanonicalKeys: Set<String>) -> DuplicateCluster {
        // The record leads the merge by completeness alone, so the canonical record is the same
        // whatever the previous run was; the previous keys decide only which id names it.
        var leading = 0
        var best = -1
        for (k, m) in members.enumerated() {
            let s = completeness(m.record)
            if s > best {
                best = s
                leading = k
            }
        }
        let named =
            members.indices.filter { previousCanonicalKeys.contains(members[$0].id) }
            .min(by: { members[$0].id < members[$1].id }) ?? leading
        var ordered = [members[named].id]
        for (k, m) in members.enumerated() where k != named { ordered.append(m.id) }
        let databases = Array(Set(members.compactMap { $0.database.flatMap { $0.isEmpty ? nil : $0 } })).sorted()
        let records =
            [members[leading].record] + members.enumerated().filter { $0.offset != leading }.map(\.element.record)
        return DuplicateCluster(
            canonicalKey: members[named].id, members: ordered, databases: databases, canonical: merge(records))
    }

    static func completeness(_ r: Record) -> Int {
        var s = 0
        if r.pmid != nil { s += 1000 }
        if r.doi != nil { s += 500 }
        if !r.abstract.isEmpty { s += 200 }
        if !r.authors.isEmpty { s += 100 }
        if r.pages != nil { s += 50 }
        if r.volume != nil { s += 30 }
        if r.journal != nil { s += 30 }
        if r.date?.month != nil { s += 10 }
        s += min(r.authors.filter { $0.given != nil }.count, 10)
        return s
    }

    /// Merges records, the first one leading: its non-empty fields are kept unless another
    /// member has a better one (a longer abstract, a full page range, more authors, a more
    /// precise date); lists are unions in order of first appearance.
    static func merge(_ records: [Record]) -> Record {
        guard var out = records.first else { return Record() }
        for r in records.dropFirst() {
            if out.title.isEmpty { out.title = r.title }
            if out.originalTitle == nil { out.originalTitle = r.originalTitle }
            if r.abstract.text.count > out.abstract.text.count { out.abstract = r.abstract }
            if r.authors.count > out.authors.count
                || (r.authors.count == out.authors.count
                    && r.authors.filter({ $0.given != nil }).count > out.authors.filter({ $0.given != nil }).count)
            {
                out.authors = r.authors
            }
            if out.editors.isEmpty { out.editors = r.editors }
            if let d = r.date {
                if let o = out.date {
                    if o.year == d.year, precision(d) > precision(o) { out.date = d }
                } else {
                    out.date = d
                }
            }
            if let j = r.journal {
                if let o = out.journal {
                    if isAbbreviated(o), !isAbbreviated(j) {
                        if out.journalAbbreviation == nil { out.journalAbbreviation = o }
                        out.journal = j
                    }
                } else {
                    out.journal = j
                }
            }
            if out.journalAbbreviation == nil { out.journalAbbreviation = r.journalAbbreviation }
            if out.volume == nil { out.volume = r.volume }
            if out.issue == nil { out.issue = r.issue }
            if let p = r.pages {
                if out.pages == nil || (!(out.pages ?? "").contains("-") && p.contains("-")) { out.pages = p }
            }
            if out.doi == nil { out.doi = r.doi }
            if out.pmid == nil { out.pmid = r.pmid }
            if out.pmcid == nil { out.pmcid = r.pmcid }
            if out.publisher == nil { out.publisher = r.publisher }
            if out.type == .other { out.type = r.type }
            out.otherIDs = union(out.otherIDs, r.otherIDs)
            out.languages = union(out.languages, r.languages)
            out.publicationTypes = union(out.publicationTypes, r.publicationTypes)
            out.mesh = union(out.mesh, r.mesh)
            out.keywords = union(out.keywords, r.keywords)
            out.affiliations = union(out.affiliations, r.affiliations)
            out.urls = union(out.urls, r.urls)
            out.notes = union(out.notes, r.notes)
        }
        return out
    }

    static func precision(_ d: PublicationDate) -> Int { (d.month != nil ? 1 : 0) + (d.day != nil ? 1 : 0) }

    static func isAbbreviated(_ journal: String) -> Bool {
        // "Surg Endosc", "J Clin Oncol": short words only, no "of" / "and".
        let words = journal.split(separator: " ")
        return words.allSatisfy { $0.count <= 6 }
            && !words.contains { ["of", "and", "the", "&"].contains($0.lowercased()) }
    }

    static func union<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
        if b.isEmpty { return a }
        var seen = Set(a)
        var out = a
        for x in b where seen.insert(x).inserted { out.append(x) }
        return out
    }
}
