import Foundation

import Protocol

/// Every fixed text of the outputs, one table per language (the report, the flow diagram, the
/// gap map). Sentences with numbers are functions so that word order can differ by language.
struct ReportStrings: Sendable {
    let language: ReportLanguage

    // Flow diagram.
    let identification: String
    let screening: String
    let includedBand: String
    let recordsIdentified: String
    let databasesWord: String
    let removedBeforeScreening: String
    let duplicatesRemoved: String
    let markedByAutomation: String
    let removedOther: String
    let recordsScreened: String
    let recordsExcluded: String
    let reportsSought: String
    let reportsNotRetrieved: String
    let reportsAssessed: String
    let reportsExcluded: String
    let studiesIncluded: String
    let reportsOfIncluded: String
    let flowTitle: String

    // Gap map.
    let gapMapTitle: String
    let legend: String
    let ongoingWord: String
    let gapWord: String
    let noGaps: String
    let cellNoStudy: String
    let interventionWord: String
    let outcomeWord: String
    let studiesWord: String

    // Report sections.
    let question: String
    let questions: String
    let authors: String
    let registration: String
    let methods: String
    let protocolAndRegistration: String
    let protocolSentence: @Sendable (_ registration: String?) -> String
    let eligibility: String
    let population: String
    let concept: String
    let context: String
    let criterionColumn: String
    let stageColumn: String
    let stageAuto: String
    let stageTitleAbstract: String
    let stageFullText: String
    let sources: String
    let databaseColumn: String
    let interfaceColumn: String
    let dateColumn: String
    let recordsColumn: String
    let searchStrategies: String
    let selection: String
    let screeningSentence:
        @Sendable (_ reviewers: String, _ stage: String, _ perRecord: Int, _ blinded: Bool, _ pilot: Int) -> String
    let conflictSentence: String
    let agreementTitle: String
    let agreementHeader: [String]
    let automationTitle: String
    let dedupSentence: @Sendable (_ recordsIn: Int, _ unique: Int, _ groups: Int) -> String
    let dedupDecidedSentence: @Sendable (_ n: Int) -> String
    let automaticCriteriaSentence: @Sendable (_ n: Int) -> String
    let noAutomaticCriteria: String
    let rankingNone: String
    let stoppingNone: String
    let chartingTitle: String
    let chartingSentence: @Sendable (_ fields: Int, _ charted: Int, _ verified: Int, _ included: Int) -> String
    let results: String
    let flowSubtitle: String
    let flowSentence: @Sendable (_ identified: Int, _ screened: Int, _ assessed: Int, _ included: Int) -> String
    let flowPicture: String
    let characteristics: String
    let studyColumn: String
    let yearColumn: String
    let tallyTitle: @Sendable (_ field: String) -> String
    let matrixTitle: String
    let matrixSentence: @Sendable (_ markdown: String, _ csv: String) -> String
    let gapMapSubtitle: String
    let gapMapSentence: String
    let perIntervention: String
    let noStudies: String
    let knowledgeGaps: String
    let gapsSentence: @Sendable (_ gaps: Int, _ cells: Int) -> String
    let gapOngoing: @Sendable (_ refs: String) -> String
    let ongoingStudies: String
    let noOngoing: String
    let references: String
    let appendix: String
    let reasonColumn: String
    let noExcluded: String
    let notCharted: String
    let notReported: String
    let legendSymbols: String
    let problemsTitle: String
    let demoNotice: String

    /// The language tag of the output files the report links to (nil: the plain names).
    var fileLanguage: ReportLanguage? = nil

    /// The name of the output file `name` in this report's set (`prisma.svg` or `prisma.en.svg`).
    func file(_ name: String) -> String { SynthesisOutputs.fileName(name, language: fileLanguage) }

    static func table(_ language: ReportLanguage) -> ReportStrings {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    /// Numbers with the language's decimal mark: `0.78` or `0,78`.
    func decimal(_ x: Double, digits: Int = 2) -> String {
        let scale = digits == 1 ? 10.0 : digits == 2 ? 100.0 : 1000.0
        let rounded = (x * scale).rounded() / scale
        var s = String(format: "%.\(digits)f", rounded)
        if language == .nl { s = s.replacingOccurrences(of: ".", with: ",") }
        return s
    }

    /// `92.3%` / `92,3%`.
    func percent(_ fraction: Double) -> String { decimal(fraction * 100, digits: 1) + "%" }

    /// `a, b and c` / `a, b en c`.
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (language == .nl ? " en " : " and ") + (items.last ?? "")
    }

    func stageName(_ stage: CriterionStage) -> String {
        switch stage {
        case .auto: stageAuto
        case .titleAbstract: stageTitleAbstract
        case .fullText: stageFullText
        }
    }
}
