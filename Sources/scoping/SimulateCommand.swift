public import ArgumentParser
import Foundation
import Screening
import Workspace

extension Scoping {
    /// `scoping simulate --labels FILE` or `--from-decisions`: replays screening on a labelled
    /// set, or on this review's own decided records.
    struct Simulate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay ranked screening on a labelled set and measure the work saved.",
            discussion: """
                FILE is in ASReview's layout (columns title, abstract, label_included; .gz is \
                fine; UTF-8, or Windows-1252 when not valid UTF-8). Per seed: one relevant and \
                one irrelevant prior record drawn with the seed, then the model retrains after \
                every record and the best-scoring one is screened next, as in `scoping screen`. \
                Prints WSS@95, WSS@100, the records needed for 95% and 100% recall, when the \
                stopping test (Callaghan & Müller-Hansen 2020) said the target recall was \
                reached, and the time per retrain. --curve writes the recall curve \
                (screened,found,recall,p_value,stop) with the test's verdict at each point. \
                --from-decisions replays the review's own screening instead: its studies with a \
                reconciled title/abstract decision, those that passed counted relevant (--label \
                included: those included in the end), ranked on title, abstract, keywords and \
                MeSH as `scoping screen` ranks them; how much work ranking saves, or would have \
                saved, on this review. --stopping METHOD (or all) is the stopping benchmark: \
                every method on every --labels set and seed (--seeds N: 1 to N), where it said \
                stop, the recall there and the work saved, then a table per method (see \
                docs/screening.md, Stopping).
                """
        )

        @Option(
            name: .customLong("labels"), parsing: .singleValue,
            help: ArgumentHelp(
                "The labelled set (CSV, ASReview's layout; .csv.gz is fine); repeat for several sets.",
                valueName: "file"))
        var labelFiles: [String] = []

        /// The first labelled set, for the single-set replay.
        var labels: String? { labelFiles.first }

        @Flag(help: "Replay the review's own screening: its decided records, labelled by the decisions.")
        var fromDecisions = false

        @Option(
            help: ArgumentHelp(
                "With --from-decisions: what counts as relevant, title-abstract (passed title/abstract screening) or included (in the end).",
                valueName: "label"))
        var label: ReviewSnapshot.SimulationLabel = .titleAbstract

        @OptionGroup var options: ReviewOptions

        @Option(
            name: .customLong("seed"), parsing: .singleValue,
            help: ArgumentHelp("A seed for the prior records; repeat for several runs (default 1).", valueName: "n"))
        var seeds: [UInt64] = []

        @Option(
            name: .customLong("seeds"),
            help: ArgumentHelp("Run seeds 1 to n (instead of --seed).", valueName: "n"))
        var seedCount: Int?

        @Option(
            name: .customLong("stopping"), parsing: .singleValue,
            help: ArgumentHelp(
                "The stopping benchmark: score this method (\(StoppingMethod.Kind.allCases.map(\.rawValue).joined(separator: ", ")), or all) on every set and seed; repeatable.",
                valueName: "method"))
        var stoppingMethods: [String] = []

        @Option(
            help: ArgumentHelp(
                "irrelevant-run: irrelevant records in a row before stopping; hypergeometric-random: before random checks begin.",
                valueName: "n"))
        var irrelevantRun = StoppingMethod(.irrelevantRun).irrelevantRun

        @Option(help: ArgumentHelp("qbcb: the random sample's share of the records.", valueName: "share"))
        var sampleShare = StoppingMethod(.qbcb).sampleShare

        @Option(
            name: .customLong("bias"), parsing: .singleValue,
            help: ArgumentHelp(
                "hypergeometric-biased: how many times as likely the ranking is taken to show a relevant record (1 or more); repeat to compare several.",
                valueName: "ω"))
        var biases: [Double] = []

        @Option(
            help: ArgumentHelp(
                "Write the recall curve here (with several seeds: one file each, the seed before the extension).",
                valueName: "file"))
        var curve: String?

        @Option(
            help: ArgumentHelp(
                "The label column (default: the first of \(ASReviewCSV.labelColumns.joined(separator: ", ")) the file has, as ASReview picks it).",
                valueName: "name"))
        var labelColumn: String?

        @Option(help: ArgumentHelp("The stopping test's target recall.", valueName: "r"))
        var targetRecall = 0.95

        @Option(help: ArgumentHelp("The stopping test's confidence.", valueName: "c"))
        var confidence = 0.95

        @Flag(help: "Print the results as JSON.")
        var json = false

        @OptionGroup(
            title: "Model (for experiments; the defaults are the configuration benchmarked in docs/benchmarks.md)")
        var model: RankerOptions

        func validate() throws {
            guard (labels != nil) != fromDecisions else {
                throw ValidationError("give either --labels FILE or --from-decisions")
            }
            guard labelFiles.count <= 1 || !stoppingMethods.isEmpty else {
                throw ValidationError("several --labels files go with --stopping (the stopping benchmark)")
            }
            guard seedCount == nil || seeds.isEmpty else { throw ValidationError("give --seed or --seeds, not both") }
            if let seedCount, seedCount < 1 { throw ValidationError("--seeds must be 1 or more") }
            guard stoppingMethods.isEmpty || curve == nil else {
                throw ValidationError("--curve goes without --stopping")
            }
            _ = try parsedStoppingMethods()
            guard irrelevantRun >= 1 else { throw ValidationError("--irrelevant-run must be 1 or more") }
            guard biases.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--bias must be 1 or more") }
            guard sampleShare > 0, sampleShare <= 1 else {
                throw ValidationError("--sample-share must be above 0 and at most 1")
            }
            guard fromDecisions || label == .titleAbstract else {
                throw ValidationError("--label goes with --from-decisions (a file's labels are in --label-column)")
            }
            guard !fromDecisions || labelColumn == nil else {
                throw ValidationError("--label-column goes with --labels FILE (with --from-decisions, use --label)")
            }
            guard (0.0..<1.0).contains(targetRecall), targetRecall > 0 else {
                throw ValidationError("--target-recall must be between 0 and 1")
            }
            guard (0.0..<1.0).contains(confidence), confidence > 0 else {
                throw ValidationError("--confidence must be between 0 and 1")
            }
        }

        func run() throws {
            if !stoppingMethods.isEmpty {
                try runStoppingBenchmark()
                return
            }
            let (records, name) = try labelledRecords(labels)
            let relevant = records.filter(\.relevant).count
            guard relevant > 0, relevant < records.count else {
                Console.error(
                    "\(name): \(records.count) records, \(relevant) relevant: a simulation needs at least one relevant and one irrelevant record"
                )
                throw Exit.dataError
            }
            let seeds = seedList
            var results: [SimulationResult] = []
            for seed in seeds {
                let result = Simulation.run(
                    records: records, seed: seed, configuration: model.configuration, targetRecall: targetRecall,
                    confidence: confidence,
                    clock: ContinuousClock())
                results.append(result)
                if let curve {
                    let path = seeds.count == 1 ? curve : SimulateText.path(curve, seed: seed)
                    do {
                        try Data(result.curveCSV.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                    } catch {
                        Console.error("\(path): cannot write: \(error.localizedDescription)")
                        throw Exit.cannotWrite
                    }
                    if !json { Console.err("\(path): recall curve, \(result.curve.count) points") }
                }
                if !json { Console.out(SimulateText.line(result, targetRecall: targetRecall, confidence: confidence)) }
            }
            if json {
                Console.out(SimulateText.json(results, file: name, targetRecall: targetRecall, confidence: confidence))
            } else if results.count > 1 {
                Console.out(SimulateText.mean(results))
            }
        }

        /// The records to replay and the name messages give them: the labelled file's, or the
        /// review's decided studies.
        func labelledRecords(_ labels: String?) throws -> ([LabelledRecord], String) {
            guard let labels else {
                let context = try ReviewContext.open(options, warn: false)
                guard !context.isEmpty else {
                    Console.error(ReviewContext.emptyIndex)
                    throw Exit.noInput
                }
                for w in context.snapshot.warnings { Console.warning(w) }
                let (records, leftOut) = context.snapshot.simulationRecords(label: label)
                let name = "review \(context.folder.root.lastPathComponent) (\(label.rawValue) decisions)"
                if leftOut > 0 {
                    Console.err(
                        "\(leftOut) studies without a final \(label == .included ? "decision" : "title/abstract decision") left out"
                    )
                }
                return (records, name)
            }
            let name = (labels as NSString).lastPathComponent
            do {
                let text = try LabelledText.read(path: labels)
                let set = try ASReviewCSV.read(text, file: name, labelColumn: labelColumn)
                for column in set.absent {
                    Console.warning(
                        "\(name) has no \(column) column: the ranking reads the \(column == "title" ? "abstracts" : "titles") only"
                    )
                }
                return (set.records, name)
            } catch let error as ScreeningError {
                Console.error(error.localizedDescription)
                throw Exit.dataError
            } catch {
                throw report(error)
            }
        }
    }
}

