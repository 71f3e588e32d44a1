import Foundation
import Yams

/// Builds a ``ReviewProtocol`` from the YAML tree, reporting every problem to the context.
///
/// Builds as much as it can: a section with errors is left out (or given a placeholder) so
/// that later sections are still checked and every problem is reported in one run.
struct ProtocolBuilder {
    let context: LoadContext

    func build(_ root: Node, text: String) -> ReviewProtocol? {
        guard let top = MappingReader(root, in: context, name: "the protocol", keys: ReviewProtocol.topLevelKeys) else {
            return nil
        }
        let version = readVersion(top)
        let review = readReview(top.value("review", required: true))
        let pcc = readPCC(top.value("pcc", required: true))
        let sources = readSources(top)
        let previousVersion = readPreviousVersion(top)
        let screening = readScreening(top.value("screening", required: true))
        let criteria = CriteriaBuilder(context: context).read(top)
        let codebook = CodebookBuilder(context: context).read(top.value("codebook")) ?? Codebook(fields: [])
        let matrix = top.value("matrix").flatMap {
            CodebookBuilder(context: context).readMatrix($0, codebook: codebook)
        }
        guard let version, let review, let pcc, let screening else { return nil }
        return ReviewProtocol(
            version: version, review: review, pcc: pcc, sources: sources, screening: screening,
            criteria: criteria, codebook: codebook, matrix: matrix, previousVersion: previousVersion,
            sourceText: text
        )
    }

    private func readVersion(_ top: MappingReader) -> Int? {
        guard let node = top.value("version", required: true) else { return nil }
        guard let version = node.int else {
            context.error(
                node, "the version must be a whole number, found '\(node.string ?? "")'",
                hint: "write 'version: \(ReviewProtocol.supportedVersion)'")
            return nil
        }
        guard version == ReviewProtocol.supportedVersion else {
            context.error(
                node, "unsupported protocol version \(version)",
                hint: "this scoping reads version \(ReviewProtocol.supportedVersion)")
            return nil
        }
        return version
    }

    private func readReview(_ node: Node?) -> ReviewInfo? {
        guard
            let r = MappingReader(
                node, in: context, name: "'review'",
                keys: ["title", "questions", "authors", "registration", "report_language"])
        else { return nil }
        let title = r.localized("title", required: true, allowPlain: true)
        var questions: [LocalizedText] = []
        for item in r.list("questions", required: true) ?? [] {
            if let q = MappingReader.localized(item, in: context, name: "a question in 'review'", allowPlain: true) {
                questions.append(q)
            }
        }
        var authors: [ReviewAuthor] = []
        for item in r.list("authors", nonEmpty: false) ?? [] {
            if case .scalar = item, let name = item.string, !name.isEmpty {
                authors.append(ReviewAuthor(name: name))
                continue
            }
            guard let a = MappingReader(item, in: context, name: "an author", keys: ["name", "affiliation", "orcid"])
            else { continue }
            if let name = a.string("name", required: true) {
                authors.append(ReviewAuthor(name: name, affiliation: a.string("affiliation"), orcid: a.string("orcid")))
            }
        }
        var language = ReportLanguage.en
        if let node = r.value("report_language") {
            if let code = node.string, let l = ReportLanguage(rawValue: code) {
                language = l
            } else {
                context.error(node, "unknown report language '\(node.string ?? "")'", hint: "use 'en' or 'nl'")
            }
        }
        guard let title else { return nil }
        return ReviewInfo(
            title: title, questions: questions, authors: authors, registration: r.string("registration"),
            reportLanguage: language)
    }

    private func readPCC(_ node: Node?) -> PCC? {
        guard let r = MappingReader(node, in: context, name: "'pcc'", keys: ["population", "concept", "context"]) else {
            return nil
        }
        let population = r.localized("population", required: true, allowPlain: true)
        let concept = r.localized("concept", required: true, allowPlain: true)
        let pccContext = r.localized("context", required: true, allowPlain: true)
        guard let population, let concept, let pccContext else { return nil }
        return PCC(population: population, concept: concept, context: pccContext)
    }

