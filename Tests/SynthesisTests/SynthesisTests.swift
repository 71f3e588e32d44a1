import Bibliography
import Charting
import Foundation
import Protocol
import Screening
import Synthesis
import Testing

@Suite struct PrismaTests {
    @Test func countsAreDerivedAndAddUp() {
        let c = PrismaCounts.make(from: Fixture.input)
        #expect(c.identified == 18)
        #expect(c.perDatabase.map(\.id) == ["pubmed", "embase"])
        #expect(c.duplicates == 5)
        #expect(c.automation == 3)
        #expect(c.screened == 10)
        #expect(c.sought == 5)
        #expect(c.notRetrieved == 1)
        #expect(c.assessed == 4)
        #expect(c.excludedByReason.map(\.id) == ["E7"])
        #expect(c.studiesIncluded == 3)
        #expect(c.problems.isEmpty)
        #expect(c.isConsistent)
    }

    @Test func brokenInvariantsAreReported() {
        var input = Fixture.input
        input.titleAbstract.screened = 11
        input.fullText.excluded.append(
            ExcludedReport(study: Study(key: "doi:x/1", record: Record(title: "x")), reason: "E9"))
        let c = PrismaCounts.make(from: input)
        #expect(!c.isConsistent)
        #expect(c.problems.contains(.screenedMismatch(expected: 10, screened: 11)))
        #expect(c.problems.contains(.soughtMismatch(expected: 6, sought: 5)))
        #expect(c.problems.contains(.includedMismatch(expected: 2, included: 3)))
        #expect(c.problems.contains(.unknownReason("E9")))
        #expect(
            PrismaProblem.screenedMismatch(expected: 10, screened: 11).description
                == "error: PRISMA: identified − duplicates − automation − other removals = 10, but 11 records were screened; records were left out of screening or screened twice"
        )
    }

    @Test func undecidedRecordsAreANoteNotAnError() {
        var input = Fixture.input
        input.titleAbstract.undecided = 1
        input.fullText.sought = 4
        input.fullText.assessed = 3
        input.fullText.excluded = []
        let c = PrismaCounts.make(from: input)
        #expect(c.problems == [.incomplete(stage: .titleAbstract, records: 1)])
        #expect(c.isConsistent)
    }

    @Test func prismaCSVFollowsTheR2020Template() throws {
        let csv = PrismaFlow.csv(PrismaCounts.make(from: Fixture.input))
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "data,node,box,description,boxtext,tooltips,url,n")
        #expect(
            lines.contains(
                "database_specific_results,NA,box2,Records identified from: specific databases,Specific Databases,NA,database_results.html,\"PubMed, 10; Embase, 8\""
            ))
        #expect(lines.contains { $0.hasPrefix("dbr_excluded,") && $0.hasSuffix(",\"E7 Not an empirical study, 1\"") })
        #expect(
            lines.contains(
                "records_screened,node9,box4,Records screened (databases and registers),Records screened,Records screened (databases and registers),records_screened.html,10"
            ))
        try assertSnapshot(csv, named: "prisma.csv")
    }

    @Test func prismaSVGIsWellFormedAndFits() throws {
        for language in ReportLanguage.allCases {
            let svg = PrismaFlow.svg(PrismaCounts.make(from: Fixture.input), language: language)
            try checkSVG(svg)
            try assertSnapshot(svg, named: "prisma-\(language.rawValue).svg")
        }
    }

    @Test func mermaidBlock() throws {
        let block = PrismaFlow.mermaid(PrismaCounts.make(from: Fixture.input), language: .en)
        #expect(block.hasPrefix("```mermaid\nflowchart TD\n"))
        #expect(block.contains("screened --> excluded"))
        #expect(block.contains("Records screened (n\u{A0}=\u{A0}10)"))
    }
}

@Suite struct MatrixAndGapMapTests {
    @Test func everyIncludedStudyAppearsInTheMatrixOnce() {
        let csv = ResultsMatrix.csv(Fixture.input, language: .en)
        for study in Fixture.input.included {
            #expect(csv.components(separatedBy: "," + study.key.rawValue + ",").count == 2)
        }
    }

    @Test func matrixSnapshots() throws {
        try assertSnapshot(ResultsMatrix.csv(Fixture.input, language: .en), named: "matrix.csv")
        try assertSnapshot(ResultsMatrix.markdown(Fixture.input, language: .en), named: "matrix.md")
    }

