import Bibliography

extension ReferenceType {
    /// Maps an EndNote reference type name (`Journal Article`, `Book Section`,
    /// `Conference Proceedings` …, as in EndNote XML's `ref-type name="…"`, EndNote's
    /// tab-delimited `Reference Type` column, and RIS files that write names in `TY`).
    ///
    /// Returns nil for an empty name; unknown names map to ``ReferenceType/other``.
    init?(endNoteName raw: String) {
        let name = Text.foldForMatching(raw)
        guard !name.isEmpty else { return nil }
        switch name {
        case "journal article", "article", "electronic article", "journal", "in press", "serial", "review":
            self = .journalArticle
        case "book", "edited book", "electronic book", "classical work", "ancient text", "monograph": self = .book
        case "book section", "electronic book section", "chapter", "book chapter": self = .bookSection
        case "conference proceedings", "conference paper", "conference", "proceedings", "proceedings paper",
            "inproceedings":
            self = .conferencePaper
        case "conference abstract", "abstract", "meeting abstract": self = .conferenceAbstract
        case "thesis", "dissertation", "phd thesis", "masters thesis": self = .thesis
        case "report", "government document", "standard", "technical report", "grant": self = .report
        case "unpublished work", "manuscript", "preprint": self = .preprint
        case "dataset", "online database", "aggregated database": self = .dataset
        case "web page", "webpage", "blog", "online multimedia", "electronic source": self = .webpage
        case "patent": self = .patent
        case "trial registration": self = .trialRegistration
        case "newspaper article", "newspaper": self = .newspaperArticle
        case "magazine article", "magazine": self = .magazineArticle
        default: self = .other
        }
    }
}
