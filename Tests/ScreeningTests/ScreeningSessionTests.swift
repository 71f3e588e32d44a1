import Bibliography
import Foundation
import Protocol
import Screening
import Testing

@Suite struct ScreeningSessionTests {
    static let records = [
        Record(
            title: "Group consultations in general practice",
            abstract: Abstract("Chronic care for adults, not in hospital."), pmid: "1"),
        Record(title: "Surgery in children", abstract: Abstract("Hospital wards."), pmid: "2"),
        Record(
            title: "Practice nurses and chronic care",
            abstract: Abstract(sections: [.init(label: "Methods", text: "A huisartsen survey.")]), pmid: "3"),
    ]

    func makeSession(_ dir: String, order: QueueOrder = .file, pilotSize: Int = 0) throws -> (
        ScreeningSession, DecisionLog
    ) {
        let log = try DecisionLog(directory: dir, reviewer: "anna", displayDirectory: "screening", now: StepClock().now)
        let queue = ScreeningQueue(
            records: Self.records, log: log.contents, stage: .titleAbstract, order: order, pilotSize: pilotSize)
        let renderer = RecordText(highlighter: Highlighter(criteria: stageCriteria), style: .markers, width: 0)
        let session = ScreeningSession(
            queue: queue, log: log, criteria: stageCriteria, renderer: renderer, protocolHash: "abc")
        return (session, log)
    }

    @Test func scriptedSession() throws {
        let dir = temporaryDirectory()
        let (session, log) = try makeSession(dir)
        let first = session.start()
        #expect(
            first.text == """
                ── 1/3 · pmid:1
                Group consultations in [+general practice+]

                [+Chronic care+] for adults, not in [-hospital-].
                screened 0 / to screen 3 · included 0 · 95% recall not yet shown (too early to estimate what is left)
                > 
                """)
        let noted = session.handle("n small sample")
        #expect(noted.text == "note kept for the next decision on this record\n> ")
        let afterInclude = session.handle("i")
        #expect(afterInclude.text.hasPrefix("saved: include pmid:1\n── 2/3 · pmid:2\nSurgery in [-children-]\n"))
        let ask = session.handle("e")
        #expect(
            ask.text
                == "1  E4  Not in general practice\n2  E5  Not chronic care\nreason (number or id, empty to cancel)? ")
        let afterExclude = session.handle("2")
        #expect(
            afterExclude.text.hasPrefix(
                "saved: exclude (E5) pmid:2\n── 3/3 · pmid:3\nPractice nurses and [+chronic care+]\n\nMETHODS: A [+huisartsen+] survey.\n"
            ))
        let undone = session.handle("u")
        #expect(undone.text.hasPrefix("undone: exclude pmid:2\n── 2/3 · pmid:2\n"))
        #expect(session.handle("e E4").text.hasPrefix("saved: exclude (E4) pmid:2\n── 3/3 · pmid:3"))
        #expect(session.handle("x").text == "unknown command 'x'; ? for help\n> ")
        let done = session.handle("m")
        #expect(done.finished)
        #expect(done.text.contains("Nothing left to screen at title-abstract."))
        #expect(done.text.contains("screened 3 / to screen 0 · included 2"))
        let quit = session.handle("q")
        #expect(quit.quit)
        #expect(quit.text == "screened 3, 0 to screen; every decision is saved in screening/anna.jsonl")
        log.close()
        let lines = try String(contentsOfFile: dir + "/anna.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(
            lines[0]
                == #"{"time":"2026-05-01T10:00:01Z","reviewer":"anna","stage":"title-abstract","key":"pmid:1","decision":"include","note":"small sample","order":"file","protocol":"abc"}"#
        )
        #expect(
            lines[2]
                == #"{"time":"2026-05-01T10:00:03Z","reviewer":"anna","stage":"title-abstract","key":"pmid:2","decision":"retract","protocol":"abc"}"#
        )
        #expect(lines[4].contains(#""key":"pmid:3","decision":"maybe""#))
    }

    @Test func everyDecisionRecordsTheOrderItWasShownIn() throws {
        for order in [QueueOrder.random, .ranked] {
            let dir = temporaryDirectory()
            let (session, log) = try makeSession(dir, order: order, pilotSize: 1)
            _ = session.start()
            _ = session.handle("i")  // the pilot record: shown first, in file order, whatever the order chosen
            _ = session.handle("e 1")
            _ = session.handle("u")
            _ = session.handle("m")
            log.close()
            let read = try DecisionLog.read(directory: dir, reviewer: "anna")
            #expect(read.entries.map(\.decision) == [.include, .exclude, .retract, .maybe])
            #expect(read.entries.map(\.order) == [.file, order, nil, order], "\(order)")
            #expect(read.entries[0].key == "pmid:1")
        }
    }

    @Test func resumeContinuesWhereTheReviewerStopped() throws {
        let dir = temporaryDirectory()
        do {
            let (session, log) = try makeSession(dir)
            _ = session.start()
            _ = session.handle("i")
            _ = session.handle("s")
            log.close()
        }
        let (session, log) = try makeSession(dir)
        #expect(session.start().text.hasPrefix("── 2/3 · pmid:2"))
        _ = session.handle("/ practice nurses")
        #expect(session.current?.key == "pmid:3")
        #expect(session.handle("/ nothing like this").text == "no record matches 'nothing like this'\n> ")
        log.close()
    }

    @Test func blindedQueueUsesOnlyTheReviewersOwnLog() throws {
        // The queue takes one DecisionLogContents: bram's decisions cannot reach anna's queue.
        let anna = try contents("anna", [entry("anna", .titleAbstract, "pmid:1", .include)])
        let queue = ScreeningQueue(records: Self.records, log: anna, stage: .titleAbstract, order: .file)
        #expect(queue.reviewer == "anna")
        #expect(queue.screenedCount == 1)
        #expect(queue.next()?.key == "pmid:2")
    }

    @Test func rankedQueueShowsLikelyRelevantFirst() throws {
        let anna = try contents("anna", [])
        let queue = ScreeningQueue(
            records: Self.records, log: anna, stage: .titleAbstract, includeTerms: ["chronic care", "practice nurse*"],
            order: .ranked,
            explorationRate: 0)
        #expect(queue.rankingMode == .keywords)
        #expect(queue.next()?.key == "pmid:3")
    }
}
