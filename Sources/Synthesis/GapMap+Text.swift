import Charting
public import Protocol

extension GapMap {
    /// `gap-map.csv`: one row per cell (long format) with counts per direction, the study keys,
    /// the ongoing studies and whether the cell is a gap. UTF-8 with BOM, CRLF.
    public func csv(language: ReportLanguage, delimiter: Character = ",") -> String {
        var out =
            CSV.byteOrderMark
            + CSV.row(
                [
                    "row", "row_label", "row_group", "column", "column_label", "studies", "favourable", "no_difference",
                    "unfavourable", "mixed", "direction_not_charted", "references", "ongoing", "ongoing_references",
                    "gap",
                ], delimiter: delimiter)
        for (r, row) in rows.enumerated() {
            for (c, column) in columns.enumerated() {
                let cell = cells[r][c]
                out += CSV.row(
                    [
                        row.id, row.label.text(in: language), row.group?.text(in: language) ?? "", column.id,
                        column.label.text(in: language),
                        String(cell.studies.count), String(cell.count(.favourable)), String(cell.count(.noDifference)),
                        String(cell.count(.unfavourable)), String(cell.count(.mixed)), String(cell.count(nil)),
                        cell.studies.map { String($0.number) }.joined(separator: " "), String(cell.ongoing.count),
                        cell.ongoing.map { String($0.number) }.joined(separator: " "), cell.isGap ? "yes" : "no",
                    ], delimiter: delimiter)
            }
        }
        return out
    }

    /// The text of one cell as the protocol's `cell:` asks (count, studies, studies with
    /// direction, direction counts); `—` for a gap; ongoing studies in brackets.
    func cellText(_ cell: Cell, _ s: ReportStrings) -> String {
        var text: String
        if cell.isGap {
            text = "—"
        } else {
            switch spec.cell {
            case .count: text = String(cell.studies.count)
            case .studies: text = cell.studies.map { "[\($0.number)]" }.joined(separator: " ")
            case .studiesWithDirection:
                text = cell.studies.map { "[\($0.number)]" + (hasDirections ? GapMap.symbol($0.direction) : "") }
                    .joined(separator: " ")
            case .directionCounts:
                let parts: [(FindingDirection?, Int)] = [
                    (.favourable, cell.count(.favourable)), (.noDifference, cell.count(.noDifference)),
                    (.unfavourable, cell.count(.unfavourable)), (.mixed, cell.count(.mixed)), (nil, cell.count(nil)),
                ]
                text = parts.filter { $0.1 > 0 }.map { "\($0.1)\(GapMap.symbol($0.0))" }.joined(separator: " ")
            }
        }
        if !cell.ongoing.isEmpty {
            text += " (" + s.ongoingWord + ": " + cell.ongoing.map { "[\($0.number)]" }.joined(separator: " ") + ")"
        }
        return text
    }

    /// The map as a markdown table (rows grouped under bold headings), legend below.
    func markdownTable(_ s: ReportStrings) -> String {
        let lang = s.language
        let header = [s.interventionWord] + columns.map { Markdown.escape($0.label.text(in: lang)) }
        var rowsOut: [[String]] = []
        for (index, group) in rowsWithGroups() {
            if let group {
                rowsOut.append(["**" + Markdown.escape(group.text(in: lang)) + "**"] + columns.map { _ in "" })
            }
            rowsOut.append(
                [Markdown.escape(rows[index].label.text(in: lang))]
                    + cells[index].map { Markdown.escape(cellText($0, s)) })
        }
        var out = Markdown.table(header: header, rows: rowsOut)
        out += "\n" + s.legend + ": " + (hasDirections ? s.legendSymbols + "; " : "") + "— " + s.cellNoStudy + ".\n"
        return out
    }

    /// `gap-map.md`: title, the table, the list of gaps.
    public func markdown(language: ReportLanguage, title: String) -> String {
        let s = ReportStrings.table(language)
        var out = "# " + s.gapMapTitle + "\n\n_" + Markdown.escape(title) + "_\n\n"
        out += markdownTable(s)
        out += "\n## " + s.knowledgeGaps + "\n\n" + gapList(s)
        return out
    }

    /// The gaps as a list grouped by row.
    func gapList(_ s: ReportStrings) -> String {
        let lang = s.language
        let total = rows.count * columns.count
        let gapCount = gaps.count
        guard gapCount > 0 else { return s.noGaps + "\n" }
        var out = s.gapsSentence(gapCount, total) + "\n\n"
        for (r, row) in rows.enumerated() {
            let rowGaps = cells[r].enumerated().filter { $0.element.isGap }
            guard !rowGaps.isEmpty else { continue }
            let items = rowGaps.map { c, cell in
                var t = Markdown.escape(columns[c].label.text(in: lang))
                if !cell.ongoing.isEmpty {
                    t += " (" + s.gapOngoing(cell.ongoing.map { "[\($0.number)]" }.joined(separator: ", ")) + ")"
                }
                return t
            }
            out += "- **" + Markdown.escape(row.label.text(in: lang)) + "**: " + items.joined(separator: "; ") + "\n"
        }
        return out
    }
}
