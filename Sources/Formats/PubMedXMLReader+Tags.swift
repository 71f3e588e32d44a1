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
    // Books.
    case Book, BookTitle, Publisher, PublisherName, PublisherLocation, LocationLabel, Sections, Section
    case SectionTitle, Isbn
    // MathML's root (`mml:math`; names arrive without their prefix).
    case math

    /// Element names in case order, for ``SAXNameTable`` (ids 1…).
    static let names: [String] = allCases.dropFirst().map { String(describing: $0) }
}