    private func readSources(_ top: MappingReader) -> [SearchSource] {
        var sources: [SearchSource] = []
        var seenIDs: [String: Int] = [:]
        var seenFiles: [String: Int] = [:]
        for item in top.list("sources", required: true) ?? [] {
            guard
                let r = MappingReader(
                    item, in: context, name: "a source",
                    keys: ["id", "name", "kind", "interface", "files", "searched", "query", "searches", "notes"])
            else { continue }
            let id = r.string("id", required: true)
            let name = r.string("name", required: true)
            var kind = SourceKind.database
            if let node = r.value("kind") {
                if let spelled = node.string, let k = SourceKind(spelling: spelled) {
                    kind = k
                } else {
                    context.error(
                        node, "unknown source kind '\(node.string ?? "")'",
                        hint: "use one of " + SourceKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            let needsQuery = !kind.isOtherMethod
            let interface = needsQuery ? r.string("interface", required: true) : (r.string("interface") ?? "")
            if let id, let line = seenIDs[id] {
                context.error(r.value("id"), "duplicate source id '\(id)'", hint: "it is already used at line \(line)")
            } else if let id {
                seenIDs[id] = context.location(of: r.value("id")).line
            }
            var searches: [SourceSearch] = []
            var complete = true
            if let list = r.list("searches") {
                for key in ["files", "searched"] where r.has(key) {
                    context.error(
                        r.keyNode(key) ?? item, "'\(key)' is given beside 'searches' in a source",
                        hint: "move it into one of the searches")
                }
                var query = r.string("query")
                var previousDate: String?
                for entry in list {
                    guard
                        let s = MappingReader(
                            entry, in: context, name: "a search of '\(id ?? "?")'",
                            keys: ["searched", "query", "files", "covers_from", "notes"])
                    else {
                        complete = false
                        continue
                    }
                    let date = checkedDate(s, "searched", required: true)
                    if let q = s.string("query") { query = q }
                    if needsQuery, query == nil, s.value("query", required: true) == nil { complete = false }
                    let files = checkedFiles(s, seen: &seenFiles)
                    let covers = checkedDate(s, "covers_from", required: false)
                    if let date, let previousDate, date < previousDate, let node = s.value("searched") {
                        context.error(
                            node, "the search of \(date) is listed after the search of \(previousDate)",
                            hint: "list a source's searches oldest first: the first is the original search")
                    }
                    previousDate = date ?? previousDate
                    guard let date, let files else {
                        complete = false
                        continue
                    }
                    searches.append(SourceSearch(date: date, query: query ?? "", files: files, coversFrom: covers))
                }
            } else {
                let files = checkedFiles(r, seen: &seenFiles)
                let date = checkedDate(r, "searched", required: true)
                let query = needsQuery ? r.string("query", required: true) : (r.string("query") ?? "")
                if let files, let date, let query {
                    searches = [SourceSearch(date: date, query: query, files: files)]
                } else {
                    complete = false
                }
            }
            guard let id, let name, let interface, complete, !searches.isEmpty else { continue }
            sources.append(
                SearchSource(
                    id: id, name: name, kind: kind, interface: interface, searches: searches,
                    location: context.location(of: item)))
        }
        return sources
    }

    /// A `YYYY-MM-DD` date under `key`, reported when it is not one.
    private func checkedDate(_ r: MappingReader, _ key: String, required: Bool) -> String? {
        guard let date = r.string(key, required: required), let node = r.value(key) else { return nil }
        if date.range(of: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", options: .regularExpression) == nil {
            let what = key == "searched" ? "search date" : "date"
            context.error(node, "the \(what) '\(date)' is not a date", hint: "write it as YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// The export files under `files`, each checked: listed once in the whole protocol, inside
    /// the review folder, present.
    private func checkedFiles(_ r: MappingReader, seen seenFiles: inout [String: Int]) -> [String]? {
        guard let files = r.strings("files", required: true) else { return nil }
        for (path, node) in files {
            if let line = seenFiles[path] {
                context.error(
                    node, "the file '\(path)' is listed under two sources",
                    hint: "it is already listed at line \(line)")
            } else {
                seenFiles[path] = context.location(of: node).line
            }
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                context.error(
                    node, "the file '\(path)' is outside the review folder",
                    hint: "give a path relative to the review folder, such as corpus/pubmed.xml")
            } else if let exists = context.fileExists, !exists(path) {
                context.error(
                    node, "the file '\(path)' does not exist", hint: "paths are relative to the review folder")
            }
        }
        return files.map(\.0)
    }

    /// `previous_version:`, a date or `{date: …, citation: …, included: … | revision: …}`.
    private func readPreviousVersion(_ top: MappingReader) -> PreviousVersion? {
        guard let node = top.value("previous_version") else { return nil }
        if case .scalar = node {
            guard let date = top.string("previous_version") else { return nil }
            guard date.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else {
                context.error(
                    node, "the previous version's date '\(date)' is not a date", hint: "write it as YYYY-MM-DD")
                return nil
            }
            return PreviousVersion(date: date)
        }
        guard
            let r = MappingReader(
                node, in: context, name: "'previous_version'", keys: ["date", "citation", "included", "revision"])
        else {
            return nil
        }
        guard let date = checkedDate(r, "date", required: true) else { return nil }
        var included = r.string("included")
        var revision = r.string("revision")
        if let path = included, let node = r.value("included") {
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                context.error(
                    node, "the file '\(path)' is outside the review folder",
                    hint: "give a path relative to the review folder, such as protocol/previous-included.ris")
                included = nil
            } else if let exists = context.fileExists, !exists(path) {
                context.error(
                    node, "the file '\(path)' does not exist", hint: "paths are relative to the review folder")
                included = nil
            }
        }
        if let rev = revision, let node = r.value("revision"),
            rev.isEmpty || rev.hasPrefix("-") || rev.contains(where: { $0.isWhitespace || $0 == ":" })
        {
            context.error(
                node, "'\(rev)' is not a git revision", hint: "give a tag or a commit of this review, such as v1.0")
            revision = nil
        }
        if included != nil, revision != nil, let node = r.value("revision") {
            context.error(
                node, "the previous version's included studies are given twice (included and revision)",
                hint: "keep one: a file of the studies, or the git revision whose output/included.ris lists them")
            revision = nil
        }
        return PreviousVersion(date: date, citation: r.string("citation"), includedFile: included, revision: revision)
    }

    private func readScreening(_ node: Node?) -> ScreeningPlan? {
        guard
            let r = MappingReader(node, in: context, name: "'screening'", keys: ["reviewers", "stages", "stopping"])
        else {
            return nil
        }
        var reviewers: [String] = []
        for (id, node) in r.strings("reviewers", required: true) ?? [] {
            if id.range(of: "^[a-z][a-z0-9_-]*$", options: .regularExpression) == nil {
                context.error(
                    node, "the reviewer id '\(id)' is not a plain lower-case name",
                    hint: "use lower-case letters, digits, '-' or '_' (it names the file screening/<id>.jsonl)")
            } else if reviewers.contains(id) {
                context.error(node, "duplicate reviewer '\(id)'")
            } else {
                reviewers.append(id)
            }
        }
        var stages: [StagePlan] = []
        for item in r.list("stages", required: true) ?? [] {
            guard
                let s = MappingReader(
                    item, in: context, name: "a screening stage",
                    keys: [
                        "stage", "reviewers_per_record", "blinded", "second_reviewer", "sample_seed", "pilot",
                        "hide_authors",
                    ])
            else { continue }
            guard let stageNode = s.value("stage", required: true), let name = stageNode.string else { continue }
            guard let stage = ScreeningStage(rawValue: name) else {
                context.error(
                    stageNode, "unknown screening stage '\(name)'",
                    hint: Suggestion.hint(for: name, in: ScreeningStage.allCases.map(\.rawValue))
                        ?? "use title_abstract or full_text")
                continue
            }
            if stages.contains(where: { $0.stage == stage }) {
                context.error(stageNode, "the stage '\(name)' is listed twice")
                continue
            }
            let perRecord = s.int("reviewers_per_record") ?? 2
            if let node = s.value("reviewers_per_record"), perRecord < 1 || perRecord > max(reviewers.count, 1) {
                context.error(
                    node, "reviewers_per_record is \(perRecord), but there are \(reviewers.count) reviewers",
                    hint: "use a number from 1 to \(max(reviewers.count, 1))")
            }
            var share = SecondReviewerShare.all
            let seed = s.int("sample_seed").map { UInt64(truncatingIfNeeded: $0) } ?? 1
            if let node = s.value("second_reviewer") {
                if node.string == "all" {
                    share = .all
                } else if let fraction = node.float, fraction > 0, fraction <= 1 {
                    share = fraction == 1 ? .all : .fraction(fraction, seed: seed)
                } else {
                    context.error(
                        node,
                        "second_reviewer must be 'all' or a fraction between 0 and 1, found '\(node.string ?? "")'",
                        hint: "write 'all', or 0.2 for a random fifth")
                }
            }
            let pilot = s.int("pilot") ?? 0
            if pilot < 0, let node = s.value("pilot") { context.error(node, "the pilot size cannot be negative") }
            let hideAuthors = s.bool("hide_authors") ?? false
            if hideAuthors, stage == .fullText, let node = s.value("hide_authors") {
                context.error(
                    node, "hide_authors is for the title_abstract stage only",
                    hint: "a full text names its authors anyway; move hide_authors to the title_abstract stage")
            }
            stages.append(
                StagePlan(
                    stage: stage, reviewersPerRecord: perRecord, blinded: s.bool("blinded") ?? true,
                    secondReviewer: share, pilotSize: max(pilot, 0),
                    hideAuthors: hideAuthors && stage == .titleAbstract))
        }
        return ScreeningPlan(reviewers: reviewers, stages: stages, stopping: readStopping(r.value("stopping")))
    }

    /// `screening: stopping:` — the stopping method and its settings; the defaults when absent.
    private func readStopping(_ node: Node?) -> StoppingPlan {
        var plan = StoppingPlan()
        guard
            let node,
            let s = MappingReader(
                node, in: context, name: "'stopping'",
                keys: ["method", "target_recall", "confidence", "irrelevant_run", "sample_share", "bias"])
        else { return plan }
        if let name = s.string("method") {
            if StoppingPlan.methods.contains(name) {
                plan.method = name
            } else if let methodNode = s.value("method") {
                context.error(
                    methodNode, "unknown stopping method '\(name)'",
                    hint: Suggestion.hint(for: name, in: StoppingPlan.methods)
                        ?? "use one of: \(StoppingPlan.methods.joined(separator: ", "))")
            }
        }
        for (key, path) in [("target_recall", \StoppingPlan.targetRecall), ("confidence", \StoppingPlan.confidence)] {
            guard let value = s.value(key) else { continue }
            if let x = value.float, x > 0, x < 1 {
                plan[keyPath: path] = x
            } else {
                context.error(
                    value, "\(key) must be a number between 0 and 1, found '\(value.string ?? "")'", hint: "write 0.95")
            }
        }
        if let run = s.int("irrelevant_run") {
            if run >= 1 {
                plan.irrelevantRun = run
            } else if let value = s.value("irrelevant_run") {
                context.error(value, "irrelevant_run must be 1 or more")
            }
        }
        if let value = s.value("sample_share") {
            if let x = value.float, x > 0, x <= 1 {
                plan.sampleShare = x
            } else {
                context.error(
                    value, "sample_share must be a number above 0 and at most 1, found '\(value.string ?? "")'",
                    hint: "write 0.1 for a tenth of the records")
            }
        }
        if let value = s.value("bias") {
            if let x = value.float, x >= 1, x <= 1000 {
                plan.bias = x
            } else {
                context.error(
                    value, "bias must be a number from 1 to 1000, found '\(value.string ?? "")'",
                    hint: "write 2: the ranking twice as likely to show a relevant record as an irrelevant one")
            }
        }
        return plan
    }
}
