public import Bibliography

/// A large labelled set made by perturbing real records, for speed and memory runs.
///
/// Each new study takes a real record and changes it enough to be another study (title words,
/// authors, year, volume, pages drawn from the pool); about a third of the studies then get one
/// or two copies perturbed the way databases differ (case, `[Dutch]`-style tags, trailing
/// periods, abbreviated journals, `173-80` page ranges, name order, a missing volume).
/// Deterministic for a seed.
public enum SyntheticSet {
    /// About `count` records (a little fewer or more) with their duplicate groups.
    ///
    /// - Complexity: O(count).
    public static func generate(from base: [Record], count: Int, seed: UInt64 = 42) -> LabelledSet {
        precondition(!base.isEmpty, "a synthetic set needs real records to perturb")
        var rng = SeededGenerator(seed: seed)
        let words = Array(Set(base.flatMap { $0.title.split(separator: " ").filter { $0.count > 3 }.map(String.init) }))
            .sorted()
        let families = Array(Set(base.flatMap { $0.authors.map(\.family) })).sorted()
        var inputs: [DedupInput] = []
        inputs.reserveCapacity(count + 16)
        var groups: [[String]] = []
        var study = 0
        while inputs.count < count {
            var r = base[Int(rng.next() % UInt64(base.count))]
            // A new study: three title words, the authors, year, volume and pages replaced.
            var titleWords = r.title.split(separator: " ").map(String.init)
            if titleWords.isEmpty { titleWords = ["Untitled"] }
            for _ in 0..<3 {
                titleWords[Int(rng.next() % UInt64(titleWords.count))] = words[Int(rng.next() % UInt64(words.count))]
            }
            titleWords.append(words[Int(rng.next() % UInt64(words.count))])
            r.title = titleWords.joined(separator: " ")
            let authorCount = 1 + Int(rng.next() % 6)
            r.authors = (0..<authorCount).map { _ in
                Author(
                    family: families[Int(rng.next() % UInt64(families.count))],
                    initials: String(UnicodeScalar(UInt8(65 + rng.next() % 26))))
            }
            r.date = PublicationDate(year: 1990 + Int(rng.next() % 34))
            r.volume = String(1 + rng.next() % 400)
            let first = 1 + Int(rng.next() % 3000)
            r.pages = "\(first)-\(first + 3 + Int(rng.next() % 12))"
            r.doi = nil
            r.pmid = nil
            let id = "s\(study)"
            inputs.append(DedupInput(id: id, record: r, database: "A"))
            let copies = rng.next() % 100 < 35 ? 1 + Int(rng.next() % 2) : 0
            if copies > 0 {
                var group = [id]
                for c in 0..<copies {
                    let copyID = "\(id)-\(c)"
                    inputs.append(DedupInput(id: copyID, record: perturb(r, &rng), database: c == 0 ? "B" : "C"))
                    group.append(copyID)
                }
                groups.append(group)
            }
            study += 1
        }
        return LabelledSet(name: "synthetic-\(count)", inputs: inputs, groups: groups)
    }

    static func perturb(_ record: Record, _ rng: inout SeededGenerator) -> Record {
        var r = record
        switch rng.next() % 4 {
        case 0: r.title = r.title.uppercased()
        case 1: r.title += ". [Dutch]"
        case 2: r.title = "[" + r.title + "]"
        default: r.title += "."
        }
        if rng.next() % 2 == 0, let j = r.journal {
            r.journal = j.split(separator: " ").filter { $0.count > 3 }.map { String($0.prefix(4)) }.joined(
                separator: " ")
        }
        if rng.next() % 2 == 0, let p = r.pages, let dash = p.firstIndex(of: "-") {
            let start = p[..<dash]
            let end = p[p.index(after: dash)...]
            if end.count == start.count, end.count >= 2 { r.pages = start + "-" + end.suffix(end.count - 1) }
        }
        if rng.next() % 2 == 0 {
            r.authors = r.authors.map { a in Author(family: a.family, initials: a.initials) }
        }
        if rng.next() % 5 == 0 { r.volume = nil }
        return r
    }
}
