import Bibliography

/// A linear support vector machine with the squared hinge loss over rows of a ``FeatureMatrix``,
/// trained by dual coordinate descent (Hsieh et al. 2008, "A dual coordinate descent method
/// for large-scale linear SVM", ICML; the L2-loss dual solver of LIBLINEAR, which
/// scikit-learn's `LinearSVC` calls), with LIBLINEAR's shrinking.
///
/// Minimises ½‖w‖² + ½b² + Σᵢ Cᵢ·max(0, 1 − yᵢ(w·xᵢ + b))², the intercept b being a feature of
/// constant value 1 (regularised, as in LIBLINEAR). Features of one record only
/// (``FeatureMatrix/privateNorms``) enter exactly, through their squared length. The costs Cᵢ
/// come from the class weights (see ``positiveRatio``).
///
/// Warm start: the dual variables αᵢ of the labelled records and w = Σ αᵢyᵢxᵢ are kept between
/// fits (a record dropped from the decisions or relabelled is taken out of w first), so after
/// one more decision the next fit starts next to its optimum. At the optimum
/// αᵢ = 2Cᵢ·max(0, 1 − yᵢ(w·xᵢ + b)), and the costs change with every decision (see
/// ``positiveRatio``): the relevant records' cost by up to a half at a relevant decision, the
/// irrelevant records' by less than 1/n. So the relevant records' αᵢ are first scaled with
/// their cost (cheap: they are few); rescaling the irrelevant ones too would cost a pass over
/// every labelled row and saves no passes (docs/benchmarks.md, "Screening"). The rows new to
/// the fit are then optimised on their own, after which one pass over all labelled rows usually
/// meets the tolerance.
///
/// Deterministic: the order of coordinates is a permutation drawn from a fixed seed.
struct LinearSVM {
    /// Inverse regularisation strength.
    var c: Double = 0.1
    /// The relevant class's total weight over the irrelevant class's: the cost of a relevant
    /// record is `positiveRatio · n₋ / n₊` times the cost of an irrelevant one (then scaled so
    /// the costs average C, like ASReview's "balanced" sample weights). 1 balances the classes.
    var positiveRatio: Double = 1
    /// Stop when the projected gradients span less than this (LIBLINEAR's criterion).
    var tolerance = 0.1
    var maxPasses = 1000

    /// w per column (dense, zero outside the labelled rows' columns; single precision, like the
    /// matrix) and the intercept.
    private(set) var weights: [Float]
    private(set) var bias = 0.0
    /// Per row of the matrix: αᵢ, and the label it was fitted with (0 = not in the last fit).
    private var alpha: [Double]
    private var label: [Int8]
    /// The rows of the last fit, and its costs per relevant and per irrelevant record.
    private var members: [Int] = []
    private var lastPositiveCost = 0.0
    /// Scale the relevant records' αᵢ with their cost before a warm-started fit (off only to
    /// measure what it saves).
    var rescalesRelevant = true
    /// Passes over the labelled rows, and rows visited, in the last fit.
    private(set) var lastPasses = 0
    private(set) var lastVisits = 0

    init(columnCount: Int, rowCount: Int) {
        weights = [Float](repeating: 0, count: columnCount)
        alpha = [Double](repeating: 0, count: rowCount)
        label = [Int8](repeating: 0, count: rowCount)
    }