    @Test func gapMapCountsDirectionsAndGaps() throws {
        let map = try #require(GapMap.make(from: Fixture.input))
        #expect(map.rows.map(\.id) == ["group_consultation", "self_management", "telemonitoring"])
        let gc = map.cells[0]
        #expect(gc[0].studies.map(\.direction) == [.noDifference])
        #expect(gc[2].studies.map(\.direction) == [.mixed])
        // The protocol fills no cell: telemonitoring × effectiveness stays a gap, with an ongoing study.
        #expect(map.cells[2][0].isGap)
        #expect(map.cells[2][0].ongoing.count == 1)
        #expect(map.gaps.count == 6)
    }

    @Test func gapMapSnapshots() throws {
        let map = try #require(GapMap.make(from: Fixture.input))
        try assertSnapshot(map.csv(language: .en), named: "gap-map.csv")
        try assertSnapshot(map.markdown(language: .en, title: "Test"), named: "gap-map.md")
        for language in ReportLanguage.allCases {
            let svg = map.svg(language: language, title: "Test")
            try checkSVG(svg)
            try assertSnapshot(svg, named: "gap-map-\(language.rawValue).svg")
        }
    }
}

@Suite struct ReportTests {
    @Test func reportSnapshots() throws {
        try assertSnapshot(Report.markdown(Fixture.input, language: .en), named: "report-en.md")
        try assertSnapshot(Report.markdown(Fixture.input, language: .nl), named: "report-nl.md")
    }

    /// The methods count the pairs a person decided in `scoping dedup review`, when there are any.
    @Test func methodsCountThePairsAPersonDecided() {
        var input = Fixture.input
        #expect(!Report.markdown(input, language: .en).contains("A person decided"))
        input.dedup.decidedByPerson = 3
        #expect(
            Report.markdown(input, language: .en).contains(
                "unique records were found more than once. A person decided 3 pairs of records that the rules left uncertain (or held back as doubtful)."
            ))
        input.dedup.decidedByPerson = 1
        #expect(
            Report.markdown(input, language: .nl).contains(
                "Een persoon besliste over 1 paar records die de regels onzeker lieten"))
    }

    @Test func renderingIsDeterministic() {
        let a = SynthesisOutputs.render(Fixture.input)
        var shuffled = Fixture.input
        shuffled.included.reverse()
        shuffled.imports.reverse()
        let b = SynthesisOutputs.render(shuffled)
        #expect(a == SynthesisOutputs.render(Fixture.input, language: .en))
        #expect(a["report.md"] == b["report.md"])
        #expect(a["matrix.csv"] == b["matrix.csv"])
        #expect(
            a.keys.sorted() == [
                "asreview.csv", "gap-map.csv", "gap-map.html", "gap-map.md", "gap-map.svg", "matrix.csv", "matrix.md",
                "prisma.csv", "prisma.svg", "report.html", "report.md", "screening.csv",
            ])
        #expect(
            SynthesisOutputs.render(shuffled, language: .nl) == SynthesisOutputs.render(Fixture.input, language: .nl))
    }

    /// The protocol's language (en in the fixture) owns the plain names; another language is a
    /// second set of the language-dependent files, whose report links to its own files.
    @Test func anotherLanguageIsASetOfItsOwn() throws {
        let dutch = SynthesisOutputs.render(Fixture.input, language: .nl)
        #expect(
            dutch.keys.sorted() == [
                "gap-map.nl.csv", "gap-map.nl.html", "gap-map.nl.md", "gap-map.nl.svg", "matrix.nl.csv", "matrix.nl.md",
                "prisma.nl.svg", "report.nl.html", "report.nl.md",
            ])
        let report = try #require(dutch["report.nl.md"])
        #expect(report == Report.markdown(Fixture.input, language: .nl, fileLanguage: .nl))
        #expect(
            report.contains("](prisma.nl.svg)") && report.contains("](matrix.nl.md)")
                && report.contains("](matrix.nl.csv)") && report.contains("](gap-map.nl.svg)"))
        #expect(!report.contains("](prisma.svg)") && !report.contains("](matrix.md)"))
        // Apart from the links, the same text as the Dutch report under the plain names.
        let plain = Report.markdown(Fixture.input, language: .nl)
        #expect(report.replacingOccurrences(of: ".nl.", with: ".") == plain)
        #expect(SynthesisOutputs.fileName("prisma.csv", language: .nl) == "prisma.csv")
        #expect(SynthesisOutputs.fileName("gap-map.svg", language: nil) == "gap-map.svg")
    }

    @Test func vancouverReference() {
        #expect(
            Vancouver.reference(Fixture.gc)
                == "Jansen A, de Boer B, Smit C. Group consultations for type 2 diabetes in general practice: a cluster randomised trial. J Test Med. 2019;12(3):73-6. doi:10.5555/test.2019.001"
        )
        var many = Fixture.gc
        many.authors = (1...7).map { Author(family: "Author\($0)", given: "X") }
        #expect(
            Vancouver.reference(many).hasPrefix(
                "Author1 X, Author2 X, Author3 X, Author4 X, Author5 X, Author6 X, et al. Group"))
    }

    @Test func referencesAreNumberedInAuthorOrder() {
        let catalogue = StudyCatalogue(Fixture.input)
        #expect(catalogue.entries.map(\.label) == ["Jansen et al. 2019", "Jansen et al. 2022", "Visser 2018"])
        #expect(catalogue.ongoing.map(\.number) == [2])
    }

    /// A registration is ongoing by its register's status: recruiting is listed as ongoing, with
    /// its number, status and planned completion; a completed one is an ordinary study.
    @Test func registrationsAreOngoingByTheirRegistersStatus() {
        var input = Fixture.input
        func registration(_ id: String, status: String, title: String) -> Study {
            var record = Record(type: .trialRegistration, title: title, date: PublicationDate(year: 2024))
            record.trial = TrialRegistration(
                registrationID: id, status: status, completionDate: PublicationDate(year: 2027, month: 6))
            return Study(key: RecordKey(rawValue: "trial:" + id), record: record, databases: ["ctgov"])
        }
        input.included += [
            registration("NCT01234567", status: "recruiting", title: "Group consultations for diabetes"),
            registration("NCT07654321", status: "completed", title: "Nurse-led asthma clinics"),
        ]
        let catalogue = StudyCatalogue(input)
        let ongoing = catalogue.ongoing.map(\.study.record.title)
        #expect(ongoing.contains("Group consultations for diabetes"))
        #expect(!ongoing.contains("Nurse-led asthma clinics"))
        let report = Report.markdown(input, language: .en)
        #expect(report.contains("Group consultations for diabetes [NCT01234567, recruiting, 2027-06]"), "\(report)")
        #expect(!report.contains("NCT07654321, completed"))
    }

    @Test func exports() throws {
        let screening = SynthesisExports.screeningCSV(Fixture.input.decisions)
        #expect(screening.hasPrefix("time,reviewer,stage,reconciles,key,decision,reason,note,order,protocol\r\n"))
        #expect(screening.split(separator: "\r\n").dropFirst().first?.hasPrefix("2026-10-01T09:00:00Z,anna,") == true)
        var ranked = Fixture.input.decisions[0]
        ranked.order = "ranked"
        #expect(
            SynthesisExports.screeningCSV([ranked]).split(separator: "\r\n")[1].split(
                separator: ",", omittingEmptySubsequences: false
            ).suffix(2).first == "ranked")
        #expect(screening.contains("\"opinion, \"\"no data\"\"\""))
        let asreview = SynthesisExports.asreviewCSV(Fixture.input.labels)
        #expect(asreview.hasPrefix("record_id,title,abstract,authors,year,doi,label_included\r\n"))
        #expect(asreview.contains("\"Sports injuries, in primary care\",,,2016,,0\r\n"))
    }
}

