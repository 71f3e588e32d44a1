/// A language a report or a label can be written in.
public enum ReportLanguage: String, Hashable, Codable, Sendable, CaseIterable {
    case en
    case nl
}

/// A short text in English and Dutch (`label: {en: …, nl: …}`).
///
/// Both languages are required for labels the report shows; ``text(in:)`` falls back to the
/// other language when one is empty.
public struct LocalizedText: Hashable, Codable, Sendable {
    public var en: String
    public var nl: String

    public init(en: String, nl: String) {
        self.en = en
        self.nl = nl
    }

    /// The text in `language`, or in the other language when that one is empty.
    public func text(in language: ReportLanguage) -> String {
        switch language {
        case .en: en.isEmpty ? nl : en
        case .nl: nl.isEmpty ? en : nl
        }
    }
}
