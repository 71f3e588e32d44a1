import Bibliography
public import Protocol
import Foundation

/// Agreement between two reviewers at one stage: a 2×2 table of include (maybe counts as
/// include) and exclude, Cohen's kappa with a 95% confidence interval, percent agreement and
/// PABAK.
///
/// The standard error is the large-sample one of Fleiss, Cohen & Everitt (1969), "Large sample
/// standard errors of kappa and weighted kappa", Psychological Bulletin 72(5):323–327 (the
/// non-null variance, for a confidence interval; not the simpler Cohen 1960 approximation).
/// The interval is κ ± 1.96·SE, clipped to [−1, 1].
public struct Agreement: Hashable, Sendable {
    /// The two reviewers: `first` is the table's rows, `second` its columns.
    public var first: String
    public var second: String
    /// Both include.
    public var bothInclude: Int
    /// First includes, second excludes.
    public var firstOnlyInclude: Int
    /// First excludes, second includes.
    public var secondOnlyInclude: Int
    /// Both exclude.
    public var bothExclude: Int

    public init(
        first: String, second: String, bothInclude: Int, firstOnlyInclude: Int, secondOnlyInclude: Int, bothExclude: Int
    ) {
        self.first = first
        self.second = second
        self.bothInclude = bothInclude
        self.firstOnlyInclude = firstOnlyInclude
        self.secondOnlyInclude = secondOnlyInclude
        self.bothExclude = bothExclude
    }

    /// Records both reviewers decided.
    public var count: Int { bothInclude + firstOnlyInclude + secondOnlyInclude + bothExclude }
    /// Records the first reviewer included / excluded.
    public var firstIncluded: Int { bothInclude + firstOnlyInclude }
    public var firstExcluded: Int { secondOnlyInclude + bothExclude }
    public var secondIncluded: Int { bothInclude + secondOnlyInclude }
    public var secondExcluded: Int { firstOnlyInclude + bothExclude }

    /// Observed agreement p₀ (0…1); nil without records.
    public var percentAgreement: Double? {
        count == 0 ? nil : Double(bothInclude + bothExclude) / Double(count)
    }

    /// Agreement expected by chance, pₑ.
    public var expectedAgreement: Double? {
        guard count > 0 else { return nil }
        let n = Double(count)
        return (Double(firstIncluded) * Double(secondIncluded) + Double(firstExcluded) * Double(secondExcluded))
            / (n * n)
    }

    /// Cohen's kappa, (p₀ − pₑ)/(1 − pₑ); nil when undefined (no records, or pₑ = 1).
    public var kappa: Double? {
        guard let po = percentAgreement, let pe = expectedAgreement, pe < 1 else { return nil }
        return (po - pe) / (1 - pe)
    }

    /// Prevalence- and bias-adjusted kappa, 2p₀ − 1.
    public var pabak: Double? { percentAgreement.map { 2 * $0 - 1 } }

    /// The large-sample standard error of kappa (Fleiss, Cohen & Everitt 1969).
    public var standardError: Double? {
        guard let po = percentAgreement, let pe = expectedAgreement, pe < 1 else { return nil }
        let n = Double(count)
        // p[i][j]: row = first reviewer (0 include, 1 exclude), column = second.
        let p = [
            [Double(bothInclude) / n, Double(firstOnlyInclude) / n],
            [Double(secondOnlyInclude) / n, Double(bothExclude) / n],
        ]
        let row = [p[0][0] + p[0][1], p[1][0] + p[1][1]]
        let col = [p[0][0] + p[1][0], p[0][1] + p[1][1]]
        var sum = 0.0
        for i in 0..<2 {
            let t = (1 - pe) - (row[i] + col[i]) * (1 - po)
            sum += p[i][i] * t * t
        }
        var off = 0.0
        for i in 0..<2 {
            for j in 0..<2 where i != j {
                let t = col[i] + row[j]
                off += p[i][j] * t * t
            }
        }
        sum += (1 - po) * (1 - po) * off
        let last = po * pe - 2 * pe + po
        sum -= last * last
        let variance = sum / (n * pow(1 - pe, 4))
        return variance > 0 ? variance.squareRoot() : 0
    }

    /// The 95% confidence interval of kappa, κ ± 1.96·SE, clipped to [−1, 1].
    public var kappaInterval95: ClosedRange<Double>? {
        guard let k = kappa, let se = standardError else { return nil }
        return max(-1, k - 1.959_963_984_540_054 * se)...min(1, k + 1.959_963_984_540_054 * se)
    }
}

extension Agreement {
    /// Agreement between `first` and `second` at `stage`, over the records both decided
    /// (include, maybe or exclude; not-retrieved is left out).
    ///
    /// - Parameter pilot: when given, only the first `pilot` records both decided, in the
    ///   order in which the second of the two decisions was made (ties by key).
    /// - Complexity: O(r log r) in the records decided at the stage.
    public init(state: ScreeningState, stage: ScreeningStage, first: String, second: String, pilot: Int? = nil) {
        var pairs: [(time: String, key: RecordKey, a: Bool, b: Bool)] = []
        for (key, byReviewer) in state.decisions[stage] ?? [:] {
            guard let a = byReviewer[first], let b = byReviewer[second],
                a.decision != .notRetrieved, b.decision != .notRetrieved
            else { continue }
            pairs.append((max(a.time, b.time), key, a.decision.movesOn, b.decision.movesOn))
        }
        if let pilot {
            pairs.sort { ($0.time, $0.key) < ($1.time, $1.key) }
            pairs = Array(pairs.prefix(max(0, pilot)))
        }
        self.init(
            first: first, second: second, bothInclude: 0, firstOnlyInclude: 0, secondOnlyInclude: 0, bothExclude: 0)
        for p in pairs {
            switch (p.a, p.b) {
            case (true, true): bothInclude += 1
            case (true, false): firstOnlyInclude += 1
            case (false, true): secondOnlyInclude += 1
            case (false, false): bothExclude += 1
            }
        }
    }

    /// Agreement for every pair of the protocol's reviewers at `stage` (pairs with no record in
    /// common are left out); with the stage's pilot size from the protocol when `pilot` is true.
    public static func all(state: ScreeningState, stage: ScreeningStage, pilot: Bool = false) -> [Agreement] {
        let reviewers = state.plan.reviewers
        let pilotSize = state.plan.plan(for: stage)?.pilotSize ?? 0
        if pilot, pilotSize <= 0 { return [] }
        var out: [Agreement] = []
        for i in reviewers.indices {
            for j in reviewers.indices where j > i {
                let a = Agreement(
                    state: state, stage: stage, first: reviewers[i], second: reviewers[j],
                    pilot: pilot ? pilotSize : nil)
                if a.count > 0 { out.append(a) }
            }
        }
        return out
    }
}
