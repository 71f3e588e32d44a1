import Bibliography
import Charting
import Foundation
import Protocol
import Synthesis
import Testing

/// A small hand-built review: 18 records from two databases, 3 included studies (one a protocol).
enum Fixture {
    static let yaml = """
        version: 1
        review:
          title: {en: "Group care in general practice: a test review", nl: "Groepszorg in de huisartsenpraktijk: een testreview"}
          questions:
            - {en: Which group care was studied?, nl: Welke groepszorg is onderzocht?}
          authors:
            - name: Anna Jansen
              affiliation: Test network
          registration: https://doi.org/10.17605/OSF.IO/TEST0
          report_language: en
        pcc:
          population: {en: Adults with type 2 diabetes, nl: Volwassenen met diabetes type 2}
          concept: {en: Group care, nl: Groepszorg}
          context: {en: Dutch general practice, nl: Nederlandse huisartsenzorg}
        sources:
          - id: pubmed
            name: PubMed
            interface: PubMed
            files: [corpus/pubmed.xml]
            searched: 2026-09-15
            query: group*[tiab] AND diabetes[tiab]
          - id: embase
            name: Embase
            interface: Embase.com
            files: [corpus/embase.ris]
            searched: 2026-09-16
            query: "'group visit':ti,ab AND diabetes:ti,ab"
        screening:
          reviewers: [anna, bram]
          stages:
            - stage: title_abstract
              reviewers_per_record: 2
              blinded: true
              second_reviewer: all
              pilot: 5
            - stage: full_text
              reviewers_per_record: 2
              blinded: true
              second_reviewer: all
              pilot: 0
        criteria:
          - id: E1
            stage: auto
            label: {en: Published before 2015, nl: Gepubliceerd vóór 2015}
            rule: year < 2015
          - id: E2
            stage: auto
            label: {en: Not in English or Dutch, nl: Niet in het Engels of Nederlands}
            rule: language not in [\"en\", \"nl\"]
          - id: E4
            stage: title_abstract
            label: {en: Not Dutch general practice, nl: Niet de Nederlandse huisartsenzorg}
          - id: E7
            stage: full_text
            label: {en: Not an empirical study, nl: Geen empirische studie}
        codebook:
          - id: intervention_type
            label: {en: Intervention type, nl: Type interventie}
            type: multiple_choice
            required: true
            choices:
              - id: group_consultation
                label: {en: Group consultations, nl: Groepsconsulten}
                group: {en: Group care, nl: Groepszorg}
                terms: [groepsconsult*, group consultation*, shared medical appointment*]
              - id: self_management
                label: {en: Self-management, nl: Zelfmanagement}
                group: {en: Self-management, nl: Zelfmanagement}
                terms: [zelfmanagement, self-management]
              - id: telemonitoring
                label: {en: Telemonitoring, nl: Telemonitoring}
                group: {en: Self-management, nl: Zelfmanagement}
                terms: [telemonitoring, thuismeting*]
          - id: conditions
            label: {en: Conditions, nl: Aandoeningen}
            type: multiple_choice
            choices:
              - id: dm2
                label: {en: Type 2 diabetes, nl: Diabetes type 2}
                terms: [diabetes, DM2]
              - id: copd
                label: {en: COPD, nl: COPD}
                terms: [COPD]
          - id: design
            label: {en: Study design, nl: Studieopzet}
            type: single_choice
            required: true
            choices:
              - id: rct
                label: {en: Randomised controlled trial, nl: Gerandomiseerde studie}
                terms: [randomised controlled trial, randomized controlled trial, RCT]
              - id: cluster_rct
                label: {en: Cluster randomised trial, nl: Clustergerandomiseerde studie}
                terms: [cluster randomised, cluster randomized]
              - id: qualitative
                label: {en: Qualitative study, nl: Kwalitatieve studie}
                terms: [qualitative, kwalitatieve, interview*]
              - id: protocol
                label: {en: Protocol of an ongoing study, nl: Protocol van een lopende studie}
                terms: [study protocol, protocol]
          - id: setting_region
            label: {en: Setting and region, nl: Setting en regio}
            type: text
          - id: duration_months
            label: {en: Duration (months), nl: Duur (maanden)}
            type: number
          - id: key_findings
            label: {en: Key findings, nl: Belangrijkste bevindingen}
            type: text
            required: true
          - id: outcomes
            label: {en: Outcomes, nl: Uitkomsten}
            type: findings
            required: true
            choices:
              - id: effectiveness
                label: {en: Effectiveness, nl: Effectiviteit}
                terms: [HbA1c, effectiveness, effectiviteit]
              - id: patient_experience
                label: {en: Patient experience, nl: Patiëntbeleving}
                terms: [satisfaction, tevredenheid, patient experience*]
              - id: workload
                label: {en: Workload, nl: Werkdruk}
                terms: [workload, werkdruk]
        matrix:
          rows: intervention_type
          columns: outcomes
          cell: studies_with_direction
          group_rows: true
        """

