public import Protocol

extension GapMap {
    /// Okabe–Ito colours, with a shape per direction so the map reads in grey print too.
    enum Glyph: CaseIterable {
        case favourable, noDifference, unfavourable, mixed, notCharted, ongoing

        init(_ direction: FindingDirection?) {
            switch direction {
            case .favourable: self = .favourable
            case .noDifference: self = .noDifference
            case .unfavourable: self = .unfavourable
            case .mixed: self = .mixed
            case nil: self = .notCharted
            }
        }

        func label(_ s: ReportStrings) -> String {
            let lang = s.language
            switch self {
            case .favourable: return FindingDirection.favourable.label.text(in: lang)
            case .noDifference: return FindingDirection.noDifference.label.text(in: lang)
            case .unfavourable: return FindingDirection.unfavourable.label.text(in: lang)
            case .mixed: return FindingDirection.mixed.label.text(in: lang)
            case .notCharted: return lang == .nl ? "richting niet geëxtraheerd" : "direction not charted"
            case .ongoing: return s.ongoingWord
            }
        }

        /// Draws the glyph centred on (x, y) within a 12 × 12 box.
        func draw(_ canvas: inout SVGCanvas, x: Double, y: Double) {
            switch self {
            case .favourable: canvas.circle(cx: x, cy: y, r: 6, fill: "#009E73", stroke: "#000000", strokeWidth: 0.8)
            case .noDifference:
                canvas.rect(
                    x: x - 5.5, y: y - 5.5, width: 11, height: 11, fill: "#56B4E9", stroke: "#000000", strokeWidth: 0.8)
            case .unfavourable:
                canvas.polygon(
                    [(x - 6.5, y - 5), (x + 6.5, y - 5), (x, y + 6.5)], fill: "#D55E00", stroke: "#000000",
                    strokeWidth: 0.8)
            case .mixed:
                canvas.polygon(
                    [(x, y - 6.5), (x + 6.5, y), (x, y + 6.5), (x - 6.5, y)], fill: "#E69F00", stroke: "#000000",
                    strokeWidth: 0.8)
            case .notCharted:
                canvas.circle(cx: x, cy: y, r: 6, fill: "#ffffff", stroke: "#555555", strokeWidth: 0.8)
                canvas.text("?", x: x, y: y + 3.5, size: 9, anchor: .middle)
            case .ongoing:
                canvas.circle(cx: x, cy: y, r: 5.5, fill: "#ffffff", stroke: "#0072B2", strokeWidth: 1.6, dash: "2 1.5")
            }
        }
    }

    /// The column headings' lines and the height they need: wrapped across the column when
    /// every word fits its width, else upright (rotated a quarter turn), wrapped to at most as
    /// many lines as fit side by side in a column, so that no two headings ever touch.
    func columnHeaders(language: ReportLanguage, cellWidth: Double, size: Double, lineHeight: Double) -> (
        lines: [[String]], rotated: Bool, height: Double
    ) {
        let labels = columns.map { $0.label.text(in: language) }
        let across = labels.map { SVGCanvas.wrap($0, width: cellWidth - 8, size: size) }
        let bold = 1.1  // the estimate is for regular text
        let fits = across.allSatisfy { $0.allSatisfy { SVGCanvas.textWidth($0, size: size) * bold <= cellWidth - 8 } }
        if fits { return (across, false, Double(across.map(\.count).max() ?? 1) * lineHeight + 12) }
        let maxLines = max(1, Int((cellWidth - 8) / lineHeight))
        let upright = labels.map { label -> [String] in
            var width = 150.0
            var lines = SVGCanvas.wrap(label, width: width, size: size)
            while lines.count > maxLines {
                width += 50
                lines = SVGCanvas.wrap(label, width: width, size: size)
            }
            return lines
        }
        let longest = upright.flatMap { $0 }.map { SVGCanvas.textWidth($0, size: size) * bold }.max() ?? 0
        return (upright, true, longest + 12)
    }

