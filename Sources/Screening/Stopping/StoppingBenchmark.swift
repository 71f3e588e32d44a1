import Bibliography
import Foundation

/// Where a stopping method said stop on one simulated screening run, and what that was worth.
public struct StoppingOutcome: Hashable, Sendable {
    public var method: StoppingMethod
    /// Records screened when the method first said stop (random checks included); the whole set
    /// when it never did.
    public var stoppedAt: Int
    /// True when the method said stop before every record was screened.
    public var stoppedEarly: Bool
    public var total: Int
    public var relevant: Int
    /// Relevant records found by then, and the recall.
    public var found: Int
    public var recall: Double { relevant > 0 ? Double(found) / Double(relevant) : 1 }
    /// Random-check records among those screened.
    public var checks: Int
    /// stoppedAt / total, and 1 − that.
    public var screenedShare: Double { Double(stoppedAt) / Double(max(1, total)) }
    public var workSaved: Double { 1 - screenedShare }

    /// True when the recall at stop meets `targetRecall`.
    public func met(_ targetRecall: Double) -> Bool { recall >= targetRecall - 1e-12 }
}

/// The stopping benchmark: replays a simulated screening run under a stopping method.
public enum StoppingBenchmark {
    /// Scores `method` on one screening run.
    ///
    /// `order` is the ranked order of the whole set, as a simulation produced it (the first
    /// `priors` records are prior knowledge; then the model's order; records after the last
    /// relevant one in any order). The run is replayed record by record: when the method asks
    /// for a random check, the next record is drawn at random (with `seed`) from those not yet
    /// screened, else the next record of the ranked order not yet screened is; a ranked record
    /// that was already checked costs nothing, and counts as reached by the ranking (the target
    /// method and QBCB count those). The ranking is the one trained without the random checks'
    /// labels (an approximation on the safe side: more labels only improve it). Stops at the
    /// first record after which the method says stop, or at the end.
    ///
    /// - Parameter relevant: the label of every record, by index.
    /// - Complexity: one evaluation of the method per screened record.
    public static func score(
        order: [Int], relevant: [Bool], priors: Int, method: StoppingMethod, seed: UInt64
    ) -> StoppingOutcome {
        let total = relevant.count
        let relevantCount = relevant.reduce(0) { $0 + ($1 ? 1 : 0) }
        var screened = [Bool](repeating: false, count: total)
        var labels: [Bool] = []
        var checks: [Bool] = []
        var reached = 0
        // Unscreened records, for drawing random checks in O(1).
        var open = Array(0..<total)
        var slot = Array(0..<total)
        var rng = SeededGenerator(seed: seed &+ 0x5354_4f50)
        func take(_ i: Int, check: Bool) {
            screened[i] = true
            labels.append(relevant[i])
            checks.append(check)
            let s = slot[i]
            let last = open.removeLast()
            if last != i {
                open[s] = last
                slot[last] = s
            }
        }
        var cursor = 0
        for i in order.prefix(priors) {
            take(i, check: false)
            cursor += 1
        }
        var outcome = StoppingOutcome(
            method: method, stoppedAt: total, stoppedEarly: false, total: total, relevant: relevantCount,
            found: relevantCount, checks: 0)
        while labels.count < total {
            let observation = StoppingObservation(
                labels: labels, checks: checks, total: total, rankedFrom: priors, checksReached: reached)
            let verdict = method.evaluate(observation, estimate: false)
            if verdict.reached, labels.count > priors {
                outcome.stoppedAt = labels.count
                outcome.stoppedEarly = true
                outcome.found = observation.found
                outcome.checks = observation.checkCount
                return outcome
            }
            if verdict.wantsRandomCheck {
                take(open[Int(rng.next() % UInt64(open.count))], check: true)
                continue
            }
            while cursor < order.count, screened[order[cursor]] {
                if relevant[order[cursor]] { reached += 1 }
                cursor += 1
            }
            guard cursor < order.count else { break }
            take(order[cursor], check: false)
            cursor += 1
        }
        outcome.checks = checks.reduce(0) { $0 + ($1 ? 1 : 0) }
        return outcome
    }

