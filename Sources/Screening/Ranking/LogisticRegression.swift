/// L2-regularised, class-balanced logistic regression over rows of a ``FeatureMatrix``,
/// trained with L-BFGS (deterministic: no randomness at all).
///
/// Minimises ½‖w‖² + C·Σᵢ cᵢ·log(1 + exp(−yᵢ(w·xᵢ + b))) with cᵢ = n / (2·nₖ) for a record
/// of class k ("balanced" weights), the intercept b unregularised. Features of one record only
/// (``FeatureMatrix/privateNorms``) are left out. Only the columns present in
/// labelled rows are optimised: every other weight is exactly 0 at the optimum.
struct LogisticRegression {
    var c: Double = 1.0
    var maxIterations = 60
    var memory = 7
    var tolerance = 1e-4

    /// Weights per column (dense) and the intercept; reused as the start of the next fit.
    var weights: [Double]
    var bias = 0.0
    private var active: [Int32] = []

    init(columnCount: Int) { weights = [Double](repeating: 0, count: columnCount) }

    /// Fits on `rows` with labels `relevant`.
    mutating func fit(_ m: FeatureMatrix, rows: [Int], relevant: [Bool]) {
        let n = rows.count
        let positives = relevant.filter { $0 }.count
        guard positives > 0, positives < n else { return }
        // Local column numbering over the labelled rows.
        var local: [Int32: Int] = [:]
        var cols: [Int32] = []
        var rowStart = [0]
        var lc: [Int] = []
        var lv: [Double] = []
        for r in rows {
            for k in m.rowStart[r]..<m.rowStart[r + 1] {
                let g = m.columns[k]
                let j: Int
                if let existing = local[g] {
                    j = existing
                } else {
                    j = cols.count
                    local[g] = j
                    cols.append(g)
                }
                lc.append(j)
                lv.append(Double(m.values[k]))
            }
            rowStart.append(lc.count)
        }
        let d = cols.count
        let y = relevant.map { $0 ? 1.0 : -1.0 }
        let wPos = Double(n) / (2 * Double(positives))
        let wNeg = Double(n) / (2 * Double(n - positives))
        let cw = relevant.map { c * ($0 ? wPos : wNeg) }
        // Variables: x[0..<d] weights, x[d] bias.
        var x = [Double](repeating: 0, count: d + 1)
        for (j, g) in cols.enumerated() { x[j] = weights[Int(g)] }
        x[d] = bias

        func margins(_ x: [Double]) -> [Double] {
            var z = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = x[d]
                for k in rowStart[i]..<rowStart[i + 1] { s += x[lc[k]] * lv[k] }
                z[i] = s
            }
            return z
        }
        func loss(_ x: [Double], _ z: [Double]) -> Double {
            var f = 0.0
            for j in 0..<d { f += 0.5 * x[j] * x[j] }
            for i in 0..<n { f += cw[i] * softplus(-y[i] * z[i]) }
            return f
        }
        func gradient(_ x: [Double], _ z: [Double]) -> [Double] {
            var g = [Double](repeating: 0, count: d + 1)
            for j in 0..<d { g[j] = x[j] }
            for i in 0..<n {
                let s = -y[i] * cw[i] * sigmoid(-y[i] * z[i])
                g[d] += s
                for k in rowStart[i]..<rowStart[i + 1] { g[lc[k]] += s * lv[k] }
            }
            return g
        }
        var z = margins(x)
        var f = loss(x, z)
        var g = gradient(x, z)
        var sHistory: [[Double]] = []
        var yHistory: [[Double]] = []
        var rhoHistory: [Double] = []
        for iteration in 0..<maxIterations {
            let gNorm = g.reduce(0) { max($0, abs($1)) }
            if gNorm < tolerance { break }
            // Two-loop recursion: direction = −H·g.
            var q = g
            var alpha = [Double](repeating: 0, count: sHistory.count)
            for k in stride(from: sHistory.count - 1, through: 0, by: -1) {
                alpha[k] = rhoHistory[k] * dot(sHistory[k], q)
                axpy(-alpha[k], yHistory[k], &q)
            }
            if let sLast = sHistory.last, let yLast = yHistory.last {
                let gamma = dot(sLast, yLast) / dot(yLast, yLast)
                for j in q.indices { q[j] *= gamma }
            } else {
                let scale = 1 / max(1, g.reduce(0) { $0 + $1 * $1 }.squareRoot())
                for j in q.indices { q[j] *= scale }
            }
            for k in 0..<sHistory.count {
                let beta = rhoHistory[k] * dot(yHistory[k], q)
                axpy(alpha[k] - beta, sHistory[k], &q)
            }
            var direction = q.map { -$0 }
            var slope = dot(g, direction)
            if slope >= 0 {
                direction = g.map { -$0 }
                slope = dot(g, direction)
                sHistory.removeAll()
                yHistory.removeAll()
                rhoHistory.removeAll()
            }
            // X·direction once; margins along the line are z + t·xd.
            var xd = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = direction[d]
                for k in rowStart[i]..<rowStart[i + 1] { s += direction[lc[k]] * lv[k] }
                xd[i] = s
            }
            var wDotDir = 0.0
            var dirDotDir = 0.0
            var wDotW = 0.0
            for j in 0..<d {
                wDotDir += x[j] * direction[j]
                dirDotDir += direction[j] * direction[j]
                wDotW += x[j] * x[j]
            }
            var t = 1.0
            var accepted = false
            var newZ = z
            var newF = f
            for _ in 0..<30 {
                newF = 0.5 * (wDotW + 2 * t * wDotDir + t * t * dirDotDir)
                for i in 0..<n {
                    newZ[i] = z[i] + t * xd[i]
                    newF += cw[i] * softplus(-y[i] * newZ[i])
                }
                if newF <= f + 1e-4 * t * slope {
                    accepted = true
                    break
                }
                t *= 0.5
            }
            guard accepted else { break }
            var step = direction
            for j in step.indices {
                step[j] *= t
                x[j] += step[j]
            }
            let newG = gradient(x, newZ)
            var diff = newG
            axpy(-1, g, &diff)
            let sy = dot(step, diff)
            if sy > 1e-12 {
                sHistory.append(step)
                yHistory.append(diff)
                rhoHistory.append(1 / sy)
                if sHistory.count > memory {
                    sHistory.removeFirst()
                    yHistory.removeFirst()
                    rhoHistory.removeFirst()
                }
            }
            let decrease = f - newF
            z = newZ
            f = newF
            g = newG
            if iteration > 0, decrease < 1e-7 * max(1, abs(f)) { break }
        }
        for g in active { weights[Int(g)] = 0 }
        for (j, g) in cols.enumerated() { weights[Int(g)] = x[j] }
        bias = x[d]
        active = cols
    }

    /// w·x + b for every row of `m`.
    func decisionValues(_ m: FeatureMatrix, into out: inout [Double]) {
        weights.withUnsafeBufferPointer { w in
            m.columns.withUnsafeBufferPointer { cols in
                m.values.withUnsafeBufferPointer { vals in
                    for r in 0..<m.rowCount {
                        var s = bias
                        for k in m.rowStart[r]..<m.rowStart[r + 1] { s += w[Int(cols[k])] * Double(vals[k]) }
                        out[r] = s
                    }
                }
            }
        }
    }
}

@inline(__always) func sigmoid(_ t: Double) -> Double {
    t >= 0 ? 1 / (1 + Foundation_exp(-t)) : Foundation_exp(t) / (1 + Foundation_exp(t))
}

@inline(__always) func softplus(_ t: Double) -> Double {
    t > 30 ? t : (t < -30 ? Foundation_exp(t) : Foundation_log(1 + Foundation_exp(t)))
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

@inline(__always) func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
    for i in x.indices { y[i] += a * x[i] }
}
