import ArgumentParser
import Foundation
import Protocol
import Screening

extension Scoping {
    /// `scoping agreement`: agreement between reviewers per stage, and in the pilot round.
    struct AgreementReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement",
            abstract: "Show agreement between reviewers: Cohen's kappa with 95% CI, percent agreement, PABAK.",
            discussion: """
                Per stage and pair of reviewers, over the records both decided (maybe counts as \
                include; not-retrieved is left out): the 2×2 table, each reviewer's counts, \
                percent agreement, Cohen's kappa with a 95% confidence interval (large-sample \
                standard error of Fleiss, Cohen & Everitt 1969) and PABAK. Then the same for the \
                pilot round: the first N records both screened, in the order of the second \
                decision; N is the stage's `pilot` in the protocol unless --pilot is given.
                """
        )

        @OptionGroup var options: ReviewOptions

        @Option(help: ArgumentHelp("Only this stage: title-abstract or full-text (default: both).", valueName: "stage"))
        var stage: ScreeningStage?

        @Option(
            help: ArgumentHelp(
                "The pilot round's size (default: the stage's pilot in the protocol; 0 for none).", valueName: "n"))
        var pilot: Int?

        @Flag(help: "Print the figures as JSON.")
        var json = false

        func validate() throws {
            if let pilot, pilot < 0 { throw ValidationError("--pilot must be 0 or more") }
        }

        func run() throws {
            let context = try ScreeningContext.open(options)
            let plan = context.loaded.reviewProtocol.screening
            let stages = stage.map { [$0] } ?? ScreeningStage.allCases
            var reviewers = plan.reviewers
            for log in context.logs where !reviewers.contains(log.reviewer) { reviewers.append(log.reviewer) }
            var blocks: [String] = []
            var objects: [String] = []
            for stage in stages {
                let pilotSize = pilot ?? plan.plan(for: stage)?.pilotSize ?? 0
                var pairs: [(overall: Agreement, pilot: Agreement?)] = []
                for i in reviewers.indices {
                    for j in reviewers.indices where j > i {
                        let overall = Agreement(
                            state: context.state, stage: stage, first: reviewers[i], second: reviewers[j])
                        guard overall.count > 0 else { continue }
                        let round =
                            pilotSize > 0
                            ? Agreement(
                                state: context.state, stage: stage, first: reviewers[i], second: reviewers[j],
                                pilot: pilotSize)
                            : nil
                        pairs.append((overall, round))
                    }
                }
                if json {
                    objects += pairs.map {
                        AgreementText.json($0.overall, pilot: $0.pilot, pilotSize: pilotSize, stage: stage)
                    }
                } else {
                    blocks.append(AgreementText.block(stage: stage, pairs: pairs, pilotSize: pilotSize))
                }
            }
            Console.out(json ? JSONLines.array(objects) : blocks.joined(separator: "\n\n"))
        }
    }
}

/// Text renderings for `scoping agreement`.
enum AgreementText {
    static func f(_ x: Double?, _ digits: Int = 3) -> String {
        guard let x else { return "n/a" }
        return String(format: "%.\(digits)f", x)
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "n/a" }

    /// `kappa 0.400 (95% CI 0.151–0.649), agreement 70.0%, PABAK 0.400`
    static func figures(_ a: Agreement) -> String {
        let kappa: String
        if let k = a.kappa, let ci = a.kappaInterval95 {
            kappa = "kappa \(f(k)) (95% CI \(f(ci.lowerBound))–\(f(ci.upperBound)))"
        } else {
            kappa = "kappa undefined (both reviewers made the same single decision throughout)"
        }
        return "\(kappa), agreement \(percent(a.percentAgreement)), PABAK \(f(a.pabak))"
    }

