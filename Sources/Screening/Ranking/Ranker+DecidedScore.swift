extension Ranker {
    /// The model's score of a document already decided (``scores`` holds −∞ for those), to tell
    /// whether ranked screening would have reached it by now; −∞ before the model is trained.
    func decidedScore(_ row: Int) -> Double {
        guard mode == .model else { return -.infinity }
        if logistic != nil { return scores[row] }
        return svm.weights.withUnsafeBufferPointer { w in
            matrix.columns.withUnsafeBufferPointer { cols in
                matrix.values.withUnsafeBufferPointer { vals in
                    svm.bias + sparseDot(w, cols, vals, matrix.rowStart[row], matrix.rowStart[row + 1])
                }
            }
        }
    }
}
