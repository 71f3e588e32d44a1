import Bibliography

extension ReferenceType {
    /// Zotero's item type names (`journalArticle`, `bookSection` …), as its RDF (`z:itemType`)
    /// and CSV (`Item Type`) exports write them; nil for a name Zotero does not use.
    init?(zoteroItemType name: String) {
        switch name {
        case "journalArticle": self = .journalArticle
        case "book": self = .book
        case "bookSection", "encyclopediaArticle", "dictionaryEntry": self = .bookSection
        case "conferencePaper": self = .conferencePaper
        case "thesis": self = .thesis
        case "report", "standard": self = .report
        case "preprint", "manuscript": self = .preprint
        case "dataset": self = .dataset
        case "webpage", "blogPost", "forumPost": self = .webpage
        case "patent": self = .patent
        case "newspaperArticle": self = .newspaperArticle
        case "magazineArticle": self = .magazineArticle
        case "document", "letter", "presentation", "interview", "film", "artwork", "audioRecording",
            "videoRecording", "podcast", "radioBroadcast", "tvBroadcast", "computerProgram", "map", "email",
            "instantMessage", "hearing", "bill", "case", "statute":
            self = .other
        default: return nil
        }
    }
}
