public import Bibliography
import Formats
import Foundation
public import Protocol

extension ReviewFolder {
    /// The records of the earlier version's list of included studies: a file of the review
    /// folder (any export format `scoping ingest` reads), or `output/included.ris` as a git
    /// revision of the review holds it (`git show REV:./output/included.ris`, run in the folder).
    ///
    /// - Throws: ``WorkspaceError/previousVersion(_:_:)`` when the file or the revision cannot be
    ///   read or lists no study; a `FormatError` (file, line) when the file is malformed.
    public func readPreviousIncluded(_ list: PreviousVersion.IncludedList) throws -> [Record] {
        let records: [Record]
        let what: String
        switch list {
        case .file(let path):
            what = path
            let url = root.appending(path: path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw WorkspaceError.previousVersion(what, "no such file")
            }
            records = try Self.records(path: url.path, name: path)
        case .revision(let revision):
            what = "\(revision):output/included.ris"
            let data = try gitShow(revision, what: what)
            let temporary = FileManager.default.temporaryDirectory.appending(
                path: "scoping-previous-\(UUID().uuidString).ris")
            defer { try? FileManager.default.removeItem(at: temporary) }
            do {
                try data.write(to: temporary)
            } catch {
                throw WorkspaceError.cannotWrite(temporary.path, WorkspaceError.reason(error))
            }
            records = try Self.records(path: temporary.path, name: what)
        }
        guard !records.isEmpty else { throw WorkspaceError.previousVersion(what, "it lists no study") }
        return records
    }

    /// Every record of an export, errors naming it `name`.
    private static func records(path: String, name: String) throws -> [Record] {
        var records: [Record] = []
        try Exports.read(path: path, name: name) { event in
            if case .record(let r, _) = event { records.append(r) }
        }
        return records
    }

    /// `git show REV:./output/included.ris` in the review folder: the file's bytes.
    private func gitShow(_ revision: String, what: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "show", revision + ":./output/included.ris"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw WorkspaceError.previousVersion(what, "git could not be started (\(error.localizedDescription))")
        }
        // The file first (git writes to stderr only when it fails, a line or two), then the message.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let reason = text.isEmpty ? "exit \(process.terminationStatus)" : text
            throw WorkspaceError.previousVersion(what, "git show failed: " + reason)
        }
        return data
    }
}
