/// Candidate pairs by blocking: records that share a hashed key are compared; all other pairs
/// are never looked at.
///
/// Keys: the whole folded title; its first and its last five words; first author + year;
/// first author + first page; year + volume + first page; DOI; PMID; other identifiers.
enum Blocking {
    /// Candidate pairs as `i << 32 | j` with `i < j`, sorted, without repeats.
    ///
    /// - Complexity: O(k·n log n) for k keys per record, plus the pairs of each bucket of at
    ///   most `maxBucket` records.
    static func candidatePairs(_ profiles: [MatchProfile], maxBucket: Int) -> [UInt64] {
        var entries: [(key: UInt64, index: UInt32)] = []
        entries.reserveCapacity(profiles.count * 8)
        for (i, p) in profiles.enumerated() {
            let idx = UInt32(i)
            for key in keys(p) { entries.append((key, idx)) }
        }
        entries.sort { $0.key < $1.key || ($0.key == $1.key && $0.index < $1.index) }
        var pairs: [UInt64] = []
        pairs.reserveCapacity(profiles.count * 4)
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].key == entries[start].key { end += 1 }
            let size = end - start
            if size > 1, size <= maxBucket {
                for x in start..<(end - 1) {
                    let a = UInt64(entries[x].index)
                    for y in (x + 1)..<end where entries[y].index != entries[x].index {
                        pairs.append(a << 32 | UInt64(entries[y].index))
                    }
                }
            }
            start = end
        }
        pairs.sort()
        var out: [UInt64] = []
        out.reserveCapacity(pairs.count)
        for p in pairs where out.last != p { out.append(p) }
        return out
    }

    static func keys(_ p: MatchProfile) -> [UInt64] {
        var keys: [UInt64] = []
        keys.reserveCapacity(10)
        if !p.title.isEmpty {
            keys.append(Fold.mix(1, Fold.hash(p.title)))
            if p.titleWordCount >= 6 {
                var firstEnd = 0
                var spaces = 0
                for (k, b) in p.title.enumerated() where b == 0x20 {
                    spaces += 1
                    if spaces == 5 {
                        firstEnd = k
                        break
                    }
                }
                keys.append(Fold.mix(2, Fold.hash(p.title[..<firstEnd])))
                var lastStart = p.title.count
                spaces = 0
                for k in stride(from: p.title.count - 1, through: 0, by: -1) where p.title[k] == 0x20 {
                    spaces += 1
                    if spaces == 5 {
                        lastStart = k + 1
                        break
                    }
                }
                keys.append(Fold.mix(3, Fold.hash(p.title[lastStart...])))
            }
        }
        if let first = p.authors.first {
            if let y = p.year { keys.append(Fold.mix(Fold.mix(4, first.family), UInt64(y))) }
            if let pg = p.pages { keys.append(Fold.mix(Fold.mix(5, first.family), UInt64(pg.start))) }
        }
        if let y = p.year, let v = p.volume, let pg = p.pages {
            keys.append(Fold.mix(Fold.mix(Fold.mix(6, UInt64(y)), UInt64(v)), UInt64(pg.start)))
        }
        if let doi = p.doi { keys.append(Fold.mix(7, Fold.hash(doi.utf8))) }
        if let pmid = p.pmid { keys.append(Fold.mix(8, Fold.hash(pmid.utf8))) }
        for id in p.otherIDs { keys.append(Fold.mix(9, Fold.hash(id.utf8))) }
        return keys
    }
}

/// Union-find with path halving and union by size; keeps each set's members.
struct UnionFind {
    var parent: [Int32]
    var members: [[Int32]]

    init(count: Int) {
        parent = (0..<count).map { Int32($0) }
        members = (0..<count).map { [Int32($0)] }
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns the new root.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Int {
        var ra = find(a)
        var rb = find(b)
        if ra == rb { return ra }
        if members[ra].count < members[rb].count { swap(&ra, &rb) }
        parent[rb] = Int32(ra)
        members[ra].append(contentsOf: members[rb])
        members[rb] = []
        return ra
    }
}
