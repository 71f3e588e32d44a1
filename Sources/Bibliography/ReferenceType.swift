/// The kind of work a record describes, mapped from each format's own type vocabulary.
public enum ReferenceType: String, Hashable, Codable, Sendable, CaseIterable {
    case journalArticle = "journal-article"
    case book
    case bookSection = "book-section"
    case conferencePaper = "conference-paper"
    case conferenceAbstract = "conference-abstract"
    case thesis
    case report
    case preprint
    case dataset
    case webpage
    case patent
    case newspaperArticle = "newspaper-article"
    case magazineArticle = "magazine-article"
    case trialRegistration = "trial-registration"
    case other

    /// The RIS `TY` code for this type.
    public var risType: String {
        switch self {
        case .journalArticle: "JOUR"
        case .book: "BOOK"
        case .bookSection: "CHAP"
        case .conferencePaper: "CPAPER"
        case .conferenceAbstract: "ABST"
        case .thesis: "THES"
        case .report: "RPRT"
        case .preprint: "UNPB"
        case .dataset: "DATA"
        case .webpage: "ELEC"
        case .patent: "PAT"
        case .newspaperArticle: "NEWS"
        case .magazineArticle: "MGZN"
        case .trialRegistration: "GEN"
        case .other: "GEN"
        }
    }

    /// Maps a RIS `TY` code (any of the 80-odd in use) to a type.
    public init(risType code: String) {
        switch code.uppercased().trimmingSpaces() {
        case "JOUR", "JFULL", "EJOUR", "ARTICLE", "INPR", "SER": self = .journalArticle
        case "BOOK", "EBOOK", "EDBOOK", "CLASSIC", "ANCIENT": self = .book
        case "CHAP", "ECHAP": self = .bookSection
        case "CONF", "CPAPER": self = .conferencePaper
        case "ABST": self = .conferenceAbstract
        case "THES": self = .thesis
        case "RPRT", "GOVDOC", "STAND": self = .report
        case "UNPB", "MANSCPT": self = .preprint
        case "DATA", "DBASE": self = .dataset
        case "ELEC", "WEB", "BLOG": self = .webpage
        case "PAT": self = .patent
        case "NEWS": self = .newspaperArticle
        case "MGZN": self = .magazineArticle
        default: self = .other
        }
    }
}
