import Bibliography

/// A CSV column: its name as written, what it holds, and how good a source it is.
///
/// Columns that hold the same field (a tag) compete per row: only the cells of the
/// highest-ranked columns with a value are read, so that a table with `Authors` and
/// `Author full names` (Scopus), or `Authors` and `First Author` (PubMed), gives each author
/// once, from the better column. Columns of equal rank are all read, as before (the RIS rules
/// then take the first value, or every value of a list). Keywords, links, notes and standard
/// numbers (``CSVRowMapping/additiveTags``) never compete: every column adds to them.
struct CSVColumn {
    enum Kind: Equatable {
        /// Mapped like this RIS tag (see `RISReader+Mapping.swift`).
        case tag(String)
        /// ASReview's `record_id`: kept as an identifier.
        case recordID
        /// Embase's `Source`: `Journal (2014) 3:3 (152-160). Date of Publication: 1 Jul 2014`.
        case embaseSource
        /// Embase's Emtree index terms; `major` for the "(Major Focus)" columns.
        case emtree(major: Bool)
        /// `scheme:value` identifiers, as ``CSVWriter`` writes them.
        case otherIDs
        /// MeSH headings written `*Descriptor/qualifier`.
        case mesh
        /// Derived columns and bookkeeping that reading ignores (``CSVWriter``'s `record_key`,
        /// citation counts, Zotero's dates added and modified).
        case ignored
        /// Anything else: kept in the notes as `Column name: value`.
        case other
        /// A document type (Scopus `Document Type`, EBSCO `Doctype`): publication types, and
        /// the record's type when no column gives one.
        case documentType
        /// The name of the database (Scopus's `Source`, which says `Scopus`).
        case database
        /// An identifier of this scheme (Scopus `EID` → `scopus`, Covidence `#` → `covidence`).
        case identifier(String)
        /// A `key` column: Rayyan's `rayyan-…` becomes a `rayyan` identifier, anything else a note.
        case key
        /// PubMed's `Citation`: `Eur J Med Genet. 2020 Feb;63(2):103640. doi: …`.
        case pubmedCitation
        /// EBSCOhost's `Accession Number`, typed by the database named in the `PLink` column.
        case ebscoAccession
        /// Zotero's `Extra`: `PMID: …` and `PMCID: …` lines are identifiers, the rest notes.
        case zoteroExtra
        /// Zotero's `Item Type` (`journalArticle`, `bookSection` …).
        case zoteroItemType
        /// A month (Rayyan `month`, Covidence `Published Month`) or a day that refines the year.
        case month
        case day
        /// A date written month/day/year (EBSCOhost's `Publication Date`, `3/7/2022`), else as `DA`.
        case usDate
        /// A Web of Science field tag (the tab-delimited export's header).
        case webOfScience(String)
    }

    /// How a cell is cut into values.
    enum Split: Equatable {
        /// One value (lists of the tags in ``CSVRowMapping/listTags`` are split as before).
        case none
        /// A list: Python list, `;`, line breaks, else commas outside parentheses.
        case list
        /// `;` and line breaks only (Scopus affiliations, which hold commas).
        case semicolons
        /// `, ` between names (PubMed's `Griffin DK, Larkin DM, O'Connor RE.`).
        case commas
    }

    let name: String
    let kind: Kind
    /// Higher is better among the columns of one field; see the type's comment.
    let rank: Int
    let split: Split

    init(name raw: String, flavour: CSVFlavour = .generic) {
        name = raw.trimmedWhitespace()
        let key = CSVColumn.key(name)
        if let (kind, rank, split) = CSVColumn.flavoured(name, key: key, flavour: flavour) {
            (self.kind, self.rank, self.split) = (kind, rank, split)
            return
        }
        rank = CSVColumn.ranks[key] ?? 1
        split = .none
        if let tag = CSVColumn.synonyms[key] {
            kind = .tag(tag)
        } else if let kind = CSVColumn.kinds[key] {
            self.kind = kind
        } else if key.hasPrefix("emtree") {
            kind = .emtree(major: key.hasSuffix("majorfocus"))
        } else if name.count == 2, name.first?.isUppercase == true,
            name.allSatisfy({ ($0.isUppercase || $0.isNumber) && $0.isASCII })
        {
            kind = .tag(name)  // a RIS tag as column name (synthesisr, revtools)
        } else {
            kind = .other
        }
    }

