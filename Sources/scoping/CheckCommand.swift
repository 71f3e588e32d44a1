import ArgumentParser
import Bibliography
import Foundation
import Protocol
import Workspace

extension Scoping {
    /// `scoping check`: validates the protocol and the review folder.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the protocol and the review folder; exit 0 only when all is well.",
            discussion: """
                Reports YAML errors, unknown keys (with a suggestion), duplicate or undefined \
                criterion ids, empty term lists, source files that do not exist, export files \
                in corpus/ that no source names, and screening or charting logs that name records \
                the index does not hold. When the protocol changed since the automatic \
                criteria last ran, it shows what changed.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Flag(help: "Print the diagnostics as JSON.")
        var json = false

        func run() throws {
            let folder: ReviewFolder
            var diagnostics: [ProtocolDiagnostic]
            do {
                folder = try options.folder()
                diagnostics = try folder.checkProtocol()
            } catch {
                throw report(error)
            }
            var notes: [String] = []
            var ruleConflicts: [RuleConflict] = []
            var keysNotInIndex: [String: [RecordKey]] = [:]
            var damagedLog: ExitCode?
            // `check` creates nothing: the index is opened only when it is there.
            let hasIndex = FileManager.default.fileExists(atPath: folder.indexFile.path)
            if !diagnostics.containsErrors, let loaded = try? folder.loadProtocol() {
                let named = Set(loaded.reviewProtocol.sources.flatMap(\.files))
                for file in (try? folder.corpusFiles()) ?? [] where !named.contains(folder.relativePath(file)) {
                    notes.append(
                        "\(folder.relativePath(file)): not named by any source in \(ReviewFolder.protocolPath); ingest will record it without a database or search date"
                    )
                }
                if hasIndex, let index = try? folder.openIndex(), let studies = try? index.studies(),
                    let change = try? ProtocolChange.compute(index: index, current: loaded, studies: studies)
                {
                    notes.append("the protocol changed since `scoping criteria` last ran:")
                    notes.append(contentsOf: change.changes.map { "  " + $0 })
                    notes.append(
                        "\(change.statusChanges.count) stud\(change.statusChanges.count == 1 ? "y changes" : "ies change") automatic status:"
                    )
                    notes.append(
                        contentsOf: change.statusChanges.map {
                            "  \($0.key): \($0.old ?? "eligible") -> \($0.new ?? "eligible")"
                        })
                }
                if !hasIndex {
                    // No index yet (a fresh clone): the logs can still be read.
                    do { try folder.checkHumanLogs() } catch { damagedLog = report(error) }
                } else if let index = try? folder.openIndex() {
                    // A damaged decision or charting log is the review folder's problem too.
                    do {
                        let snapshot = try folder.snapshot(index: index, loaded: loaded)
                        ruleConflicts = snapshot.ruleConflicts
                        // Keys missing from an index that dedup has not seen whole yet (an
                        // import under way) are not lost work: only a deduplicated index says so.
                        if try index.dedupSummary() != nil { keysNotInIndex = snapshot.keysNotInIndex }
                    } catch {
                        damagedLog = report(error)
                    }
                }
            }
            // The review folder's problems beyond the protocol: human work gone, or applying to
            // nothing, and studies people included that a rule excludes now.
            var folderProblems: [(file: String, severity: String, message: String, detail: [String])] = []
            for path in RunStamp.vanishedHumanWork(folder) {
                folderProblems.append(
                    (
                        path, "error",
                        "read by the last `scoping run` and gone now; it is human work (decisions), not derived: "
                            + "restore it (git checkout, a backup)", []
                    ))
            }
            for file in keysNotInIndex.keys.sorted() {
                let keys = keysNotInIndex[file, default: []]
                let shown = keys.prefix(5).map(\.rawValue).joined(separator: ", ") + (keys.count > 5 ? ", …" : "")
                folderProblems.append(
                    (
                        file, "error",
                        "names \(keys.count) record\(keys.count == 1 ? "" : "s") the index does not hold (\(shown)): "
                            + "that work applies to nothing, and the log keeps it. Either an export was removed (put "
                            + "it back in corpus/ and run `scoping run`) or dedup split a key that different "
                            + "publications shared (`scoping run` names it): screen those records again",
                        keys.map(\.rawValue)
                    ))
            }
            if !ruleConflicts.isEmpty {
                folderProblems.append(
                    (
                        ReviewFolder.protocolPath, "warning",
                        "\(ruleConflicts.count) stud\(ruleConflicts.count == 1 ? "y" : "ies") that people included or "
                            + "charted the protocol's automatic criteria exclude now; they stay included until a "
                            + "person decides (`scoping reconcile`, or `scoping criteria --confirm --reviewer NAME` to "
                            + "exclude them):",
                        ruleConflicts.map { "\($0.key): \($0.criterion); " + $0.by.joined(separator: ", ") }
                    ))
            }
            if json {
                Console.out(
                    JSONLines.array(
                        diagnostics.map { d in
                            JSONLines.object([
                                ("file", .string(d.file)), ("line", .int(d.line)), ("column", .int(d.column)),
                                ("severity", .string(d.severity.rawValue)), ("message", .string(d.message)),
                                ("hint", .optionalString(d.hint)),
                            ])
                        }
                            + folderProblems.map { p in
                                JSONLines.object([
                                    ("file", .string(p.file)), ("line", .raw("null")), ("column", .raw("null")),
                                    ("severity", .string(p.severity)), ("message", .string(p.message)),
                                    ("hint", .raw("null")), ("items", .strings(p.detail)),
                                ])
                            }))
            } else {
                for d in diagnostics { Console.err(d.description) }
                for note in notes { Console.err("note: " + note) }
                for p in folderProblems {
                    if p.severity == "error" {
                        Console.error("\(p.file): \(p.message)")
                    } else {
                        Console.warning(p.message)
                        for item in p.detail { Console.err("  " + item) }
                    }
                }
            }
            if diagnostics.containsErrors {
                let errors = diagnostics.filter { $0.severity == .error }.count
                Console.err("\(errors) error\(errors == 1 ? "" : "s") in \(ReviewFolder.protocolPath)")
                throw Exit.dataError
            }
            if let damagedLog { throw damagedLog }
            if !folderProblems.isEmpty { throw Exit.problems }
            if !json {
                Console.err(
                    "\(ReviewFolder.protocolPath): all is well"
                        + (diagnostics.isEmpty
                            ? "" : " (\(diagnostics.count) warning\(diagnostics.count == 1 ? "" : "s"))"))
            }
        }
    }
}
