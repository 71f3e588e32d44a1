import Bibliography

/// Which database or tool wrote a CSV/TSV table, recognised from its header row alone.
///
/// Most tables are read through one set of column names (``CSVColumn/synonyms``); a flavour
/// decides what the names that mean different things in different exports stand for
/// (`Source` is Embase's source string but Scopus's database name; `Type` is a Zotero item's
/// genre; `Authors` in PubMed's CSV is a comma-separated list) and which columns are
/// bookkeeping.
enum CSVFlavour: Equatable, Sendable {
    /// Any other table: ASReview, Rayyan, Covidence, EndNote tab-delimited, Embase, RIS tags.
    case generic
    /// Web of Science "Tab-delimited": field tags as column names, no quoting.
    case webOfScience
    /// Scopus "CSV": `Authors`, `Author full names`, `Source title`, `EID` …
    case scopus
    /// PubMed "Save → CSV": `PMID`, `Citation`, `First Author`, `Journal/Book` …
    case pubmed
    /// EBSCOhost (CINAHL, Academic Search …) CSV: `Article Title`, `Doctype`, `PLink` …
    case ebsco
    /// Zotero's CSV export: `Key`, `Item Type`, `Publication Title`, `Abstract Note` …
    case zotero

    /// The flavour of a table whose header row holds `names`.
    static func detect(_ names: [String]) -> CSVFlavour {
        let trimmed = names.map { $0.trimmedWhitespace() }
        if isWebOfScienceHeader(trimmed) { return .webOfScience }
        let keys = Set(trimmed.map(CSVColumn.key))
        if keys.contains("eid"), keys.contains("sourcetitle") || keys.contains("authorfullnames") { return .scopus }
        if keys.contains("pmid"), keys.contains("citation"),
            keys.contains("journalbook") || keys.contains("firstauthor")
        {
            return .pubmed
        }
        if keys.contains("plink") || (keys.contains("doctype") && keys.contains("articletitle")) { return .ebsco }
        if keys.contains("itemtype"), keys.contains("key"),
            keys.contains("abstractnote") || keys.contains("publicationtitle")
        {
            return .zotero
        }
        return .generic
    }

    /// A header of Web of Science field tags: every name a tag (two upper-case letters or a
    /// letter and a digit, empty names allowed for a trailing tab), with `PT` and `UT` and at
    /// least two of `AU`, `TI`, `SO`.
    static func isWebOfScienceHeader(_ names: [String]) -> Bool {
        let tags = names.filter { !$0.isEmpty }
        guard tags.count >= 4,
            tags.allSatisfy({ WebOfScienceReader.splitTag(Substring($0))?.1.isEmpty == true && $0.count == 2 })
        else { return false }
        let set = Set(tags)
        return set.contains("PT") && set.contains("UT") && ["AU", "TI", "SO"].filter(set.contains).count >= 2
    }

    /// True when quotes in this flavour's cells are text, not CSV quoting.
    var quotesAreText: Bool { self == .webOfScience }
}

/// A table's header: its flavour and what each column holds.
struct CSVHeader {
    let flavour: CSVFlavour
    let columns: [CSVColumn]

    init(names: [String]) {
        let flavour = CSVFlavour.detect(names)
        self.flavour = flavour
        columns = names.map { CSVColumn(name: $0, flavour: flavour) }
    }

    var count: Int { columns.count }
}

extension CSVColumn {
    /// The kind, rank and splitting of a column named `name` (as a key) in a table of `flavour`,
    /// for the names whose meaning depends on the flavour; nil for the rest.
    static func flavoured(_ name: String, key: String, flavour: CSVFlavour) -> (Kind, Int, Split)? {
        switch flavour {
        case .generic:
            return nil
        case .webOfScience:
            return (.webOfScience(name), 1, .none)
        case .scopus:
            switch key {
            case "source": return (.database, 1, .none)
            case "eid": return (.identifier("scopus"), 1, .none)
            case "affiliations": return (.tag("AD"), 2, .semicolons)
            case "authorswithaffiliations": return (.ignored, 0, .none)
            case "authorsid", "citedby", "references", "pagecount", "openaccess": return (.ignored, 0, .none)
            case "artno": return (.tag("SP"), 0, .none)
            case "documenttype": return (.documentType, 1, .semicolons)
            case "publicationstage": return (.other, 1, .none)
            default: return nil
            }
        case .pubmed:
            switch key {
            case "authors": return (.tag("AU"), 1, .commas)
            case "citation": return (.pubmedCitation, 0, .none)
            case "journalbook": return (.tag("J2"), 1, .none)
            case "createdate": return (.ignored, 0, .none)
            case "nihmsid": return (.identifier("mid"), 1, .none)
            default: return nil
            }
        case .ebsco:
            switch key {
            case "accessionnumber": return (.ebscoAccession, 1, .none)
            case "doctype": return (.documentType, 1, .semicolons)
            case "subjects": return (.tag("KW"), 1, .list)
            case "plink": return (.tag("UR"), 1, .none)
            case "pagecount": return (.ignored, 0, .none)
            case "publicationdate": return (.usDate, 1, .none)
            default: return nil
            }
        case .zotero:
            switch key {
            case "key": return (.identifier("zotero"), 1, .none)
            case "itemtype": return (.zoteroItemType, 2, .none)
            case "type": return (.other, 1, .none)
            case "dateadded", "datemodified", "accessdate", "librarycatalog", "fileattachments", "linkattachments":
                return (.ignored, 0, .none)
            default: return nil
            }
        }
    }
}