@Suite struct DemoScreeningLogTests {
    @Test func theDemoScreeningLogsDecodeAsDecisionEntries() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var stages: [String: Int] = [:]
        for reviewer in ["anna", "bram"] {
            let text = try String(
                contentsOf: root.appendingPathComponent("screening/\(reviewer).jsonl"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                // Rebuilt with Screening's own type, the line must come out byte for byte the same.
                // (Not decoded with JSONDecoder: RecordKey's synthesized Codable expects an object.)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
                let stage = try #require(object["stage"].flatMap(DecisionStage.init(rawValue:)))
                let entry = DecisionEntry(
                    time: object["time"] ?? "", reviewer: object["reviewer"] ?? "", stage: stage,
                    reconciles: object["reconciles"].flatMap { DecisionStage(rawValue: $0)?.screeningStage },
                    key: RecordKey(rawValue: object["key"] ?? ""),
                    decision: try #require(object["decision"].flatMap(Decision.init(rawValue:))),
                    reason: object["reason"], note: object["note"], protocolHash: object["protocol"] ?? ""
                )
                #expect(entry.jsonLine == String(line))
                stages[entry.stage.rawValue, default: 0] += 1
            }
        }
        // 117 studies each reviewer screens, and the register's four studies the others did not find.
        #expect(stages["title-abstract"] == 242)
        #expect((stages["reconcile"] ?? 0) > 0)
    }
}
