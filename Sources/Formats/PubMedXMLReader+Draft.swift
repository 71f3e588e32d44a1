import Bibliography

/// What the text of a captured element is for.
enum PubMedField: UInt8 {
    case pmid, deletePMID, articleTitle, vernacularTitle, abstractText, otherAbstractText
    case journalTitle, isoAbbreviation, medlineTA, issn, volume, issue
    case year, month, day, season, medlineDate, medlinePgn, startPage, endPage
    case elocationDOI, elocationPII, articleIdDOI, articleIdPMC, articleIdPII, articleIdPubmed, articleIdMID,
        articleIdBook
    case lastName, foreName, initials, suffix, collectiveName, authorAffiliation, recordAffiliation
    case language, publicationType, descriptor, qualifier, keyword
    case bookTitle, publisherName, publisherLocation, locationLabel, sectionTitle, isbn
    case dataBankName, accessionNumber
}

/// Where the authors of the current `AuthorList` go.
enum PubMedAuthorRole: UInt8 {
    case authors, editors, bookAuthors
}

/// An author being read.
struct PubMedAuthorDraft {
    var lastName = ""
    var foreName = ""
    var initials = ""
    var suffix = ""
    var collectiveName = ""
    var affiliations: [String] = []

    /// The author, or nil when the element named nobody. The names move out of the draft
    /// (it is reset at the next `Author`).
    mutating func take() -> Author? {
        if !collectiveName.isEmpty { return Author(group: moving(&collectiveName)) }
        if lastName.isEmpty && foreName.isEmpty { return nil }
        if lastName.isEmpty { return Author(family: moving(&foreName)) }
        return Author(
            family: moving(&lastName), given: moving(&foreName), initials: moving(&initials), suffix: moving(&suffix))
    }
}

/// The value of `variable`, leaving an empty one in its place: a move, where `let v = variable`
/// would copy (and retain) and resetting the variable later would release.
@inline(__always)
func moving<T: RangeReplaceableCollection>(_ variable: inout T) -> T {
    var value = T()
    swap(&value, &variable)
    return value
}

/// Everything read so far of one PubMed record, turned into a ``Record`` at its end.
struct PubMedRecordDraft {
    var isBook = false
    var pmid = ""
    var title = ""
    var vernacularTitle = ""
    var sections: [Abstract.Section] = []
    var otherSections: [Abstract.Section] = []
    var authors: [Author] = []
    var editors: [Author] = []
    var bookAuthors: [Author] = []
    var affiliations: [String] = []
    var year = "", month = "", day = "", season = "", medlineDate = ""
    var journal = "", isoAbbreviation = "", medlineTA = ""
    var volume = "", issue = ""
    var medlinePgn = "", startPage = "", endPage = ""
    var elocationDOI = "", articleIdDOI = "", pmcid = ""
    var otherIDs: [Identifier] = []
    var languages: [String] = []
    var publicationTypes: [String] = []
    var mesh: [MeshHeading] = []
    var keywords: [String] = []
    var bookTitle = "", publisherName = "", publisherLocation = "", locationLabel = ""
    var sectionTitles: [String] = []

    mutating func addIdentifier(_ scheme: String, _ value: String) {
        guard !value.isEmpty else { return }
        let id = Identifier(scheme, value)
        if !otherIDs.contains(id) { otherIDs.append(id) }
    }

