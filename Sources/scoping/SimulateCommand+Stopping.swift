import ArgumentParser
import Foundation
import Screening
import Workspace

extension Scoping.Simulate {
    /// The seeds to run: `--seeds N` (1…N), the `--seed`s given, or 1.
    var seedList: [UInt64] {
        if let seedCount { return (1...max(1, seedCount)).map(UInt64.init) }
        return seeds.isEmpty ? [1] : seeds
    }

    /// The methods named by `--stopping` (`all`: every method), with the settings given.
    func parsedStoppingMethods() throws -> [StoppingMethod] {
        var kinds: [StoppingMethod.Kind] = []
        for name in stoppingMethods {
            if name == "all" {
                kinds += StoppingMethod.Kind.allCases
            } else if let kind = StoppingMethod.Kind(rawValue: name) {
                kinds.append(kind)
            } else {
                throw ValidationError(
                    "--stopping: '\(name)' is not a method; use all or one of: "
                        + StoppingMethod.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        var seen = Set<StoppingMethod.Kind>()
        let biasList = biases.isEmpty ? [StoppingMethod(.hypergeometricBiased).bias] : biases
        return kinds.filter { seen.insert($0).inserted }.flatMap { kind in
            (kind == .hypergeometricBiased ? biasList : [biasList[0]]).map {
                StoppingMethod(
                    kind, targetRecall: targetRecall, confidence: confidence, irrelevantRun: irrelevantRun,
                    sampleShare: sampleShare, bias: $0)
            }
        }
    }

    /// `--stopping`: every method on every set and seed; a line per set and method, then the
    /// table over all runs (or `--json`).
    func runStoppingBenchmark() throws {
        let methods = try parsedStoppingMethods()
        let sets: [String?] = fromDecisions ? [nil] : labelFiles.map { $0 }
        var all: [(set: String, seed: UInt64, outcome: StoppingOutcome)] = []
        var bounds: [(set: String, bound: Double)] = []
        for file in sets {
            let (records, name) = try labelledRecords(file)
            let relevant = records.map(\.relevant)
            let count = relevant.filter { $0 }.count
            guard count > 0, count < records.count else {
                Console.error(
                    "\(name): \(records.count) records, \(count) relevant: a simulation needs at least one relevant and one irrelevant record"
                )
                throw Exit.dataError
            }
            var perSet: [StoppingOutcome] = []
            var setBounds: [Double] = []
            for seed in seedList {
                // The ranking once per seed; each method then replays it (the stopping test of
                // the simulation itself is left out: the benchmark scores every method alike).
                let result = Simulation.run(
                    records: records, seed: seed, configuration: model.configuration, targetRecall: targetRecall,
                    confidence: confidence, stoppingEvery: Int.max)
                let order = StoppingBenchmark.fullOrder(result)
                setBounds.append(
                    StoppingBenchmark.samplingBound(
                        order: order, relevant: relevant, targetRecall: targetRecall, confidence: confidence))
                for method in methods {
                    let outcome = StoppingBenchmark.score(
                        order: order, relevant: relevant, priors: result.priors.count, method: method, seed: seed)
                    perSet.append(outcome)
                    all.append((name, seed, outcome))
                }
            }
            if !json {
                for method in methods {
                    let summary = StoppingSummary(
                        method: method, outcomes: perSet.filter { $0.method == method }, targetRecall: targetRecall)
                    Console.out(StoppingText.setLine(name, records: records.count, relevant: count, summary))
                }
                Console.out(StoppingText.boundLine(name, setBounds))
            }
            bounds += setBounds.map { (name, $0) }
        }
        let summaries = methods.map { method in
            StoppingSummary(
                method: method, outcomes: all.map(\.outcome).filter { $0.method == method }, targetRecall: targetRecall)
        }
        if json {
            Console.out(
                StoppingText.json(
                    all, summaries: summaries, bounds: bounds, targetRecall: targetRecall, confidence: confidence))
        } else {
            Console.out("")
            Console.out(StoppingText.table(summaries, sets: sets.count, seeds: seedList.count))
            Console.out(StoppingText.boundLine("every set", bounds.map(\.bound)))
        }
    }
}

/// Text renderings of the stopping benchmark.
enum StoppingText {
    static func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

    /// The method's name, with its bias when it has one (several may be compared in one run).
    static func name(_ method: StoppingMethod) -> String {
        method.kind == .hypergeometricBiased ? "\(method.kind.rawValue) \(method.bias)" : method.kind.rawValue
    }

    static func setLine(_ set: String, records: Int, relevant: Int, _ s: StoppingSummary) -> String {
        "\(set) (\(records) records, \(relevant) relevant) \(name(s.method)): target met in \(s.met) of \(s.runs) runs, "
            + "mean work saved \(f(s.meanWorkSaved)), mean recall \(f(s.meanRecall)) (min \(f(s.minRecall)))"
            + (s.meanChecks > 0 ? ", \(f(s.meanChecks, 1)) random checks" : "")
    }

    /// The most a method that verifies by random sampling could save (``StoppingBenchmark/samplingBound(order:relevant:targetRecall:confidence:)``).
    static func boundLine(_ set: String, _ bounds: [Double]) -> String {
        let mean = bounds.reduce(0, +) / Double(max(1, bounds.count))
        return "\(set): a method that verifies by random sampling saves at most \(f(mean)) on average (\(bounds.count) "
            + "run\(bounds.count == 1 ? "" : "s"); an oracle stopping at the best point, its sample finding nothing)"
    }

    /// The markdown table of docs/benchmarks.md.
    static func table(_ summaries: [StoppingSummary], sets: Int, seeds: Int) -> String {
        var out = "over \(sets) sets × \(seeds) seeds:\n\n"
        out += "| method | settings | target met | mean work saved | mean recall | min recall | random checks |\n"
        out += "| --- | --- | --- | --- | --- | --- | --- |\n"
        for s in summaries {
            out +=
                "| \(name(s.method)) | \(s.method.settings) | \(s.met)/\(s.runs) (\(f(s.metShare * 100, 0))%) "
            out += "| \(f(s.meanWorkSaved)) | \(f(s.meanRecall)) | \(f(s.minRecall)) | \(f(s.meanChecks, 1)) |\n"
        }
        return out
    }

    static func json(
        _ runs: [(set: String, seed: UInt64, outcome: StoppingOutcome)], summaries: [StoppingSummary],
        bounds: [(set: String, bound: Double)], targetRecall: Double, confidence: Double
    ) -> String {
        let number = SimulateText.number
        let lines = runs.map { r in
            JSONLines.object([
                ("set", .string(r.set)), ("seed", .raw(String(r.seed))),
                ("method", .string(r.outcome.method.kind.rawValue)), ("settings", .string(r.outcome.method.settings)),
                ("records", .int(r.outcome.total)),
                ("relevant", .int(r.outcome.relevant)), ("stoppedAt", .int(r.outcome.stoppedAt)),
                ("stoppedEarly", .bool(r.outcome.stoppedEarly)),
                ("found", .int(r.outcome.found)), ("recall", number(r.outcome.recall)),
                ("screenedShare", number(r.outcome.screenedShare)), ("workSaved", number(r.outcome.workSaved)),
                ("randomChecks", .int(r.outcome.checks)),
            ])
        }
        let methods = summaries.map { s in
            JSONLines.object([
                ("method", .string(s.method.kind.rawValue)), ("settings", .string(s.method.settings)),
                ("runs", .int(s.runs)), ("targetMet", .int(s.met)), ("targetMetShare", number(s.metShare)),
                ("meanWorkSaved", number(s.meanWorkSaved)), ("meanRecall", number(s.meanRecall)),
                ("minRecall", number(s.minRecall)), ("meanRandomChecks", number(s.meanChecks)),
            ])
        }
        var setNames: [String] = []
        for b in bounds where !setNames.contains(b.set) { setNames.append(b.set) }
        let perSet = setNames.map { name in
            let values = bounds.filter { $0.set == name }.map(\.bound)
            return JSONLines.object([
                ("set", .string(name)), ("runs", .int(values.count)),
                ("meanWorkSaved", number(values.reduce(0, +) / Double(max(1, values.count)))),
            ])
        }
        let bound = JSONLines.object([
            ("meanWorkSaved", number(bounds.map(\.bound).reduce(0, +) / Double(max(1, bounds.count)))),
            ("sets", .raw(JSONLines.array(perSet))),
        ])
        return JSONLines.object([
            ("targetRecall", number(targetRecall)), ("confidence", number(confidence)),
            ("methods", .raw(JSONLines.array(methods))), ("runs", .raw(JSONLines.array(lines))),
            ("samplingBound", .raw(bound)),
        ])
    }
}