    static let reviewProtocol: ReviewProtocol = {
        let result = ReviewProtocol.load(yaml: yaml, file: "protocol/protocol.yaml", fileExists: { _ in true })
        guard let p = result.reviewProtocol else { fatalError("fixture protocol: \(result.diagnostics.rendered)") }
        return p
    }()

    static let gc = Record(
        title: "Group consultations for type 2 diabetes in general practice: a cluster randomised trial",
        authors: [
            Author(family: "Jansen", given: "Anna"), Author(family: "de Boer", given: "Bram"),
            Author(family: "Smit", given: "Carla"),
        ],
        date: PublicationDate(year: 2019), journal: "Journal of Test Medicine", journalAbbreviation: "J Test Med",
        volume: "12", issue: "3",
        pages: "73-6", doi: "10.5555/test.2019.001", pmid: "990000001"
    )
    static let experiences = Record(
        title: "Experiences with groepsconsulten: a qualitative study",
        authors: [Author(family: "Visser", given: "Dirk")], date: PublicationDate(year: 2018),
        journal: "Fictief Tijdschrift",
        volume: "61", pages: "10-14", doi: "10.5555/test.2018.002"
    )
    static let protocolStudy = Record(
        title: "Telemonitoring and self-management in COPD (DEMO-TM): study protocol",
        authors: [Author(family: "Jansen", given: "Anna"), Author(family: "Mulder", given: "Eva")],
        date: PublicationDate(year: 2022),
        journal: "Trials (fictional)", volume: "23", pages: "e101", pmid: "990000003"
    )
    static let excluded = Record(
        title: "Why group care matters: an opinion", authors: [Author(family: "Bakker", given: "Frits")],
        date: PublicationDate(year: 2020),
        journal: "Opinion Weekly", doi: "10.5555/test.2020.009"
    )

    static func charted(_ values: [String: FieldValue]) -> ChartedStudy {
        ChartedStudy(values: values, isCharted: true, isVerified: true, chartedBy: ["anna"], verifiedBy: ["bram"])
    }