    /// The record, with every field mapped to the model. Consuming: the draft's strings and
    /// arrays move into the record instead of being copied.
    consuming func record() -> Record {
        var r = Record()
        let isChapter = isBook && (!title.isEmpty || !locationLabel.isEmpty)
        r.type = isBook ? (isChapter ? .bookSection : .book) : .journalArticle
        // The notes first: they read fields that move into the record below.
        var notes: [String] = []
        if isTranslatedTitle(title) {
            notes.append("PubMed: the title is an English translation (in brackets) of a title in another language")
        }
        if !publisherLocation.isEmpty { notes.append("Publisher location: " + publisherLocation) }
        if isBook {
            r.title = isChapter ? (title.isEmpty ? locationLabel : title) : bookTitle
            r.journal = isChapter && !bookTitle.isEmpty ? bookTitle : nil
            if !locationLabel.isEmpty, locationLabel != r.title { notes.append("Location: " + locationLabel) }
        } else {
            r.title = moving(&title)
            r.journal = journal.isEmpty ? nil : moving(&journal)
            r.journalAbbreviation =
                !isoAbbreviation.isEmpty ? moving(&isoAbbreviation) : (medlineTA.isEmpty ? nil : moving(&medlineTA))
        }
        if !sectionTitles.isEmpty { notes.append("Sections: " + sectionTitles.joined(separator: "; ")) }
        r.originalTitle = vernacularTitle.isEmpty ? nil : moving(&vernacularTitle)
        let main = Abstract(sections: moving(&sections))
        r.abstract = main.isEmpty && !otherSections.isEmpty ? Abstract(sections: moving(&otherSections)) : main
        r.authors = authors.isEmpty ? moving(&bookAuthors) : moving(&authors)
        r.editors = moving(&editors)
        r.date = date
        r.volume = volume.isEmpty ? nil : moving(&volume)
        r.issue = issue.isEmpty ? nil : moving(&issue)
        if !medlinePgn.isEmpty {
            r.pages = moving(&medlinePgn)
        } else if !startPage.isEmpty {
            r.pages = endPage.isEmpty ? startPage : startPage + "-" + endPage
        }
        // PubMed's own identifier list first; the publisher's electronic location otherwise
        // (the 2016 baseline files have no PubmedData).
        r.doi = DOI.normalize(articleIdDOI) ?? DOI.normalize(elocationDOI)
        r.pmid = PubMedRecordDraft.isDigits(pmid, prefix: "") ? moving(&pmid) : PMID.normalize(pmid)
        r.pmcid =
            pmcid.isEmpty
            ? nil : (PubMedRecordDraft.isDigits(pmcid, prefix: "PMC") ? moving(&pmcid) : PMCID.normalize(pmcid))
        r.otherIDs = moving(&otherIDs)
        r.languages = moving(&languages)
        r.publicationTypes = moving(&publicationTypes)
        r.mesh = moving(&mesh)
        r.keywords = moving(&keywords)
        r.affiliations = moving(&affiliations)
        if !publisherName.isEmpty { r.publisher = moving(&publisherName) }
        r.notes = notes
        return r
    }

    private var date: PublicationDate? {
        // A MedlineDate or a Season is kept as written (`2015 Oct-Dec`, `2001 May-Jun`), as
        // well as split as far as it goes.
        if !medlineDate.isEmpty { return PublicationDate(parsing: medlineDate).map { $0.keeping(medlineDate) } }
        guard !year.isEmpty else { return nil }
        var text = year
        if !season.isEmpty {
            text += " " + season
            return PublicationDate(parsing: text).map { $0.keeping(text) }
        }
        // The usual case, without the general parser: `<Year>2019</Year><Month>Dec</Month>`.
        if let y = PubMedRecordDraft.integer(year), (1000...2999).contains(y) {
            let m = month.isEmpty ? nil : (PubMedRecordDraft.integer(month) ?? PubMedRecordDraft.monthNumber(month))
            if month.isEmpty || m != nil {
                return PublicationDate(year: y, month: m, day: m == nil ? nil : PubMedRecordDraft.integer(day))
            }
        }
        if !month.isEmpty {
            text += " " + month
            if !day.isEmpty { text += " " + day }
        }
        return PublicationDate(parsing: text)
    }

    /// True for `prefix` and 1–9 digits not starting with 0 (already normal: `12345`, `PMC123`).
    static func isDigits(_ s: String, prefix: StaticString) -> Bool {
        let bytes = s.utf8
        let p = prefix.utf8CodeUnitCount
        guard bytes.count > p, bytes.count - p <= 9 else { return false }
        var i = 0
        for b in bytes {
            if i < p {
                if b != prefix.utf8Start[i] { return false }
            } else if b < 0x30 || b > 0x39 || (i == p && b == 0x30) {
                return false
            }
            i += 1
        }
        return true
    }

    /// `Int(s)`, with a fast path for 1–9 plain ASCII digits (years, months, days).
    @inline(__always)
    static func integer(_ s: String) -> Int? {
        let bytes = s.utf8
        guard (1...9).contains(bytes.count) else { return Int(s) }
        var value = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return Int(s) }
            value = value &* 10 &+ Int(b &- 0x30)
        }
        return value
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Dec` → 12 (NLM's English three-letter months).
    static func monthNumber(_ name: String) -> Int? {
        months.firstIndex(of: name).map { $0 + 1 }
    }

    /// NLM writes a translated title in square brackets: `[Title in English.]`.
    private func isTranslatedTitle(_ title: String) -> Bool {
        title.hasPrefix("[") && (title.hasSuffix("]") || title.hasSuffix("].") || title.hasSuffix("]?"))
    }

    mutating func addAffiliation(_ text: consuming String) {
        guard !text.isEmpty, !affiliations.contains(text) else { return }
        affiliations.append(text)
    }
}

extension PublicationDate {
    /// The same date with `text` set to what the source wrote.
    func keeping(_ written: String) -> PublicationDate {
        PublicationDate(year: year, month: month, day: day, text: text ?? written)
    }
}
