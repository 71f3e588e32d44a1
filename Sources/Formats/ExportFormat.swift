/// The export formats `scoping` reads.
public enum ExportFormat: String, CaseIterable, Sendable, Codable {
    case pubmedXML = "pubmed-xml"
    case endnoteXML = "endnote-xml"
    case ris
    case medline
    case csv
    case webOfScience = "wos"
    case webOfScienceTabDelimited = "wos-tsv"
    case ovid
    case bibtex
    case refer
    case refWorks = "refworks"
    case identifiers
    case cslJSON = "csl-json"
    case mods
    case zoteroRDF = "zotero-rdf"
    case clinicalTrialsCSV = "ctgov-csv"
    case clinicalTrialsJSON = "ctgov-json"
    case ictrpXML = "ictrp-xml"

    /// True for the XML formats, which libxml2 decodes (UTF-8, UTF-16, a declared encoding).
    public var isXML: Bool {
        self == .pubmedXML || self == .endnoteXML || self == .mods || self == .ictrpXML
    }

    /// A human name for messages: "PubMed XML", "EndNote XML" …
    public var displayName: String {
        switch self {
        case .pubmedXML: "PubMed XML"
        case .endnoteXML: "EndNote XML"
        case .ris: "RIS"
        case .medline: "MEDLINE text"
        case .csv: "CSV/TSV"
        case .webOfScience: "Web of Science tagged text"
        case .webOfScienceTabDelimited: "Web of Science tab-delimited"
        case .ovid: "Ovid"
        case .bibtex: "BibTeX"
        case .refer: "EndNote tagged (Refer)"
        case .refWorks: "RefWorks tagged"
        case .identifiers: "a list of PMIDs or DOIs"
        case .cslJSON: "CSL-JSON"
        case .mods: "MODS XML"
        case .zoteroRDF: "Zotero RDF"
        case .clinicalTrialsCSV: "ClinicalTrials.gov CSV"
        case .clinicalTrialsJSON: "ClinicalTrials.gov JSON (API v2)"
        case .ictrpXML: "WHO ICTRP XML"
        }
    }
}
