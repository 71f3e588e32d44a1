/// One bibliographic record, normalised from whatever export it came from.
///
/// Every reader in `Formats` produces `Record` values; every later stage (dedup, criteria,
/// screening, charting, synthesis) works on them. Fields a source does not carry stay empty
/// (`nil` or `[]`), never a placeholder.
public struct Record: Hashable, Codable, Sendable {
    /// The stable key: `pmid:…`, else `doi:…`, else `hash:…` (see ``RecordKey``).
    public var key: RecordKey { RecordKey(for: self) }

    /// What kind of work this is (journal article, book, conference paper …).
    public var type: ReferenceType
    /// The title, as plain text (inline markup removed, whitespace normalised).
    public var title: String
    /// The title in the original language when the main title is a translation (PubMed's
    /// `VernacularTitle`, RIS `TT`).
    public var originalTitle: String?
    /// The abstract, with structured sections kept with their labels.
    public var abstract: Abstract
    /// Authors in order; group authors have ``Author/isGroup`` set.
    public var authors: [Author]
    /// Editors (books and book chapters).
    public var editors: [Author]
    /// Publication date, as precise as the source gives it.
    public var date: PublicationDate?
    /// The journal's full title, or the book title for a chapter, or the proceedings title.
    public var journal: String?
    /// The journal's abbreviated (ISO/MEDLINE) title.
    public var journalAbbreviation: String?
    public var volume: String?
    public var issue: String?
    /// Page range as given (`73-6`, `e0123`); see ``Pages`` for comparison.
    public var pages: String?
    /// Normalised DOI: lower case, no resolver prefix, no trailing punctuation.
    public var doi: String?
    /// PubMed identifier (digits only).
    public var pmid: String?
    /// PubMed Central identifier (`PMC1234567`).
    public var pmcid: String?
    /// Other identifiers: Embase accession, ISBN, ISSN, WoS accession, database ids.
    public var otherIDs: [Identifier]
    /// Languages of the publication, as the source writes them (`eng`, `English`, `dut`).
    public var languages: [String]
    /// Publication types (`Journal Article`, `Randomized Controlled Trial`, `Editorial` …).
    public var publicationTypes: [String]
    /// MeSH (or Emtree) headings.
    public var mesh: [MeshHeading]
    /// Author keywords and database keywords.
    public var keywords: [String]
    /// Author affiliations, deduplicated, in order of first appearance.
    public var affiliations: [String]
    /// Links: full-text URLs, database links.
    public var urls: [String]
    /// Publisher name (books, reports).
    public var publisher: String?
    /// Notes from the export (RIS `N1`, EndNote notes) kept verbatim.
    public var notes: [String]
    /// What a trial register says about the study (registration number, status, conditions …),
    /// for records from a registry export (ClinicalTrials.gov, WHO ICTRP); nil otherwise.
    /// Absent from the JSON of records without it, so older index files read unchanged.
    public var trial: TrialRegistration?

    public init(
        type: ReferenceType = .journalArticle,
        title: String = "",
        originalTitle: String? = nil,
        abstract: Abstract = Abstract(),
        authors: [Author] = [],
        editors: [Author] = [],
        date: PublicationDate? = nil,
        journal: String? = nil,
        journalAbbreviation: String? = nil,
        volume: String? = nil,
        issue: String? = nil,
        pages: String? = nil,
        doi: String? = nil,
        pmid: String? = nil,
        pmcid: String? = nil,
        otherIDs: [Identifier] = [],
        languages: [String] = [],
        publicationTypes: [String] = [],
        mesh: [MeshHeading] = [],
        keywords: [String] = [],
        affiliations: [String] = [],
        urls: [String] = [],
        publisher: String? = nil,
        notes: [String] = [],
        trial: TrialRegistration? = nil
    ) {
        self.type = type
        self.title = title
        self.originalTitle = originalTitle
        self.abstract = abstract
        self.authors = authors
        self.editors = editors
        self.date = date
        self.journal = journal
        self.journalAbbreviation = journalAbbreviation
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.doi = doi
        self.pmid = pmid
        self.pmcid = pmcid
        self.otherIDs = otherIDs
        self.languages = languages
        self.publicationTypes = publicationTypes
        self.mesh = mesh
        self.keywords = keywords
        self.affiliations = affiliations
        self.urls = urls
        self.publisher = publisher
        self.notes = notes
        self.trial = trial
    }

    /// The publication year, when known.
    public var year: Int? { date?.year }

    /// True when the record carries nothing to identify a work by (no title, no identifier).
    public var isEmpty: Bool {
        title.isEmpty && doi == nil && pmid == nil && authors.isEmpty && abstract.isEmpty
    }
}

/// A named identifier other than DOI, PMID and PMCID.
public struct Identifier: Hashable, Codable, Sendable {
    /// The scheme: `isbn`, `issn`, `embase`, `wos`, `accession`, `pii`, `ovid` …
    public var scheme: String
    public var value: String

    public init(_ scheme: String, _ value: String) {
        self.scheme = scheme
        self.value = value
    }
}

/// A MeSH (or Emtree) heading: descriptor, qualifiers, and whether it is a major topic.
public struct MeshHeading: Hashable, Codable, Sendable {
    public var descriptor: String
    public var qualifiers: [String]
    /// True when the descriptor or any qualifier is marked as a major topic (`*` in MEDLINE).
    public var isMajorTopic: Bool

    public init(descriptor: String, qualifiers: [String] = [], isMajorTopic: Bool = false) {
        self.descriptor = descriptor
        self.qualifiers = qualifiers
        self.isMajorTopic = isMajorTopic
    }
}
