public import Bibliography

/// A record field a rule can test.
public enum RuleField: String, Hashable, Sendable, CaseIterable {
    case year
    /// Languages, normalised to ISO 639-1 (`eng`, `English` → `en`; see ``LanguageCode``).
    case language
    case publicationType = "publication_type"
    case title
    case abstract
    case keywords
    /// MeSH or Emtree descriptors.
    case mesh
    case journal
    case affiliation
    /// Countries, taken from the last part of each affiliation (`…, Utrecht, the Netherlands`).
    case country
    /// Title, abstract and keywords together.
    case text

    /// True for the one numeric field.
    public var isNumeric: Bool { self == .year }

    /// The field's values on a record: empty when the record does not carry it.
    public func values(of record: Record) -> [String] {
        switch self {
        case .year: record.year.map { [String($0)] } ?? []
        case .language: record.languages.flatMap(LanguageCode.normalizeList)
        case .publicationType: record.publicationTypes
        case .title: nonEmpty([record.title] + (record.originalTitle.map { [$0] } ?? []))
        case .abstract: nonEmpty([record.abstract.text])
        case .keywords: record.keywords
        case .mesh: record.mesh.map(\.descriptor)
        case .journal: nonEmpty([record.journal ?? "", record.journalAbbreviation ?? ""])
        case .affiliation: record.affiliations
        case .country: RuleField.countries(in: record.affiliations)
        case .text: nonEmpty([record.title, record.abstract.text] + record.keywords)
        }
    }

    private func nonEmpty(_ values: [String]) -> [String] { values.filter { !$0.isEmpty } }

    /// The last comma-separated part of each affiliation, without e-mail, postcode or `the`.
    static func countries(in affiliations: [String]) -> [String] {
        var out: [String] = []
        for affiliation in affiliations {
            // Several affiliations in one string are separated by ';'.
            for part in affiliation.split(separator: ";") {
                guard var last = part.split(separator: ",").last.map(String.init) else { continue }
                last = last.split(separator: " ").filter { !$0.contains("@") }.joined(separator: " ")
                last = last.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                if last.lowercased().hasPrefix("the ") { last = String(last.dropFirst(4)) }
                last = last.filter { !$0.isNumber }.trimmingCharacters(in: .whitespaces)
                if !last.isEmpty, !out.contains(last) { out.append(last) }
            }
        }
        return out
    }
}

import Foundation
