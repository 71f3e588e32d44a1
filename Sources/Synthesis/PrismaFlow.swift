public import Protocol

/// The PRISMA 2020 flow diagram as SVG, as a Mermaid block, and as the PRISMA2020 R package's
/// CSV template: databases and registers in the first column, other methods (citation
/// searching, websites, organisations, experts) in the second when any found a record, and the
/// previous version's studies beside them when the review updates an earlier one.
public enum PrismaFlow {
    /// One box's lines: the first is the heading.
    struct Box {
        var lines: [(text: String, indent: Bool)]
    }

    /// The boxes in PRISMA order: (main, side) per row.
    static func boxes(_ c: PrismaCounts, _ s: ReportStrings) -> [(main: Box, side: Box?)] {
        let lang = s.language
        let t = SourceStrings.table(lang)
        var identified: Box
        if c.perRegister.isEmpty {
            identified = Box(lines: [("\(s.recordsIdentified) (n\u{A0}=\u{A0}\(c.identified)):", false)])
            for db in c.perDatabase {
                identified.lines.append(("\(db.label.text(in: lang)) (n\u{A0}=\u{A0}\(db.n))", true))
            }
        } else {
            identified = Box(lines: [("\(t.recordsIdentifiedBoth) (n\u{A0}=\u{A0}\(c.identified)):", false)])
            for (label, items) in [(t.databasesLine, c.perDatabase), (t.registersLine, c.perRegister)] {
                let total = items.reduce(0) { $0 + $1.n }
                let list = items.map { "\($0.label.text(in: lang)) \($0.n)" }.joined(separator: "; ")
                identified.lines.append(("\(label) (n\u{A0}=\u{A0}\(total))\(list.isEmpty ? "" : ": " + list)", true))
            }
        }
        var removed = Box(lines: [
            ("\(s.removedBeforeScreening):", false), ("\(s.duplicatesRemoved) (n\u{A0}=\u{A0}\(c.duplicates))", true),
        ])
        removed.lines.append(
            (
                "\(s.markedByAutomation) (n\u{A0}=\u{A0}\(c.automation))\(c.automationByCriterion.isEmpty ? "" : ":")",
                true
            ))
        for r in c.automationByCriterion {
            removed.lines.append(("\(r.id): \(r.label.text(in: lang)) (n\u{A0}=\u{A0}\(r.n))", true))
        }
        let otherLabel = c.previousStudies == nil ? s.removedOther : t.alreadyScreened
        removed.lines.append(("\(otherLabel) (n\u{A0}=\u{A0}\(c.otherRemovals))", true))
        let screened = Box(lines: [("\(s.recordsScreened) (n\u{A0}=\u{A0}\(c.screened))", false)])
        let excluded = Box(lines: [("\(s.recordsExcluded) (n\u{A0}=\u{A0}\(c.excludedAtScreening))", false)])
        let sought = Box(lines: [("\(s.reportsSought) (n\u{A0}=\u{A0}\(c.sought))", false)])
        let notRetrieved = Box(lines: [("\(s.reportsNotRetrieved) (n\u{A0}=\u{A0}\(c.notRetrieved))", false)])
        let assessed = Box(lines: [("\(s.reportsAssessed) (n\u{A0}=\u{A0}\(c.assessed))", false)])
        var ftExcluded = Box(lines: [
            (
                "\(s.reportsExcluded) (n\u{A0}=\u{A0}\(c.excludedAtFullText))\(c.excludedByReason.isEmpty ? "" : ":")",
                false
            )
        ])
        for r in c.excludedByReason {
            ftExcluded.lines.append(("\(r.id): \(r.label.text(in: lang)) (n\u{A0}=\u{A0}\(r.n))", true))
        }
        if c.previousStudies != nil {
            let new = Box(lines: [
                ("\(t.newStudies) (n\u{A0}=\u{A0}\(c.newStudies))", false),
                ("\(t.newReports) (n\u{A0}=\u{A0}\(c.newReports))", false),
            ])
            let total = Box(lines: [
                ("\(t.totalStudies) (n\u{A0}=\u{A0}\(c.totalStudies))", false),
                ("\(t.totalReports) (n\u{A0}=\u{A0}\(c.totalReports))", false),
            ])
            return [
                (identified, removed), (screened, excluded), (sought, notRetrieved), (assessed, ftExcluded),
                (new, nil), (total, nil),
            ]
        }
        let included = Box(lines: [
            ("\(s.studiesIncluded) (n\u{A0}=\u{A0}\(c.studiesIncluded))", false),
            ("\(s.reportsOfIncluded) (n\u{A0}=\u{A0}\(c.reportsIncluded))", false),
        ])
        return [
            (identified, removed), (screened, excluded), (sought, notRetrieved), (assessed, ftExcluded),
            (included, nil),
        ]
    }