    /// The 2×2 table, rows the first reviewer, columns the second.
    static func table(_ a: Agreement) -> [String] {
        let width = max(a.first.count + 9, 12)
        func row(_ label: String, _ x: Int, _ y: Int) -> String {
            "    " + RecordTable.pad(label, width) + String(x).leftPad(14) + String(y).leftPad(14)
        }
        return [
            "    " + String(repeating: " ", count: width) + "\(a.second) include".leftPad(14)
                + "\(a.second) exclude".leftPad(14),
            row("\(a.first) include", a.bothInclude, a.firstOnlyInclude),
            row("\(a.first) exclude", a.secondOnlyInclude, a.bothExclude),
        ]
    }

    static func block(stage: ScreeningStage, pairs: [(overall: Agreement, pilot: Agreement?)], pilotSize: Int) -> String
    {
        let name = stage.displayName
        guard !pairs.isEmpty else { return "\(name): no records screened by two reviewers yet" }
        var lines: [String] = []
        for (a, pilot) in pairs {
            lines.append("\(name): \(a.first) × \(a.second), \(DedupText.plural(a.count, "record")) both screened")
            lines.append("  " + figures(a))
            lines += table(a)
            lines.append(
                "  \(a.first): \(a.firstIncluded) included, \(a.firstExcluded) excluded; \(a.second): \(a.secondIncluded) included, \(a.secondExcluded) excluded"
            )
            if let pilot {
                let short = pilot.count < pilotSize ? " (only \(pilot.count) so far)" : ""
                lines.append(
                    "  pilot round, the first \(pilotSize) both screened\(short): "
                        + (pilot.count > 0 ? figures(pilot) : "none yet"))
                if pilot.count > 0 {
                    lines.append(
                        "    both include \(pilot.bothInclude), only \(pilot.first) \(pilot.firstOnlyInclude), only \(pilot.second) \(pilot.secondOnlyInclude), both exclude \(pilot.bothExclude)"
                    )
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ x: Double?) -> JSONLines.Value {
        guard let x, x.isFinite else { return .raw("null") }
        return .raw(String(format: "%.6f", x))
    }

    static func figuresJSON(_ a: Agreement) -> [(String, JSONLines.Value)] {
        [
            ("records", .int(a.count)),
            ("bothInclude", .int(a.bothInclude)), ("firstOnlyInclude", .int(a.firstOnlyInclude)),
            ("secondOnlyInclude", .int(a.secondOnlyInclude)), ("bothExclude", .int(a.bothExclude)),
            ("percentAgreement", number(a.percentAgreement)), ("expectedAgreement", number(a.expectedAgreement)),
            ("kappa", number(a.kappa)), ("standardError", number(a.standardError)),
            (
                "kappaCI95",
                .raw(
                    a.kappaInterval95.map {
                        "[" + String(format: "%.6f", $0.lowerBound) + "," + String(format: "%.6f", $0.upperBound) + "]"
                    } ?? "null")
            ),
            ("pabak", number(a.pabak)),
        ]
    }

    static func json(_ a: Agreement, pilot: Agreement?, pilotSize: Int, stage: ScreeningStage) -> String {
        var fields: [(String, JSONLines.Value)] = [
            ("stage", .string(stage.logName)), ("first", .string(a.first)), ("second", .string(a.second)),
        ]
        fields += figuresJSON(a)
        fields.append(
            (
                "counts",
                .raw(
                    JSONLines.object([
                        (
                            a.first,
                            .raw(
                                JSONLines.object([
                                    ("included", .int(a.firstIncluded)), ("excluded", .int(a.firstExcluded)),
                                ]))
                        ),
                        (
                            a.second,
                            .raw(
                                JSONLines.object([
                                    ("included", .int(a.secondIncluded)), ("excluded", .int(a.secondExcluded)),
                                ]))
                        ),
                    ]))
            ))
        if let pilot {
            fields.append(("pilot", .raw(JSONLines.object([("size", .int(pilotSize))] + figuresJSON(pilot)))))
        } else {
            fields.append(("pilot", .raw("null")))
        }
        return JSONLines.object(fields)
    }
}
