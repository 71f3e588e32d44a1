/// TF-IDF features of a set of documents: words and word pairs (after English stop words are
/// removed), hashed to 64 bits, kept when they occur in at least two documents; sublinear term
/// frequency (1 + ln tf), smoothed idf (ln((1 + N)/(1 + df)) + 1), rows L2-normalised.
///
/// Stored as a compressed sparse row matrix; columns are numbered in hash order, so the
/// matrix is the same on every run.
public struct FeatureMatrix: Sendable {
    /// Row r's entries are `columns[rowStart[r]..<rowStart[r+1]]` and `values[…]`.
    public let rowStart: [Int]
    public let columns: [Int32]
    public let values: [Double]
    /// Number of distinct columns.
    public let columnCount: Int
    /// Words per document (before stop words are removed), for BM25 length normalisation.
    public let lengths: [Int]

    public var rowCount: Int { rowStart.count - 1 }

    /// - Complexity: O(total text length).
    public init(documents: [String], minDocumentFrequency: Int = 2) {
        var docFeatures: [[(UInt64, Int32)]] = []
        docFeatures.reserveCapacity(documents.count)
        var df: [UInt64: Int32] = [:]
        var lengths: [Int] = []
        var counts: [UInt64: Int32] = [:]
        for text in documents {
            counts.removeAll(keepingCapacity: true)
            var previous: UInt64? = nil
            var words = 0
            Tokenizer.forEachWord(in: text) { hash, isStopWord in
                words += 1
                if isStopWord {
                    return
                }
                counts[hash, default: 0] += 1
                if let p = previous { counts[Tokenizer.pair(p, hash), default: 0] += 1 }
                previous = hash
            }
            lengths.append(words)
            let features = counts.map { ($0.key, $0.value) }
            for (h, _) in features { df[h, default: 0] += 1 }
            docFeatures.append(features)
        }
        let kept = df.filter { $0.value >= Int32(minDocumentFrequency) }.keys.sorted()
        var column: [UInt64: Int32] = [:]
        column.reserveCapacity(kept.count)
        for (i, h) in kept.enumerated() { column[h] = Int32(i) }
        let n = Double(documents.count)
        var idf = [Double](repeating: 0, count: kept.count)
        for (i, h) in kept.enumerated() { idf[i] = Foundation_log((1 + n) / (1 + Double(df[h] ?? 0))) + 1 }
        var rowStart = [0]
        var columns: [Int32] = []
        var values: [Double] = []
        for features in docFeatures {
            var row: [(Int32, Double)] = []
            for (h, tf) in features {
                guard let c = column[h] else { continue }
                row.append((c, (1 + Foundation_log(Double(tf))) * idf[Int(c)]))
            }
            row.sort { $0.0 < $1.0 }
            let norm = row.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            for (c, v) in row {
                columns.append(c)
                values.append(norm > 0 ? v / norm : 0)
            }
            rowStart.append(columns.count)
        }
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        self.columnCount = kept.count
        self.lengths = lengths
    }
}

/// Splits text into lower-case words (letters and digits, two or more) and hashes them.
enum Tokenizer {
    /// Calls `body(hash, isStopWord)` for each word of `text`, in order.
    static func forEachWord(in text: String, _ body: (UInt64, Bool) -> Void) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        func flush() {
            if length >= 2 { body(h, stopWords.contains(h)) }
            h = 0xcbf2_9ce4_8422_2325
            length = 0
        }
        for var b in text.utf8 {
            if b >= 65, b <= 90 { b += 32 }
            if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b >= 0x80 {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
                length += 1
            } else {
                flush()
            }
        }
        flush()
    }

    static func hash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in word.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The feature of the word pair (a, b).
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 31)
    }

    /// English stop words (a short form of the common lists), hashed.
    static let stopWords: Set<UInt64> = Set(
        """
        a about above after again against all am an and any are as at be because been before being below between both but by
        can could did do does doing down during each few for from further had has have having he her here hers herself him
        himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
        our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
        these they this those through to too under until up very was we were what when where which while who whom why will
        with would you your yours yourself yourselves also among may might must within without however therefore thus
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { hash(String($0)) })
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@inline(__always) func Foundation_log(_ x: Double) -> Double { log(x) }
@inline(__always) func Foundation_exp(_ x: Double) -> Double { exp(x) }
