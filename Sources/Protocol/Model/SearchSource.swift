import Foundation

/// What kind of source a search is: where PRISMA 2020 counts its records.
///
/// Databases and registers fill the flow's first column ("identification of studies via
/// databases and registers"); the other kinds fill its second column ("via other methods").
public enum SourceKind: String, CaseIterable, Hashable, Sendable {
    /// A bibliographic database (PubMed, Embase, CINAHL): the default.
    case database
    /// A trial or study register (ClinicalTrials.gov, WHO ICTRP).
    case register
    /// Reference lists and citations of included studies, searched by hand.
    case citationSearching = "citation_searching"
    /// Websites searched (guideline sites, grey literature).
    case websites
    /// Organisations asked (professional bodies, research institutes).
    case organisations
    /// Experts and stakeholders who sent studies.
    case experts

    /// The kind as the protocol writes it; `citation searching` and `citation-searching` are
    /// read as `citation_searching`, `organizations` as `organisations`.
    public init?(spelling: String) {
        let folded = spelling.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(
            of: "-", with: "_")
        switch folded {
        case "organizations", "organization", "organisation": self = .organisations
        case "website": self = .websites
        case "expert": self = .experts
        case "citations", "citation": self = .citationSearching
        case "databases": self = .database
        case "registers", "registry", "registries": self = .register
        default: self.init(rawValue: folded)
        }
    }

    /// True for the kinds of PRISMA 2020's second column (citation searching, websites,
    /// organisations, experts).
    public var isOtherMethod: Bool { self != .database && self != .register }
}

/// One run of a source's search: when, with which query, and the export files it gave.
///
/// A source searched again later (an update before the report) has several; the first is the
/// original search, the later ones are updates. Their date windows may overlap: records found
/// twice are one study, and a study already screened is never screened again.
public struct SourceSearch: Hashable, Sendable {
    /// The date the search was run, ISO 8601 (`2026-09-15`).
    public var date: String
    /// The full query string as run.
    public var query: String
    /// Export files, relative to the review folder.
    public var files: [String]
    /// The first date the search covered (an update limited to records entered since), if
    /// the protocol says; informative only, nothing is filtered by it.
    public var coversFrom: String?

    public init(date: String, query: String, files: [String], coversFrom: String? = nil) {
        self.date = date
        self.query = query
        self.files = files
        self.coversFrom = coversFrom
    }
}

/// One source of records: a database, a register or another method (citation searching,
/// websites, organisations, experts), and each search of it over time with its export files.
public struct SearchSource: Hashable, Sendable {
    /// A short id (`pubmed`, `embase`) used in logs and the PRISMA box.
    public var id: String
    /// The database as the report names it (`PubMed`, `Embase`, `CINAHL`).
    public var name: String
    /// Where PRISMA counts its records.
    public var kind: SourceKind
    /// The interface the search ran in (`PubMed`, `Embase via Ovid`, `CINAHL via EBSCOhost`);
    /// may be empty for the other methods.
    public var interface: String
    /// The searches in the order the protocol lists them (the first is the original search).
    public var searches: [SourceSearch]
    /// Where this source was written in the protocol file.
    public var location: SourceLocation?

    /// A source searched once (the protocol's original form: `files`, `searched`, `query`).
    public init(
        id: String, name: String, interface: String, files: [String], dateSearched: String, query: String,
        kind: SourceKind = .database, location: SourceLocation? = nil
    ) {
        self.init(
            id: id, name: name, kind: kind, interface: interface,
            searches: [SourceSearch(date: dateSearched, query: query, files: files)], location: location)
    }

    /// A source with one or more searches.
    public init(
        id: String, name: String, kind: SourceKind, interface: String, searches: [SourceSearch],
        location: SourceLocation? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.interface = interface
        self.searches = searches
        self.location = location
    }

    /// Every export file of every search, in order.
    public var files: [String] { searches.flatMap(\.files) }
    /// The date of the original (first) search.
    public var dateSearched: String { searches.first?.date ?? "" }
    /// The query of the original (first) search.
    public var query: String { searches.first?.query ?? "" }
    /// The searches after the first: updates.
    public var updates: ArraySlice<SourceSearch> { searches.dropFirst() }

    /// The source whose `files` list this path, if any (ingest takes database and date from it).
    public static func source(forFile path: String, in sources: [SearchSource]) -> SearchSource? {
        sources.first { $0.files.contains(path) }
    }

    /// The search whose files list `path`, with its position in the source's searches
    /// (0: the original search; 1 and up: updates).
    public func search(forFile path: String) -> (search: SourceSearch, round: Int)? {
        for (round, search) in searches.enumerated() where search.files.contains(path) { return (search, round) }
        return nil
    }
}

/// The earlier version of the review this one updates (`previous_version:` in the protocol).
///
/// Studies found by searches run on or before ``date`` are the earlier version's; the flow
/// diagram then follows PRISMA 2020's template for updated reviews (studies included in the
/// previous version, new studies, total), and only the later searches' records count as
/// identified. The earlier version's included studies may be given as a list (``includedFile``,
/// or ``revision``'s `output/included.ris`): then its box counts the list, and the report tells
/// the studies the list names from the new ones.
public struct PreviousVersion: Hashable, Sendable {
    /// The date of the earlier version's last search, ISO 8601.
    public var date: String
    /// How the earlier version is cited (a DOI, a reference), if given.
    public var citation: String?
    /// A file of the studies the earlier version included (RIS, CSV, a list of DOIs or PMIDs:
    /// any export `scoping ingest` reads), relative to the review folder.
    public var includedFile: String?
    /// A git revision of this review (a tag or a commit) whose `output/included.ris` lists the
    /// studies the earlier version included.
    public var revision: String?

    public init(date: String, citation: String? = nil, includedFile: String? = nil, revision: String? = nil) {
        self.date = date
        self.citation = citation
        self.includedFile = includedFile
        self.revision = revision
    }

    /// The list of the earlier version's included studies, where it comes from.
    public enum IncludedList: Hashable, Sendable {
        case file(String)
        case revision(String)
    }

    /// Where the earlier version's included studies are listed, if the protocol says.
    public var includedList: IncludedList? {
        if let includedFile { return .file(includedFile) }
        return revision.map(IncludedList.revision)
    }
}