/// The ranking model's settings, for `scoping simulate` and `scoping bench rank`.
struct RankerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The classifier: svm (linear SVM, squared hinge) or logistic.", valueName: "name"))
    var classifier = Ranker.Configuration().classifier.rawValue

    @Option(name: .customShort("C"), help: ArgumentHelp("Inverse regularisation strength.", valueName: "c"))
    var c = Ranker.Configuration().c

    @Option(
        help: ArgumentHelp(
            "Total weight of the relevant records over the irrelevant ones (1 = balanced).", valueName: "r"))
    var positiveRatio = Ranker.Configuration().positiveRatio

    @Option(help: ArgumentHelp("How many times a title word counts.", valueName: "w"))
    var titleWeight = FeatureMatrix.Options().titleWeight

    @Option(help: ArgumentHelp("Keep features found in at least this many records.", valueName: "n"))
    var minDf = FeatureMatrix.Options().minDocumentFrequency

    @Option(help: ArgumentHelp("Drop features found in more than this share of the records.", valueName: "share"))
    var maxDf = FeatureMatrix.Options().maxDocumentShare

    @Flag(help: "Remove English stop words before forming words and word pairs.")
    var stopWords = false

    @Option(help: ArgumentHelp("The SVM stops when its projected gradients span less than this.", valueName: "t"))
    var tolerance = Ranker.Configuration().tolerance

    func validate() throws {
        guard Ranker.Classifier(rawValue: classifier) != nil else {
            throw ValidationError(
                "--classifier must be one of: \(Ranker.Classifier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard tolerance > 0 else { throw ValidationError("--tolerance must be above 0") }
        guard c > 0 else { throw ValidationError("-C must be above 0") }
        guard positiveRatio > 0 else { throw ValidationError("--positive-ratio must be above 0") }
        guard titleWeight > 0 else { throw ValidationError("--title-weight must be above 0") }
        guard minDf >= 1 else { throw ValidationError("--min-df must be 1 or more") }
        guard maxDf > 0, maxDf <= 1 else { throw ValidationError("--max-df must be above 0 and at most 1") }
    }

    var configuration: Ranker.Configuration {
        Ranker.Configuration(
            classifier: Ranker.Classifier(rawValue: classifier) ?? .svm, c: c, positiveRatio: positiveRatio,
            features: FeatureMatrix.Options(
                stopWords: stopWords, minDocumentFrequency: minDf, maxDocumentShare: maxDf, titleWeight: titleWeight),
            tolerance: tolerance)
    }
}

/// Text renderings for `scoping simulate`.
enum SimulateText {
    /// `curve.csv` with seed 3 → `curve.seed3.csv`.
    static func path(_ path: String, seed: UInt64) -> String {
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty else { return path + ".seed\(seed)" }
        return (path as NSString).deletingPathExtension + ".seed\(seed)." + ext
    }

    static func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }

    static func verdict(_ r: SimulationResult, targetRecall: Double, confidence: Double) -> String {
        let test = "stopping test (\(f(targetRecall * 100, 0))% recall, \(f(confidence * 100, 0))% confidence)"
        if let at = r.stoppedAt, let recall = r.recallAtStop {
            return "\(test): reached after \(at) records, recall then \(f(recall))"
        }
        return "\(test): not reached"
    }

    static func line(_ r: SimulationResult, targetRecall: Double, confidence: Double) -> String {
        var s =
            "seed \(r.seed): \(r.total) records, \(r.relevant) relevant; WSS@95 \(f(r.wss95)), WSS@100 \(f(r.wss100)); "
        s += "95% recall after \(r.recordsFor95) records, 100% after \(r.recordsFor100); "
        s += verdict(r, targetRecall: targetRecall, confidence: confidence)
        if let median = r.medianRetrainMilliseconds, let max = r.maxRetrainMilliseconds {
            s += "; retrain median \(f(median, 1)) ms, max \(f(max, 1)) ms"
        }
        return s
    }

    static func mean(_ results: [SimulationResult]) -> String {
        let n = Double(results.count)
        let wss95 = results.map(\.wss95).reduce(0, +) / n
        let wss100 = results.map(\.wss100).reduce(0, +) / n
        let r95 = Double(results.map(\.recordsFor95).reduce(0, +)) / n
        let r100 = Double(results.map(\.recordsFor100).reduce(0, +)) / n
        return
            "mean over \(results.count) seeds: WSS@95 \(f(wss95)), WSS@100 \(f(wss100)); 95% recall after \(f(r95, 1)) records, 100% after \(f(r100, 1))"
    }

    static func number(_ x: Double?) -> JSONLines.Value {
        guard let x, x.isFinite else { return .raw("null") }
        return .raw(String(format: "%.6f", x))
    }

    static func json(_ results: [SimulationResult], file: String, targetRecall: Double, confidence: Double) -> String {
        let runs = results.map { r in
            JSONLines.object([
                ("seed", .raw(String(r.seed))), ("records", .int(r.total)), ("relevant", .int(r.relevant)),
                ("priors", .raw("[" + r.priors.map(String.init).joined(separator: ",") + "]")),
                ("wss95", number(r.wss95)), ("wss100", number(r.wss100)),
                ("recordsFor95", .int(r.recordsFor95)), ("recordsFor100", .int(r.recordsFor100)),
                ("stoppedAt", .raw(r.stoppedAt.map(String.init) ?? "null")), ("recallAtStop", number(r.recallAtStop)),
                ("medianRetrainMs", number(r.medianRetrainMilliseconds)),
                ("maxRetrainMs", number(r.maxRetrainMilliseconds)),
            ])
        }
        let n = Double(max(1, results.count))
        return JSONLines.object([
            ("file", .string(file)), ("targetRecall", number(targetRecall)), ("confidence", number(confidence)),
            ("meanWss95", number(results.map(\.wss95).reduce(0, +) / n)),
            ("meanWss100", number(results.map(\.wss100).reduce(0, +) / n)),
            ("runs", .raw(JSONLines.array(runs))),
        ])
    }
}

extension ReviewSnapshot.SimulationLabel: ExpressibleByArgument {}
