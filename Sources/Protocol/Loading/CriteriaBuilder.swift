import Yams

/// Reads `criteria:` and checks ids, stages, rules and highlight terms.
struct CriteriaBuilder {
    let context: LoadContext

    static let keys = ["id", "label", "description", "stage", "rule", "highlight"]

    func read(_ top: MappingReader) -> [EligibilityCriterion] {
        var criteria: [EligibilityCriterion] = []
        var seen: [String: Int] = [:]
        for item in top.list("criteria", required: true) ?? [] {
            let idNode = item.mapping?["id"]
            let id = idNode?.string
            let name = id.map { "criterion '\($0)'" } ?? "a criterion"
            guard let r = MappingReader(item, in: context, name: name, keys: CriteriaBuilder.keys) else { continue }
            guard let id = r.string("id", required: true), let idNode else { continue }
            var valid = true
            if id.range(of: "^[A-Z]+[0-9]+$", options: .regularExpression) == nil {
                context.error(
                    idNode, "the criterion id '\(id)' is not a letter and a number",
                    hint: "use ids such as E1 (exclusion) or I2 (inclusion)")
                valid = false
            } else if let line = seen[id] {
                context.error(idNode, "duplicate criterion id '\(id)'", hint: "it is already used at line \(line)")
                valid = false
            } else {
                seen[id] = context.location(of: idNode).line
            }
            let label = r.localized("label", required: true)
            let description = r.localized("description", allowPlain: true)
            var stage: CriterionStage?
            if let stageNode = r.value("stage", required: true), let raw = stageNode.string {
                stage = CriterionStage(rawValue: raw)
                if stage == nil {
                    context.error(
                        stageNode, "unknown stage '\(raw)' in \(name)",
                        hint: Suggestion.hint(for: raw, in: CriterionStage.allCases.map(\.rawValue))
                            ?? "use auto, title_abstract or full_text")
                }
            }
            var rule: Rule?
            if let ruleNode = r.value("rule") {
                if stage != nil, stage != .auto {
                    context.error(
                        r.keyNode("rule"), "\(name) has a rule, but only 'auto' criteria are applied by rule",
                        hint: "set 'stage: auto', or move the terms to 'highlight'")
                }
                rule = readRule(ruleNode, criterion: id)
            } else if stage == .auto {
                context.error(
                    item, "\(name) has stage 'auto' but no rule", hint: "add a rule such as 'rule: year < 2015'")
            }
            let highlight = readHighlight(r, name: name, stage: stage)
            guard valid, let label, let stage else { continue }
            if stage == .auto, rule == nil { continue }
            criteria.append(
                EligibilityCriterion(
                    id: id, label: label, description: description, stage: stage, rule: rule, highlight: highlight,
                    location: context.location(of: item)))
        }
        return criteria
    }

    private func readRule(_ node: Node, criterion id: String) -> Rule? {
        guard case .scalar(let scalar) = node else {
            context.error(
                node, "the rule of \(id) must be text, found \(LoadContext.kind(of: node))",
                hint: "write the rule on one line, or after '>-' on the lines below")
            return nil
        }
        do {
            return try Rule(scalar.string)
        } catch {
            let at = context.location(inScalar: node, offset: error.span.lowerBound)
            context.report(.error, at: at, "in the rule of \(id): \(error.message)", hint: error.hint)
            return nil
        }
    }

    private func readHighlight(_ r: MappingReader, name: String, stage: CriterionStage?) -> HighlightTerms {
        guard let node = r.value("highlight") else { return HighlightTerms() }
        if stage == .auto {
            context.warning(
                r.keyNode("highlight"),
                "\(name) is applied automatically; its highlight terms are not shown to reviewers")
        }
        guard
            let h = MappingReader(
                node, in: context, name: "the highlight terms of \(name)", keys: ["include", "exclude"])
        else { return HighlightTerms() }
        let include = checkedTerms(h.strings("include") ?? [])
        let exclude = checkedTerms(h.strings("exclude") ?? [])
        if !h.has("include"), !h.has("exclude") {
            context.error(
                node, "the highlight terms of \(name) are empty",
                hint: "give 'include' or 'exclude' terms, or remove 'highlight'")
        }
        return HighlightTerms(include: include, exclude: exclude)
    }

    /// Compiles each term, reporting those that do not compile; returns the good ones.
    func checkedTerms(_ terms: [(String, Node)]) -> [String] {
        var out: [String] = []
        for (text, node) in terms {
            do {
                _ = try Term(text)
                out.append(text)
            } catch {
                switch error {
                case .empty:
                    context.error(node, "the term '\(text)' has no letters or digits")
                case .misplacedWildcard(let offset):
                    context.report(
                        .error, at: context.location(inScalar: node, offset: offset),
                        "a wildcard '*' is allowed only at the end of a word",
                        hint: "write 'groepsconsult*', not 'groeps*consult'")
                }
            }
        }
        return out
    }
}