    /// The second column's boxes by row (0: identified, 2: sought, 3: assessed), each with its
    /// side box; empty when no other method found a record.
    static func otherBoxes(_ c: PrismaCounts, _ s: ReportStrings) -> [Int: (main: Box, side: Box?)] {
        guard let o = c.otherMethods else { return [:] }
        let lang = s.language
        let t = SourceStrings.table(lang)
        var identified = Box(lines: [("\(t.otherIdentified) (n\u{A0}=\u{A0}\(o.identified)):", false)])
        for source in o.perSource {
            let kind = o.kinds[source.id].map { t.kindName($0) } ?? ""
            identified.lines.append(
                ("\(source.label.text(in: lang))\(kind.isEmpty ? "" : ", " + kind) (n\u{A0}=\u{A0}\(source.n))", true))
        }
        var removed: [(String, Int)] = [
            (t.foundElsewhere, o.foundElsewhere), (t.duplicates, o.duplicates), (s.markedByAutomation, o.automation),
            (t.excludedOnTitleAbstract, o.excludedAtScreening),
        ]
        if o.undecidedScreening > 0 { removed.append((t.notYetScreened, o.undecidedScreening)) }
        for (label, n) in removed { identified.lines.append(("− \(label) (n\u{A0}=\u{A0}\(n))", true)) }
        let sought = Box(lines: [("\(s.reportsSought) (n\u{A0}=\u{A0}\(o.sought))", false)])
        let notRetrieved = Box(lines: [("\(s.reportsNotRetrieved) (n\u{A0}=\u{A0}\(o.notRetrieved))", false)])
        let assessed = Box(lines: [("\(s.reportsAssessed) (n\u{A0}=\u{A0}\(o.assessed))", false)])
        var excluded = Box(lines: [
            (
                "\(s.reportsExcluded) (n\u{A0}=\u{A0}\(o.excludedAtFullText))\(o.excludedByReason.isEmpty ? "" : ":")",
                false
            )
        ])
        for r in o.excludedByReason {
            excluded.lines.append(("\(r.id): \(r.label.text(in: lang)) (n\u{A0}=\u{A0}\(r.n))", true))
        }
        return [0: (identified, nil), 2: (sought, notRetrieved), 3: (assessed, excluded)]
    }

    /// The previous version's box (updated reviews only).
    static func previousBox(_ c: PrismaCounts, _ s: ReportStrings) -> Box? {
        guard let studies = c.previousStudies else { return nil }
        let t = SourceStrings.table(s.language)
        return Box(lines: [
            ("\(t.previousStudies) (n\u{A0}=\u{A0}\(studies))", false),
            ("\(t.previousReports) (n\u{A0}=\u{A0}\(c.previousReports ?? studies))", false),
        ])
    }