    /// The most work a method that verifies by random sampling could save on this ranking: an
    /// oracle that stops at the best point where the recall is at least `targetRecall`, then
    /// draws records at random from those left until the sample rules out, with `confidence`,
    /// that ⌊found/τ⌋ + 1 − found or more relevant records are among them, and whose sample
    /// finds none (its best case). The smallest such sample of R records left, with K relevant
    /// under the null, is the smallest m with C(R − K, m) / C(R, m) ≤ 1 − confidence (about
    /// 1 − α^(1/K) of them: 63% for K = 3, 95% for K = 1). Any method whose confidence rests
    /// on records drawn at random, rather than on an assumption about the ranking, screens at
    /// least this much: it is an upper bound on what such methods save, not a method.
    ///
    /// - Returns: the work saved, 1 − (screened + sample) / records.
    /// - Complexity: O(relevant · log records).
    public static func samplingBound(order: [Int], relevant: [Bool], targetRecall: Double, confidence: Double)
        -> Double
    {
        let total = relevant.count
        let relevantCount = relevant.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard total > 0, relevantCount > 0 else { return 1 }
        let logAlpha = log(1 - confidence)
        var best = 0.0
        var found = 0
        // For a given number found, stopping at the record that found it leaves the most to
        // skip; so only those points are candidates.
        for (position, i) in order.enumerated() where relevant[i] {
            found += 1
            guard Double(found) >= targetRecall * Double(relevantCount) - 1e-9 else { continue }
            let left = total - (position + 1)
            let missing = Int((Double(found) / targetRecall).rounded(.down)) + 1 - found
            best = max(
                best, Double(left - sampleNeeded(missing: missing, left: left, logAlpha: logAlpha)) / Double(total))
        }
        return best
    }

    /// The smallest random sample of `left` records that, finding no relevant one, rejects
    /// "`missing` or more of them are relevant" at level α (given as its logarithm).
    static func sampleNeeded(missing: Int, left: Int, logAlpha: Double) -> Int {
        guard missing <= left else { return 0 }  // the null is impossible: nothing to check
        // log P(no relevant in m draws) = log C(left − missing, m) − log C(left, m), falling in m.
        func logP(_ m: Int) -> Double {
            StoppingRule.logChoose(left - missing, m) - StoppingRule.logChoose(left, m)
        }
        var lo = 0
        var hi = left - missing + 1  // a sample larger than the irrelevant records must find one
        while lo < hi {
            let mid = (lo + hi) / 2
            if mid <= left - missing, logP(mid) > logAlpha { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The ranked order of a whole set from a simulation: the records screened, then the rest
    /// in index order (all irrelevant: a simulation runs until every relevant record is found).
    public static func fullOrder(_ result: SimulationResult) -> [Int] {
        var seen = [Bool](repeating: false, count: result.total)
        for i in result.order { seen[i] = true }
        return result.order + (0..<result.total).filter { !seen[$0] }
    }
}

/// The benchmark's summary of one method over many runs.
public struct StoppingSummary: Hashable, Sendable {
    public var method: StoppingMethod
    public var runs: Int
    /// Runs whose recall at stop met the target recall.
    public var met: Int
    public var metShare: Double { runs > 0 ? Double(met) / Double(runs) : 0 }
    public var meanWorkSaved: Double
    public var meanRecall: Double
    public var minRecall: Double
    public var meanChecks: Double

    /// Summarises `outcomes` (all of one method) against `targetRecall`.
    public init(method: StoppingMethod, outcomes: [StoppingOutcome], targetRecall: Double) {
        self.method = method
        runs = outcomes.count
        met = outcomes.filter { $0.met(targetRecall) }.count
        let n = Double(max(1, outcomes.count))
        meanWorkSaved = outcomes.map(\.workSaved).reduce(0, +) / n
        meanRecall = outcomes.map(\.recall).reduce(0, +) / n
        minRecall = outcomes.map(\.recall).min() ?? 0
        meanChecks = Double(outcomes.map(\.checks).reduce(0, +)) / n
    }
}
