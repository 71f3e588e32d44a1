import Bibliography

/// The fields of one MEDLINE record as read so far.
struct MedlineRecordDraft {
    private(set) var tagCount = 0
    var pmid = ""
    var pmcid = ""
    private var title = ""
    private var transliteratedTitle = ""
    private var bookTitle = ""
    private var abstract = ""
    /// People in order: `FAU` full names paired with the `AU` short name that follows.
    private var people: [(full: String?, short: String?, group: Bool)] = []
    private var editors: [(full: String?, short: String?)] = []
    private var affiliations: [String] = []
    private var date = ""
    private var journal = "", journalAbbreviation = ""
    private var volume = "", issue = "", pages = ""
    private var dois: [String] = []
    private var otherIDs: [Identifier] = []
    private var languages: [String] = []
    private var publicationTypes: [String] = []
    private var mesh: [MeshHeading] = []
    private var keywords: [String] = []
    private var publisher = ""
    private var notes: [String] = []

    var isEmpty: Bool { tagCount == 0 }

    mutating func add(tag: String, value: String) {
        tagCount += 1
        switch tag {
        case "PMID": pmid = value
        case "PMC": pmcid = value
        case "TI":
            // Repeated TI lines are one title (JabRef joins them the same way).
            if title.isEmpty {
                title = value
            } else if !value.isEmpty {
                title += (title.last.map { ".:?!".contains($0) } == true ? " " : ": ") + value
            }
        case "TT": transliteratedTitle = value
        case "BTI": bookTitle = value
        case "AB": abstract = abstract.isEmpty ? value : (value.isEmpty ? abstract : abstract + " " + value)
        case "FAU": people.append((value, nil, false))
        case "AU":
            if let last = people.last, last.full != nil, last.short == nil, !last.group {
                people[people.count - 1].short = value
            } else {
                people.append((nil, value, false))
            }
        case "CN": people.append((value, nil, true))
        case "FED": editors.append((value, nil))
        case "ED":
            if let last = editors.last, last.full != nil, last.short == nil {
                editors[editors.count - 1].short = value
            } else {
                editors.append((nil, value))
            }
        case "AD": if !value.isEmpty && !affiliations.contains(value) { affiliations.append(value) }
        case "DP": date = value
        case "JT": journal = value
        case "TA": journalAbbreviation = value
        case "VI": volume = value
        case "IP": issue = value
        case "PG": pages = value
        case "AID", "LID": identifier(value)
        case "IS": if let issn = value.split(separator: " ").first { addID("issn", String(issn)) }
        case "ISBN": addID("isbn", value)
        case "MID": addID("mid", value)
        case "SI":
            // Secondary source: `ClinicalTrials.gov/NCT01234567`; only trial registers are kept.
            if let slash = value.firstIndex(of: "/"),
                let id = TrialRegistration.id(
                    databank: String(value[..<slash]), accession: String(value[value.index(after: slash)...]))
            {
                addID(TrialRegistration.scheme, id)
            }
        case "LA": if !value.isEmpty { languages.append(value) }
        case "PT": if !value.isEmpty { publicationTypes.append(value) }
        case "MH": if let heading = MedlineRecordDraft.meshHeading(value) { mesh.append(heading) }
        case "OT", "KW": if !value.isEmpty { keywords.append(value) }
        case "PB": publisher = value
        case "GN": if !value.isEmpty { notes.append(value) }
        default:
            // Kept as notes, as the RIS reader keeps unmapped tags; PubMed's bookkeeping is not.
            if !value.isEmpty, !MedlineRecordDraft.bookkeeping.contains(tag) { notes.append("\(tag): \(value)") }
        }
    }

    /// Tags of PubMed's record keeping, not kept as notes: dates of processing, status, owner,
    /// journal ids, history.
    static let bookkeeping: Set<String> = [
        "OWN", "STAT", "DA", "DCOM", "LR", "PHST", "EDAT", "MHDA", "CRDT", "PST", "SB", "JID", "PUBM", "DEP", "PL",
        "JC",
        "OTO", "IR", "FIR", "IRAD", "AUID", "OID", "SO", "CI", "COIS", "RN", "NM", "VTI", "CTDT", "PMCR",
    ]

    /// `10.1000/x [doi]`, `doi:10.1000/x`, `S0140-6736(19)30000-0 [pii]`, `e123 [pii]`.
    private mutating func identifier(_ value: String) {
        if value.lowercased().hasPrefix("doi:") {
            let id = value.dropFirst(4).trimmingCharacters(in: " \t")
            if !dois.contains(id) { dois.append(id) }
            return
        }
        guard let open = value.lastIndex(of: "["), value.hasSuffix("]") else { return }
        let id = value[..<open].trimmingCharacters(in: " \t")
        let kind = value[value.index(after: open)..<value.index(before: value.endIndex)].lowercased()
        switch kind {
        case "doi": if !dois.contains(id) { dois.append(id) }
        case "pii": addID("pii", id)
        case "pmc", "pmcid": if pmcid.isEmpty { pmcid = id }
        default: break
        }
    }

    private mutating func addID(_ scheme: String, _ value: String) {
        guard !value.isEmpty else { return }
        let id = Identifier(scheme, value)
        if !otherIDs.contains(id) { otherIDs.append(id) }
    }

