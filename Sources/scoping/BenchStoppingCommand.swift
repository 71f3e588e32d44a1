import ArgumentParser
import Foundation
import Screening

extension Scoping.Bench {
    /// `scoping bench stopping`: what the stopping estimate costs per decision at scale.
    struct Stopping: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stopping",
            abstract: "Time the stopping methods' evaluation per decision on a synthetic screening.",
            discussion: """
                A synthetic ranked screening of --records records (3% relevant, found at a rate \
                falling as a power law along the ranking); after each --screened count, every \
                method is evaluated as the status line does after a decision (with its estimate, \
                the previous decision's verdict known), as the first status line of a session \
                (without it), and without the estimate; the median of --rounds. Figures go in docs/benchmarks.md.
                """
        )

        @Option(help: ArgumentHelp("Records in the synthetic set.", valueName: "n"))
        var records = 20_000

        @Option(
            name: .customLong("screened"), parsing: .singleValue,
            help: ArgumentHelp("Records screened when timed; repeatable.", valueName: "n"))
        var screened: [Int] = []

        @Option(help: ArgumentHelp("Timings per point (the median is printed).", valueName: "n"))
        var rounds = 5

        @Flag(help: "Leave out the baseline (the plain test as computed before 2026-12-05: seconds per point).")
        var noBaseline = false

        @Option(
            name: .customLong("stopping"), parsing: .singleValue,
            help: ArgumentHelp("The method to time (default all); repeatable.", valueName: "method"))
        var methods: [String] = []

        func validate() throws {
            guard records >= 10 else { throw ValidationError("--records must be 10 or more") }
            guard rounds >= 1 else { throw ValidationError("--rounds must be 1 or more") }
            for name in methods where StoppingMethod.Kind(rawValue: name) == nil {
                throw ValidationError(
                    "--stopping: '\(name)' is not a method; use one of: "
                        + StoppingMethod.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() throws {
            let chosen =
                methods.isEmpty
                ? StoppingMethod.all
                : methods.compactMap { StoppingMethod.Kind(rawValue: $0).map { StoppingMethod($0) } }
            let points = screened.isEmpty ? [records / 20, records / 4, records / 2, records * 3 / 4] : screened
            let clock = ContinuousClock()
            let origin = clock.now
            let timings = StoppingCostBenchmark.run(
                methods: chosen, total: records, screenedPoints: points, rounds: rounds, baseline: !noBaseline
            ) {
                let d = origin.duration(to: clock.now)
                return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            }
            Console.out(
                "| method | records | screened | relevant found | ms per decision (status line) | first status line "
                    + "| without the estimate | before 2026-12-05 (baseline) |")
            Console.out("| --- | --- | --- | --- | --- | --- | --- | --- |")
            for t in timings {
                Console.out(
                    "| \(t.method.kind.rawValue) | \(t.total) | \(t.screened) | \(t.found) | "
                        + "\(String(format: "%.2f", t.milliseconds)) | \(String(format: "%.2f", t.coldMilliseconds)) | "
                        + "\(String(format: "%.2f", t.decisionOnlyMilliseconds)) | "
                        + (t.baselineMilliseconds.map { String(format: "%.1f", $0) } ?? "—") + " |")
            }
        }
    }
}