    /// Lower case, letters and digits only: `Author Names` → `authornames`, `record_id ` → `recordid`.
    static func key(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Column names (as keys) that are not a RIS tag's synonym.
    static let kinds: [String: Kind] = [
        "recordid": .recordID, "otherids": .otherIDs, "mesh": .mesh, "meshterms": .mesh, "meshheadings": .mesh,
        "recordkey": .ignored, "source": .embaseSource, "documenttype": .documentType, "key": .key,
        "covidence": .identifier("covidence"), "extra": .zoteroExtra, "month": .month, "publishedmonth": .month,
        "day": .day, "itemtype": .zoteroItemType,
    ]

    /// Ranks other than 1: the fallback columns of a field (0), and the better ones (2).
    static let ranks: [String: Int] = [
        // Full names (Scopus) over abbreviated ones; the first author alone only without a list.
        "authorfullnames": 2, "authorsfullnames": 2, "firstauthor": 0, "firstauthors": 0,
        // Zotero's and EndNote's `Number` (a report's number) only without an `Issue`.
        "number": 0,
        // A correspondence address only without affiliations.
        "correspondenceaddress": 0,
        // A generic `Type` only without a `Reference Type` or `Item Type`.
        "type": 0, "itemtype": 2,
    ]

    /// Column names (as keys) → the RIS tag whose mapping they share.
    static let synonyms: [String: String] = {
        var map: [String: String] = [:]
        let table: [(String, [String])] = [
            ("TI", ["title", "titles", "primarytitle", "articletitle", "documenttitle", "ti", "t1"]),
            ("TT", ["originaltitle"]),
            ("AB", ["abstract", "abstracts", "ab", "abstractnote", "n2"]),
            (
                "AU",
                [
                    "authors", "author", "authornames", "firstauthors", "firstauthor", "au", "a1", "authorfullnames",
                    "authorsfullnames",
                ]
            ),
            ("A2", ["editors", "editor", "secondaryauthors", "secondaryauthor", "a2"]),
            ("PY", ["year", "publicationyear", "pubyear", "publishedyear", "py", "y1"]),
            ("DA", ["date", "publicationdate", "da"]),
            ("DO", ["doi", "do"]),
            (
                "JF",
                [
                    "journal", "journaltitle", "sourcetitle", "secondarytitle", "publicationtitle", "journalname", "t2",
                    "periodical",
                ]
            ),
            (
                "J2",
                [
                    "journalabbreviation", "abbreviation", "alternatetitle2", "j2", "isoabbreviation",
                    "abbreviatedsourcetitle",
                ]
            ),
            ("J1", ["alternatetitle1"]),
            ("JA", ["alternatetitle3", "ja"]),
            (
                "KW",
                ["keywords", "keyword", "authorkeywords", "indexkeywords", "kw", "manualtags", "automatictags", "tags"]
            ),
            ("UR", ["url", "urls", "ur", "link", "links", "openurllink", "fileattachments1", "fileattachments2"]),
            ("PM", ["pmid", "pubmedid", "medlinepmid", "pm"]),
            ("VL", ["volume", "vl"]),
            ("IS", ["issue", "number", "is"]),
            ("SP", ["pages", "page", "startpage", "pagestart", "firstpage", "sp"]),
            ("EP", ["endpage", "pageend", "lastpage", "ep"]),
            ("C2", ["pmcid"]),
            ("M3", ["publicationtypes", "publicationtype", "typeofwork", "worktype"]),
            ("TY", ["type", "referencetype", "typeofreference", "ty"]),
            ("LA", ["language", "languages", "la", "languageoforiginaldocument", "languageofarticle"]),
            ("SN", ["issn", "isbn", "isbnissn", "sn", "eissn"]),
            ("PB", ["publisher", "pb"]),
            ("N1", ["notes", "note", "n1"]),
            ("DB", ["nameofdatabase", "database", "db", "sourcedatabase"]),
            ("AD", ["correspondenceaddress", "affiliations", "affiliation", "ad", "authoraddress", "authoraddresses"]),
            ("CY", ["placepublished", "cy", "place"]),
            ("AN", ["accessionnumber", "an"]),
        ]
        for (tag, names) in table { for n in names { map[n] = tag } }
        return map
    }()
}
