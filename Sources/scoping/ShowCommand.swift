import ArgumentParser
import Bibliography
import Foundation
import Workspace

extension Scoping {
    /// `scoping show KEY`: one record in full.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one record in full, with every export that holds it.",
            discussion: "KEY is a record key as `scoping records` lists it: pmid:…, doi:… or hash:…."
        )

        @OptionGroup var options: ReviewOptions

        @Argument(help: "The record key.")
        var key: String

        @Flag(help: "Print the record as JSON.")
        var json = false

        func run() throws {
            let copies: [IndexedRecord]
            do {
                copies = try options.folder().openIndex().records(key: RecordKey(rawValue: key))
                if copies.isEmpty { throw WorkspaceError.unknownKey(key) }
            } catch {
                throw report(error)
            }
            if json {
                Console.out(JSONLines.array(copies.map(\.json)))
                return
            }
            Console.out(RecordText.render(copies[0].record, key: copies[0].key))
            Console.out("")
            Console.out("Found in:")
            for copy in copies {
                Console.out(
                    "  \(copy.file):\(copy.line)  \(copy.database)" + (copy.searchedOn.map { ", searched \($0)" } ?? "")
                )
            }
        }
    }
}

/// A record as readable text: what a reviewer needs to see, labelled.
enum RecordText {
    static func render(_ r: Record, key: RecordKey) -> String {
        var lines: [String] = []
        func add(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            // The longest label ("Original title") and two spaces: a value never runs into its label.
            lines.append(RecordTable.pad(label, 16) + value)
        }
        add("Key", key.rawValue)
        add("Type", r.type.rawValue)
        add("Title", r.title)
        add("Original title", r.originalTitle)
        add("Authors", r.authors.map(\.displayName).joined(separator: "; "))
        add("Editors", r.editors.map(\.displayName).joined(separator: "; "))
        add("Date", r.date?.text ?? r.date?.iso)
        add("Journal", [r.journal, r.journalAbbreviation.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "))
        add("Volume", r.volume)
        add("Issue", r.issue)
        add("Pages", r.pages)
        add("DOI", r.doi)
        add("PMID", r.pmid)
        add("PMCID", r.pmcid)
        add("Other ids", r.otherIDs.map { "\($0.scheme): \($0.value)" }.joined(separator: "; "))
        add("Publisher", r.publisher)
        add("Language", r.languages.joined(separator: ", "))
        add("Types", r.publicationTypes.joined(separator: "; "))
        add("Keywords", r.keywords.joined(separator: "; "))
        add(
            "MeSH",
            r.mesh.map {
                ($0.isMajorTopic ? "*" : "") + $0.descriptor
                    + ($0.qualifiers.isEmpty ? "" : "/" + $0.qualifiers.joined(separator: "/"))
            }.joined(separator: "; "))
        add("Affiliations", r.affiliations.joined(separator: " | "))
        add("URLs", r.urls.joined(separator: " "))
        if !r.abstract.isEmpty {
            lines.append("")
            lines.append("Abstract")
            for section in r.abstract.sections {
                lines.append(section.label.map { "  \($0): \(section.text)" } ?? "  " + section.text)
            }
        }
        if !r.notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            for note in r.notes { lines.append("  " + note) }
        }
        return lines.joined(separator: "\n")
    }
}