    /// `prisma.svg`: the PRISMA 2020 layout, black on white with light bands, 13 pt text.
    ///
    /// - Complexity: O(databases + reasons).
    public static func svg(_ counts: PrismaCounts, language: ReportLanguage) -> String {
        let s = ReportStrings.table(language)
        let rows = boxes(counts, s)
        let other = otherBoxes(counts, s)
        let previous = previousBox(counts, s)
        let fontSize = 13.0
        let lineHeight = 17.0
        let padding = 10.0
        let bandX = 12.0
        let bandWidth = 30.0
        // The previous version's column, when there is one, stands left of the others.
        let previousX = 60.0
        let previousWidth = 240.0
        let shift = previous == nil ? 0.0 : previousWidth + 30
        let mainX = 60.0 + shift
        let mainWidth = 340.0
        let sideX = 470.0 + shift
        let sideWidth = 410.0
        let otherX = 910.0 + shift
        let otherWidth = 300.0
        let otherSideX = 1250.0 + shift
        let otherSideWidth = 300.0
        let width = (other.isEmpty ? 900.0 : 1570.0) + shift
        let gap = 42.0

        func layout(_ box: Box, width: Double) -> [(String, Double)] {
            var out: [(String, Double)] = []
            for line in box.lines {
                let indent = line.indent ? 12.0 : 0
                for piece in SVGCanvas.wrap(line.text, width: width - 2 * padding - indent, size: fontSize) {
                    out.append((piece, indent))
                }
            }
            return out
        }
        func height(_ lines: [(String, Double)]) -> Double { Double(lines.count) * lineHeight + 2 * padding }
        struct Placed {
            var top: Double
            var mainHeight: Double
            var sideHeight: Double
            var main: [(String, Double)]
            var side: [(String, Double)]?
            var other: [(String, Double)]?
            var otherSide: [(String, Double)]?
            var rowHeight: Double
        }
        let previousLines = previous.map { layout($0, width: previousWidth) }
        var y = 20.0
        var placed: [Placed] = []
        for (index, row) in rows.enumerated() {
            let main = layout(row.main, width: mainWidth)
            let side = row.side.map { layout($0, width: sideWidth) }
            let o = other[index].map { layout($0.main, width: otherWidth) }
            let os = other[index]?.side.map { layout($0, width: otherSideWidth) }
            var mh = height(main)
            if row.side == nil, index == 4 {
                // The last band stands beside this box alone: room for its label.
                mh = max(mh, SVGCanvas.textWidth(s.includedBand, size: fontSize) + 24)
            }
            let sh = side.map(height) ?? 0
            var rowHeight = max(mh, sh, o.map(height) ?? 0, os.map(height) ?? 0)
            if index == 0, let previousLines { rowHeight = max(rowHeight, height(previousLines)) }
            placed.append(
                Placed(
                    top: y, mainHeight: mh, sideHeight: sh, main: main, side: side, other: o, otherSide: os,
                    rowHeight: rowHeight))
            y += rowHeight + gap
        }
        let height = y - gap + 20
        var canvas = SVGCanvas(width: width, height: height)

        // Bands: identification (row 0), screening (rows 1–3), included (row 4 and the total).
        let bands: [(String, Int, Int)] = [
            (s.identification, 0, 0), (s.screening, 1, 3), (s.includedBand, 4, placed.count - 1),
        ]
        for (label, first, last) in bands {
            let top = placed[first].top
            let bottom = placed[last].top + max(placed[last].mainHeight, placed[last].sideHeight)
            canvas.rect(
                x: bandX, y: top, width: bandWidth, height: bottom - top, fill: "#d6e4f0", stroke: "#000000", rx: 4)
            canvas.text(
                label, x: bandX + bandWidth / 2 + 5, y: (top + bottom) / 2, size: fontSize, anchor: .middle, bold: true,
                rotate: -90)
        }
        for (index, row) in placed.enumerated() {
            drawBox(
                &canvas, x: mainX, y: row.top, width: mainWidth, height: row.mainHeight, lines: row.main,
                padding: padding, lineHeight: lineHeight, size: fontSize)
            if let side = row.side {
                drawBox(
                    &canvas, x: sideX, y: row.top, width: sideWidth, height: row.sideHeight, lines: side,
                    padding: padding, lineHeight: lineHeight, size: fontSize)
                let arrowY = row.top + min(row.mainHeight, row.sideHeight) / 2
                canvas.arrow(x1: mainX + mainWidth, y1: arrowY, x2: sideX, y2: arrowY)
            }
            if index + 1 < placed.count {
                let next = placed[index + 1]
                canvas.arrow(
                    x1: mainX + mainWidth / 2, y1: row.top + row.mainHeight, x2: mainX + mainWidth / 2, y2: next.top)
            }
        }
        // The second column: identified (row 0), sought (row 2), assessed (row 3), into the included box.
        var otherBottom: (row: Int, y: Double)?
        for (index, row) in placed.enumerated() {
            guard let lines = row.other else { continue }
            let h = Double(lines.count) * lineHeight + 2 * padding
            drawBox(
                &canvas, x: otherX, y: row.top, width: otherWidth, height: h, lines: lines, padding: padding,
                lineHeight: lineHeight, size: fontSize)
            if let previousBottom = otherBottom {
                canvas.arrow(
                    x1: otherX + otherWidth / 2, y1: previousBottom.y, x2: otherX + otherWidth / 2, y2: row.top)
            }
            if let sideLines = row.otherSide {
                let sh = Double(sideLines.count) * lineHeight + 2 * padding
                drawBox(
                    &canvas, x: otherSideX, y: row.top, width: otherSideWidth, height: sh, lines: sideLines,
                    padding: padding, lineHeight: lineHeight, size: fontSize)
                let arrowY = row.top + min(h, sh) / 2
                canvas.arrow(x1: otherX + otherWidth, y1: arrowY, x2: otherSideX, y2: arrowY)
            }
            otherBottom = (index, row.top + h)
        }
        if let last = otherBottom, placed.count > 4 {
            let target = placed[4]
            let midY = target.top + target.mainHeight / 2
            canvas.line(x1: otherX + otherWidth / 2, y1: last.y, x2: otherX + otherWidth / 2, y2: midY)
            canvas.arrow(x1: otherX + otherWidth / 2, y1: midY, x2: mainX + mainWidth, y2: midY)
        }
        if let previousLines, let total = placed.last {
            let h = Double(previousLines.count) * lineHeight + 2 * padding
            drawBox(
                &canvas, x: previousX, y: placed[0].top, width: previousWidth, height: h, lines: previousLines,
                padding: padding, lineHeight: lineHeight, size: fontSize)
            let midY = total.top + total.mainHeight / 2
            let x = previousX + previousWidth / 2
            canvas.line(x1: x, y1: placed[0].top + h, x2: x, y2: midY)
            canvas.arrow(x1: x, y1: midY, x2: mainX, y2: midY)
        }
        var description = rows.map { row in
            ([row.main] + (row.side.map { [$0] } ?? [])).map { $0.lines.map(\.text).joined(separator: " ") }.joined(
                separator: " → ")
        }.joined(separator: " ↓ ")
        let otherText = other.keys.sorted().compactMap { other[$0] }.map { row in
            ([row.main] + (row.side.map { [$0] } ?? [])).map { $0.lines.map(\.text).joined(separator: " ") }.joined(
                separator: " → ")
        }.joined(separator: " ↓ ")
        if !otherText.isEmpty { description += " | " + otherText }
        if let previous { description = previous.lines.map(\.text).joined(separator: " ") + " | " + description }
        return canvas.render(title: s.flowTitle, description: description)
    }

