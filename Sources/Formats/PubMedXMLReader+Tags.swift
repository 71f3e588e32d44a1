/// The PubMed DTD elements the reader looks at, one byte each on its element stack.
///
/// Case names are the element names as NLM spells them (so the table of names is derived
/// from the cases and cannot drift); every other element is ``other``.
enum PubMedTag: UInt8, CaseIterable {
    case other = 0
    // Roots and records.
    case PubmedArticleSet, MedlineCitationSet, PubmedBookArticleSet, BookDocumentSet
    case PubmedArticle, MedlineCitation, PubmedBookArticle, BookDocument, PubmedData, PubmedBookData
    case DeleteCitation, PMID
    // Article and journal.
    case Article, Journal, JournalIssue, ISSN, Volume, Issue, PubDate, Year, Month, Day, Season, MedlineDate
    case Title, ISOAbbreviation, MedlineJournalInfo, MedlineTA
    case ArticleTitle, VernacularTitle, Pagination, MedlinePgn, StartPage, EndPage, ELocationID
    case Abstract, AbstractText, OtherAbstract
    // People.
    case AuthorList, Author, LastName, ForeName, FirstName, Initials, Suffix, CollectiveName
    case AffiliationInfo, Affiliation, InvestigatorList
    // Classification.
    case Language, PublicationTypeList, PublicationType, MeshHeadingList, MeshHeading, DescriptorName
    case QualifierName, KeywordList, Keyword
    // Identifiers, and the lists whose identifiers belong to other articles.
    case ArticleIdList, ArticleId, ReferenceList, CommentsCorrectionsList
    // Databanks: trial registration numbers (and data the reader leaves out).
    case DataBankList, DataBank, DataBankName, AccessionNumberList, AccessionNumber
    // Books.
    case Book, BookTitle, Publisher, PublisherName, PublisherLocation, LocationLabel, Sections, Section
    case SectionTitle, Isbn
    // Inline scripts (`CO<sub>2</sub>`), and MathML's root (`mml:math`; names arrive without
    // their prefix). `math` stays the last case (see `init(id:)`).
    case sup, sub, math

    /// Element names in case order, for ``SAXNameTable`` (ids 1…).
    static let names: [String] = allCases.dropFirst().map { String(describing: $0) }
}

extension PubMedTag {
    /// The tag of a ``SAXNameTable`` id made from ``names`` (0, or out of range: ``other``).
    @inline(__always)
    init(id: Int) {
        // Ids are the cases' raw values (`names` is `allCases` without `other`, in order), and
        // a raw value in 0...math.rawValue is a case: the bit cast is exact.
        self =
            id > 0 && id <= Int(PubMedTag.math.rawValue)
            ? unsafeBitCast(UInt8(truncatingIfNeeded: id), to: PubMedTag.self) : .other
    }
}

/// The open elements, innermost last: a growable array of one-byte tags that the reader owns
/// outright (not copyable), so pushing and popping cost no reference counting or uniqueness
/// checks.
struct PubMedTagStack: ~Copyable {
    private var storage: UnsafeMutablePointer<PubMedTag>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> PubMedTag {
        precondition(index >= 0 && index < count, "tag stack index out of range")
        return storage[index]
    }

    var last: PubMedTag? { count > 0 ? storage[count - 1] : nil }

    @inline(__always)
    mutating func append(_ tag: PubMedTag) {
        if count == capacity { grow() }
        storage[count] = tag
        count += 1
    }

    @inline(__always)
    mutating func popLast() -> PubMedTag? {
        guard count > 0 else { return nil }
        count -= 1
        return storage[count]
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<PubMedTag>.allocate(capacity: capacity * 2)
        bigger.initialize(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }
}
