import Bibliography
import XMLSupport

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
            tape.op(.deletionsReset)
        case .PMID:
            if parent == .DeleteCitation { return .deletePMID }
            if (parent == .MedlineCitation || parent == .BookDocument) && !pmidSet { return .pmid }
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
                writeSectionAttributes(attributes)
                return .abstractText
            }
            if parent == .OtherAbstract && otherAbstractIsEnglish {
                writeSectionAttributes(attributes)
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
            tape.op(.authorBegin)
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
            tape.op(.meshReset)
        case .DescriptorName where parent == .MeshHeading:
            if attributes.value("MajorTopicYN", is: "Y") { tape.op(.meshMajor) }
            return .descriptor
        case .QualifierName where parent == .MeshHeading:
            if attributes.value("MajorTopicYN", is: "Y") { tape.op(.meshMajor) }
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
        case .DataBank where parent == .DataBankList:
            // The article's own databank list (a trial's registration number, GenBank data …).
            inDataBank = grandparent == .Article || grandparent == .BookDocument
            if inDataBank { tape.op(.dataBankBegin) }
        case .DataBankName where inDataBank && parent == .DataBank:
            return .dataBankName
        case .AccessionNumber where inDataBank && parent == .AccessionNumberList:
            return .accessionNumber
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
            tape.op(.authorEnd)
            tape.byte(authorRole.rawValue)
        case .MeshHeading:
            tape.op(.meshEnd)
        case .DataBank:
            inDataBank = false
        case .OtherAbstract:
            otherAbstractIsEnglish = false
        case .DeleteCitation:
            tape.op(.deleteEnd)
            recordEnded()
        default:
            break
        }
    }

    /// Writes the captured field's raw text to the tape and empties the text buffer.
    func write(_ field: PubMedField) {
        let bytes = text.bytes
        if field == .pmid || field == .articleIdPubmed {
            // What the builder's draft will hold: a PMID that normalises to nothing is empty.
            let present = !(SAXTextBuffer.isNormal(bytes) ? bytes.isEmpty : SAXTextBuffer.normalized(bytes).isEmpty)
            pmidSet = field == .pmid ? present : (pmidSet || present)
        }
        tape.op(.field)
        tape.byte(field.rawValue)
        tape.text(bytes)
        text.clear()
    }

    private func writeSectionAttributes(_ attributes: SAXAttributes) {
        tape.op(.sectionAttributes)
        tape.optionalText(attributes.rawValue("Label"))
        tape.optionalText(attributes.rawValue("NlmCategory"))
    }

    private func beginRecord(isBook: Bool) {
        inRecord = true
        inAuthor = false
        inDataBank = false
        pmidSet = false
        tape.op(.beginRecord)
        tape.byte(isBook ? 1 : 0)
        tape.int(parser?.line ?? 0)
    }

    private func endRecord() {
        guard inRecord else { return }
        inRecord = false
        recordCount += 1
        pmidSet = false
        tape.op(.endRecord)
        recordEnded()
    }
}
