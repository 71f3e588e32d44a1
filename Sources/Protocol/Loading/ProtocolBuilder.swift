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
        let screening = readScreening(top.value("screening", required: true))
        let criteria = CriteriaBuilder(context: context).read(top)
        let codebook = CodebookBuilder(context: context).read(top.value("codebook")) ?? Codebook(fields: [])
        let matrix = top.value("matrix").flatMap {
            CodebookBuilder(context: context).readMatrix($0, codebook: codebook)
        }
        guard let version, let review, let pcc, let screening else { return nil }
        return ReviewProtocol(
            version: version, review: review, pcc: pcc, sources: sources, screening: screening,
            criteria: criteria, codebook: codebook, matrix: matrix, sourceText: text
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
                    keys: ["id", "name", "interface", "files", "searched", "query", "notes"])
            else { continue }
            let id = r.string("id", required: true)
            let name = r.string("name", required: true)
            let interface = r.string("interface", required: true)
            let files = r.strings("files", required: true) ?? []
            let date = r.string("searched", required: true)
            let query = r.string("query", required: true)
            if let id, let line = seenIDs[id] {
                context.error(r.value("id"), "duplicate source id '\(id)'", hint: "it is already used at line \(line)")
            } else if let id {
                seenIDs[id] = context.location(of: r.value("id")).line
            }
            if let date, let node = r.value("searched"),
                date.range(of: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", options: .regularExpression)
                    == nil
            {
                context.error(node, "the search date '\(date)' is not a date", hint: "write it as YYYY-MM-DD")
            }
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
            guard let id, let name, let interface, let date, let query else { continue }
            sources.append(
                SearchSource(
                    id: id, name: name, interface: interface, files: files.map(\.0), dateSearched: date, query: query,
                    location: context.location(of: item)))
        }
        return sources
    }

    private func readScreening(_ node: Node?) -> ScreeningPlan? {
        guard let r = MappingReader(node, in: context, name: "'screening'", keys: ["reviewers", "stages"]) else {
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
        return ScreeningPlan(reviewers: reviewers, stages: stages)
    }
}
