import Bibliography
import Foundation
import Testing

@testable import Formats

/// Runs every file of the shared corpus (`../shared/corpus/MANIFEST.tsv`) through
/// `Exports.read`, and compares our records with JabRef's expected `.bib` files and Zotero's
/// expected items where they exist. See `docs/conformance.md`.
///
/// Fails when a file of a format we read throws, when a file of another format is read
/// instead of refused, when a field disagrees and the disagreement is not explained in
/// `Fixtures/conformance-known.tsv`, or when the total number of records drops below the
/// `# min-records:` line of that file.
@Suite(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found: conformance not run"))
struct ConformanceTests {
    /// MANIFEST formats that scoping reads.
    static let readFormats: Set<String> = [
        "PubMed-XML", "MEDLINE-XML-2016", "MEDLINE", "MEDLINE-nbib", "MEDLINE-PMC", "RIS", "EndNote-XML", "EndNote XML",
        "CSV", "EndNote-tab-delimited",
        "WOS-ISI-tagged", "Ovid-tagged", "Ovid-text", "BibTeX", "BibTeX-input", "EndNote-refer-enw",
        "Refer/EndNote-tagged",
        "RefWorks-tagged", "PMID-list", "CSL-JSON", "MODS-XML", "RDF",
    ]
    /// Fields compared with the other parsers' expectations.
    static let fields = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "abstract"]

    struct Mismatch: Hashable {
        var file: String
        var record: Int
        var field: String
        var ours: String
        var theirs: String
        var key: String { "\(file)\t\(record)\t\(field)" }
    }

    @Test func corpusConformance() throws {
        let corpus = try #require(sharedCorpus)
        let manifest = try String(contentsOfFile: corpus + "/MANIFEST.tsv", encoding: .utf8)
        var files = 0
        var records = 0
        var mismatches: [Mismatch] = []
        var failures: [String] = []
        var missingExpectations: [String] = []
        for line in manifest.split(whereSeparator: \.isNewline).dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count > 5 else { continue }
            let (file, format) = (columns[0], columns[5])
            let path = corpus + "/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            files += 1
            if ConformanceTests.readFormats.contains(format) || format.hasPrefix("BibTeX-expected") {
                do {
                    let read = try Exports.records(path: path)
                    records += read.count
                    mismatches += try compare(file: file, path: path, records: read, missing: &missingExpectations)
                } catch {
                    // Listed in the known file as `file  0  error` when the refusal is right.
                    mismatches.append(Mismatch(file: file, record: 0, field: "error", ours: "\(error)", theirs: ""))
                }
            } else {
                do {
                    let read = try Exports.records(path: path)
                    if !read.isEmpty {
                        failures.append("\(file) (\(format)): read as records (\(read.count)) instead of refused")
                    }
                } catch let error as FormatError where error.message.contains("tried") {
                    // Refused as it should be.
                } catch {
                    failures.append("\(file) (\(format)): refused, but without the 'tried …' message: \(error)")
                }
            }
        }
        let known = try ConformanceTests.knownMismatches()
        print("conformance: \(files) files, \(records) records, \(mismatches.count) field mismatches")
        if !missingExpectations.isEmpty {
            print(
                "conformance: no expected output for \(missingExpectations.count) files: \(missingExpectations.joined(separator: ", "))"
            )
        }
        let unexplained = mismatches.filter { !known.keys.contains($0.key) }
        for m in unexplained {
            Issue.record("unexplained mismatch: \(m.file)\t\(m.record)\t\(m.field)\t\(m.ours)\t\(m.theirs)")
        }
        for f in failures { Issue.record(Comment(rawValue: f)) }
        #expect(records >= known.minRecords, "records read dropped: \(records) < \(known.minRecords)")
    }

    // MARK: Expectations

    /// Compares our records with the expected `.bib` (JabRef) or `.expected.json` (Zotero).
    func compare(file: String, path: String, records: [Record], missing: inout [String]) throws -> [Mismatch] {
        let base = (path as NSString).deletingPathExtension
        var expected: [[String: String]]?
        if file.hasPrefix("jabref/"), !file.hasPrefix("jabref/exporter/"),
            FileManager.default.fileExists(atPath: base + ".bib")
        {
            expected = BibTeX.entries(try String(contentsOfFile: base + ".bib", encoding: .utf8)).map(BibTeX.comparable)
        } else if file.hasPrefix("zotero-tests/") {
            if let data = FileManager.default.contents(atPath: base + ".expected.json") {
                expected = ZoteroItems.comparable(data)
            } else {
                missing.append(file)
            }
        }
        guard let expected else { return [] }
        var out: [Mismatch] = []
        if expected.count != records.count {
            out.append(
                Mismatch(
                    file: file, record: 0, field: "count", ours: String(records.count), theirs: String(expected.count)))
        }
        for (i, (ours, theirs)) in zip(records.map(ConformanceTests.comparable), expected).enumerated() {
            for field in ConformanceTests.fields {
                let a = ours[field] ?? ""
                let b = theirs[field] ?? ""
                if ConformanceTests.normalized(field, a) != ConformanceTests.normalized(field, b) {
                    out.append(Mismatch(file: file, record: i + 1, field: field, ours: a, theirs: b))
                }
            }
        }
        return out
    }

    static func comparable(_ r: Record) -> [String: String] {
        [
            "title": r.title, "authors": r.authors.map(\.family).joined(separator: "; "),
            "year": r.year.map(String.init) ?? "",
            "journal": r.journal ?? "", "volume": r.volume ?? "", "issue": r.issue ?? "", "pages": r.pages ?? "",
            "doi": r.doi ?? "", "abstract": r.abstract.text,
        ]
    }

    /// Comparison that ignores case, accents, punctuation and spacing (and `--` in pages).
    static func normalized(_ field: String, _ value: String) -> String {
        switch field {
        case "doi": return DOI.normalize(value) ?? value.lowercased()
        case "pages":
            return value.replacingOccurrences(of: "--", with: "-").replacingOccurrences(of: "–", with: "-").filter {
                !$0.isWhitespace
            }
        default: return Text.foldForMatching(Text.decodeEntities(value))
        }
    }

    /// `Fixtures/conformance-known.tsv`: explained mismatches and the record floor.
    static func knownMismatches() throws -> (keys: Set<String>, minRecords: Int) {
        let text = try String(contentsOfFile: fixturesFolder + "/conformance-known.tsv", encoding: .utf8)
        var keys = Set<String>()
        var minRecords = 0
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("# min-records:") {
                minRecords = Int(line.dropFirst("# min-records:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix("file\t") { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false)
            if c.count >= 3 { keys.insert("\(c[0])\t\(c[1])\t\(c[2])") }
        }
        return (keys, minRecords)
    }
}

/// A small BibTeX reader for JabRef's expected files (test code only).
enum BibTeX {
    /// Entries as `field → value` (lower-case field names, `type` for the entry type).
    static func entries(_ text: String) -> [[String: String]] {
        var out: [[String: String]] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i] == "@" else {
                i += 1
                continue
            }
            var j = i + 1
            var type = ""
            while j < chars.count, chars[j] != "{" {
                type.append(chars[j])
                j += 1
            }
            j += 1
            while j < chars.count, chars[j] != "," && chars[j] != "}" { j += 1 }  // key
            var entry: [String: String] = ["type": type.lowercased().trimmingCharacters(in: .whitespaces)]
            while j < chars.count, chars[j] != "}" {
                j += 1
                var name = ""
                while j < chars.count, chars[j] != "=" && chars[j] != "}" {
                    name.append(chars[j])
                    j += 1
                }
                guard j < chars.count, chars[j] == "=" else { break }
                j += 1
                while j < chars.count, chars[j].isWhitespace { j += 1 }
                var value = ""
                if j < chars.count, chars[j] == "{" || chars[j] == "\"" {
                    let close: Character = chars[j] == "{" ? "}" : "\""
                    var depth = 0
                    j += 1
                    while j < chars.count {
                        let c = chars[j]
                        if c == "{" {
                            depth += 1
                        } else if c == "}" && depth > 0 {
                            depth -= 1
                        } else if c == close && depth == 0 {
                            break
                        }
                        value.append(c)
                        j += 1
                    }
                    j += 1
                } else {
                    while j < chars.count, chars[j] != "," && chars[j] != "}" {
                        value.append(chars[j])
                        j += 1
                    }
                }
                entry[name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()] = value.replacingOccurrences(
                    of: "{", with: ""
                ).replacingOccurrences(of: "}", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
                while j < chars.count, chars[j] != "," && chars[j] != "}" { j += 1 }
            }
            out.append(entry)
            i = j + 1
        }
        return out
    }

    /// The compared fields of a BibTeX entry.
    static func comparable(_ e: [String: String]) -> [String: String] {
        let authors = (e["author"] ?? "").components(separatedBy: " and ").compactMap { name -> String? in
            let n = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !n.isEmpty else { return nil }
            return Author(parsing: n)?.family ?? n
        }
        var year = e["year"] ?? ""
        if year.isEmpty, let date = e["date"] { year = PublicationDate(parsing: date)?.year.map(String.init) ?? "" }
        return [
            "title": e["title"] ?? "", "authors": authors.joined(separator: "; "), "year": year,
            "journal": e["journal"] ?? e["journaltitle"] ?? e["booktitle"] ?? "", "volume": e["volume"] ?? "",
            "issue": e["number"] ?? e["issue"] ?? "", "pages": e["pages"] ?? "", "doi": e["doi"] ?? "",
            "abstract": e["abstract"] ?? "",
        ]
    }
}

/// Zotero's expected items (`*.expected.json`, an array of item objects), test code only.
enum ZoteroItems {
    static func comparable(_ data: Data) -> [[String: String]] {
        guard let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return items.map { item in
            let creators = (item["creators"] as? [[String: Any]] ?? []).filter {
                ($0["creatorType"] as? String ?? "author") == "author"
            }
            let families = creators.compactMap { ($0["lastName"] ?? $0["name"]) as? String }
            let date = item["date"] as? String ?? ""
            return [
                "title": item["title"] as? String ?? "", "authors": families.joined(separator: "; "),
                "year": PublicationDate(parsing: date)?.year.map(String.init) ?? "",
                "journal": (item["publicationTitle"] ?? item["bookTitle"] ?? item["proceedingsTitle"]) as? String ?? "",
                "volume": item["volume"] as? String ?? "", "issue": item["issue"] as? String ?? "",
                "pages": item["pages"] as? String ?? "",
                "doi": item["DOI"] as? String ?? "", "abstract": item["abstractNote"] as? String ?? "",
            ]
        }
    }
}
