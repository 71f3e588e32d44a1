extension StoppingVerdict {
    /// What the method says, in words a reviewer reads on the status line:
    ///
    /// - `95% recall reached with 95% confidence after 512 records; 3 relevant records estimated left (0–7)`
    /// - `95% recall not yet shown; 12 relevant records estimated left (0–40)`
    /// - `95% recall not yet shown (too early to estimate what is left)`
    /// - `knee method: stopping is reasonable after 700 records` / `knee method: keep screening`
    ///
    /// then `· random checks: 12` when the method uses them. It only ever reports: screening
    /// never stops by itself.
    public var statusText: String {
        var s: String
        let target = StoppingMethod.percent(method.targetRecall)
        if method.kind.isStatistical {
            if reached {
                s =
                    "\(target) recall reached with \(StoppingMethod.percent(method.confidence)) confidence after "
                    + "\(screened) record\(screened == 1 ? "" : "s")"
            } else {
                s = "\(target) recall not yet shown"
            }
            if let left = estimatedLeft, let interval = leftInterval {
                s +=
                    "; \(left) relevant record\(left == 1 ? "" : "s") estimated left "
                    + "(\(interval.lowerBound)–\(interval.upperBound))"
            } else if !reached {
                s += " (too early to estimate what is left)"
            }
        } else {
            let name = method.kind == .knee ? "knee method" : "\(method.irrelevantRun) irrelevant in a row"
            s = reached ? "\(name): stopping is reasonable after \(screened) records" : "\(name): keep screening"
        }
        if method.kind.usesRandomChecks { s += " · random checks: \(checks)" }
        return s
    }
}
