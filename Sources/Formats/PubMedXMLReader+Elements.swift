import Bibliography

/// What each PubMed element means, decided from the element and its ancestors.
///
/// Only elements in the expected place are read: an `ArticleId` counts under `PubmedData`
/// (not under a `Reference` of the `ReferenceList`), a `PMID` under `MedlineCitation` (not
/// under `CommentsCorrections`), a `LastName` under an `Author` of an `AuthorList` (not under
/// an `Investigator`).
extension PubMedXMLReader {
    /// Handles a start tag outside any captured field; returns the field whose text the element
    /// holds, if it is one.
    func field(for tag: PubMedTag, parent: PubMedTag, attributes: SAXAttributes) -> PubMedField? {
        switch tag {
        case .PubmedArticle, .PubmedBookArticle:
            beginRecord(isBook: tag == .PubmedBookArticle)
        case .MedlineCitation where parent != .PubmedArticle:
            beginRecord(isBook: false)
        case .BookDocument where parent != .PubmedBookArticle:
            beginRecord(isBook: true)
        case .DeleteCitation:
            deletions = []
        case .PMID:
            if parent == .DeleteCitation { return .deletePMID }
            if (parent == .MedlineCitation || parent == .BookDocument) && draft.pmid.isEmpty { return .pmid }
        case .ArticleTitle where parent == .Article || parent == .BookDocument:
            return .articleTitle
        case .VernacularTitle where parent == .Article || parent == .BookDocument:
            return .vernacularTitle
        case .Title where parent == .Journal:
            return .journalTitle
        case .ISOAbbreviation where parent == .Journal:
            return .isoAbbreviation
        case .MedlineTA where parent == .MedlineJournalInfo:
            return .medlineTA
        case .ISSN where parent == .Journal:
            return .issn
        case .Volume where parent == .JournalIssue || parent == .Book:
            return .volume
        case .Issue where parent == .JournalIssue:
            return .issue
        case .Year, .Month, .Day, .Season, .MedlineDate:
            guard parent == .PubDate, grandparent == .JournalIssue || grandparent == .Book else { return nil }
            switch tag {
            case .Year: return .year
            case .Month: return .month
            case .Day: return .day
            case .Season: return .season
            default: return .medlineDate
            }
        case .MedlinePgn where parent == .Pagination:
            return .medlinePgn
        case .StartPage where parent == .Pagination:
            return .startPage
        case .EndPage where parent == .Pagination:
            return .endPage
        case .ELocationID where inRecord:
            if attributes.value("ValidYN", is: "N") { return nil }
            if attributes.value("EIdType", is: "doi") { return .elocationDOI }
            if attributes.value("EIdType", is: "pii") { return .elocationPII }
        case .AbstractText:
            if parent == .Abstract && (grandparent == .Article || grandparent == .BookDocument) {
                sectionLabel = attributes.value("Label")
                sectionCategory = attributes.value("NlmCategory")
                return .abstractText
            }
            if parent == .OtherAbstract && otherAbstractIsEnglish {
                sectionLabel = attributes.value("Label")
                sectionCategory = attributes.value("NlmCategory")
                return .otherAbstractText
            }
        case .OtherAbstract:
            otherAbstractIsEnglish = attributes.value("Language", is: "eng")
        case .AuthorList where parent == .Article || parent == .BookDocument || parent == .Book:
            if attributes.value("Type", is: "editors") {
                authorRole = .editors
            } else {
                authorRole = parent == .Book ? .bookAuthors : .authors
            }
        case .Author where parent == .AuthorList:
            // ValidYN="N": a misspelt name NLM keeps beside the corrected one.
            inAuthor = !attributes.value("ValidYN", is: "N")
            author = PubMedAuthorDraft()
        case .LastName where inAuthor && parent == .Author:
            return .lastName
        case .ForeName where inAuthor && parent == .Author, .FirstName where inAuthor && parent == .Author:
            return .foreName
        case .Initials where inAuthor && parent == .Author:
            return .initials
        case .Suffix where inAuthor && parent == .Author:
            return .suffix
        case .CollectiveName where inAuthor && parent == .Author:
            return .collectiveName
        case .Affiliation:
            if inAuthor && (parent == .AffiliationInfo || parent == .Author) { return .authorAffiliation }
            if parent == .Article { return .recordAffiliation }
        case .Language where parent == .Article || parent == .BookDocument:
            return .language
        case .PublicationType where parent == .PublicationTypeList || parent == .BookDocument:
            return .publicationType
        case .MeshHeading:
            meshDescriptor = ""
            meshQualifiers = []
            meshMajor = false
        case .DescriptorName where parent == .MeshHeading:
            if attributes.value("MajorTopicYN", is: "Y") { meshMajor = true }
            return .descriptor
        case .QualifierName where parent == .MeshHeading:
            if attributes.value("MajorTopicYN", is: "Y") { meshMajor = true }
            return .qualifier
        case .Keyword where parent == .KeywordList:
            return .keyword
        case .ArticleId where parent == .ArticleIdList:
            let owner = grandparent
            guard owner == .PubmedData || owner == .BookDocument || owner == .PubmedBookData else { return nil }
            // One look-up of IdType, then byte comparisons.
            guard let type = attributes.rawValue("IdType") else { return nil }
            if SAXAttributes.bytes(type, are: "doi") { return .articleIdDOI }
            if SAXAttributes.bytes(type, are: "pmc") { return .articleIdPMC }
            if SAXAttributes.bytes(type, are: "pii") { return .articleIdPII }
            if SAXAttributes.bytes(type, are: "pubmed") { return .articleIdPubmed }
            if SAXAttributes.bytes(type, are: "mid") { return .articleIdMID }
            if SAXAttributes.bytes(type, are: "bookaccession") { return .articleIdBook }
        case .BookTitle where parent == .Book:
            return .bookTitle
        case .PublisherName where parent == .Publisher:
            return .publisherName
        case .PublisherLocation where parent == .Publisher:
            return .publisherLocation
        case .LocationLabel where parent == .BookDocument:
            return .locationLabel
        case .SectionTitle where parent == .Section && grandparent == .Sections:
            let depth = stack.count
            if depth >= 4, stack[depth - 4] == .BookDocument { return .sectionTitle }
        case .Isbn where parent == .Book || parent == .BookDocument:
            return .isbn
        default:
            break
        }
        return nil
    }

