#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoppingMethod {
    /// What the method says about `observation`.
    ///
    /// - Parameter estimate: also compute the estimate of relevant records left and its
    ///   interval (the status line and the report do; the benchmark needs only `reached`).
    ///   Without it the hypergeometric test gives no p-value.
    /// - Complexity: O(n + k·min(k, m)) for the hypergeometric tests (n screened, k relevant
    ///   found, m left under H₀; each term an integral for the biased urn), times O(log n) with
    ///   `estimate` (a few evaluations when `previous` is given); O(n) for the others.
    /// - Parameter previous: the verdict after the previous decision, if known: the estimate's
    ///   search starts from it (the same answer, in a few evaluations of the test instead of ~30).
    public func evaluate(
        _ observation: StoppingObservation, estimate: Bool = true, previous: StoppingVerdict? = nil
    ) -> StoppingVerdict {
        let o = observation
        var v = StoppingVerdict(
            method: self, screened: o.screened, found: o.found, total: o.total, reached: false,
            wantsRandomCheck: false, checks: o.checkCount)
        let unscreened = max(0, o.total - o.screened)
        if unscreened == 0 {
            v.reached = true
            if estimate && kind.isStatistical {
                v.estimatedLeft = 0
                v.leftInterval = 0...0
            }
            return v
        }
        switch kind {
        case .hypergeometric, .hypergeometricBiased:
            let hint = previous?.method == self ? previous : nil
            hypergeometric(o, unscreened: unscreened, estimate: estimate, previous: hint, into: &v)
        case .hypergeometricRandom: hypergeometricRandom(o, estimate: estimate, into: &v)
        case .target, .qbcb: sampled(o, estimate: estimate, into: &v)
        case .knee: v.reached = Self.kneeReached(o.labels)
        case .irrelevantRun:
            let run = o.labels.reversed().prefix { !$0 }.count
            v.reached = run >= irrelevantRun
        case .countingProcess: countingProcess(o, estimate: estimate, into: &v)
        }
        return v
    }

    private var alpha: Double { 1 - confidence }

    /// K = ⌊r/τ⌋ + 1 relevant in the set under H₀, so at least K − r are still unscreened.
    private func missingUnderH0(_ found: Int) -> Int {
        Int((Double(found) / targetRecall).rounded(.down)) + 1 - found
    }

    private func hypergeometric(
        _ o: StoppingObservation, unscreened: Int, estimate: Bool, previous: StoppingVerdict?,
        into v: inout StoppingVerdict
    ) {
        let ranked = max(0, o.screened - max(0, o.rankedFrom))
        let found = o.found
        let windows = StoppingStatistics.rankedWindows(labels: o.labels, ranked: ranked)
        let odds = kind == .hypergeometricBiased ? bias : 1
        let pm = { (m: Int, level: Double?) in
            StoppingStatistics.rankedPValue(
                windows: windows, unscreened: unscreened, missing: m, odds: odds, below: level)
        }
        // Without the estimate only the verdict is needed: the windows stop at the first below α,
        // so the p-value is not the smallest and is left out.
        let p = pm(missingUnderH0(found), estimate ? nil : alpha)
        v.pValue = estimate ? p : nil
        v.reached = p < alpha
        guard estimate, found > 0, ranked > 0 else { return }
        let high = StoppingStatistics.largest(
            upTo: unscreened, atLeast: alpha, near: previous?.leftInterval?.upperBound, pm)
        guard high < unscreened else { return }
        v.estimatedLeft = StoppingStatistics.largest(upTo: high, atLeast: 0.5, near: previous?.estimatedLeft, pm)
        v.leftInterval = 0...high
    }

    /// Where the random-sampling phase begins: the index after the first run of
    /// `irrelevantRun` irrelevant records screened in ranked order; nil before it.
    func switchPoint(_ o: StoppingObservation) -> Int? {
        var run = 0
        for i in max(0, o.rankedFrom)..<o.screened where !o.checks[i] {
            run = o.labels[i] ? 0 : run + 1
            if run >= irrelevantRun { return i + 1 }
        }
        return nil
    }

    private func hypergeometricRandom(_ o: StoppingObservation, estimate: Bool, into v: inout StoppingVerdict) {
        guard let s = switchPoint(o) else { return }
        v.wantsRandomCheck = true
        // The sample: random checks after the switch; every other record screened is outside the urn.
        var n = 0
        var k = 0
        var other = 0
        var otherFound = 0
        for i in 0..<o.screened {
            if i >= s && o.checks[i] {
                n += 1
                if o.labels[i] { k += 1 }
            } else {
                other += 1
                if o.labels[i] { otherFound += 1 }
            }
        }
        guard n > 0 else { return }
        let urn = o.total - other
        let pm = { (m: Int, _: Double?) -> Double in
            let successes = m + k
            return successes > urn
                ? 0 : StoppingRule.hypergeometricCDF(k, population: urn, successes: successes, draws: n)
        }
        let p = pm(missingUnderH0(otherFound + k), nil)
        v.pValue = p
        v.reached = p < alpha
        guard estimate else { return }
        let left = urn - n
        let high = StoppingStatistics.largest(upTo: left, atLeast: alpha, pm)
        v.estimatedLeft = StoppingStatistics.largest(upTo: high, atLeast: 0.5, pm)
        v.leftInterval = 0...high
    }

    /// The target method and QBCB: a random sample first, then the ranking must reach enough of
    /// the sample's relevant records.
    private func sampled(_ o: StoppingObservation, estimate: Bool, into v: inout StoppingVerdict) {
        var n = 0
        var r = 0
        for i in 0..<o.screened where o.checks[i] {
            n += 1
            if o.labels[i] { r += 1 }
        }
        let needed: Int?
        switch kind {
        case .target:
            let size = StoppingStatistics.targetSize(self)
            guard r >= size else {
                v.wantsRandomCheck = true
                return
            }
            needed = size
        default:
            let size = Int((sampleShare * Double(o.total)).rounded(.up))
            guard n >= size else {
                v.wantsRandomCheck = true
                return
            }
            needed = StoppingStatistics.qbcbThreshold(
                relevantInSample: r, targetRecall: targetRecall, confidence: confidence)
        }
        if let needed { v.reached = (o.checksReached ?? 0) >= needed }
        guard estimate, n > 0 else { return }
        // Relevant records in the set from the sample's share, less those found.
        let share = StoppingStatistics.clopperPearson(r, n, confidence: confidence)
        let total = Double(o.total)
        let point = Int((Double(r) / Double(n) * total).rounded())
        let unscreened = o.total - o.screened
        func left(_ x: Int) -> Int { min(unscreened, max(0, x - o.found)) }
        v.estimatedLeft = left(point)
        v.leftInterval =
            left(
                Int((share.lowerBound * total).rounded(.down)))...left(
                Int((share.upperBound * total).rounded(.up)))
    }

    /// The knee method of Cormack & Grossman (2016) on the gain curve of `labels`: the knee is the
    /// point farthest above the line from the origin to the last point; ρ is the slope before it
    /// over the slope after it, the latter with one relevant record added (smoothing); stop when
    /// ρ ≥ 156 − min(found, 150) after at least 150 records.
    static func kneeReached(_ labels: [Bool]) -> Bool {
        let n = labels.count
        guard n >= 150 else { return false }
        let r = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard r > 0 else { return false }
        var found = 0
        var best = Int.min
        var knee = 0
        var foundAtKnee = 0
        for i in 0..<n {
            if labels[i] { found += 1 }
            // Distance above the line, scaled: found·n − (i + 1)·r.
            let d = found * n - (i + 1) * r
            if d > best {
                best = d
                knee = i + 1
                foundAtKnee = found
            }
        }
        guard knee < n, foundAtKnee > 0 else { return false }
        let before = Double(foundAtKnee) / Double(knee)
        let after = Double(r - foundAtKnee + 1) / Double(n - knee)
        return before / after >= Double(156 - min(r, 150))
    }
}
