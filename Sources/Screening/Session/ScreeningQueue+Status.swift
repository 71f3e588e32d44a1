extension ScreeningQueue {
    /// `screened 512 / to screen 1192 · included 43 · 95% recall reached with 95% confidence after
    /// 512 records; 3 relevant records estimated left (0–7)`: the status line every front end shows
    /// under a record (the terminal UI, `--plain`, the web page), from the queue's stopping method
    /// (``StoppingVerdict/statusText``). No estimate until the method can give one.
    public func statusLine() -> String {
        "screened \(screenedCount) / to screen \(remainingCount) · included \(includedCount) · "
            + stoppingVerdict().statusText
    }
}
