/// What ranking needs of a set of records, computed once and read only after: the TF-IDF
/// features (``FeatureMatrix``) and the BM25 scores of the protocol's include-leaning terms.
///
/// A value of arrays: every reviewer's ``Ranker`` over one stage's records shares it (copies
/// share the storage), so ten reviewers cost the memory of one (docs/architecture.md).
public struct RankingFeatures: Sendable {
    public let matrix: FeatureMatrix
    /// BM25 of the include terms per record (all 0 without terms, or when none matches).
    public let keywordScores: [Double]

    /// - Complexity: O(total text length); about 1.2 s of CPU for 10,000 PubMed records (docs/benchmarks.md).
    public init(documents: [RankingDocument], includeTerms: [String], options: FeatureMatrix.Options = .init()) {
        matrix = FeatureMatrix(documents: documents, options: options)
        keywordScores = BM25.scores(documents: documents, lengths: matrix.lengths, terms: includeTerms)
    }

    /// Features read back from a store
    /// (``FeatureMatrix/init(rowStart:columns:values:columnCount:privateNorms:lengths:)``).
    /// - Precondition: one keyword score per row.
    public init(matrix: FeatureMatrix, keywordScores: [Double]) {
        precondition(keywordScores.count == matrix.rowCount, "one keyword score per row")
        self.matrix = matrix
        self.keywordScores = keywordScores
    }

    public var count: Int { matrix.rowCount }
}

extension FeatureMatrix {
    /// A matrix from its arrays, as a store wrote them (``rowStart``, ``columns``, …).
    /// - Returns: nil when the arrays do not make a matrix (a damaged store): rows that do not
    ///   start at 0 or go backwards, a column out of range, counts that disagree.
    public init?(
        rowStart: [Int], columns: [Int32], values: [Float], columnCount: Int, privateNorms: [Double], lengths: [Int]
    ) {
        let rows = rowStart.count - 1
        guard rows >= 0, rowStart.first == 0, rowStart.last == columns.count, columns.count == values.count,
            privateNorms.count == rows, lengths.count == rows, columnCount >= 0
        else { return nil }
        for r in 0..<rows where rowStart[r] > rowStart[r + 1] { return nil }
        for c in columns where c < 0 || Int(c) >= columnCount { return nil }
        self.init(
            uncheckedRowStart: rowStart, columns: columns, values: values, columnCount: columnCount,
            privateNorms: privateNorms, lengths: lengths)
    }
}