    /// The element two levels up from the one just opened.
    var grandparent: PubMedTag {
        let depth = stack.count
        return depth > 2 ? stack[depth - 3] : .other
    }

    /// Handles an end tag outside any captured field; `parent` is the enclosing element.
    func close(_ tag: PubMedTag, parent: PubMedTag) {
        switch tag {
        case .PubmedArticle, .PubmedBookArticle:
            endRecord()
        case .MedlineCitation where parent != .PubmedArticle:
            endRecord()
        case .BookDocument where parent != .PubmedBookArticle:
            endRecord()
        case .Author where inAuthor:
            inAuthor = false
            guard let person = author.take() else { return }
            switch authorRole {
            case .authors: draft.authors.append(person)
            case .editors: draft.editors.append(person)
            case .bookAuthors: draft.bookAuthors.append(person)
            }
            for affiliation in moving(&author.affiliations) { draft.addAffiliation(affiliation) }
        case .MeshHeading where !meshDescriptor.isEmpty:
            draft.mesh.append(MeshHeading(descriptor: meshDescriptor, qualifiers: meshQualifiers, isMajorTopic: meshMajor))
        case .OtherAbstract:
            otherAbstractIsEnglish = false
        case .DeleteCitation:
            if !deletions.isEmpty { emit(.delete(pmids: deletions)) }
            deletions = []
        default:
            break
        }
    }

    /// Stores the text of a captured field.
    func store(_ field: PubMedField, _ value: consuming String) {
        switch field {
        case .pmid: draft.pmid = value
        case .deletePMID: if let pmid = PMID.normalize(value) { deletions.append(pmid) }
        case .articleTitle: draft.title = value
        case .vernacularTitle: draft.vernacularTitle = value
        case .abstractText:
            draft.sections.append(Abstract.Section(label: sectionLabel, category: sectionCategory, text: value))
        case .otherAbstractText:
            draft.otherSections.append(Abstract.Section(label: sectionLabel, category: sectionCategory, text: value))
        case .journalTitle: draft.journal = value
        case .isoAbbreviation: draft.isoAbbreviation = value
        case .medlineTA: draft.medlineTA = value
        case .issn: draft.addIdentifier("issn", value)
        case .volume: draft.volume = value
        case .issue: draft.issue = value
        case .year: draft.year = value
        case .month: draft.month = value
        case .day: draft.day = value
        case .season: draft.season = value
        case .medlineDate: draft.medlineDate = value
        case .medlinePgn: draft.medlinePgn = value
        case .startPage: draft.startPage = value
        case .endPage: draft.endPage = value
        case .elocationDOI: if draft.elocationDOI.isEmpty { draft.elocationDOI = value }
        case .elocationPII, .articleIdPII: draft.addIdentifier("pii", value)
        case .articleIdDOI: if draft.articleIdDOI.isEmpty { draft.articleIdDOI = value }
        case .articleIdPMC: if draft.pmcid.isEmpty { draft.pmcid = value }
        case .articleIdPubmed: if draft.pmid.isEmpty { draft.pmid = value }
        case .articleIdMID: draft.addIdentifier("mid", value)
        case .articleIdBook: draft.addIdentifier("bookaccession", value)
        case .lastName: author.lastName = value
        case .foreName: author.foreName = value
        case .initials: author.initials = value
        case .suffix: author.suffix = value
        case .collectiveName: author.collectiveName = value
        case .authorAffiliation: if !value.isEmpty { author.affiliations.append(value) }
        case .recordAffiliation: draft.addAffiliation(value)
        case .language: if !value.isEmpty { draft.languages.append(value) }
        case .publicationType: if !value.isEmpty { draft.publicationTypes.append(value) }
        case .descriptor: meshDescriptor = value
        case .qualifier: if !value.isEmpty { meshQualifiers.append(value) }
        case .keyword: if !value.isEmpty { draft.keywords.append(value) }
        case .bookTitle: draft.bookTitle = value
        case .publisherName: draft.publisherName = value
        case .publisherLocation: draft.publisherLocation = value
        case .locationLabel: draft.locationLabel = value
        case .sectionTitle: if !value.isEmpty { draft.sectionTitles.append(value) }
        case .isbn: draft.addIdentifier("isbn", value)
        }
    }

    private func beginRecord(isBook: Bool) {
        draft = PubMedRecordDraft()
        draft.isBook = isBook
        inRecord = true
        inAuthor = false
        recordLine = parser?.line ?? 0
    }

    private func endRecord() {
        guard inRecord else { return }
        inRecord = false
        recordCount += 1
        // Move the draft out (an empty one takes its place) so the record takes its strings
        // without copying them.
        var finished = PubMedRecordDraft()
        swap(&finished, &state.pointee.draft)
        emit(.record((consume finished).record(), line: recordLine))
    }
}
