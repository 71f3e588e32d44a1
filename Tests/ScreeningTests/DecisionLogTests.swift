import Bibliography
import Foundation
import Protocol
import Screening
import Testing

@Suite struct DecisionLogTests {
    @Test func entryIsOnDiskWhenAppendReturns() throws {
        let dir = temporaryDirectory()
        let clock = StepClock()
        let log = try DecisionLog(directory: dir, reviewer: "anna", displayDirectory: "screening", now: clock.now)
        try log.record(
            "pmid:1", stage: .titleAbstract, decision: .exclude, reason: "E4", note: "a \"hospital\" study",
            protocolHash: "abc")
        // Read the file as another reader would, while the log is still open.
        let text = try String(contentsOfFile: dir + "/anna.jsonl", encoding: .utf8)
        #expect(
            text
                == #"{"time":"2026-05-01T10:00:01Z","reviewer":"anna","stage":"title-abstract","key":"pmid:1","decision":"exclude","reason":"E4","note":"a \"hospital\" study","protocol":"abc"}"#
                + "\n")
        let read = try DecisionLog.read(directory: dir, reviewer: "anna")
        #expect(read.entries.count == 1)
        #expect(read.current(at: .titleAbstract)["pmid:1"]?.reason == "E4")
    }

    @Test func orderIsWrittenAfterTheNoteAndReadBack() throws {
        let ranked = DecisionEntry(
            time: "2026-05-01T10:00:01Z", reviewer: "anna", stage: .titleAbstract, key: "pmid:1", decision: .exclude,
            reason: "E4",
            note: "n", order: .ranked, protocolHash: "abc")
        let line =
            #"{"time":"2026-05-01T10:00:01Z","reviewer":"anna","stage":"title-abstract","key":"pmid:1","decision":"exclude","reason":"E4","note":"n","order":"ranked","protocol":"abc"}"#
        #expect(ranked.jsonLine == line)
        // Without reason and note, the order still comes right before the protocol.
        let file = DecisionEntry(
            time: "2026-05-01T10:00:02Z", reviewer: "anna", stage: .titleAbstract, key: "pmid:2", decision: .include,
            order: .file, protocolHash: "abc")
        #expect(
            file.jsonLine
                == #"{"time":"2026-05-01T10:00:02Z","reviewer":"anna","stage":"title-abstract","key":"pmid:2","decision":"include","order":"file","protocol":"abc"}"#
        )

        // A line written before the field existed reads, with no order, and is written back unchanged.
        let old =
            #"{"time":"2026-05-01T10:00:03Z","reviewer":"anna","stage":"title-abstract","key":"pmid:3","decision":"maybe","protocol":"abc"}"#
        let read = try DecisionLogContents(
            data: Data((line + "\n" + file.jsonLine + "\n" + old + "\n").utf8), file: "screening/anna.jsonl",
            reviewer: "anna")
        #expect(read.entries.map(\.order) == [.ranked, .file, nil])
        #expect(read.entries[0] == ranked && read.entries[1] == file)
        #expect(read.entries[2].jsonLine == old)

        // Codable both ways.
        for entry in read.entries {
            #expect(try JSONDecoder().decode(DecisionEntry.self, from: JSONEncoder().encode(entry)) == entry)
        }
        let encoded = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(ranked)) as? [String: Any])
        #expect(encoded["order"] as? String == "ranked")
        let encodedOld = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(read.entries[2])) as? [String: Any])
        #expect(encodedOld["order"] == nil && encodedOld["decision"] as? String == "maybe")

        // An order the tool never writes is an error naming the key (a bad last line would read as torn).
        let bad = old.replacingOccurrences(of: #""protocol""#, with: #""order":"alphabetical","protocol""#)
        #expect(
            throws: ScreeningError.invalidLogLine(
                file: "screening/anna.jsonl", line: 1, message: "not a valid decision: bad value for 'order'")
        ) {
            try DecisionLogContents(
                data: Data((bad + "\n" + line + "\n").utf8), file: "screening/anna.jsonl", reviewer: "anna")
        }
    }

    @Test func recordWritesTheOrderAndUndoDoesNot() throws {
        let dir = temporaryDirectory()
        let log = try DecisionLog(directory: dir, reviewer: "anna", now: StepClock().now)
        try log.record("pmid:1", stage: .titleAbstract, decision: .include, order: .random, protocolHash: "abc")
        try log.record("pmid:2", stage: .titleAbstract, decision: .include, protocolHash: "abc")
        _ = try log.undo()
        log.close()
        let lines = try String(contentsOfFile: dir + "/anna.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix(#""decision":"include","order":"random","protocol":"abc"}"#))
        #expect(!lines[1].contains("order") && !lines[2].contains("order"))
        #expect(try DecisionLog.read(directory: dir, reviewer: "anna").entries.map(\.order) == [.random, nil, nil])
    }

    @Test func undoAppendsRetractionAndResumeSeesTheRest() throws {
        let dir = temporaryDirectory()
        let clock = StepClock()
        do {
            let log = try DecisionLog(directory: dir, reviewer: "anna", now: clock.now)
            try log.record("pmid:1", stage: .titleAbstract, decision: .include, protocolHash: "abc")
            try log.record("pmid:2", stage: .titleAbstract, decision: .exclude, reason: "E5", protocolHash: "abc")
            try log.record("pmid:2", stage: .titleAbstract, decision: .maybe, protocolHash: "abc")
            let undone = try log.undo()
            #expect(undone?.decision == .maybe)
            #expect(log.contents.current(at: .titleAbstract)["pmid:2"]?.decision == .exclude)
            let undone2 = try log.undo()
            #expect(undone2?.key == "pmid:2")
            log.close()
        }
        let read = try DecisionLog.read(directory: dir, reviewer: "anna")
        #expect(read.entries.map(\.decision) == [.include, .exclude, .maybe, .retract, .retract])
        #expect(read.current(at: .titleAbstract).keys.sorted() == ["pmid:1"])
        #expect(read.lastLiveEntry?.key == "pmid:1")
    }

    @Test func tornLastLineIsReportedAndTheRestKept() throws {
        let good = entry("anna", .titleAbstract, "pmid:1", .include).jsonLine + "\n"
        let data = Data((good + #"{"time":"2026-05-01T10:0"#).utf8)
        let read = try DecisionLogContents(data: data, file: "screening/anna.jsonl", reviewer: "anna")
        #expect(read.entries.count == 1)
        #expect(read.warnings == [.tornLastLine(file: "screening/anna.jsonl", line: 2, savedTo: nil)])
        #expect(
            read.warnings[0].description
                == "screening/anna.jsonl:2: warning: the last line is incomplete (cut off while writing); the decisions before it are kept"
        )
    }

    @Test func openingMovesATornLineAsideSoNewLinesNeverMerge() throws {
        let dir = temporaryDirectory()
        let good = entry("anna", .titleAbstract, "pmid:1", .include).jsonLine + "\n"
        try Data((good + #"{"time":"2026-05-01T1"#).utf8).write(to: URL(fileURLWithPath: dir + "/anna.jsonl"))
        let log = try DecisionLog(directory: dir, reviewer: "anna", displayDirectory: "screening", now: StepClock().now)
        #expect(
            log.openWarnings == [
                .tornLastLine(file: "screening/anna.jsonl", line: 2, savedTo: "screening/anna.jsonl.torn")
            ])
        try log.record("pmid:2", stage: .titleAbstract, decision: .exclude, protocolHash: "abc")
        let read = try DecisionLog.read(directory: dir, reviewer: "anna")
        #expect(read.entries.map(\.key) == ["pmid:1", "pmid:2"])
        #expect(read.warnings.isEmpty)
        #expect(
            try String(contentsOfFile: dir + "/anna.jsonl.torn", encoding: .utf8) == #"{"time":"2026-05-01T1"# + "\n")
    }

    @Test func invalidLineInTheMiddleIsAnError() throws {
        let good = entry("anna", .titleAbstract, "pmid:1", .include).jsonLine + "\n"
        let data = Data((good + "{oops}\n" + good).utf8)
        #expect(
            throws: ScreeningError.invalidLogLine(
                file: "screening/anna.jsonl", line: 2, message: "not a valid decision: not JSON")
        ) {
            try DecisionLogContents(data: data, file: "screening/anna.jsonl", reviewer: "anna")
        }
        let other = entry("bram", .titleAbstract, "pmid:1", .include).jsonLine + "\n"
        #expect(throws: ScreeningError.self) {
            try DecisionLogContents(data: Data((other + good).utf8), file: "f", reviewer: "anna")
        }
    }

    @Test func secondOpenFailsNamingTheHolder() throws {
        let dir = temporaryDirectory()
        let holder = LockHolder(reviewer: "anna", pid: 4711, host: "lab-3")
        let first = try DecisionLog(
            directory: dir, reviewer: "anna", displayDirectory: "screening", holder: holder, now: StepClock().now)
        // flock locks belong to the open file description: a second open in this process conflicts for real.
        let error = #expect(throws: ScreeningError.self) {
            try DecisionLog(directory: dir, reviewer: "anna", displayDirectory: "screening", now: StepClock().now)
        }
        #expect(error == .logLocked(file: "screening/anna.jsonl", holder: "reviewer anna, process 4711 on host lab-3"))
        #expect(
            error?.localizedDescription
                == "screening/anna.jsonl: in use by reviewer anna, process 4711 on host lab-3; finish that session first (or, if it crashed, its lock is released by the system)"
        )
        first.close()
        let again = try DecisionLog(directory: dir, reviewer: "anna", now: StepClock().now)
        again.close()
    }

    @Test func lockHeldByAnotherProcess() throws {
        let dir = temporaryDirectory()
        let lockPath = dir + "/bram.jsonl.lock"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // The child takes the lock, then says who it is, as DecisionLog does.
        process.arguments = [
            "-x", lockPath, "sh", "-c", "echo reviewer=bram pid=999 host=elsewhere > '\(lockPath)'; sleep 5",
        ]
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { return }
        try process.run()
        defer { process.terminate() }
        // Wait until the child holds the lock.
        var locked = false
        for _ in 0..<100 {
            Thread.sleep(forTimeInterval: 0.05)
            guard (try? String(contentsOfFile: lockPath, encoding: .utf8))?.contains("elsewhere") == true else {
                continue
            }
            let error = #expect(throws: ScreeningError.self) {
                try DecisionLog(directory: dir, reviewer: "bram", now: StepClock().now)
            }
            #expect(
                error == .logLocked(file: dir + "/bram.jsonl", holder: "reviewer bram, process 999 on host elsewhere"))
            locked = true
            break
        }
        #expect(locked)
    }

    @Test func csvRoundTripAndImportNeverDuplicates() throws {
        let dir = temporaryDirectory()
        let log = try DecisionLog(directory: dir, reviewer: "anna", now: StepClock().now)
        try log.record(
            "pmid:1", stage: .titleAbstract, decision: .exclude, reason: "E4", note: "said \"no\", twice\nreally",
            order: .ranked, protocolHash: "abc")
        try log.record("pmid:1", stage: .reconcile, reconciles: .titleAbstract, decision: .include, protocolHash: "abc")
        let csv = DecisionCSV.export(log.contents.entries)
        #expect(
            csv == "time,reviewer,stage,key,decision,reason,note,order\r\n"
                + "2026-05-01T10:00:01Z,anna,title-abstract,pmid:1,exclude,E4,\"said \"\"no\"\", twice\nreally\",ranked\r\n"
                + "2026-05-01T10:00:02Z,anna,reconcile:title-abstract,pmid:1,include,,,\r\n")
        let parsed = try DecisionCSV.parse(
            csv, file: "anna.csv", reviewer: "anna", protocolHash: "abc", knownReasons: ["E4"])
        #expect(parsed == log.contents.entries)
        #expect(parsed.first?.order == .ranked, "the order survives an export and an import")
        let extra = csv + "2026-05-02T09:00:00Z,anna,full-text,doi:10.1/x,not-retrieved,,,\r\n"
        let result = try log.importEntries(
            try DecisionCSV.parse(extra, file: "anna.csv", reviewer: "anna", protocolHash: "def"))
        #expect(result.added == 1 && result.skipped == 2)
        #expect(log.contents.entries.count == 3)
    }

    /// Where a problem is, said the way it applies: a row or header (line), a place in the text
    /// (line:character, for CSV syntax), or a cell (line and column).
    @Test func csvProblemsSayWhereInTheRightTerms() throws {
        func message(_ csv: String) -> String? {
            let error = #expect(throws: ScreeningError.self) {
                try DecisionCSV.parse(csv, file: "anna.csv", reviewer: "anna", protocolHash: "abc")
            }
            return error?.localizedDescription
        }
        #expect(message("time,reviewer,stage,key,decision,reason\r\n") == "anna.csv:1: the column 'note' is missing")
        #expect(
            message(
                "time,reviewer,stage,key,decision,reason,note\r\n\"2026\"x,anna,title-abstract,pmid:1,include,,\r\n")?
                .hasPrefix("anna.csv:2:7: text right after a closing quote") == true)
        #expect(
            message("time,reviewer,stage,key,decision,reason,note\r\n2026,\"anna,title-abstract\r\n")?
                .hasPrefix("anna.csv:2: a quoted field is never closed") == true)
    }

    /// Files made for the seven columns before `order` existed still import; a bad order is a cell error.
    @Test func csvOrderColumnIsOptionalAndChecked() throws {
        let old =
            "time,reviewer,stage,key,decision,reason,note\r\n2026-05-01T10:00:00Z,anna,title-abstract,pmid:1,include,,\r\n"
        let entries = try DecisionCSV.parse(old, file: "anna.csv", reviewer: "anna", protocolHash: "abc")
        #expect(entries.count == 1 && entries[0].order == nil)
        let bad =
            "order,time,reviewer,stage,key,decision,reason,note\r\nsorted,2026-05-01T10:00:00Z,anna,title-abstract,pmid:1,include,,\r\n"
        let error = #expect(throws: ScreeningError.self) {
            try DecisionCSV.parse(bad, file: "anna.csv", reviewer: "anna", protocolHash: "abc")
        }
        #expect(
            error?.localizedDescription
                == "anna.csv:2: column 1 (order): 'sorted' is not a screening order; expected ranked, random, file, check or nothing"
        )
    }

    @Test func csvImportReportsEveryBadCell() throws {
        let csv = """
            time,reviewer,stage,key,decision,reason,note
            2026-05-01 10:00,anna,title_abstract,pmid:1,exclude,E9,
            2026-05-01T10:00:00Z,bram,full-text,12345,perhaps,,
            """
        let error = #expect(throws: ScreeningError.self) {
            try DecisionCSV.parse(csv, file: "anna.csv", reviewer: "anna", protocolHash: "abc", knownReasons: ["E4"])
        }
        #expect(
            error?.localizedDescription == """
                anna.csv:2: column 1 (time): '2026-05-01 10:00' is not an ISO 8601 UTC time such as 2026-05-01T10:22:03Z
                anna.csv:2: column 3 (stage): 'title_abstract' is not a stage; expected title-abstract, full-text, reconcile:title-abstract or reconcile:full-text
                anna.csv:2: column 6 (reason): 'E9' is not a criterion of the protocol
                anna.csv:3: column 2 (reviewer): 'bram' in an import into the log of 'anna'
                anna.csv:3: column 4 (key): '12345' is not a record key (pmid:…, doi:… or hash:…)
                anna.csv:3: column 5 (decision): 'perhaps' is not a decision; expected include, exclude, maybe, not-retrieved or retract
                """)
    }
}
