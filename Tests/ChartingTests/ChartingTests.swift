import Bibliography
import Charting
import Foundation
import Protocol
import Testing

enum CodebookFixture {
    static let codebook = Codebook(fields: [
        CodebookField(
            id: "intervention_type", label: LocalizedText(en: "Intervention", nl: "Interventie"), type: .multipleChoice,
            choices: [
                CodebookChoice(
                    id: "group_consultation", label: LocalizedText(en: "Group consultations", nl: "Groepsconsulten"),
                    terms: ["groepsconsult*", "group consultation*"]),
                CodebookChoice(
                    id: "self_management", label: LocalizedText(en: "Self-management", nl: "Zelfmanagement"),
                    terms: ["zelfmanagement", "self-management"]),
            ], required: true),
        CodebookField(
            id: "design", label: LocalizedText(en: "Design", nl: "Opzet"), type: .singleChoice,
            choices: [
                CodebookChoice(
                    id: "rct", label: LocalizedText(en: "RCT", nl: "RCT"),
                    terms: ["randomized controlled trial", "randomised controlled trial"]),
                CodebookChoice(
                    id: "cluster_rct", label: LocalizedText(en: "Cluster RCT", nl: "Cluster-RCT"),
                    terms: ["cluster randomised", "cluster randomized"]),
                CodebookChoice(id: "cohort", label: LocalizedText(en: "Cohort", nl: "Cohort"), terms: ["cohort"]),
                CodebookChoice(
                    id: "protocol", label: LocalizedText(en: "Protocol", nl: "Protocol"),
                    terms: ["study protocol", "protocol"]),
            ], required: true),
        CodebookField(id: "year", label: LocalizedText(en: "Year", nl: "Jaar"), type: .number),
        CodebookField(id: "setting_region", label: LocalizedText(en: "Setting", nl: "Setting"), type: .text),
        CodebookField(id: "duration_months", label: LocalizedText(en: "Duration", nl: "Duur"), type: .number),
        CodebookField(
            id: "outcomes", label: LocalizedText(en: "Outcomes", nl: "Uitkomsten"), type: .findings,
            choices: [
                CodebookChoice(
                    id: "effectiveness", label: LocalizedText(en: "Effectiveness", nl: "Effectiviteit"),
                    terms: ["HbA1c", "effectiviteit"]),
                CodebookChoice(
                    id: "patient_experience", label: LocalizedText(en: "Patient experience", nl: "Patiëntbeleving"),
                    terms: ["tevredenheid", "satisfaction"]),
            ], required: true),
    ])
}

@Suite struct SuggestionTests {
    let form = ChartingForm(codebook: CodebookFixture.codebook)

