import Bibliography
import Foundation
import Testing

@testable import Formats

/// The trial register readers (ClinicalTrials.gov CSV and API v2 JSON, WHO ICTRP XML) on small
/// exports WRITTEN BY HAND from the registers' documentation (ClinicalTrials.gov's "Study Data
/// Structure" of API v2 and the columns of its CSV download; the fields of the ICTRP search
/// portal's "Export results to XML"). No real export is in the shared corpus; the studies,
/// numbers and names here are made up. Each is fed byte by byte and in larger chunks: the
/// result must not depend on the chunking.
@Suite struct TrialRegisterReadersTests {
    // MARK: ClinicalTrials.gov CSV

    /// The current site's download: `NCT Number`, `Study Title`, `Study Status` …, lists
    /// separated by `|`, enumerations in capitals.
    static let csv = """
        NCT Number,Study Title,Study URL,Acronym,Study Status,Brief Summary,Study Results,Conditions,Interventions,\
        Sponsor,Collaborators,Phases,Enrollment,Study Type,Other IDs,Start Date,Primary Completion Date,\
        Completion Date,First Posted,Locations
        NCT09000001,Group Consultations for Type 2 Diabetes,https://clinicaltrials.gov/study/NCT09000001,GROUP-DM,\
        RECRUITING,"Made-up summary, with a comma.",NO,Type 2 Diabetes|Obesity,BEHAVIORAL: Group consultation|\
        OTHER: Usual care,Made-up University,Made-up Foundation,NA,120,INTERVENTIONAL,MU-2024-01,2024-03,2025-12,\
        2026-06-30,2024-02-15,"Practice A, Utrecht, 3584, Netherlands|Practice B, Antwerp, 2000, Belgium"
        NCT09000002,A Completed Made-up Trial,https://clinicaltrials.gov/study/NCT09000002,,COMPLETED,,YES,Asthma,\
        DRUG: Placebo,Another Sponsor,,PHASE2|PHASE3,40,INTERVENTIONAL,,2019-01-10,2020-01,2020-02,2018-12-01,

        """

    /// The classic site's download (before 2024): `Title`, `Status`, `Sponsor/Collaborators`, `URL`.
    static let classicCSV = """
        Rank,NCT Number,Title,Acronym,Status,Study Results,Conditions,Interventions,Sponsor/Collaborators,\
        Start Date,Completion Date,First Posted,Locations,URL
        1,NCT09000003,An Old Made-up Study,,"Active, not recruiting",No Results Available,COVID-19,\
        Drug: Made-up drug,Made-up Hospital|Made-up Partner,April 2020,March 2021,"April 3, 2020",\
        "Made-up Centre, Kermanshah, Iran, Islamic Republic of",https://ClinicalTrials.gov/show/NCT09000003

        """

