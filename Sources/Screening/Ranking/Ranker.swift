import Protocol

/// Ranks records most-likely-relevant first, learning from decisions.
///
/// - Before the first inclusion (or while there is no exclusion yet): BM25 (k₁ = 1.2, b = 0.75)
///   over title, abstract and keywords, the query being the protocol's include-leaning terms
///   (matched as the protocol matches them: accents, case, wildcards). Without terms, file order.
/// - After it: TF-IDF words and word pairs (``FeatureMatrix``) and class-balanced L2 logistic
///   regression (L-BFGS, warm-started), retrained on every call to ``update(relevant:irrelevant:)``.
///
/// Deterministic: the same documents and decisions give the same scores.
public final class Ranker {
    /// How scores are computed now.
    public enum Mode: String, Hashable, Sendable {
        /// No terms matched and no model yet: every score is 0 (ties keep file order).
        case fileOrder = "file order"
        /// BM25 on the protocol's include terms.
        case keywords = "keywords (BM25)"
        /// The model learnt from decisions.
        case model = "model (TF-IDF + logistic regression)"
    }

    public struct Configuration: Hashable, Sendable {
        /// Inverse regularisation strength of the logistic regression.
        public var c: Double
        /// Features kept when they occur in at least this many records.
        public var minDocumentFrequency: Int

        public init(c: Double = 1.0, minDocumentFrequency: Int = 2) {
            self.c = c
            self.minDocumentFrequency = minDocumentFrequency
        }
    }

    public let matrix: FeatureMatrix
    /// Current scores, one per document (higher = more likely relevant).
    public private(set) var scores: [Double]
    public private(set) var mode: Mode
    private let keywordScores: [Double]
    private var model: LogisticRegression

    /// Builds features and keyword scores for `documents`.
    ///
    /// - Complexity: O(total text length); about 2 s for 10,000 abstracts (see docs/benchmarks.md).
    public init(documents: [RankingDocument], includeTerms: [String], configuration: Configuration = Configuration()) {
        let texts = documents.map(\.text)
        matrix = FeatureMatrix(documents: texts, minDocumentFrequency: configuration.minDocumentFrequency)
        keywordScores = BM25.scores(texts: texts, lengths: matrix.lengths, terms: includeTerms)
        model = LogisticRegression(columnCount: matrix.columnCount)
        model.c = configuration.c
        scores = keywordScores
        mode = keywordScores.contains { $0 > 0 } ? .keywords : .fileOrder
    }

    public var count: Int { scores.count }

    /// Retrains on the decisions so far and rescores every document.
    ///
    /// - Parameters: indices of documents decided relevant (include, maybe) and irrelevant.
    /// - Complexity: one L-BFGS fit over the decided rows plus one pass over all rows:
    ///   under 50 ms for 10,000 records with 500 decisions (docs/benchmarks.md).
    public func update(relevant: [Int], irrelevant: [Int]) {
        guard !relevant.isEmpty, !irrelevant.isEmpty else {
            scores = keywordScores
            mode = keywordScores.contains { $0 > 0 } ? .keywords : .fileOrder
            return
        }
        let rows = relevant + irrelevant
        let labels = relevant.map { _ in true } + irrelevant.map { _ in false }
        model.fit(matrix, rows: rows, relevant: labels)
        model.decisionValues(matrix, into: &scores)
        mode = .model
    }

    /// The highest-scoring document for which `skip` is false (ties: the earliest), or nil.
    public func best(skipping skip: [Bool]) -> Int? {
        var best: Int? = nil
        var bestScore = -Double.infinity
        for i in scores.indices where !skip[i] && scores[i] > bestScore {
            best = i
            bestScore = scores[i]
        }
        return best
    }

    /// Documents for which `skip` is false, best first (ties: file order).
    public func ranking(skipping skip: [Bool]) -> [Int] {
        scores.indices.filter { !skip[$0] }.sorted { (scores[$0], -$0) > (scores[$1], -$1) }
    }
}

/// Okapi BM25 with the protocol's terms as the query.
enum BM25 {
    static func scores(texts: [String], lengths: [Int], terms: [String], k1: Double = 1.2, b: Double = 0.75) -> [Double] {
        let compiled = terms.enumerated().compactMap { (i, t) in (try? Term(t)).map { (term: $0, tag: i) } }
        guard !compiled.isEmpty, !texts.isEmpty else { return [Double](repeating: 0, count: texts.count) }
        let set = TermSet(compiled)
        var tf: [[Int: Int]] = []
        var df: [Int: Int] = [:]
        for text in texts {
            var counts: [Int: Int] = [:]
            for match in set.matches(in: text) { counts[match.tag, default: 0] += 1 }
            for t in counts.keys { df[t, default: 0] += 1 }
            tf.append(counts)
        }
        let n = Double(texts.count)
        let average = max(1, Double(lengths.reduce(0, +)) / n)
        return tf.enumerated().map { (d, counts) in
            var s = 0.0
            for (t, f) in counts.sorted(by: { $0.key < $1.key }) {
                let dft = Double(df[t] ?? 0)
                let idf = Foundation_log(1 + (n - dft + 0.5) / (dft + 0.5))
                let tfd = Double(f)
                s += idf * tfd * (k1 + 1) / (tfd + k1 * (1 - b + b * Double(lengths[d]) / average))
            }
            return s
        }
    }
}