    @Test func suggestsFromTermsAccentAndCaseInsensitive() {
        let record = Record(
            title: "GROEPSCONSULTEN bij diabetes: een cohortstudie",
            abstract: Abstract(
                "Patiënten in Groepsconsulten hadden een lager HbA1c en grotere tevredenheid. Zelf-management nam toe."),
            date: PublicationDate(year: 2019),
            affiliations: [
                "Afdeling Huisartsgeneeskunde, Universiteit Utrecht, Utrecht, The Netherlands",
                "Ghent University, Gent, Belgium",
            ]
        )
        let s = Dictionary(uniqueKeysWithValues: form.suggestions(for: record).map { ($0.field, $0.value) })
        #expect(s["intervention_type"] == .choices(["group_consultation", "self_management"]))
        #expect(s["year"] == .number(2019))
        #expect(s["setting_region"] == .text("Netherlands; Belgium"))
        #expect(
            s["outcomes"]
                == .findings([
                    OutcomeFinding(outcome: "effectiveness", direction: nil),
                    OutcomeFinding(outcome: "patient_experience", direction: nil),
                ]))
        // "cohortstudie" is not the word "cohort": no design from the title; none in the abstract either.
        #expect(s["design"] == nil)
    }

    @Test func designFromPublicationTypesAndMeSHBeforeTheAbstract() {
        let record = Record(
            title: "Group consultations in general practice",
            abstract: Abstract("A cluster randomised design was considered but a cohort was followed."),
            publicationTypes: ["Journal Article", "Randomized Controlled Trial"],
            mesh: [MeshHeading(descriptor: "Cohort Studies")]
        )
        let design = form.suggestions(for: record).first { $0.field == "design" }
        #expect(design?.value == .choices(["rct"]))
        #expect(design?.evidence == ["publication types, MeSH and keywords: 'randomized controlled trial'"])
    }

    @Test func aProtocolTitleMakesAProtocol() {
        let record = Record(title: "Group consultations for diabetes: protocol for a cluster randomised trial")
        #expect(form.suggestions(for: record).first { $0.field == "design" }?.value == .choices(["protocol"]))
    }

    @Test func suggestionsStaySuggestionsUntilConfirmed() throws {
        let key: RecordKey = "pmid:1"
        let suggested = ChartingEntry(
            study: key, field: "design", value: .choices(["rct"]), status: .suggested, role: .chart, reviewer: "anna",
            time: "2026-10-01T09:00:00Z")
        var state = ChartingState(entries: [suggested])
        #expect(state[key].values.isEmpty)
        #expect(!state[key].isCharted(against: CodebookFixture.codebook))
        let record = Record(title: "x", publicationTypes: ["Randomized Controlled Trial"])
        let row = try #require(form.rows(for: record, state: state[key]).first { $0.field.id == "design" })
        #expect(row.prefill?.isSuggestion == true)

        let confirmed = ChartingEntry(
            study: key, field: "design", value: .choices(["rct"]), status: .confirmed, role: .chart, reviewer: "anna",
            time: "2026-10-01T09:01:00Z")
        state = ChartingState(entries: [suggested, confirmed])
        #expect(state[key].values["design"] == .choices(["rct"]))
    }
}

@Suite struct StateAndLogTests {
    let key: RecordKey = "pmid:1"

    func entry(
        _ field: String, _ value: FieldValue?, _ status: ValueStatus, _ role: ChartingRole, _ who: String,
        _ time: String
    ) -> ChartingEntry {
        ChartingEntry(
            study: key, field: field, value: value, status: status, role: role, reviewer: who, time: time,
            protocolHash: "abc")
    }

    @Test func chartThenVerifyThenCorrect() {
        let codebook = CodebookFixture.codebook
        var entries = [
            entry(
                "intervention_type", .choices(["group_consultation"]), .confirmed, .chart, "anna",
                "2026-10-01T09:00:00Z"),
            entry("design", .choices(["rct"]), .confirmed, .chart, "anna", "2026-10-01T09:00:01Z"),
            entry(
                "outcomes",
                .findings([OutcomeFinding(outcome: "effectiveness", direction: .favourable, measure: "HbA1c")]),
                .confirmed, .chart, "anna", "2026-10-01T09:00:02Z"),
        ]
        var state = ChartingState(entries: entries)
        #expect(state[key].isCharted(against: codebook))
        #expect(!state[key].isVerified(against: codebook))
        entries += [
            entry(
                "intervention_type", .choices(["group_consultation"]), .confirmed, .verify, "bram",
                "2026-10-02T09:00:00Z"),
            entry("design", .choices(["cluster_rct"]), .corrected, .verify, "bram", "2026-10-02T09:00:01Z"),
            entry("outcomes", nil, .confirmed, .verify, "bram", "2026-10-02T09:00:02Z"),
        ]
        state = ChartingState(entries: entries.reversed())  // order of logs does not matter, time does
        #expect(state[key].isVerified(against: codebook))
        #expect(state[key].values["design"] == .choices(["cluster_rct"]))
        #expect(state[key].charters == ["anna"])
        #expect(state[key].verifiers == ["bram"])
    }