    static let input: SynthesisInput = {
        let charting: [RecordKey: ChartedStudy] = [
            gc.key: charted([
                "intervention_type": .choices(["group_consultation"]), "conditions": .choices(["dm2"]),
                "design": .choices(["cluster_rct"]),
                "setting_region": .text("Netherlands; 24 practices"), "duration_months": .number(12),
                "key_findings": .text("HbA1c did not differ; patients were more satisfied."),
                "outcomes": .findings([
                    OutcomeFinding(outcome: "effectiveness", direction: .noDifference, measure: "HbA1c"),
                    OutcomeFinding(outcome: "patient_experience", direction: .favourable, measure: "satisfaction"),
                ]),
            ]),
            experiences.key: charted([
                "intervention_type": .choices(["group_consultation"]), "conditions": .choices(["dm2"]),
                "design": .choices(["qualitative"]),
                "key_findings": .text("Nurses found group consultations demanding | but rewarding."),
                "outcomes": .findings([
                    OutcomeFinding(outcome: "workload", direction: .mixed, finding: "more preparation")
                ]),
            ]),
            protocolStudy.key: charted([
                "intervention_type": .choices(["telemonitoring", "self_management"]), "conditions": .choices(["copd"]),
                "design": .choices(["protocol"]),
                "key_findings": .text("Trial under way."),
                "outcomes": .findings([OutcomeFinding(outcome: "effectiveness", direction: nil)]),
            ]),
        ]
        return SynthesisInput(
            reviewProtocol: reviewProtocol,
            imports: [
                ImportedFile(file: "corpus/pubmed.xml", database: "pubmed", searchDate: "2026-09-15", records: 10),
                ImportedFile(file: "corpus/embase.ris", database: "embase", searchDate: "2026-09-16", records: 8),
            ],
            dedup: DedupFigures(recordsIn: 18, uniqueRecords: 13, duplicateGroups: 4),
            automaticExclusions: ["E1": 2, "E2": 1],
            titleAbstract: TitleAbstractResult(screened: 10, excludedByReason: ["E4": 5]),
            fullText: FullTextResult(
                sought: 5, notRetrieved: ["doi:10.5555/test.2017.404"], assessed: 4,
                excluded: [ExcludedReport(study: Study(key: excluded.key, record: excluded), reason: "E7")]
            ),
            included: [
                Study(key: protocolStudy.key, record: protocolStudy, databases: ["pubmed"]),
                Study(key: gc.key, record: gc, databases: ["embase", "pubmed"]),
                Study(key: experiences.key, record: experiences, databases: ["embase"]),
            ],
            charting: charting,
            agreement: [
                AgreementFigures(
                    stage: .titleAbstract, reviewers: ["anna", "bram"], records: 10, kappa: 0.7826, kappaLower: 0.41,
                    kappaUpper: 1.0, percentAgreement: 0.9, pabak: 0.8, conflictsResolved: 1),
                AgreementFigures(
                    stage: .fullText, reviewers: ["anna", "bram"], records: 4, kappa: 1, percentAgreement: 1, pabak: 1),
            ],
            automation: AutomationNotes(
                ranking: LocalizedText(
                    en:
                        "Records were ranked by a logistic regression on TF-IDF features, retrained after every 10 decisions.",
                    nl:
                        "Records zijn gerangschikt met logistische regressie op TF-IDF-kenmerken, na elke 10 beslissingen opnieuw getraind."
                ),
                stoppingEvidence: nil, tool: "scoping test"
            ),
            decisions: [
                DecisionRow(
                    time: "2026-10-01T09:00:01Z", reviewer: "bram", stage: "title-abstract", key: gc.key,
                    decision: "include", protocolHash: "abc"),
                DecisionRow(
                    time: "2026-10-01T09:00:00Z", reviewer: "anna", stage: "title-abstract", key: gc.key,
                    decision: "include", protocolHash: "abc"),
                DecisionRow(
                    time: "2026-10-02T09:00:00Z", reviewer: "anna", stage: "full-text", key: excluded.key,
                    decision: "exclude", reason: "E7", note: "opinion, \"no data\"", protocolHash: "abc"),
            ],
            labels: [
                LabelRow(study: Study(key: gc.key, record: gc), included: true),
                LabelRow(study: Study(key: excluded.key, record: excluded), included: true),
                LabelRow(
                    study: Study(
                        key: "doi:10.5555/test.2016.111",
                        record: Record(title: "Sports injuries, in primary care", date: PublicationDate(year: 2016))),
                    included: false),
            ]
        )
    }()
}

/// Compares `text` with `Snapshots/<name>`; records it when `SCOPING_RECORD=1`.
func assertSnapshot(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws
{
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SCOPING_RECORD"] == "1" {
        try Data(text.utf8).write(to: url)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("no snapshot \(name); run with SCOPING_RECORD=1 to record it", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != text {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        Issue.record(
            "\(name) differs from its snapshot at line \(line + 1):\n- \(line < a.count ? String(a[line]) : "")\n+ \(line < b.count ? String(b[line]) : "")",
            sourceLocation: sourceLocation)
    }
}
