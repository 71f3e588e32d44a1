import AppendLog
import Foundation
import Testing

/// A line is complete in these tests when it is `ok<digits>`.
private func isComplete(_ line: ArraySlice<UInt8>) -> Bool {
    let text = String(decoding: line, as: UTF8.self)
    return text.hasPrefix("ok") && text.count > 2 && text.dropFirst(2).allSatisfy(\.isNumber)
}

private func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("appendlog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

@Suite struct AppendOnlyLogTests {
    @Test func appendsWholeLinesAndCreatesFolders() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("a/b/log.txt").path
        let log = try AppendOnlyLog(path: path, holder: "anna", header: "head", isComplete: isComplete)
        #expect(log.initialBytes == Array("head\n".utf8))
        try log.append(["ok1", "ok2"])
        try log.append([])
        #expect(throws: AppendLogError.invalidLine(path: path)) { try log.append(["ok3\nok4"]) }
        log.close()
        #expect(throws: AppendLogError.io(path: path, message: "the log is closed")) { try log.append(["ok5"]) }
        #expect(try text(path) == "head\nok1\nok2\n")
        #expect(try text(path + ".lock") == "anna\n")
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLog() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("log.txt").path
        let first = try AppendOnlyLog(path: path, holder: "reviewer=anna pid=1 host=lab", isComplete: isComplete)
        #expect(throws: AppendLogError.locked(path: path, holder: "reviewer=anna pid=1 host=lab")) {
            _ = try AppendOnlyLog(path: path, holder: "bram", isComplete: isComplete)
        }
        first.close()
        let second = try AppendOnlyLog(path: path, holder: "bram", isComplete: isComplete)
        try second.append(["ok1"])
        #expect(
            AppendLogError.locked(path: "screening/anna.jsonl", holder: "bram").description
                == "screening/anna.jsonl is being written by bram; wait for it to finish, or close that session")
    }

    @Test func aTornLastLineIsMovedAsideByteForByte() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("log.txt").path
        try Data("ok1\nok2\nok3-cut".utf8).write(to: URL(fileURLWithPath: path))

        // A reader leaves it out and says where it was, without touching the file.
        let read = try AppendOnlyLog.read(path: path, isComplete: isComplete)
        #expect(read.bytes == Array("ok1\nok2\n".utf8))
        #expect(read.tornLine == 3)
        #expect(try text(path) == "ok1\nok2\nok3-cut")

        // A writer moves it to <log>.torn, so the next line never merges with it.
        let log = try AppendOnlyLog(path: path, holder: "anna", isComplete: isComplete)
        #expect(log.tornLine == AppendOnlyLog.TornLine(line: 3, savedTo: path + ".torn"))
        #expect(log.initialBytes == Array("ok1\nok2\n".utf8))
        try log.append(["ok4"])
        log.close()
        #expect(try text(path) == "ok1\nok2\nok4\n")
        #expect(try text(path + ".torn") == "ok3-cut\n")
        #expect(try AppendOnlyLog.read(path: path, isComplete: isComplete).tornLine == nil)
    }

    @Test func aBadLastLineWithItsLineBreakIsTornToo() throws {
        // A crash can leave garbage followed by a line break (or by NUL bytes); left in place it
        // would become a bad line in the middle of the log after the next append.
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("log.txt").path
        try Data("ok1\nxx\n\0\0".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try AppendOnlyLog.read(path: path, isComplete: isComplete).tornLine == 2)
        let log = try AppendOnlyLog(path: path, holder: "anna", isComplete: isComplete)
        #expect(log.tornLine?.line == 2)
        try log.append(["ok2"])
        #expect(try text(path) == "ok1\nok2\n")
        #expect(try text(path + ".torn") == "xx\n\0\0\n")
    }

    @Test func aCompleteLastLineWithoutItsLineBreakIsEnded() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("log.txt").path
        try Data("ok1\nok2".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try AppendOnlyLog.read(path: path, isComplete: isComplete).tornLine == nil)
        let log = try AppendOnlyLog(path: path, holder: "anna", isComplete: isComplete)
        #expect(log.tornLine == nil)
        try log.append(["ok3"])
        #expect(try text(path) == "ok1\nok2\nok3\n")
        #expect(!FileManager.default.fileExists(atPath: path + ".torn"))
    }

    @Test func aMissingLogReadsEmptyAndAnUnreadableOneSaysWhy() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = try AppendOnlyLog.read(path: root.appendingPathComponent("none").path, isComplete: isComplete)
        #expect(missing.bytes.isEmpty && missing.tornLine == nil)
        // A folder where the log should be: opening it for writing fails with the path named.
        let dir = root.appendingPathComponent("dir").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(throws: AppendLogError.self) {
            _ = try AppendOnlyLog(path: dir, holder: "anna", isComplete: isComplete)
        }
    }

    @Test func waitingWritersInOtherThreadsNeverInterleave() async throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("log.txt").path
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for n in 0..<25 {
                        let log = try? AppendOnlyLog(
                            path: path, holder: "w\(writer)", wait: true, isComplete: isComplete)
                        try? log?.append(["ok\(writer * 100 + n)"])
                        log?.close()
                    }
                }
            }
        }
        let lines = try text(path).split(separator: "\n")
        #expect(lines.count == 200)
        #expect(Set(lines).count == 200)
        #expect(lines.allSatisfy { isComplete(ArraySlice(Array($0.utf8))) })
    }
}