    /// Fits on `rows` (distinct row numbers) with labels `relevant`, starting from the previous fit.
    mutating func fit(_ m: FeatureMatrix, rows: [Int], relevant: [Bool]) {
        let n = rows.count
        let positives = relevant.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard positives > 0, positives < n else { return }
        // Costs: relevant 1, irrelevant n₊/(ratio·n₋), scaled to average 1, times C.
        let negativeWeight = Double(positives) / (positiveRatio * Double(n - positives))
        let scale = Double(n) / (Double(positives) + negativeWeight * Double(n - positives))
        let cPositive = c * scale
        let cNegative = c * scale * negativeWeight
        let y = relevant.map { $0 ? 1.0 : -1.0 }

        // Work on local arrays (moved out of self, not copied) to keep the loops free of
        // exclusivity checks.
        var w: [Float] = []
        var a: [Double] = []
        var fitted: [Int8] = []
        swap(&w, &weights)
        swap(&a, &alpha)
        swap(&fitted, &label)
        defer {
            swap(&w, &weights)
            swap(&a, &alpha)
            swap(&fitted, &label)
        }
        var b = bias
        var passes = 0
        var visits = 0
        m.columns.withUnsafeBufferPointer { cols in
            m.values.withUnsafeBufferPointer { vals in
                m.rowStart.withUnsafeBufferPointer { starts in
                    w.withUnsafeMutableBufferPointer { w in
                        func dotRow(_ start: Int, _ end: Int) -> Double {
                            sparseDot(UnsafeBufferPointer(w), cols, vals, start, end)
                        }
                        // Take out of w the rows that left the decisions or changed label.
                        var wanted = [Int8](repeating: 0, count: fitted.count)
                        for (i, r) in rows.enumerated() { wanted[r] = relevant[i] ? 1 : -1 }
                        for r in members where fitted[r] != wanted[r] {
                            let d = -a[r] * Double(fitted[r])
                            if d != 0 {
                                let df = Float(d)
                                for k in starts[r]..<starts[r + 1] { w[Int(cols[k])] += df * vals[k] }
                                b += d
                            }
                            a[r] = 0
                            fitted[r] = 0
                        }
                        // The relevant records' αᵢ follow their cost (see the type's comment).
                        if rescalesRelevant, lastPositiveCost > 0, cPositive != lastPositiveCost {
                            let k = cPositive / lastPositiveCost
                            for r in members where fitted[r] > 0 && a[r] != 0 {
                                let d = a[r] * (k - 1)
                                a[r] *= k
                                let df = Float(d)
                                for q in starts[r]..<starts[r + 1] { w[Int(cols[q])] += df * vals[q] }
                                b += d
                            }
                        }
                        var fresh: [Int] = []  // positions in `rows` of rows new to the fit
                        for (i, r) in rows.enumerated() {
                            if fitted[r] == 0 { fresh.append(i) }
                            fitted[r] = relevant[i] ? 1 : -1
                        }

                        var diagonal = [Double](repeating: 0, count: n)
                        var qii = [Double](repeating: 0, count: n)
                        for i in 0..<n {
                            let r = rows[i]
                            diagonal[i] = 0.5 / (relevant[i] ? cPositive : cNegative)
                            let empty = starts[r] == starts[r + 1] && m.privateNorms[r] == 0
                            // ‖xᵢ‖² is 1 (rows are normalised) plus the intercept's constant 1.
                            qii[i] = (empty ? 1 : 2) + diagonal[i]
                        }

                        // The new rows first, on their own: after one more decision that is
                        // most of the distance to the new optimum, so the full passes below
                        // often stop after one.
                        if fresh.count < n {
                            for _ in 0..<10 {
                                var largest = 0.0
                                for i in fresh {
                                    visits += 1
                                    let r = rows[i]
                                    var z = b
                                    z += dotRow(starts[r], starts[r + 1])
                                    let gradient = y[i] * z - 1 + (diagonal[i] + m.privateNorms[r]) * a[r]
                                    let projected = a[r] == 0 ? min(gradient, 0) : gradient
                                    largest = max(largest, abs(projected))
                                    if abs(projected) > 1e-12 {
                                        let old = a[r]
                                        a[r] = max(old - gradient / qii[i], 0)
                                        let d = (a[r] - old) * y[i]
                                        let df = Float(d)
                                        for k in starts[r]..<starts[r + 1] { w[Int(cols[k])] += df * vals[k] }
                                        b += d
                                    }
                                }
                                if largest <= tolerance / 2 { break }
                            }
                        }

                        // LIBLINEAR's loop with shrinking: a record with α = 0 whose gradient is
                        // above the last pass's largest projected gradient leaves the active set
                        // until the active ones converge; then one full pass checks everything.
                        var order = Array(0..<n)
                        var rng = SeededGenerator(seed: UInt64(n))
                        var active = n
                        var pgMaxOld = Double.infinity
                        while passes < maxPasses {
                            passes += 1
                            order[0..<active].shuffle(using: &rng)
                            var pgMax = -Double.infinity
                            var pgMin = Double.infinity
                            var s = 0
                            while s < active {
                                visits += 1
                                let i = order[s]
                                let r = rows[i]
                                let start = starts[r]
                                let end = starts[r + 1]
                                var z = b
                                z += dotRow(start, end)
                                // w·xᵢ includes the private features, whose weights are αᵢyᵢ·xᵢ.
                                let gradient = y[i] * z - 1 + (diagonal[i] + m.privateNorms[r]) * a[r]
                                var projected = gradient
                                if a[r] == 0 {
                                    if gradient > pgMaxOld {
                                        active -= 1
                                        order.swapAt(s, active)
                                        continue
                                    }
                                    projected = min(gradient, 0)
                                }
                                pgMax = max(pgMax, projected)
                                pgMin = min(pgMin, projected)
                                if abs(projected) > 1e-12 {
                                    let old = a[r]
                                    a[r] = max(old - gradient / qii[i], 0)
                                    let d = (a[r] - old) * y[i]
                                    let df = Float(d)
                                    for k in start..<end { w[Int(cols[k])] += df * vals[k] }
                                    b += d
                                }
                                s += 1
                            }
                            if pgMax - pgMin <= tolerance {
                                if active == n { break }
                                active = n
                                pgMaxOld = .infinity
                                continue
                            }
                            pgMaxOld = pgMax <= 0 ? .infinity : pgMax
                        }
                    }
                }
            }
        }
        members = rows
        lastPositiveCost = cPositive
        bias = b
        lastPasses = passes
        lastVisits = visits
    }

