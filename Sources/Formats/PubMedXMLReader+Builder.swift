import Bibliography
import XMLSupport

/// The record side of a ``PubMedXMLReader``: replays a ``PubMedTape`` into the draft and hands
/// out each ``Record``, deletion and warning, in file order.
///
/// It keeps what lasts between steps (the draft, the author and MeSH heading being read, the
/// current abstract section's label), so a record may span two tapes.
struct PubMedRecordBuilder {
    let file: String
    var draft = PubMedRecordDraft()
    var recordLine = 0
    var author = PubMedAuthorDraft()
    var sectionLabel: String? = nil
    var sectionCategory: String? = nil
    var meshDescriptor = ""
    var meshQualifiers: [String] = []
    var meshMajor = false
    var deletions: [String] = []
    /// The name of the `DataBank` being read (its accession numbers follow it).
    var dataBankName = ""

    init(file: String) {
        self.file = file
    }

    /// Replays the steps of `tape`, calling `handler` for each record, deletion and warning.
    /// - Throws: what `handler` throws (the rest of the tape is then not replayed).
    mutating func replay(_ tape: UnsafeRawBufferPointer, handler: (ReaderEvent) throws -> Void) throws {
        var cursor = PubMedTapeCursor(tape)
        while !cursor.atEnd {
            guard let op = PubMedTapeOp(rawValue: cursor.byte()) else {
                preconditionFailure("PubMed tape: unknown step")
            }
            switch op {
            case .beginRecord:
                draft = PubMedRecordDraft()
                draft.isBook = cursor.byte() != 0
                recordLine = cursor.int()
                dataBankName = ""
            case .endRecord:
                // Move the draft out (an empty one takes its place) so the record takes its
                // strings without copying them.
                var finished = PubMedRecordDraft()
                swap(&finished, &draft)
                try handler(.record((consume finished).record(), line: recordLine))
            case .field:
                guard let field = PubMedField(rawValue: cursor.byte()) else {
                    preconditionFailure("PubMed tape: unknown field")
                }
                let text = cursor.text()
                store(
                    field,
                    SAXTextBuffer.isNormal(text)
                        ? String(decoding: text, as: UTF8.self) : SAXTextBuffer.normalized(text))
            case .sectionAttributes:
                sectionLabel = cursor.optionalText().map(SAXAttributes.decode)
                sectionCategory = cursor.optionalText().map(SAXAttributes.decode)
            case .authorBegin:
                author = PubMedAuthorDraft()
            case .authorEnd:
                let role = PubMedAuthorRole(rawValue: cursor.byte()) ?? .authors
                guard let person = author.take() else { continue }
                switch role {
                case .authors: draft.authors.append(person)
                case .editors: draft.editors.append(person)
                case .bookAuthors: draft.bookAuthors.append(person)
                }
                for affiliation in moving(&author.affiliations) { draft.addAffiliation(affiliation) }
            case .meshReset:
                meshDescriptor = ""
                meshQualifiers = []
                meshMajor = false
            case .meshMajor:
                meshMajor = true
            case .meshEnd:
                if !meshDescriptor.isEmpty {
                    draft.mesh.append(
                        MeshHeading(descriptor: meshDescriptor, qualifiers: meshQualifiers, isMajorTopic: meshMajor))
                }
            case .dataBankBegin:
                dataBankName = ""
            case .deletionsReset:
                deletions = []
            case .deleteEnd:
                let pmids = moving(&deletions)
                if !pmids.isEmpty { try handler(.delete(pmids: pmids)) }
            case .warning:
                let line = cursor.int()
                let message = String(decoding: cursor.text(), as: UTF8.self)
                try handler(.warning(FormatWarning(file: file, line: line < 0 ? nil : line, message: message)))
            }
        }
    }

    /// Stores the text of a captured field.
    mutating func store(_ field: PubMedField, _ value: consuming String) {
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
        case .dataBankName: dataBankName = value
        case .accessionNumber:
            if let id = TrialRegistration.id(databank: dataBankName, accession: value) {
                draft.addIdentifier(TrialRegistration.scheme, id)
            }
        }
    }
}