    /// `*Diabetes Mellitus/therapy`, `Humans`, `Insulin/*administration & dosage`.
    static func meshHeading(_ value: String) -> MeshHeading? {
        var parts = value.split(separator: "/").map { $0.trimmingCharacters(in: " \t") }
        guard !parts.isEmpty else { return nil }
        var major = false
        for i in parts.indices where parts[i].hasPrefix("*") {
            major = true
            parts[i] = String(parts[i].dropFirst()).trimmingCharacters(in: " \t")
        }
        guard !parts[0].isEmpty else { return nil }
        return MeshHeading(
            descriptor: parts[0], qualifiers: parts.dropFirst().filter { !$0.isEmpty }, isMajorTopic: major)
    }

    func record() -> Record {
        var r = Record()
        let types = Set(publicationTypes.map { $0.lowercased() })
        if !bookTitle.isEmpty && !title.isEmpty {
            r.type = .bookSection
            r.journal = bookTitle
        } else if !bookTitle.isEmpty || types.contains("book") {
            r.type = .book
        } else {
            r.type = .journalArticle
            r.journal = journal.isEmpty ? nil : journal
            r.journalAbbreviation = journalAbbreviation.isEmpty ? nil : journalAbbreviation
        }
        r.title = title.isEmpty ? bookTitle : title
        r.originalTitle = transliteratedTitle.isEmpty ? nil : transliteratedTitle
        r.abstract = MedlineRecordDraft.abstract(abstract)
        r.authors = people.compactMap { person in
            guard !person.group else { return person.full.map { Author(group: $0) } }
            return MedlineRecordDraft.author(full: person.full, short: person.short)
        }
        r.editors = editors.compactMap { MedlineRecordDraft.author(full: $0.full, short: $0.short) }
        if !date.isEmpty, let parsed = PublicationDate(parsing: date) {
            r.date =
                date.contains("-")
                ? PublicationDate(year: parsed.year, month: parsed.month, day: parsed.day, text: parsed.text ?? date)
                : parsed
        }
        r.volume = volume.isEmpty ? nil : volume
        r.issue = issue.isEmpty ? nil : issue
        r.pages = pages.isEmpty ? nil : pages
        r.doi = dois.lazy.compactMap(DOI.normalize).first
        r.pmid = PMID.normalize(pmid)
        r.pmcid = pmcid.isEmpty ? nil : PMCID.normalize(pmcid)
        r.otherIDs = otherIDs
        r.languages = languages
        r.publicationTypes = publicationTypes
        r.mesh = mesh
        r.keywords = keywords
        r.affiliations = affiliations
        r.publisher = publisher.isEmpty ? nil : publisher
        if title.hasPrefix("[") && (title.hasSuffix("]") || title.hasSuffix("].")) {
            r.notes.append("PubMed: the title is an English translation (in brackets) of a title in another language")
        }
        r.notes += notes
        return r
    }

    /// An author from `FAU` (`Smith, John A`) with initials from `AU` (`Smith JA`).
    static func author(full: String?, short: String?) -> Author? {
        let shortAuthor = short.flatMap(Author.init(parsing:))
        guard let full, var author = Author(parsing: full) else { return shortAuthor }
        if !author.isGroup, let initials = shortAuthor?.initials, !initials.isEmpty {
            author.initials = initials
        }
        return author
    }

    /// Splits a MEDLINE abstract at upper-case labels that start sentences
    /// (`BACKGROUND: … METHODS: …`); an abstract that does not start with a label is one
    /// unlabelled section.
    static func abstract(_ text: String) -> Abstract {
        guard !text.isEmpty else { return Abstract() }
        let chars = Array(text)
        var labels: [(start: Int, colon: Int)] = []
        var i = 0
        while i < chars.count {
            let atSentenceStart = i == 0 || (i >= 2 && chars[i - 1] == " " && ".?!)]".contains(chars[i - 2]))
            if atSentenceStart, let colon = labelEnd(chars, from: i) {
                labels.append((i, colon))
                i = colon + 1
                continue
            }
            i += 1
        }
        guard let first = labels.first, first.start == 0 else { return Abstract(text) }
        var sections: [Abstract.Section] = []
        for (k, label) in labels.enumerated() {
            let end = k + 1 < labels.count ? labels[k + 1].start : chars.count
            let name = String(chars[label.start..<label.colon]).trimmingCharacters(in: " \t")
            let body = String(chars[(label.colon + 1)..<end]).trimmingCharacters(in: " \t")
            sections.append(Abstract.Section(label: name, text: body))
        }
        return Abstract(sections: sections)
    }

    /// The index of the colon ending an upper-case label starting at `start`, if there is one:
    /// upper-case words (and `&`, `/`, `-`, `,`, spaces), at least 3 letters, at most 60
    /// characters, then `:` and a space or the end.
    private static func labelEnd(_ chars: [Character], from start: Int) -> Int? {
        var letters = 0
        var i = start
        while i < chars.count, i - start <= 60 {
            let c = chars[i]
            if c == ":" {
                guard letters >= 3, i + 1 == chars.count || chars[i + 1] == " " else { return nil }
                return i
            }
            if c.isLetter {
                guard c.isUppercase else { return nil }
                letters += 1
            } else if !(c == " " || c == "&" || c == "/" || c == "-" || c == ",") {
                return nil
            }
            i += 1
        }
        return nil
    }
}
