public import Bibliography

/// The flow's second column (PRISMA 2020, "identification of new studies via other methods"):
/// what became of the records found by citation searching, websites, organisations and
/// experts. Their records per source are in ``SynthesisInput/imports`` (the source's kind
/// tells the column).
///
/// Such records go through dedup and screening like the others: a record of a study the
/// databases or registers found too is counted there, not here (``foundElsewhere``).
public struct OtherMethodsResult: Hashable, Sendable {
    /// Records of studies that databases or registers (or the previous version) found too.
    public var foundElsewhere: Int
    /// Further copies of a study only other methods found.
    public var duplicates: Int
    /// Studies the automatic criteria excluded.
    public var automation: Int
    /// Title/abstract screening of the studies only other methods found.
    public var titleAbstract: TitleAbstractResult
    /// Full-text screening of those studies: sought, not retrieved, assessed, excluded.
    public var fullText: FullTextResult

    public init(
        foundElsewhere: Int, duplicates: Int, automation: Int, titleAbstract: TitleAbstractResult,
        fullText: FullTextResult
    ) {
        self.foundElsewhere = foundElsewhere
        self.duplicates = duplicates
        self.automation = automation
        self.titleAbstract = titleAbstract
        self.fullText = fullText
    }
}

/// The earlier version of an updated review: its date and which included studies are its.
public struct PreviousVersionResult: Hashable, Sendable {
    /// The date of the earlier version's searches, ISO 8601.
    public var date: String
    /// How the earlier version is cited, if the protocol says.
    public var citation: String?
    /// The included studies that are the earlier version's: found by its searches, or named in
    /// its list of included studies.
    public var includedStudies: Set<RecordKey>
    /// Records of the later searches that belong to the earlier version's studies: removed
    /// before screening ("already screened for the previous version").
    public var alreadyScreened: Int
    /// The earlier version's list of included studies (one record per study), when the protocol
    /// gives one (`included:` or `revision:`); then the flow's previous box counts it.
    public var listed: [Record]?
    /// The entries of ``listed`` that name none of this version's included studies, in list order.
    public var notFoundAgain: [Record]
    /// Included studies the earlier version's searches found that its list does not name.
    public var notListed: [RecordKey]

    public init(
        date: String, citation: String? = nil, includedStudies: Set<RecordKey>, alreadyScreened: Int,
        listed: [Record]? = nil, notFoundAgain: [Record] = [], notListed: [RecordKey] = []
    ) {
        self.date = date
        self.citation = citation
        self.includedStudies = includedStudies
        self.alreadyScreened = alreadyScreened
        self.listed = listed
        self.notFoundAgain = notFoundAgain
        self.notListed = notListed
    }
}
