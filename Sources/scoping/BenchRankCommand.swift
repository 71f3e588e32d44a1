import ArgumentParser
import Foundation
import Screening

extension Scoping.Bench {
    /// `scoping bench rank`: the time to retrain and rescore during screening.
    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rank",
            abstract: "Time retrain + rescore + pick of the screening ranker on a synthetic set.",
            discussion: """
                Synthetic abstracts (150 words from a Zipf-like vocabulary, 3% relevant records \
                sharing topic words); after --decisions earlier decisions, --rounds further \
                decisions, each followed by a retrain (TF-IDF + linear SVM by default, warm \
                started), a rescore of every record and a pick. The target is under 50 ms for \
                10,000 records. Figures go in docs/benchmarks.md.
                """
        )

        @Option(help: ArgumentHelp("Records in the synthetic set.", valueName: "n"))
        var records = 10_000

        @Option(help: ArgumentHelp("Decisions made before timing starts.", valueName: "n"))
        var decisions = 500

        @Option(help: ArgumentHelp("Decisions timed.", valueName: "n"))
        var rounds = 30

        @Option(help: "The seed of the synthetic set.")
        var seed: UInt64 = 1

        @OptionGroup(title: "Model")
        var model: RankerOptions

        func validate() throws {
            guard records >= 2 else { throw ValidationError("--records must be 2 or more") }
            guard decisions >= 0, decisions < records else {
                throw ValidationError("--decisions must be between 0 and --records − 1")
            }
            guard rounds >= 1 else { throw ValidationError("--rounds must be 1 or more") }
        }

        func run() throws {
            let result = RankingBenchmark.run(
                records: records, decisions: decisions, rounds: rounds, seed: seed, configuration: model.configuration)
            Console.out(result.summary)
        }
    }
}