    @Test(arguments: [1, 7, 1 << 16])
    func clinicalTrialsCSV(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.csv.utf8)) == .clinicalTrialsCSV)
        let (records, _) = try NewReadersTests.read(Self.csv, .clinicalTrialsCSV, chunk: chunk)
        #expect(records.count == 2)
        let r = try #require(records.first)
        #expect(r.type == .trialRegistration)
        #expect(r.registrationID == "NCT09000001")
        #expect(r.otherIDs.contains(Identifier("trial", "NCT09000001")))
        #expect(r.title == "Group Consultations for Type 2 Diabetes")
        #expect(r.abstract.text == "Made-up summary, with a comma.")
        #expect(r.journal == "ClinicalTrials.gov")
        #expect(r.date == PublicationDate(year: 2024, month: 2, day: 15))
        #expect(r.urls == ["https://clinicaltrials.gov/study/NCT09000001"])
        let t = try #require(r.trial)
        #expect(t.register == "ClinicalTrials.gov")
        #expect(t.status == "recruiting" && t.isOngoing)
        #expect(t.conditions == ["Type 2 Diabetes", "Obesity"])
        #expect(t.interventions == ["Behavioral: Group consultation", "Other: Usual care"])
        #expect(t.sponsor == "Made-up University")
        #expect(r.notes.contains("collaborator: Made-up Foundation"))
        #expect(t.startDate == PublicationDate(year: 2024, month: 3))
        #expect(t.completionDate == PublicationDate(year: 2026, month: 6, day: 30))
        #expect(t.countries == ["Netherlands", "Belgium"])
        #expect(t.secondaryIDs == ["MU-2024-01"])
        #expect(t.studyType == "Interventional" && t.phase == nil)
        let done = try #require(records.last?.trial)
        #expect(done.status == "completed" && !done.isOngoing)
        #expect(done.phase == "Phase 2, Phase 3")
        #expect(done.interventions == ["Drug: Placebo"])
    }

    @Test func classicClinicalTrialsCSV() throws {
        #expect(FormatDetection.detect(Array(Self.classicCSV.utf8)) == .clinicalTrialsCSV)
        let (records, _) = try NewReadersTests.read(Self.classicCSV, .clinicalTrialsCSV, chunk: 5)
        let r = try #require(records.first)
        #expect(r.title == "An Old Made-up Study")
        #expect(r.trial?.status == "active, not recruiting")
        #expect(r.trial?.isOngoing == true)
        #expect(r.trial?.sponsor == "Made-up Hospital")
        #expect(r.trial?.startDate == PublicationDate(year: 2020, month: 4))
        #expect(r.date == PublicationDate(year: 2020, month: 4, day: 3))
        #expect(r.trial?.countries == ["Iran, Islamic Republic of"])
        #expect(r.urls == ["https://clinicaltrials.gov/show/NCT09000003"])
    }

    @Test func clinicalTrialsCSVErrors() throws {
        // A row without an NCT number: file:line, nothing read.
        let noID = Self.csv.replacingOccurrences(of: "NCT09000002,", with: ",")
        let error = try #require(throws: FormatError.self) {
            try NewReadersTests.read(noID, .clinicalTrialsCSV, chunk: 9)
        }
        #expect(error.line == 3, "\(error)")
        #expect(error.message.contains("NCT number"))
        // A cut download: the last row has fewer cells and no line break.
        let bytes = Array(Self.csv.utf8)
        let cut = String(decoding: bytes[..<(bytes.count - 40)], as: UTF8.self)
        let cutError = try #require(throws: FormatError.self) {
            try NewReadersTests.read(cut, .clinicalTrialsCSV, chunk: 9)
        }
        #expect(cutError.line != nil)
        // Another table under --format ctgov-csv.
        #expect(throws: FormatError.self) {
            try NewReadersTests.read("Title,DOI\nA,10.1/x\n", .clinicalTrialsCSV, chunk: 4)
        }
    }

    // MARK: ClinicalTrials.gov API v2 JSON

    static let page = """
        {
          "studies": [
            {
              "protocolSection": {
                "identificationModule": {
                  "nctId": "NCT09000001",
                  "orgStudyIdInfo": {"id": "MU-2024-01"},
                  "secondaryIdInfos": [{"id": "NL-OMON99999", "type": "REGISTRY"}],
                  "briefTitle": "Group Consultations for Type 2 Diabetes",
                  "officialTitle": "Group Consultations Versus Individual Care in Type 2 Diabetes: a Made-up Trial",
                  "acronym": "GROUP-DM"
                },
                "statusModule": {
                  "overallStatus": "ACTIVE_NOT_RECRUITING",
                  "startDateStruct": {"date": "2024-03", "type": "ACTUAL"},
                  "primaryCompletionDateStruct": {"date": "2025-12", "type": "ESTIMATED"},
                  "completionDateStruct": {"date": "2026-06-30", "type": "ESTIMATED"},
                  "studyFirstPostDateStruct": {"date": "2024-02-15", "type": "ACTUAL"}
                },
                "sponsorCollaboratorsModule": {
                  "leadSponsor": {"name": "Made-up University", "class": "OTHER"},
                  "collaborators": [{"name": "Made-up Foundation", "class": "OTHER"}]
                },
                "descriptionModule": {"briefSummary": "Made-up summary with \\"quotes\\" and a brace }."},
                "conditionsModule": {"conditions": ["Type 2 Diabetes"], "keywords": ["group care"]},
                "designModule": {"studyType": "INTERVENTIONAL", "phases": ["NA"]},
                "armsInterventionsModule": {
                  "interventions": [{"type": "BEHAVIORAL", "name": "Group consultation"}]
                },
                "contactsLocationsModule": {
                  "locations": [
                    {"facility": "Practice A", "city": "Utrecht", "country": "Netherlands"},
                    {"facility": "Practice B", "city": "Amsterdam", "country": "Netherlands"}
                  ]
                }
              },
              "hasResults": false
            },
            {
              "protocolSection": {
                "identificationModule": {"nctId": "NCT09000002", "briefTitle": "A Completed Made-up Trial"},
                "statusModule": {"overallStatus": "COMPLETED", "whyStopped": null}
              },
              "hasResults": true
            }
          ],
          "nextPageToken": "abc"
        }

        """

    @Test(arguments: [1, 7, 1 << 16])
    func clinicalTrialsJSON(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.page.utf8)) == .clinicalTrialsJSON)
        let (records, _) = try NewReadersTests.read(Self.page, .clinicalTrialsJSON, chunk: chunk)
        #expect(records.map(\.registrationID) == ["NCT09000001", "NCT09000002"])
        let r = records[0]
        #expect(r.title == "Group Consultations for Type 2 Diabetes")
        #expect(r.notes.contains { $0.hasPrefix("official title: Group Consultations Versus") })
        #expect(r.abstract.text == "Made-up summary with \"quotes\" and a brace }.")
        #expect(r.keywords == ["Type 2 Diabetes", "group care"])
        #expect(r.date == PublicationDate(year: 2024, month: 2, day: 15))
        let t = try #require(r.trial)
        #expect(t.status == "active, not recruiting" && t.isOngoing)
        #expect(t.startDate == PublicationDate(year: 2024, month: 3))
        #expect(t.completionDate == PublicationDate(year: 2026, month: 6, day: 30))
        #expect(t.sponsor == "Made-up University")
        #expect(t.interventions == ["Behavioral: Group consultation"])
        #expect(t.countries == ["Netherlands"])
        #expect(t.secondaryIDs == ["MU-2024-01", "NL-OMON99999"])
        #expect(t.studyType == "Interventional" && t.phase == nil)
        #expect(records[1].trial?.status == "completed")
    }

    @Test func singleStudyAndArray() throws {
        let one = """
            {"protocolSection": {"identificationModule": {"nctId": "NCT09000005", "briefTitle": "One study"},
             "statusModule": {"overallStatus": "NOT_YET_RECRUITING"}}, "hasResults": false}
            """
        #expect(FormatDetection.detect(Array(one.utf8)) == .clinicalTrialsJSON)
        let (single, _) = try NewReadersTests.read(one, .clinicalTrialsJSON, chunk: 3)
        #expect(single.map(\.title) == ["One study"])
        #expect(single.first?.trial?.status == "not yet recruiting")
        let (array, _) = try NewReadersTests.read("[" + one + "," + one + "]", .clinicalTrialsJSON, chunk: 11)
        #expect(array.count == 2)
    }

    @Test func clinicalTrialsJSONErrorsNameThePath() throws {
        // A member of the wrong type: the JSON path of it.
        let wrong = Self.page.replacingOccurrences(
            of: "\"conditions\": [\"Type 2 Diabetes\"]", with: "\"conditions\": \"Type 2 Diabetes\"")
        let error = try #require(throws: FormatError.self) {
            try NewReadersTests.read(wrong, .clinicalTrialsJSON, chunk: 64)
        }
        #expect(error.message == "studies[0].protocolSection.conditionsModule.conditions is not an array", "\(error)")
        #expect(error.line == 3)
        let noID = Self.page.replacingOccurrences(of: "\"nctId\": \"NCT09000002\", ", with: "")
        let missing = try #require(throws: FormatError.self) {
            try NewReadersTests.read(noID, .clinicalTrialsJSON, chunk: 64)
        }
        #expect(missing.message.hasPrefix("studies[1].protocolSection.identificationModule.nctId"), "\(missing)")
        // A cut file: an error naming the open study, or (accepted) the studies before it.
        let bytes = Array(Self.page.utf8)
        let cut = String(decoding: bytes[..<(bytes.count - 200)], as: UTF8.self)
        let cutError = try #require(throws: FormatError.self) {
            try NewReadersTests.read(cut, .clinicalTrialsJSON, chunk: 64)
        }
        #expect(cutError.message.contains("studies[1]"), "\(cutError)")
        let (kept, warnings) = try NewReadersTests.read(cut, .clinicalTrialsJSON, chunk: 64, acceptTruncated: true)
        #expect(kept.count == 1 && !warnings.isEmpty)
        // Not a study.
        #expect(throws: FormatError.self) {
            try NewReadersTests.read("{\"title\": \"x\"}", .clinicalTrialsJSON, chunk: 4)
        }
    }

    // MARK: WHO ICTRP XML

    static let ictrp = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Trials_downloaded_from_ICTRP>
          <Trial>
            <Export_date>01/10/2026 10:00:00</Export_date>
            <Internal_Number>1000001</Internal_Number>
            <TrialID>NL-OMON99999</TrialID>
            <Last_Refreshed_on>1 September 2026</Last_Refreshed_on>
            <Public_title>Group consultations in general practice</Public_title>
            <Scientific_title>Group consultations versus individual care: a made-up trial   </Scientific_title>
            <Acronym>GROUP</Acronym>
            <Primary_sponsor>Made-up University</Primary_sponsor>
            <Date_registration3>20240115</Date_registration3>
            <Date_registration>2024-01-15</Date_registration>
            <Source_Register>NL-OMON</Source_Register>
            <web_address>https://onderzoekmetmensen.nl/en/trial/99999</web_address>
            <Recruitment_Status>Recruiting</Recruitment_Status>
            <Date_enrollement>01/03/2024</Date_enrollement>
            <Study_type>Interventional</Study_type>
            <Phase>N/A</Phase>
            <Countries>Netherlands;Belgium</Countries>
            <Condition>Type 2 diabetes;&lt;br&gt;Obesity</Condition>
            <Intervention>Group consultation&lt;br&gt;Usual care</Intervention>
            <Secondary_ID>NTR9999;NL-OMON99999</Secondary_ID>
          </Trial>
          <Trial>
            <Internal_Number>1000002</Internal_Number>
            <TrialID>EUCTR2010-012345-12-NL</TrialID>
            <Public_title>A made-up drug trial</Public_title>
            <Source_Register>EU Clinical Trials Register</Source_Register>
            <Recruitment_Status>Not Recruiting</Recruitment_Status>
            <Date_enrollement>2011-02-01</Date_enrollement>
          </Trial>
        </Trials_downloaded_from_ICTRP>

        """

    @Test(arguments: [1, 7, 1 << 16])
    func ictrpXML(chunk: Int) throws {
        #expect(FormatDetection.detect(Array(Self.ictrp.utf8)) == .ictrpXML)
        let (records, _) = try NewReadersTests.read(Self.ictrp, .ictrpXML, chunk: chunk)
        #expect(records.map(\.registrationID) == ["NL-OMON99999", "EUCTR2010-012345-12"])
        let r = records[0]
        #expect(r.type == .trialRegistration)
        #expect(r.title == "Group consultations in general practice")
        #expect(r.notes.contains("scientific title: Group consultations versus individual care: a made-up trial"))
        #expect(r.journal == "NL-OMON")
        #expect(r.date == PublicationDate(year: 2024, month: 1, day: 15))
        #expect(r.urls == ["https://onderzoekmetmensen.nl/en/trial/99999"])
        #expect(r.otherIDs.contains(Identifier("ictrp", "1000001")))
        let t = try #require(r.trial)
        #expect(t.status == "recruiting")
        #expect(t.conditions == ["Type 2 diabetes", "Obesity"])
        #expect(t.interventions == ["Group consultation", "Usual care"])
        #expect(t.countries == ["Netherlands", "Belgium"])
        #expect(t.startDate == PublicationDate(year: 2024, month: 3, day: 1))
        #expect(t.sponsor == "Made-up University")
        #expect(t.secondaryIDs == ["NTR9999"])
        #expect(t.phase == nil)
        #expect(records[1].trial?.register == "EU Clinical Trials Register")
        #expect(records[1].trial?.status == "not recruiting")
        #expect(records[1].trial?.startDate == PublicationDate(year: 2011, month: 2, day: 1))
    }

    @Test func ictrpErrors() throws {
        let bytes = Array(Self.ictrp.utf8)
        let cut = String(decoding: bytes[..<(bytes.count / 2)], as: UTF8.self)
        let error = try #require(throws: FormatError.self) { try NewReadersTests.read(cut, .ictrpXML, chunk: 64) }
        #expect(error.line != nil && error.column != nil, "\(error)")
        let noID = Self.ictrp.replacingOccurrences(of: "<TrialID>EUCTR2010-012345-12-NL</TrialID>", with: "")
        let missing = try #require(throws: FormatError.self) { try NewReadersTests.read(noID, .ictrpXML, chunk: 64) }
        #expect(missing.line == 25 && missing.message.contains("TrialID"), "\(missing)")
        #expect(throws: FormatError.self) {
            try NewReadersTests.read("<records><record/></records>", .ictrpXML, chunk: 8)
        }
    }

    // MARK: Conformance: the fixture files, detected and read whole

    /// `Fixtures/registry-*`: the exports above as files (hand-written from the documentation,
    /// as said at the top), read through `Exports.read` with detection, as `scoping ingest` does.
    @Test(arguments: [
        ("registry-ctgov.csv", ExportFormat.clinicalTrialsCSV, 2),
        ("registry-ctgov-classic.csv", .clinicalTrialsCSV, 1),
        ("registry-ctgov.json", .clinicalTrialsJSON, 2), ("registry-ictrp.xml", .ictrpXML, 2),
    ])
    func fixtureFiles(file: String, format: ExportFormat, count: Int) throws {
        var records: [Record] = []
        let summary = try Exports.read(path: fixturesFolder + "/" + file) { event in
            if case .record(let r, _) = event { records.append(r) }
        }
        #expect(summary.format == format)
        #expect(records.count == count)
        #expect(
            records.allSatisfy { $0.type == .trialRegistration && $0.registrationID != nil && $0.trial?.status != nil })
        #expect(records.allSatisfy { r in r.otherIDs.contains(Identifier("trial", r.registrationID ?? "")) })
    }

    // MARK: Registration numbers

    @Test func registrationNumbers() {
        #expect(TrialRegistration.normalize(" nct01234567. ") == "NCT01234567")
        #expect(TrialRegistration.normalize("EUCTR2010-012345-12-DE") == "EUCTR2010-012345-12")
        #expect(TrialRegistration.register(of: "ISRCTN12345678") == "ISRCTN")
        #expect(TrialRegistration.register(of: "NTR1234") == "Netherlands Trial Register")
        let text =
            "Registered at ClinicalTrials.gov (NCT01234567), ISRCTN12345678, EudraCT 2010-012345-12, NTR4321 "
            + "and NL7890; not NCT123 or XNCT01234567."
        #expect(
            TrialRegistration.ids(inText: text) == [
                "NCT01234567", "ISRCTN12345678", "EUCTR2010-012345-12", "NTR4321", "NL7890",
            ])
        #expect(TrialRegistration.normalizeStatus("ACTIVE_NOT_RECRUITING") == "active, not recruiting")
    }

    @Test func recordJSONKeepsTheTrialAndReadsOldRecords() throws {
        let (records, _) = try NewReadersTests.read(Self.ictrp, .ictrpXML, chunk: 1 << 16)
        let r = records[0]
        let decoded = try JSONDecoder().decode(Record.self, from: Data(r.jsonString().utf8))
        #expect(decoded == r)
        // A record written before registry fields existed reads with none.
        let old = Record(title: "Old")
        let json = old.jsonString()
        #expect(!json.contains("trial"))
        #expect(try JSONDecoder().decode(Record.self, from: Data(json.utf8)).trial == nil)
    }
}
