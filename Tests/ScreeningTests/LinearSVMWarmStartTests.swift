import Bibliography
import Testing

@testable import Screening

/// The warm start scales the relevant records' dual variables with their cost, which changes
/// with every decision: same optimum, fewer rows visited to reach it.
@Suite struct LinearSVMWarmStartTests {
    /// 300 synthetic abstracts over a 400-word vocabulary; every tenth is relevant and shares
    /// topic words.
    static let documents: [String] = {
        var rng = SeededGenerator(seed: 7)
        return (0..<300).map { i in
            (0..<60).map { k in i % 10 == 0 && k % 6 == 0 ? "topic\(rng.next() % 5)" : "w\(rng.next() % 400)" }
                .joined(separator: " ")
        }
    }()

    /// Fits after each of 150 decisions (file order) with a tight tolerance; returns the rows
    /// visited in all fits and the final scores of the undecided rows.
    static func replay(rescale: Bool, matrix: FeatureMatrix) -> (visits: Int, scores: [Double]) {
        var svm = LinearSVM(columnCount: matrix.columnCount, rowCount: matrix.rowCount)
        svm.c = 0.11
        svm.positiveRatio = 9.8
        svm.tolerance = 1e-4
        svm.rescalesRelevant = rescale
        var rows: [Int] = []
        var labels: [Bool] = []
        var visits = 0
        for i in 0..<150 {
            rows.append(i)
            labels.append(i % 10 == 0)
            svm.fit(matrix, rows: rows, relevant: labels)
            visits += svm.lastVisits
        }
        var scores = [Double](repeating: 0, count: matrix.rowCount)
        let skip = (0..<matrix.rowCount).map { $0 < 150 }
        svm.decisionValues(matrix, skipping: skip, into: &scores)
        return (visits, Array(scores[150...]))
    }

    @Test func rescalingTheRelevantRecordsSavesPassesAndKeepsTheOptimum() {
        let matrix = FeatureMatrix(documents: Self.documents)
        let rescaled = Self.replay(rescale: true, matrix: matrix)
        let plain = Self.replay(rescale: false, matrix: matrix)
        #expect(rescaled.visits < plain.visits, "rescaled \(rescaled.visits) rows visited, plain \(plain.visits)")
        for (a, b) in zip(rescaled.scores, plain.scores) {
            #expect(abs(a - b) < 1e-3, "score \(a) with rescaling, \(b) without")
        }
    }
}
