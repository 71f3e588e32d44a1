extension ScreeningQueue {
    /// `screened 3 / to screen 97 · included 1 · relevant left ≈ 4 · 95% recall: not yet (p = 0.81)`:
    /// the status line every front end shows under a record (the terminal UI, `--plain`, the web page).
    public func statusLine(targetRecall: Double = 0.95, confidence: Double = 0.95) -> String {
        let s = stopping(targetRecall: targetRecall, confidence: confidence)
        let target = Int((targetRecall * 100).rounded())
        let p = (s.pValue * 1000).rounded() / 1000
        let verdict = s.reached ? "reached (p = \(p))" : "not yet (p = \(p))"
        return
            "screened \(screenedCount) / to screen \(remainingCount) · included \(includedCount) · "
            + "relevant left ≈ \(s.estimatedRemaining) · \(target)% recall: \(verdict)"
    }
}
