import ArgumentParser
import Foundation
import Workspace

extension Scoping {
    /// `scoping run`: the whole pipeline on the review folder, incrementally.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole pipeline on the review folder (only what changed).",
            discussion: "Ingests the exports in corpus/ and regenerates what depends on them."
        )

        @OptionGroup var options: ReviewOptions

        func run() throws {
            let folder: ReviewFolder
            let index: ReviewIndex
            do {
                folder = try options.folder()
                index = try folder.openIndex()
            } catch {
                throw report(error)
            }
            let ingested = ingest(folder: folder, index: index, files: [], format: nil, provenance: Provenance(), keepGoing: false, force: false, json: false)
            if ingested.failed > 0 { throw ingested.exitCode }
            do {
                let imports = try index.imports()
                let total = try index.recordCount()
                Console.out("\(total) records from \(imports.count) export\(imports.count == 1 ? "" : "s")")
                for i in imports {
                    Console.out("  \(RecordTable.pad(i.path, 28)) \(RecordTable.pad(i.database, 24)) \(i.records)")
                }
            } catch {
                throw report(error)
            }
        }
    }
}