    @Test func jsonLinesRoundTrip() throws {
        let e = entry(
            "outcomes",
            .findings([
                OutcomeFinding(
                    outcome: "effectiveness", direction: .noDifference, measure: "HbA1c", finding: "no change")
            ]), .confirmed, .chart, "anna", "2026-10-01T09:00:00Z")
        let line = e.jsonLine()
        #expect(
            line
                == #"{"at":"2026-10-01T09:00:00Z","field":"outcomes","protocol":"abc","reviewer":"anna","role":"chart","status":"confirmed","study":"pmid:1","v":1,"value":[{"direction":"no_difference","finding":"no change","measure":"HbA1c","outcome":"effectiveness"}]}"#
        )
        #expect(try ChartingEntry(jsonLine: line) == e)
        for value: FieldValue? in [.text("a/b"), .number(12), .number(2.5), .choices(["rct"]), nil] {
            let x = entry("f", value, .confirmed, .chart, "anna", "t")
            #expect(try ChartingEntry(jsonLine: x.jsonLine()) == x)
        }
    }

    @Test func tornAndMalformedLinesAreReported() throws {
        let good = entry("design", .choices(["rct"]), .confirmed, .chart, "anna", "t").jsonLine()
        let torn = try ChartingLog.parse(good + "\n{\"at\":", file: "charting/anna.jsonl")
        #expect(torn.entries.count == 1 && torn.tornLine == 2)
        #expect(
            torn.warning
                == "charting/anna.jsonl:2: warning: the last line is incomplete (cut off while writing); the entries before it are kept"
        )
        // A whole last line without its line break is an entry (a hand-edited file).
        #expect(try ChartingLog.parse(good + "\n" + good, file: "charting/anna.jsonl").entries.count == 2)
        #expect(throws: ChartingError.self) {
            try ChartingLog.parse("{\"v\":1}\n" + good + "\n", file: "charting/anna.jsonl")
        }
    }

    @Test func writerAppendsLocksAndMovesATornLineAside() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("charting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("anna.jsonl").path
        let e = entry("design", .choices(["rct"]), .confirmed, .chart, "anna", "t")
        do {
            let writer = try ChartingLogWriter(path: path, holder: "anna, pid 1")
            try writer.append([e, e])
            #expect(throws: ChartingError.locked(file: path, holder: "anna, pid 1")) {
                _ = try ChartingLogWriter(path: path, holder: "anna, pid 2")
            }
        }
        #expect(try ChartingLog.read(path: path).entries == [e, e])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"at\"".utf8))
        try handle.close()
        #expect(try ChartingLog.read(path: path).tornLine == 3)
        let writer = try ChartingLogWriter(path: path, holder: "x", displayName: "charting/anna.jsonl")
        #expect(
            writer.openWarning
                == "charting/anna.jsonl:3: warning: the last line was incomplete (cut off while writing); moved to charting/anna.jsonl.torn"
        )
        try writer.append([e])
        #expect(try ChartingLog.read(path: path).entries == [e, e, e])
        #expect(try String(contentsOfFile: path + ".torn", encoding: .utf8) == "{\"at\"\n")
    }
}

@Suite struct SheetTests {
    let sheet = ChartingSheet(codebook: CodebookFixture.codebook)
    let key: RecordKey = "pmid:1"

    func studies() -> [ChartingSheet.Row] {
        let state = ChartingState(entries: [
            ChartingEntry(
                study: key, field: "outcomes",
                value: .findings([
                    OutcomeFinding(
                        outcome: "effectiveness", direction: .mixed, measure: "HbA1c; BP",
                        finding: "lower, \"not\" significant")
                ]), status: .confirmed, role: .chart, reviewer: "anna", time: "t"),
            ChartingEntry(
                study: key, field: "duration_months", value: .number(12), status: .confirmed, role: .chart,
                reviewer: "anna", time: "t"),
        ])
        return [
            ChartingSheet.Row(
                study: Study(
                    key: key,
                    record: Record(
                        title: "Groepsconsulten; a cohort", authors: [Author(family: "Jansen")],
                        date: PublicationDate(year: 2019))),
                state: state[key])
        ]
    }

