import Protocol

/// The words for registers, other methods, search updates and updated reviews, in the flow
/// diagram and the report (beside ``ReportStrings``, one table per language).
struct SourceStrings: Sendable {
    let recordsIdentifiedBoth: String
    let databasesLine: String
    let registersLine: String
    let otherIdentified: String
    let foundElsewhere: String
    let duplicates: String
    let excludedOnTitleAbstract: String
    let notYetScreened: String
    let alreadyScreened: String
    let previousStudies: String
    let previousReports: String
    let newStudies: String
    let newReports: String
    let totalStudies: String
    let totalReports: String
    let update: String
    let kindName: @Sendable (SourceKind) -> String
    let otherMethodsSentence: @Sendable (_ records: Int, _ studies: Int) -> String
    let updateSentence: @Sendable (_ date: String, _ sources: String, _ records: Int) -> String
    let previousVersionSentence: @Sendable (_ date: String, _ citation: String?) -> String
    let previousResultsSentence: @Sendable (_ previous: Int, _ new: Int, _ total: Int) -> String
    /// The characteristics table's column that tells earlier studies from new ones, and its words.
    let versionColumn: String
    let earlierStudy: String
    let newStudy: String
    /// Before the list of the earlier version's studies this version does not include.
    let notFoundAgainSentence: @Sendable (_ n: Int) -> String

    static func table(_ language: ReportLanguage) -> SourceStrings {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    static let english = SourceStrings(
        recordsIdentifiedBoth: "Records identified from databases and registers",
        databasesLine: "Databases", registersLine: "Registers",
        otherIdentified: "Records identified from other methods",
        foundElsewhere: "Already found in databases or registers",
        duplicates: "Duplicate records",
        excludedOnTitleAbstract: "Excluded on title and abstract",
        notYetScreened: "Not screened yet",
        alreadyScreened: "Records already screened for the previous version",
        previousStudies: "Studies included in previous version of review",
        previousReports: "Reports of studies included in previous version of review",
        newStudies: "New studies included in review",
        newReports: "Reports of new included studies",
        totalStudies: "Total studies included in review",
        totalReports: "Reports of total included studies",
        update: "update",
        kindName: { kind in
            switch kind {
            case .database: "database"
            case .register: "register"
            case .citationSearching: "citation searching"
            case .websites: "websites"
            case .organisations: "organisations"
            case .experts: "experts"
            }
        },
        otherMethodsSentence: { records, studies in
            "Other methods (listed with the sources above) gave \(records) records; they were deduplicated and screened as the database records were, and \(studies) of the included studies were found by them alone."
        },
        updateSentence: { date, sources, records in
            "The searches of \(sources) were run again on \(date) (\(records) records); records of studies found before kept their decisions, and only new studies were screened."
        },
        previousVersionSentence: { date, citation in
            "This review updates an earlier version" + (citation.map { " (\($0))" } ?? "")
                + " whose searches ran up to \(date). Only records from later searches were screened; the flow diagram follows the PRISMA 2020 template for updated reviews."
        },
        previousResultsSentence: { previous, new, total in
            "Of the \(total) included studies, \(previous) were included in the previous version and \(new) are new."
        },
        versionColumn: "Version", earlierStudy: "previous", newStudy: "new",
        notFoundAgainSentence: { n in
            n == 1
                ? "One study of the previous version's list is not among the studies this version includes; it counts in the total:"
                : "\(n) studies of the previous version's list are not among the studies this version includes; they count in the total:"
        }
    )

    static let dutch = SourceStrings(
        recordsIdentifiedBoth: "Records gevonden in databases en registers",
        databasesLine: "Databases", registersLine: "Registers",
        otherIdentified: "Records gevonden via andere methoden",
        foundElsewhere: "Al gevonden in databases of registers",
        duplicates: "Dubbele records",
        excludedOnTitleAbstract: "Geëxcludeerd op titel en samenvatting",
        notYetScreened: "Nog niet beoordeeld",
        alreadyScreened: "Records al beoordeeld voor de vorige versie",
        previousStudies: "Studies geïncludeerd in de vorige versie van de review",
        previousReports: "Publicaties van studies uit de vorige versie",
        newStudies: "Nieuwe studies geïncludeerd in de review",
        newReports: "Publicaties van nieuwe geïncludeerde studies",
        totalStudies: "Totaal aantal studies geïncludeerd in de review",
        totalReports: "Publicaties van alle geïncludeerde studies",
        update: "update",
        kindName: { kind in
            switch kind {
            case .database: "database"
            case .register: "register"
            case .citationSearching: "referenties en citaties"
            case .websites: "websites"
            case .organisations: "organisaties"
            case .experts: "experts"
            }
        },
        otherMethodsSentence: { records, studies in
            "Andere methoden (bij de bronnen hierboven) leverden \(records) records op; die zijn ontdubbeld en beoordeeld zoals de records uit de databases, en \(studies) van de geïncludeerde studies zijn alleen zo gevonden."
        },
        updateSentence: { date, sources, records in
            "De zoekacties in \(sources) zijn op \(date) herhaald (\(records) records); records van eerder gevonden studies hielden hun beoordeling, alleen nieuwe studies zijn beoordeeld."
        },
        previousVersionSentence: { date, citation in
            "Deze review actualiseert een eerdere versie" + (citation.map { " (\($0))" } ?? "")
                + " waarvan de zoekacties liepen tot \(date). Alleen records uit latere zoekacties zijn beoordeeld; het stroomdiagram volgt het PRISMA 2020-sjabloon voor geactualiseerde reviews."
        },
        previousResultsSentence: { previous, new, total in
            "Van de \(total) geïncludeerde studies kwamen er \(previous) uit de vorige versie en zijn er \(new) nieuw."
        },
        versionColumn: "Versie", earlierStudy: "vorige", newStudy: "nieuw",
        notFoundAgainSentence: { n in
            n == 1
                ? "Eén studie uit de lijst van de vorige versie is niet bij de studies die deze versie includeert; zij telt mee in het totaal:"
                : "\(n) studies uit de lijst van de vorige versie zijn niet bij de studies die deze versie includeert; zij tellen mee in het totaal:"
        }
    )
}
