import Bibliography
import Dedup
import Foundation
import Workspace

/// Text renderings for `scoping dedup`.
enum DedupText {
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }

    /// Records, studies, duplicates removed per database, related pairs, pairs awaiting review.
    static func summary(_ s: DedupSummary) -> String {
        var lines = [
            "\(plural(s.records, "record")) from \(plural(s.databases.count, "database")) → \(plural(s.studies, "study", "studies")): "
                + "\(plural(s.duplicatesRemoved, "duplicate")) removed (\(plural(s.duplicateClusters, "study", "studies")) found more than once)",
            "  " + RecordTable.pad("database", 24) + "records".leftPad(9) + "removed".leftPad(9)
                + "only here".leftPad(11),
        ]
        for d in s.databases {
            lines.append(
                "  " + RecordTable.pad(d.database, 24) + String(d.records).leftPad(9)
                    + String(d.duplicatesRemoved).leftPad(9) + String(d.onlyHere).leftPad(11))
        }
        lines.append(
            "\(plural(s.relatedPairs - s.conferenceRelatedPairs - s.registrationRelatedPairs, "related pair")) (study protocol ↔ results)"
        )
        if s.conferenceRelatedPairs > 0 {
            lines.append(
                "\(plural(s.conferenceRelatedPairs, "related pair")) (conference paper ↔ perhaps its later version; never merged without a person)"
            )
        }
        if s.registrationRelatedPairs > 0 {
            lines.append(
                "\(plural(s.registrationRelatedPairs, "related pair")) (trial registration ↔ a paper citing its number; never merged without a person)"
            )
        }
        if s.doubtfulMerges > 0 {
            lines.append(
                "\(plural(s.doubtfulMerges, "merge")) held back by the guard (conflicting DOIs, PMIDs, issues of one volume or first pages in one cluster)"
            )
        }
        if s.humanDecisions > 0 {
            lines.append("\(plural(s.humanDecisions, "pair")) decided by a person (\(DedupDecisionLog.relativePath))")
        }
        lines.append(
            "\(plural(s.awaitingReview, "pair")) awaiting review"
                + (s.awaitingReview > 0 ? ": scoping dedup review --reviewer NAME" : ""))
        return lines.joined(separator: "\n")
    }

    static func json(_ s: DedupSummary) -> String {
        JSONLines.object([
            ("records", .int(s.records)), ("keys", .int(s.keys)), ("studies", .int(s.studies)),
            ("duplicatesRemoved", .int(s.duplicatesRemoved)), ("duplicateClusters", .int(s.duplicateClusters)),
            (
                "databases",
                .raw(
                    JSONLines.array(
                        s.databases.map { d in
                            JSONLines.object([
                                ("database", .string(d.database)), ("records", .int(d.records)),
                                ("duplicatesRemoved", .int(d.duplicatesRemoved)), ("onlyHere", .int(d.onlyHere)),
                            ])
                        }))
            ),
            ("relatedPairs", .int(s.relatedPairs)), ("awaitingReview", .int(s.awaitingReview)),
            ("humanDecisions", .int(s.humanDecisions)), ("candidatePairs", .int(s.candidatePairs)),
            ("vetoedPairs", .int(s.vetoedPairs)), ("refusedMerges", .int(s.refusedMerges)),
            ("conferenceRelatedPairs", .int(s.conferenceRelatedPairs)),
            ("registrationRelatedPairs", .int(s.registrationRelatedPairs)), ("doubtfulMerges", .int(s.doubtfulMerges)),
            ("logProblems", .strings(s.logProblems.map(\.description))),
        ])
    }

    /// The first title of every key, for showing beside it.
    static func titles(_ keys: [RecordKey], index: ReviewIndex) throws -> [RecordKey: String] {
        var out: [RecordKey: String] = [:]
        for key in keys where out[key] == nil {
            out[key] = try index.records(key: key).first?.record.title ?? ""
        }
        return out
    }

    static func explain(_ e: DedupExplanation, titles: [RecordKey: String]) -> String {
        func cut(_ s: String, _ n: Int = 70) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }
        var lines: [String] = []
        if e.members.count == 1 {
            let found = e.members[0].databases
            lines.append(
                "\(e.key) is a study of its own: no record with another key joined it"
                    + (found.count > 1 ? " (this key was found in \(found.joined(separator: ", ")))" : ""))
        } else if e.key == e.clusterKey {
            lines.append("\(e.key) stands for a study of \(plural(e.members.count, "record key")):")
        } else {
            lines.append("\(e.key) is in the study of \(e.clusterKey), with \(plural(e.members.count, "record key")):")
        }
        for m in e.members {
            lines.append(
                "  " + RecordTable.pad(m.key.rawValue, 24) + " "
                    + RecordTable.pad(m.databases.joined(separator: ", "), 20) + " " + cut(titles[m.key] ?? ""))
        }
        if e.pairs.isEmpty {
            lines.append(
                "no pair decision involves it: no other record came near enough to be a duplicate, uncertain or vetoed")
        } else {
            lines.append("pair decisions:")
        }
        for p in e.pairs {
            let by =
                p.decidedBy == .person
                ? "decided by a person: \(p.verdict)" : p.verdict + (p.awaitingReview ? " (awaiting review)" : "")
            lines.append("  \(p.a) · \(p.b)  \(by), score \(scoreText(p.score))")
            let vetoes = p.reasons.filter { $0.hasPrefix("veto:") }.map {
                String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            }
            let guarded = p.reasons.filter { $0.hasPrefix("guard:") }.map {
                String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            }
            let facts = p.reasons.filter {
                !$0.hasPrefix("veto:") && !$0.hasPrefix("guard:") && !$0.hasPrefix("decided by a person")
                    && !$0.hasPrefix("the algorithm alone")
            }
            let against = facts.filter(isAgainst)
            let agreed = facts.filter { !isAgainst($0) }
            if let alone = p.reasons.first(where: { $0.hasPrefix("the algorithm alone") }) {
                lines.append("      " + alone)
            }
            if !agreed.isEmpty { lines.append("      agreed: " + agreed.joined(separator: "; ")) }
            if !against.isEmpty { lines.append("      against: " + against.joined(separator: "; ")) }
            if !vetoes.isEmpty { lines.append("      vetoed: " + vetoes.joined(separator: "; ")) }
            if !guarded.isEmpty { lines.append("      held back by the guard: " + guarded.joined(separator: "; ")) }
            for d in p.differences { lines.append("      differs: \(d.field): \(cut(d.a, 50)) / \(cut(d.b, 50))") }
        }
        for r in e.related {
            let kind =
                switch e.relatedKinds[r].flatMap(RelationKind.init(rawValue:)) {
                case .conferenceAndLaterVersion: "conference paper ↔ perhaps its later version"
                case .registrationAndPublication: "trial registration ↔ a paper citing its number"
                default: "study protocol ↔ results"
                }
            lines.append("related (\(kind)): \(r)  \(cut(titles[r] ?? ""))")
        }
        return lines.joined(separator: "\n")
    }

    /// A reason that speaks against the pair without vetoing it (`title differs`, `journal differs` …).
    static func isAgainst(_ reason: String) -> Bool {
        [
            "differs", "differ ", "missing", "one side only", "in one title only", "not comparable", "partly",
            "generic or recurring",
        ]
        .contains { reason.contains($0) }
    }

    static func json(_ e: DedupExplanation) -> String {
        JSONLines.object([
            ("key", .string(e.key.rawValue)), ("clusterKey", .string(e.clusterKey.rawValue)),
            (
                "members",
                .raw(
                    JSONLines.array(
                        e.members.map { m in
                            JSONLines.object([("key", .string(m.key.rawValue)), ("databases", .strings(m.databases))])
                        }))
            ),
            ("pairs", .raw(JSONLines.array(e.pairs.map(json)))),
            ("related", .strings(e.related.map(\.rawValue))),
        ])
    }

    static func json(_ p: DedupPair) -> String {
        JSONLines.object([
            ("a", .string(p.a.rawValue)), ("b", .string(p.b.rawValue)), ("verdict", .string(p.verdict)),
            ("decidedBy", .string(p.decidedBy.rawValue)), ("score", .raw(scoreText(p.score))),
            ("awaitingReview", .bool(p.awaitingReview)), ("reasons", .strings(p.reasons)),
            (
                "differences",
                .raw(
                    "["
                        + p.differences.map {
                            JSONLines.object([("field", .string($0.field)), ("a", .string($0.a)), ("b", .string($0.b))])
                        }.joined(separator: ",") + "]")
            ),
        ])
    }

    static func scoreText(_ v: Double) -> String {
        let thousandths = Int((v * 1000).rounded())
        let frac = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    // MARK: - Side by side

    /// One uncertain pair: the two records in two columns, differing fields highlighted
    /// (yellow on a terminal without NO_COLOR, else marked with `*`).
    static func sideBySide(
        _ pair: DedupPair, _ a: [IndexedRecord], _ b: [IndexedRecord], number: Int, of total: Int, width: Int
    ) -> String {
        let differing = Set(pair.differences.map(\.field))
        let colour = Console.colorAllowed(fd: STDOUT_FILENO)
        let label = 10
        let column = max(20, (width - label - 3) / 2)
        var lines: [String] = []
        let rule = String(repeating: "─", count: min(width, label + 3 + 2 * column))
        lines.append(rule)
        lines.append(
            "pair \(number) of \(total), score \(scoreText(pair.score)): " + pair.a.rawValue + " · " + pair.b.rawValue)
        lines += wrap("why uncertain: " + pair.reasons.joined(separator: "; "), min(width, label + 3 + 2 * column), 4)
        func row(_ field: String, _ name: String, _ x: String, _ y: String, maxLines: Int = 3) {
            if x.isEmpty && y.isEmpty { return }
            let differs = differing.contains(field)
            let left = wrap(x, column, maxLines)
            let right = wrap(y, column, maxLines)
            for i in 0..<max(left.count, right.count) {
                var head = i == 0 ? name : ""
                if differs, i == 0, !colour { head = "*" + head }
                var l = RecordTable.pad(i < left.count ? left[i] : "", column)
                var r = i < right.count ? right[i] : ""
                head = RecordTable.pad(head, label)
                if differs, colour {
                    head = Console.style(head, .yellow, fd: STDOUT_FILENO)
                    l = Console.style(l, .yellow, fd: STDOUT_FILENO)
                    r = Console.style(r, .yellow, fd: STDOUT_FILENO)
                }
                lines.append(head + l + " │ " + r)
            }
        }
        let ra = a.first?.record ?? Record()
        let rb = b.first?.record ?? Record()
        row("key", "key", pair.a.rawValue, pair.b.rawValue)
        row("databases", "found in", databases(a), databases(b))
        row("title", "title", ra.title, rb.title)
        row(
            "authors", "authors", ra.authors.map(\.shortName).joined(separator: "; "),
            rb.authors.map(\.shortName).joined(separator: "; "))
        row("year", "year", ra.year.map(String.init) ?? "", rb.year.map(String.init) ?? "")
        row(
            "journal", "journal", ra.journal ?? ra.journalAbbreviation ?? "", rb.journal ?? rb.journalAbbreviation ?? ""
        )
        row("volume", "volume", ra.volume ?? "", rb.volume ?? "")
        row("issue", "issue", ra.issue ?? "", rb.issue ?? "")
        row("pages", "pages", ra.pages ?? "", rb.pages ?? "")
        row("doi", "doi", ra.doi ?? "", rb.doi ?? "")
        row("pmid", "pmid", ra.pmid ?? "", rb.pmid ?? "")
        row("type", "type", ra.type.rawValue, rb.type.rawValue)
        row("abstract", "abstract", ra.abstract.text, rb.abstract.text, maxLines: 4)
        return lines.joined(separator: "\n")
    }

    static func databases(_ copies: [IndexedRecord]) -> String {
        var seen: [String] = []
        for c in copies where !seen.contains(c.database) { seen.append(c.database) }
        return seen.joined(separator: ", ")
    }

    /// Words of `s` in lines of at most `width` characters, at most `maxLines` (the last cut with …).
    static func wrap(_ s: String, _ width: Int, _ maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(whereSeparator: { $0.isWhitespace }) {
            var word = String(word)
            while word.count > width {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            let last = lines[maxLines - 1]
            lines[maxLines - 1] = (last.count >= width ? String(last.prefix(width - 1)) : last) + "…"
        }
        return lines
    }
}