    @Test(arguments: [Character(","), Character(";")])
    func exportThenImportRoundTrips(delimiter: Character) throws {
        let csv = sheet.export(studies(), delimiter: delimiter)
        #expect(
            csv.hasPrefix(
                "\u{FEFF}study\(delimiter)first_author\(delimiter)record_year\(delimiter)record_title\(delimiter)intervention_type"
            ))
        let imported = sheet.importCSV(csv, file: "sheet.csv", knownStudies: [key])
        #expect(imported.problems == [])
        let values = try #require(imported.values[key])
        #expect(values["intervention_type"] == .some(.choices(["group_consultation"])))
        #expect(values["duration_months"] == .some(.number(12)))
        #expect(
            values["outcomes"]
                == .some(
                    .findings([
                        OutcomeFinding(
                            outcome: "effectiveness", direction: .mixed, measure: "HbA1c; BP",
                            finding: "lower, \"not\" significant")
                    ])))
        #expect(values["year"] == .some(.number(2019)))
        // Only what changed becomes a log entry.
        let state = ChartingState(entries: [
            ChartingEntry(
                study: key, field: "duration_months", value: .number(12), status: .confirmed, role: .chart,
                reviewer: "anna", time: "t")
        ])
        let entries = imported.entries(reviewer: "bram", time: "t2", protocolHash: nil, state: state)
        #expect(entries.map(\.field) == ["design", "intervention_type", "outcomes", "year"])
        #expect(entries.allSatisfy { $0.status == .confirmed && $0.role == .chart })
    }

    @Test func aQuestionMarkDirectionIsReportedButNotKnownYet() throws {
        let header = sheet.columns.joined(separator: ";")
        func row(_ values: [String: String]) -> String {
            sheet.columns.map { values[$0] ?? "" }.joined(separator: ";")
        }
        // As the sheet writes a suggested outcome, and as `scoping chart` takes `outcome:?`.
        let text =
            [
                header,
                row(["study": "pmid:1", "outcomes.effectiveness.direction": "?"]),
                row([
                    "study": "pmid:2", "outcomes.effectiveness.direction": "?",
                    "outcomes.effectiveness.measure": "HbA1c",
                ]),
                row(["study": "pmid:3", "outcomes.effectiveness.direction": "??"]),
            ].joined(separator: "\r\n") + "\r\n"
        let result = sheet.importCSV(text, file: "sheet.csv", knownStudies: ["pmid:1", "pmid:2", "pmid:3"])
        #expect(
            result.problems.map(\.description) == [
                "sheet.csv:4:10: error: (outcomes.effectiveness.direction) unknown direction '??'; expected favourable, no_difference, unfavourable, mixed or ? (not known yet)"
            ])
        #expect(
            result.values["pmid:1"]?["outcomes"]
                == .some(.findings([OutcomeFinding(outcome: "effectiveness", direction: nil)])))
        #expect(
            result.values["pmid:2"]?["outcomes"]
                == .some(.findings([OutcomeFinding(outcome: "effectiveness", direction: nil, measure: "HbA1c")])))
    }

    @Test func badCellsGiveAnErrorPerRowAndColumn() {
        let header = sheet.columns.joined(separator: ";")
        func row(_ values: [String: String]) -> String {
            sheet.columns.map { values[$0] ?? "" }.joined(separator: ";")
        }
        let text =
            [
                header,
                row(["study": "pmid:1", "design": "rtc", "duration_months": "twelve"]),
                row(["study": "pmid:9"]),
                row(["study": "pmid:1"]),
                row([
                    "study": "pmid:2", "outcomes.effectiveness.measure": "HbA1c", "design": "Cluster RCT",
                    "duration_months": "1,5",
                ]),
            ].joined(separator: "\r\n") + "\r\n"
        let result = sheet.importCSV(text, file: "sheet.csv", knownStudies: ["pmid:1", "pmid:2"])
        #expect(
            result.problems.map(\.description) == [
                "sheet.csv:2:6: error: (design) unknown choice 'rtc'; expected one of rct, cluster_rct, cohort, protocol",
                "sheet.csv:2:9: error: (duration_months) 'twelve' is not a number",
                "sheet.csv:3:1: error: (study) 'pmid:9' is not an included study",
                "sheet.csv:4:1: error: (study) the study 'pmid:1' is on row 2 already",
                "sheet.csv:5:10: error: (outcomes.effectiveness.direction) a finding without a direction; fill in favourable, no_difference, unfavourable, mixed or ? (not known yet), or clear the outcome's cells",
            ])
        #expect(result.values.isEmpty)
    }
}