    /// w·x + b for every row of `m` whose `skip` is false; −∞ for the others.
    func decisionValues(_ m: FeatureMatrix, skipping skip: [Bool], into out: inout [Double]) {
        weights.withUnsafeBufferPointer { w in
            m.columns.withUnsafeBufferPointer { cols in
                m.values.withUnsafeBufferPointer { vals in
                    m.rowStart.withUnsafeBufferPointer { starts in
                        out.withUnsafeMutableBufferPointer { out in
                            for r in 0..<(starts.count - 1) {
                                if skip[r] {
                                    out[r] = -.infinity
                                    continue
                                }
                                out[r] = bias + sparseDot(w, cols, vals, starts[r], starts[r + 1])
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Σ w[cols[k]]·vals[k] for k in start..<end, in single precision with four partial sums (the
/// additions of one sum would otherwise wait on each other).
@inline(__always) func sparseDot(
    _ w: UnsafeBufferPointer<Float>, _ cols: UnsafeBufferPointer<Int32>, _ vals: UnsafeBufferPointer<Float>,
    _ start: Int, _ end: Int
) -> Double {
    var s0: Float = 0
    var s1: Float = 0
    var s2: Float = 0
    var s3: Float = 0
    var k = start
    while k + 4 <= end {
        s0 += w[Int(cols[k])] * vals[k]
        s1 += w[Int(cols[k + 1])] * vals[k + 1]
        s2 += w[Int(cols[k + 2])] * vals[k + 2]
        s3 += w[Int(cols[k + 3])] * vals[k + 3]
        k += 4
    }
    while k < end {
        s0 += w[Int(cols[k])] * vals[k]
        k += 1
    }
    return Double((s0 + s1) + (s2 + s3))
}
