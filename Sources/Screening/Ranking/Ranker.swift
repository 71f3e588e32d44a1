import Protocol

/// Ranks records most-likely-relevant first, learning from decisions.
///
/// - Before the first inclusion (or while there is no exclusion yet): BM25 (k₁ = 1.2, b = 0.75)
///   over title, abstract and keywords, the query being the protocol's include-leaning terms
///   (matched as the protocol matches them: accents, case, wildcards). Without terms, file order.
/// - After it: TF-IDF words and word pairs (``FeatureMatrix``) and a linear classifier retrained
///   on every call to ``update(relevant:irrelevant:)``: by default a linear SVM with the squared
///   hinge loss (dual coordinate descent, warm-started from the previous fit), relevant records
///   weighted up (see ``Configuration``); or class-balanced logistic regression (L-BFGS).
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
        case model = "model (TF-IDF + linear classifier)"
    }

    /// The classifier learnt from decisions.
    public enum Classifier: String, Hashable, Sendable, CaseIterable {
        /// Linear SVM, squared hinge loss, dual coordinate descent (the default).
        case svm
        /// L2 logistic regression, L-BFGS (the model before issue 6's benchmark).
        case logistic
    }

    /// The ranking model. The defaults are ASReview's default model (ELAS u4: TF-IDF of words
    /// and word pairs with sublinear tf, features in at most 95% of the records; linear SVM,
    /// squared hinge, C = 0.11; relevant records' total weight 9.8 times the irrelevant ones'),
    /// the one configuration used on every data set in docs/benchmarks.md ("Screening").
    public struct Configuration: Hashable, Sendable {
        public var classifier: Classifier
        /// Inverse regularisation strength.
        public var c: Double
        /// The relevant class's total weight over the irrelevant class's (1 = balanced classes).
        public var positiveRatio: Double
        /// How text becomes features.
        public var features: FeatureMatrix.Options
        /// The SVM stops when its projected gradients span less than this (0.1 is LIBLINEAR's
        /// default for this solver; scikit-learn passes 1e-4: on docs/benchmarks.md's sets a
        /// tighter tolerance changes WSS@95 less than the seeds do, at several times the passes).
        public var tolerance: Double

        public init(
            classifier: Classifier = .svm, c: Double = 0.11, positiveRatio: Double = 9.8,
            features: FeatureMatrix.Options = FeatureMatrix.Options(), tolerance: Double = 0.1
        ) {
            self.classifier = classifier
            self.c = c
            self.positiveRatio = positiveRatio
            self.features = features
            self.tolerance = tolerance
        }
    }

    public let matrix: FeatureMatrix
    public let configuration: Configuration
    /// Current scores, one per document (higher = more likely relevant).
    public private(set) var scores: [Double]
    public private(set) var mode: Mode
    private let keywordScores: [Double]
    /// The rows this ranker ranks (nil: all); the others always score −∞.
    private let active: [Bool]?
    var svm: LinearSVM
    var logistic: LogisticRegression?
    private var decided: [Bool] = []

    /// Builds features and keyword scores for `documents`.
    ///
    /// - Complexity: O(total text length); about 1.2 s of CPU for 10,000 PubMed records (docs/benchmarks.md).
    public convenience init(
        documents: [RankingDocument], includeTerms: [String], configuration: Configuration = Configuration()
    ) {
        self.init(
            features: RankingFeatures(
                documents: documents, includeTerms: includeTerms, options: configuration.features),
            configuration: configuration)
    }

    /// A ranker over features built once (and shared with other rankers of the same records).
    ///
    /// - Parameters:
    ///   - features: built with `configuration.features`.
    ///   - active: the rows to rank (one reviewer's share of a stage's records); the others score
    ///     −∞ and are never learnt from. Nil: every row.
    /// - Complexity: O(rows): no text is read.
    public init(features: RankingFeatures, active: [Bool]? = nil, configuration: Configuration = Configuration()) {
        precondition(active == nil || active?.count == features.count, "one flag per row")
        self.configuration = configuration
        self.active = active
        matrix = features.matrix
        var keywords = features.keywordScores
        if let active {
            for r in keywords.indices where !active[r] { keywords[r] = -.infinity }
        }
        keywordScores = keywords
        svm =
            configuration.classifier == .svm
            ? LinearSVM(columnCount: matrix.columnCount, rowCount: matrix.rowCount)
            : LinearSVM(columnCount: 0, rowCount: 0)
        svm.c = configuration.c
        svm.positiveRatio = configuration.positiveRatio
        svm.tolerance = configuration.tolerance
        if configuration.classifier == .logistic {
            var model = LogisticRegression(columnCount: matrix.columnCount)
            model.c = configuration.c
            logistic = model
        }
        scores = keywordScores
        mode = keywordScores.contains { $0 > 0 } ? .keywords : .fileOrder
    }

    public var count: Int { scores.count }

    /// A ranker in the same state (features, model, scores): to retrain away from this one
    /// (another thread) and take in its place once done. Cheap: the arrays are shared until written.
    public func copy() -> Ranker { Ranker(copying: self) }

    private init(copying other: Ranker) {
        configuration = other.configuration
        matrix = other.matrix
        scores = other.scores
        mode = other.mode
        keywordScores = other.keywordScores
        active = other.active
        svm = other.svm
        logistic = other.logistic
        decided = other.decided
    }

    /// Retrains on the decisions so far and rescores every undecided document (with the SVM,
    /// decided documents score −∞: they are never picked again).
    ///
    /// - Parameters: indices of documents decided relevant (include, maybe) and irrelevant.
    /// - Complexity: one fit over the decided rows (warm-started) plus one pass over all rows:
    ///   well under 50 ms for 10,000 records with 500 decisions (docs/benchmarks.md).
    public func update(relevant: [Int], irrelevant: [Int]) {
        guard !relevant.isEmpty, !irrelevant.isEmpty else {
            scores = keywordScores
            mode = keywordScores.contains { $0 > 0 } ? .keywords : .fileOrder
            return
        }
        let rows = relevant + irrelevant
        let labels = relevant.map { _ in true } + irrelevant.map { _ in false }
        if var model = logistic {
            logistic = nil  // unique reference while fitting
            model.fit(matrix, rows: rows, relevant: labels)
            model.decisionValues(matrix, into: &scores)
            logistic = model
            if let active {
                for r in scores.indices where !active[r] { scores[r] = -.infinity }
            }
        } else {
            svm.fit(matrix, rows: rows, relevant: labels)
            decided.removeAll(keepingCapacity: true)
            if let active {
                decided.append(contentsOf: active.lazy.map { !$0 })
            } else {
                decided.append(contentsOf: repeatElement(false, count: scores.count))
            }
            for r in rows { decided[r] = true }
            svm.decisionValues(matrix, skipping: decided, into: &scores)
        }
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
    /// - Parameter documents: each searched as its ``RankingDocument/text`` (made one at a time).
    static func scores(
        documents: [RankingDocument], lengths: [Int], terms: [String], k1: Double = 1.2, b: Double = 0.75
    ) -> [Double] {
        let compiled = terms.enumerated().compactMap { (i, t) in (try? Term(t)).map { (term: $0, tag: i) } }
        guard !compiled.isEmpty, !documents.isEmpty else { return [Double](repeating: 0, count: documents.count) }
        let set = TermSet(compiled)
        var tf: [[Int: Int]] = []
        tf.reserveCapacity(documents.count)
        var df: [Int: Int] = [:]
        for document in documents {
            var counts: [Int: Int] = [:]
            for tag in set.tags(in: document.text) { counts[tag, default: 0] += 1 }
            for t in counts.keys { df[t, default: 0] += 1 }
            tf.append(counts)
        }
        let n = Double(documents.count)
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
