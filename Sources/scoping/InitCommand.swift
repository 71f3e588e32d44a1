import ArgumentParser
import Foundation
import Workspace

extension Scoping {
    /// `scoping init [DIR]`: makes a review folder.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new review folder with a protocol template.",
            discussion:
                "Creates protocol/protocol.yaml, corpus/, screening/, charting/, output/ and a .gitignore. Never overwrites a file."
        )

        @Argument(help: "The folder to make (default: the current directory).")
        var directory: String = "."

        func run() throws {
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            do {
                let created = try ReviewFolder.create(at: root, protocolTemplate: ProtocolTemplate.text)
                for path in created { Console.out(path) }
                Console.err(
                    "Made a review folder in \(root.standardizedFileURL.path). Next: put the search exports in corpus/, describe them under `sources:` in protocol/protocol.yaml, then run `scoping ingest`."
                )
            } catch {
                throw report(error)
            }
        }
    }
}
