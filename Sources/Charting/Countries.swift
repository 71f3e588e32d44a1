import Protocol

/// Country names as affiliations write them, in English, Dutch and the country's own language.
public enum Countries {
    /// Countries named in `affiliations`, as English names, in order of first appearance.
    ///
    /// - Complexity: O(affiliations × text length).
    public static func find(in affiliations: [String]) -> [String] {
        var found: [String] = []
        for affiliation in affiliations {
            let text = FoldedText(affiliation)
            var hits: [(position: String.Index, name: String)] = []
            for (name, term) in terms {
                if let range = term.firstRange(in: text) { hits.append((range.lowerBound, name)) }
            }
            for hit in hits.sorted(by: { $0.position < $1.position }) where !found.contains(hit.name) {
                found.append(hit.name)
            }
        }
        return found
    }

    private static let names: [(String, [String])] = [
        ("Netherlands", ["Netherlands", "The Netherlands", "Nederland", "Holland", "Pays-Bas", "Niederlande"]),
        ("Belgium", ["Belgium", "België", "Belgie", "Belgique", "Belgien"]),
        ("Germany", ["Germany", "Duitsland", "Deutschland", "Allemagne"]),
        ("France", ["France", "Frankrijk", "Frankreich"]),
        (
            "United Kingdom",
            ["United Kingdom", "UK", "England", "Scotland", "Wales", "Northern Ireland", "Verenigd Koninkrijk"]
        ),
        ("Ireland", ["Ireland", "Ierland", "Éire"]),
        ("Denmark", ["Denmark", "Denemarken", "Danmark"]),
        ("Sweden", ["Sweden", "Zweden", "Sverige"]),
        ("Norway", ["Norway", "Noorwegen", "Norge"]),
        ("Finland", ["Finland", "Suomi"]),
        ("Switzerland", ["Switzerland", "Zwitserland", "Schweiz", "Suisse"]),
        ("Austria", ["Austria", "Oostenrijk", "Österreich"]),
        ("Spain", ["Spain", "Spanje", "España"]),
        ("Italy", ["Italy", "Italië", "Italia"]),
        ("Portugal", ["Portugal"]),
        ("United States", ["United States", "USA", "U.S.A.", "Verenigde Staten"]),
        ("Canada", ["Canada"]),
        ("Australia", ["Australia", "Australië"]),
        ("New Zealand", ["New Zealand", "Nieuw-Zeeland"]),
    ]

    private static let terms: [(String, Term)] = names.flatMap { name, spellings in
        spellings.compactMap { spelling in (try? Term(spelling)).map { (name, $0) } }
    }
}