@Suite struct DemoLogTests {
    @Test func theDemoChartingLogsReadAndEveryIncludedStudyIsVerified() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let yaml = try String(contentsOf: root.appendingPathComponent("protocol/protocol.yaml"), encoding: .utf8)
        let proto = try #require(ReviewProtocol.load(yaml: yaml, fileExists: { _ in true }).reviewProtocol)
        var entries: [ChartingEntry] = []
        for reviewer in ["anna", "bram"] {
            entries += try ChartingLog.read(path: root.appendingPathComponent("charting/\(reviewer).jsonl").path)
                .entries
        }
        for entry in entries {
            let field = try #require(proto.codebook.field(entry.field), "unknown field \(entry.field)")
            for id in entry.value?.normalized(for: field).choiceIDs ?? [] {
                #expect(field.choice(id) != nil, "\(field.id): \(id)")
            }
            for f in entry.value?.normalized(for: field).findingList ?? [] {
                #expect(field.choice(f.outcome) != nil, "\(f.outcome)")
            }
        }
        let state = ChartingState(entries: entries)
        #expect(state.studies.count == 62)  // 59 from the databases and other methods, 3 registrations
        #expect(state.studies.values.allSatisfy { $0.isVerified(against: proto.codebook) })
    }
}

/// The one grammar for typed values: what the prompt and the sheets both take.
@Suite struct FieldValueTextTests {
    let codebook = CodebookFixture.codebook
    func field(_ id: String) throws -> CodebookField { try #require(codebook.fields.first { $0.id == id }) }

    @Test func directionsInEverySpelling() {
        for word in ["+", "favourable", "Favorable", "gunstig", "GUNSTIG"] {
            #expect(FieldValueText.direction(word) == .favourable)
        }
        for word in ["=", "0", "no_difference", "no difference", "geen verschil"] {
            #expect(FieldValueText.direction(word) == .noDifference)
        }
        for word in ["-", "−", "unfavourable", "unfavorable", "ongunstig"] {
            #expect(FieldValueText.direction(word) == .unfavourable)
        }
        for word in ["±", "+/-", "mixed", "wisselend"] { #expect(FieldValueText.direction(word) == .mixed) }
        #expect(FieldValueText.direction("?") == .some(nil))
        #expect(FieldValueText.direction("") == .some(nil))
        #expect(FieldValueText.direction("better") == nil)
    }

    @Test func choicesByIdNumberOrLabelWithEverySeparator() throws {
        let intervention = try field("intervention_type")
        #expect(try FieldValueText.choices("group_consultation", of: intervention) == ["group_consultation"])
        #expect(
            try FieldValueText.choices("2; Groepsconsulten", of: intervention) == [
                "self_management", "group_consultation",
            ])
        #expect(
            try FieldValueText.choices("zelfmanagement | 1, 1", of: intervention) == [
                "self_management", "group_consultation",
            ])
        let design = try field("design")
        #expect(throws: FieldValueText.Problem(message: "one choice only, found 2")) {
            try FieldValueText.choices("rct, cohort", of: design)
        }
        #expect(
            throws: FieldValueText.Problem(
                message: "unknown choice 'rtc'; expected one of rct, cluster_rct, cohort, protocol")
        ) {
            try FieldValueText.choices("rtc", of: design)
        }
        #expect(try FieldValueText.number("2,5") == 2.5)
        #expect(throws: FieldValueText.Problem(message: "'twelve' is not a number")) {
            try FieldValueText.number("twelve")
        }
    }

    @Test func findingsTypedOnOneLineReadBackAsTyped() throws {
        let outcomes = try field("outcomes")
        let value = try FieldValueText.parse("effectiveness:+:HbA1c; 2:?::more satisfied", for: outcomes)
        #expect(
            value
                == .findings([
                    OutcomeFinding(outcome: "effectiveness", direction: .favourable, measure: "HbA1c", finding: nil),
                    OutcomeFinding(
                        outcome: "patient_experience", direction: nil, measure: nil, finding: "more satisfied"),
                ]))
        #expect(FieldValueText.typed(value) == "effectiveness:favourable:HbA1c; patient_experience:?::more satisfied")
        #expect(try FieldValueText.parse(FieldValueText.typed(value), for: outcomes) == value)
        #expect(
            throws: FieldValueText.Problem(
                message:
                    "unknown direction 'better'; expected favourable, no_difference, unfavourable, mixed or ? (not known yet)"
            )
        ) {
            try FieldValueText.parse("effectiveness:better", for: outcomes)
        }
    }
}