    /// `gap-map.svg`: rows (grouped) × columns; in each cell one glyph per direction with its
    /// number of studies, a dashed ring for ongoing studies, grey hatching for a gap; a legend.
    ///
    /// - Complexity: O(rows × columns).
    public func svg(language: ReportLanguage, title: String) -> String {
        let s = ReportStrings.table(language)
        let lang = language
        let margin = 20.0
        let labelWidth = 250.0
        let cellWidth = 96.0
        let cellHeight = 50.0
        let groupHeight = 24.0
        let headerSize = 11.0
        let headerLine = 13.0
        let width = margin * 2 + labelWidth + cellWidth * Double(columns.count)

        let header = columnHeaders(language: lang, cellWidth: cellWidth, size: headerSize, lineHeight: headerLine)
        let headerLines = header.lines
        let headerHeight = header.height
        let titleHeight = 30.0
        let gridTop = margin + titleHeight + headerHeight
        let ordered = rowsWithGroups()
        var gridHeight = 0.0
        for item in ordered { gridHeight += cellHeight + (item.groupStart != nil ? groupHeight : 0) }

        // Legend items laid out in lines.
        let legendItems: [Glyph] =
            hasDirections ? [.favourable, .noDifference, .unfavourable, .mixed, .notCharted, .ongoing] : [.ongoing]
        let legendTop = gridTop + gridHeight + 24
        var legendPositions: [(Glyph?, String, Double, Double)] = []
        var lx = margin
        var ly = legendTop + 22
        let itemTexts: [(Glyph?, String)] = legendItems.map { ($0, $0.label(s)) } + [(nil, s.cellNoStudy)]
        for (glyph, text) in itemTexts {
            let w = 22 + SVGCanvas.textWidth(text, size: 12) + 22
            if lx + w > width - margin, lx > margin {
                lx = margin
                ly += 22
            }
            legendPositions.append((glyph, text, lx, ly))
            lx += w
        }
        let height = ly + 16 + margin
        var canvas = SVGCanvas(width: width, height: height)
        canvas.raw(
            "<defs><pattern id=\"gap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#bbbbbb\" stroke-width=\"2\"/></pattern></defs>"
        )
        canvas.text(s.gapMapTitle + ": " + title, x: margin, y: margin + 16, size: 15, bold: true)

        // Column headers: across, or upright (rotated) when a word is wider than its column.
        for (c, lines) in headerLines.enumerated() {
            let cx = margin + labelWidth + cellWidth * (Double(c) + 0.5)
            if header.rotated {
                for (i, line) in lines.enumerated() {
                    let x = cx + (Double(i) - Double(lines.count - 1) / 2) * headerLine + headerSize * 0.35
                    canvas.text(line, x: x, y: gridTop - 6, size: headerSize, bold: true, rotate: -90)
                }
                continue
            }
            let top = gridTop - 6 - headerLine * Double(lines.count)
            for (i, line) in lines.enumerated() {
                canvas.text(
                    line, x: cx, y: top + headerLine * Double(i) + headerSize, size: headerSize, anchor: .middle,
                    bold: true)
            }
        }
        var y = gridTop
        for item in ordered {
            if let group = item.groupStart {
                canvas.rect(
                    x: margin, y: y, width: width - 2 * margin, height: groupHeight, fill: "#d6e4f0", stroke: "#888888",
                    strokeWidth: 0.5)
                canvas.text(group.text(in: lang), x: margin + 6, y: y + 16, size: 12, bold: true)
                y += groupHeight
            }
            let row = rows[item.index]
            canvas.rect(
                x: margin, y: y, width: labelWidth, height: cellHeight, fill: "#ffffff", stroke: "#888888",
                strokeWidth: 0.5)
            let labelLines = SVGCanvas.wrap(row.label.text(in: lang), width: labelWidth - 16, size: 12)
            let firstLine = y + cellHeight / 2 - Double(labelLines.count - 1) * 7.5 + 4
            for (i, line) in labelLines.prefix(3).enumerated() {
                canvas.text(line, x: margin + 8, y: firstLine + 15 * Double(i), size: 12)
            }
            for (c, cell) in cells[item.index].enumerated() {
                let x = margin + labelWidth + cellWidth * Double(c)
                canvas.rect(
                    x: x, y: y, width: cellWidth, height: cellHeight, fill: cell.isGap ? "url(#gap)" : "#ffffff",
                    stroke: "#888888", strokeWidth: 0.5)
                var slots: [(Glyph, Int)] = []
                if hasDirections {
                    for direction in [FindingDirection.favourable, .noDifference, .unfavourable, .mixed]
                        as [FindingDirection?] + [nil]
                    {
                        let n = cell.count(direction)
                        if n > 0 { slots.append((Glyph(direction), n)) }
                    }
                } else if !cell.studies.isEmpty {
                    slots.append((.favourable, cell.studies.count))
                }
                if !cell.ongoing.isEmpty { slots.append((.ongoing, cell.ongoing.count)) }
                for (k, slot) in slots.prefix(6).enumerated() {
                    let gx = x + 16 + Double(k % 2) * 44
                    let gy = y + 13 + Double(k / 2) * 15
                    slot.0.draw(&canvas, x: gx, y: gy)
                    canvas.text(String(slot.1), x: gx + 11, y: gy + 4, size: 11, bold: true)
                }
            }
            y += cellHeight
        }
        // Legend.
        canvas.text(s.legend, x: margin, y: legendTop + 4, size: 12, bold: true)
        for (glyph, text, x, yy) in legendPositions {
            if let glyph {
                glyph.draw(&canvas, x: x + 7, y: yy - 4)
            } else {
                canvas.rect(
                    x: x + 1, y: yy - 10, width: 12, height: 12, fill: "url(#gap)", stroke: "#888888", strokeWidth: 0.5)
            }
            canvas.text(text, x: x + 20, y: yy, size: 12)
        }
        let description = "\(rows.count) × \(columns.count); " + s.gapsSentence(gaps.count, rows.count * columns.count)
        return canvas.render(title: s.gapMapTitle + ": " + title, description: description)
    }
}