    static func drawBox(
        _ canvas: inout SVGCanvas, x: Double, y: Double, width: Double, height: Double, lines: [(String, Double)],
        padding: Double, lineHeight: Double, size: Double
    ) {
        canvas.rect(x: x, y: y, width: width, height: height, fill: "#ffffff", stroke: "#000000", strokeWidth: 1.2)
        for (i, line) in lines.enumerated() {
            canvas.text(line.0, x: x + padding + line.1, y: y + padding + lineHeight * Double(i) + size, size: size)
        }
    }

    /// A Mermaid `flowchart` block (with the fences) for the markdown report.
    public static func mermaid(_ counts: PrismaCounts, language: ReportLanguage) -> String {
        let s = ReportStrings.table(language)
        let rows = boxes(counts, s)
        func label(_ box: Box) -> String {
            "\"" + box.lines.map { escapeMermaid($0.text) }.joined(separator: "<br/>") + "\""
        }
        var out = "```mermaid\nflowchart TD\n"
        let mainIDs = ["identified", "screened", "sought", "assessed", "included", "total"]
        let sideIDs = ["removed", "excluded", "notretrieved", "ftexcluded", "", ""]
        if let previous = previousBox(counts, s) { out += "    previous[\(label(previous))]\n" }
        for (i, row) in rows.enumerated() {
            out += "    \(mainIDs[i])[\(label(row.main))]\n"
            if let side = row.side { out += "    \(sideIDs[i])[\(label(side))]\n" }
        }
        let other = otherBoxes(counts, s)
        let otherIDs = [0: ("oidentified", ""), 2: ("osought", "onotretrieved"), 3: ("oassessed", "oexcluded")]
        for index in other.keys.sorted() {
            guard let row = other[index], let ids = otherIDs[index] else { continue }
            out += "    \(ids.0)[\(label(row.main))]\n"
            if let side = row.side { out += "    \(ids.1)[\(label(side))]\n" }
        }
        for (i, row) in rows.enumerated() {
            if row.side != nil { out += "    \(mainIDs[i]) --> \(sideIDs[i])\n" }
            if i + 1 < rows.count { out += "    \(mainIDs[i]) --> \(mainIDs[i + 1])\n" }
        }
        if !other.isEmpty {
            out += "    oidentified --> osought\n    osought --> onotretrieved\n    osought --> oassessed\n"
            out += "    oassessed --> oexcluded\n    oassessed --> included\n"
        }
        if counts.previousStudies != nil { out += "    previous --> total\n" }
        return out + "```\n"
    }

    static func escapeMermaid(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
