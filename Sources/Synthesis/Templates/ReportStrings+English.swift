import Foundation

extension ReportStrings {
    static let english = ReportStrings(
        language: .en,
        identification: "Identification",
        screening: "Screening",
        includedBand: "Included",
        recordsIdentified: "Records identified from databases",
        databasesWord: "Databases",
        removedBeforeScreening: "Records removed before screening",
        duplicatesRemoved: "Duplicate records removed",
        markedByAutomation: "Records marked as ineligible by automation tools",
        removedOther: "Records removed for other reasons",
        recordsScreened: "Records screened",
        recordsExcluded: "Records excluded",
        reportsSought: "Reports sought for retrieval",
        reportsNotRetrieved: "Reports not retrieved",
        reportsAssessed: "Reports assessed for eligibility",
        reportsExcluded: "Reports excluded",
        studiesIncluded: "Studies included in review",
        reportsOfIncluded: "Reports of included studies",
        flowTitle: "PRISMA-ScR flow diagram",
        gapMapTitle: "Evidence gap map",
        legend: "Legend",
        ongoingWord: "ongoing",
        gapWord: "gap",
        noGaps: "Every cell holds at least one completed study.",
        cellNoStudy: "no completed study (gap)",
        interventionWord: "Intervention",
        outcomeWord: "Outcome",
        studiesWord: "studies",
        question: "Review question",
        questions: "Review questions",
        authors: "Authors",
        registration: "Registration",
        methods: "Methods",
        protocolAndRegistration: "Protocol and registration",
        protocolSentence: { registration in
            "The review follows the JBI methodology for scoping reviews and is reported according to PRISMA-ScR. The protocol (question, eligibility criteria, searches, charting codebook and results matrix) is kept in `protocol/protocol.yaml`"
                + (registration.map { " and registered at <\($0)>." } ?? ".")
        },
        eligibility: "Eligibility criteria",
        population: "Population",
        concept: "Concept",
        context: "Context",
        criterionColumn: "Criterion",
        stageColumn: "Applied at",
        stageAuto: "automatically",
        stageTitleAbstract: "title/abstract",
        stageFullText: "full text",
        sources: "Information sources and search",
        databaseColumn: "Database",
        interfaceColumn: "Interface",
        dateColumn: "Searched",
        recordsColumn: "Records",
        searchStrategies: "Search strategies",
        selection: "Selection of sources of evidence",
        screeningSentence: { reviewers, stage, perRecord, blinded, pilot in
            var s = "At \(stage) screening, "
            s +=
                perRecord >= 2
                ? "two reviewers (\(reviewers)) decided on every record independently"
                : "one reviewer (of \(reviewers)) decided on every record"
            s += blinded ? ", blinded to each other's decisions" : ""
            s += pilot > 0 ? ", after a calibration pilot of \(pilot) records." : "."
            return s
        },
        conflictSentence:
            "Disagreements were resolved by discussion; the final decision is logged as a reconciliation.",
        agreementTitle: "Agreement between reviewers",
        agreementHeader: [
            "Stage", "Reviewers", "Records", "Agreement", "Cohen's κ (95% CI)", "PABAK", "Conflicts resolved",
        ],
        automationTitle: "Automation",
        dedupSentence: { recordsIn, unique, groups in
            "Duplicates were detected automatically (identifiers, then title, authors, year and journal compared with rules) and checked by a person: the \(recordsIn) records imported form \(unique) unique records; \(groups) unique records were found more than once."
        },
        dedupDecidedSentence: { n in
            "A person decided \(n) \(n == 1 ? "pair" : "pairs") of records that the rules left uncertain (or held back as doubtful)."
        },
        automaticCriteriaSentence: { n in
            "Criteria that can be judged from the bibliographic data alone were applied automatically, by rules in the protocol; they excluded \(n) records (see the flow diagram)."
        },
        noAutomaticCriteria: "No criterion was applied automatically.",
        rankingNone: "Records were screened in a fixed order, without ranking by relevance.",
        stoppingNone: "Every record was screened; screening did not stop early.",
        chartingTitle: "Data charting",
        chartingSentence: { fields, charted, verified, included in
            "One reviewer charted each included study on a form of \(fields) fields built from the protocol's codebook (prefilled with suggestions that a person confirmed or changed); a second reviewer verified it field by field. Charted: \(charted) of \(included) studies; verified: \(verified)."
        },
        results: "Results",
        flowSubtitle: "Selection of sources of evidence",
        flowSentence: { identified, screened, assessed, included in
            "The searches found \(identified) records; \(screened) unique records were screened on title and abstract, \(assessed) full texts were assessed, and \(included) studies were included."
        },
        flowPicture: "Flow diagram as a picture",
        characteristics: "Characteristics of the included studies",
        studyColumn: "Study",
        yearColumn: "Year",
        tallyTitle: { field in "Studies by \(field.lowercased())" },
        matrixTitle: "Results matrix",
        matrixSentence: { md, csv in
            "The full charting table, one row per study and one column per codebook field, is in [\(md)](\(md)) and [\(csv)](\(csv))."
        },
        gapMapSubtitle: "Evidence gap map",
        gapMapSentence:
            "Per intervention and outcome: the completed studies (reference numbers) with the direction of their finding. Ongoing studies are listed in brackets and do not fill a cell.",
        perIntervention: "Findings per type of intervention",
        noStudies: "No completed study.",
        knowledgeGaps: "Knowledge gaps",
        gapsSentence: { gaps, cells in
            "\(gaps) of the \(cells) combinations of intervention and outcome have no completed study:"
        },
        gapOngoing: { refs in "an ongoing study will report on it: \(refs)" },
        ongoingStudies: "Ongoing studies",
        noOngoing: "No ongoing studies (protocols or registrations) were included.",
        references: "References",
        appendix: "Appendix: full-text reports excluded, with reasons",
        reasonColumn: "Reason",
        noExcluded: "No report was excluded at full text.",
        notCharted: "not charted yet",
        notReported: "not reported",
        legendSymbols: "+ favourable, = no difference, − unfavourable, ± mixed, ? direction not charted",
        problemsTitle: "Checks that failed",
        demoNotice: ""
    )
}
