import Yams

/// Reads `codebook:` and `matrix:`, checking ids, choices, term lists and references.
struct CodebookBuilder {
    let context: LoadContext

    func read(_ node: Node?) -> Codebook? {
        guard let node else { return nil }
        guard case .sequence(let sequence) = node else {
            context.error(
                node, "expected a list of fields for 'codebook', found \(LoadContext.kind(of: node))",
                hint: "start each field with '- id: …'")
            return nil
        }
        var fields: [CodebookField] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            let name = item.mapping?["id"]?.string.map { "codebook field '\($0)'" } ?? "a codebook field"
            guard
                let r = MappingReader(
                    item, in: context, name: name, keys: ["id", "label", "description", "type", "choices", "required"])
            else { continue }
            guard let id = r.string("id", required: true), let idNode = r.value("id") else { continue }
            var valid = true
            if id.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil {
                context.error(
                    idNode, "the field id '\(id)' is not snake_case",
                    hint: "use lower-case letters, digits and '_', such as intervention_type")
                valid = false
            } else if let line = seen[id] {
                context.error(idNode, "duplicate codebook field '\(id)'", hint: "it is already used at line \(line)")
                valid = false
            } else {
                seen[id] = context.location(of: idNode).line
            }
            let label = r.localized("label", required: true)
            var type: CodebookFieldType?
            if let typeNode = r.value("type", required: true), let raw = typeNode.string {
                type = CodebookFieldType(rawValue: raw)
                if type == nil {
                    context.error(
                        typeNode, "unknown field type '\(raw)' in \(name)",
                        hint: Suggestion.hint(for: raw, in: CodebookFieldType.allCases.map(\.rawValue))
                            ?? "use text, number, single_choice, multiple_choice or findings")
                }
            }
            var choices: [CodebookChoice] = []
            if let type, type.hasChoices {
                choices = readChoices(r, field: name)
            } else if type != nil, r.has("choices") {
                context.error(
                    r.keyNode("choices"), "\(name) is of type '\(type?.rawValue ?? "")', which has no choices",
                    hint: "use single_choice, multiple_choice or findings, or remove 'choices'")
            }
            guard valid, let label, let type else { continue }
            fields.append(
                CodebookField(
                    id: id, label: label, description: r.localized("description", allowPlain: true), type: type,
                    choices: choices, required: r.bool("required") ?? false, location: context.location(of: item)))
        }
        return Codebook(fields: fields)
    }

    private func readChoices(_ r: MappingReader, field: String) -> [CodebookChoice] {
        var choices: [CodebookChoice] = []
        var seen: [String: Int] = [:]
        for item in r.list("choices", required: true) ?? [] {
            let name = item.mapping?["id"]?.string.map { "choice '\($0)' of \(field)" } ?? "a choice of \(field)"
            guard let c = MappingReader(item, in: context, name: name, keys: ["id", "label", "group", "terms"]) else {
                continue
            }
            guard let id = c.string("id", required: true), let idNode = c.value("id") else { continue }
            if let line = seen[id] {
                context.error(
                    idNode, "duplicate choice '\(id)' in \(field)", hint: "it is already used at line \(line)")
                continue
            }
            seen[id] = context.location(of: idNode).line
            let label = c.localized("label", required: true)
            let group = c.localized("group", allowPlain: true)
            let terms = CriteriaBuilder(context: context).checkedTerms(c.strings("terms") ?? [])
            guard let label else { continue }
            choices.append(CodebookChoice(id: id, label: label, group: group, terms: terms))
        }
        return choices
    }

    func readMatrix(_ node: Node, codebook: Codebook) -> MatrixSpec? {
        guard
            let r = MappingReader(node, in: context, name: "'matrix'", keys: ["rows", "columns", "cell", "group_rows"])
        else { return nil }
        let rows = reference(r, "rows", codebook: codebook)
        let columns = reference(r, "columns", codebook: codebook)
        var cell: MatrixSpec.Cell?
        if let cellNode = r.value("cell", required: true), let raw = cellNode.string {
            cell = MatrixSpec.Cell(rawValue: raw)
            if cell == nil {
                context.error(
                    cellNode, "unknown matrix cell '\(raw)'",
                    hint: Suggestion.hint(for: raw, in: MatrixSpec.Cell.allCases.map(\.rawValue))
                        ?? "use count, studies, studies_with_direction or direction_counts")
            } else if let cell, cell.needsDirection, let rows, let columns, rows.type != .findings,
                columns.type != .findings
            {
                context.error(
                    cellNode,
                    "the matrix cell '\(raw)' shows a direction, but neither '\(rows.id)' nor '\(columns.id)' is a findings field",
                    hint: "use a findings field for rows or columns, or cell: studies")
            }
        }
        if let rows, let columns, rows.id == columns.id, let node = r.value("columns") {
            context.error(node, "the matrix uses '\(rows.id)' for both rows and columns")
        }
        let groupRows = r.bool("group_rows") ?? false
        guard let rows, let columns, let cell else { return nil }
        return MatrixSpec(rows: rows.id, columns: columns.id, cell: cell, groupRows: groupRows)
    }

    /// The codebook field a matrix key names; reports unknown fields and fields without choices.
    private func reference(_ r: MappingReader, _ key: String, codebook: Codebook) -> CodebookField? {
        guard let node = r.value(key, required: true), let id = r.string(key) else { return nil }
        guard let field = codebook.field(id) else {
            let hint =
                Suggestion.hint(for: id, in: codebook.fields.map(\.id))
                ?? (codebook.fields.isEmpty
                    ? "define it under 'codebook'"
                    : "choice fields are \(codebook.fields.filter { $0.type.hasChoices }.map(\.id).joined(separator: ", "))")
            context.error(node, "the matrix \(key) refer to codebook field '\(id)', which does not exist", hint: hint)
            return nil
        }
        guard field.type.hasChoices else {
            context.error(
                node, "the matrix \(key) need a field with choices, but '\(id)' is of type '\(field.type.rawValue)'",
                hint: "use a single_choice, multiple_choice or findings field")
            return nil
        }
        return field
    }
}
