public import Protocol

/// The PRISMA 2020 flow diagram (new review, databases only) as SVG, as a Mermaid block, and
/// as the PRISMA2020 R package's CSV template.
public enum PrismaFlow {
    /// One box's lines: the first is the heading.
    struct Box {
        var lines: [(text: String, indent: Bool)]
    }

    /// The boxes in PRISMA order: (main, side) per row.
    static func boxes(_ c: PrismaCounts, _ s: ReportStrings) -> [(main: Box, side: Box?)] {
        let lang = s.language
        var identified = Box(lines: [("\(s.recordsIdentified) (n\u{A0}=\u{A0}\(c.identified)):", false)])
        for db in c.perDatabase {
            identified.lines.append(("\(db.label.text(in: lang)) (n\u{A0}=\u{A0}\(db.n))", true))
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
        removed.lines.append(("\(s.removedOther) (n\u{A0}=\u{A0}\(c.otherRemovals))", true))
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
        let included = Box(lines: [
            ("\(s.studiesIncluded) (n\u{A0}=\u{A0}\(c.studiesIncluded))", false),
            ("\(s.reportsOfIncluded) (n\u{A0}=\u{A0}\(c.reportsIncluded))", false),
        ])
        return [
            (identified, removed), (screened, excluded), (sought, notRetrieved), (assessed, ftExcluded),
            (included, nil),
        ]
    }

    /// `prisma.svg`: the PRISMA 2020 layout, black on white with light bands, 13 pt text.
    ///
    /// - Complexity: O(databases + reasons).
    public static func svg(_ counts: PrismaCounts, language: ReportLanguage) -> String {
        let s = ReportStrings.table(language)
        let rows = boxes(counts, s)
        let fontSize = 13.0
        let lineHeight = 17.0
        let padding = 10.0
        let bandX = 12.0
        let bandWidth = 30.0
        let mainX = 60.0
        let mainWidth = 340.0
        let sideX = 470.0
        let sideWidth = 410.0
        let width = 900.0
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
        var y = 20.0
        var placed:
            [(top: Double, mainHeight: Double, sideHeight: Double, main: [(String, Double)], side: [(String, Double)]?)] =
                []
        for row in rows {
            let main = layout(row.main, width: mainWidth)
            let side = row.side.map { layout($0, width: sideWidth) }
            var mh = Double(main.count) * lineHeight + 2 * padding
            if row.side == nil {
                // The last band stands beside this box alone: room for its label.
                mh = max(mh, SVGCanvas.textWidth(s.includedBand, size: fontSize) + 24)
            }
            let sh = side.map { Double($0.count) * lineHeight + 2 * padding } ?? 0
            placed.append((y, mh, sh, main, side))
            y += max(mh, sh) + gap
        }
        let height = y - gap + 20
        var canvas = SVGCanvas(width: width, height: height)

        // Bands: identification (row 0), screening (rows 1–3), included (row 4).
        let bands: [(String, Int, Int)] = [(s.identification, 0, 0), (s.screening, 1, 3), (s.includedBand, 4, 4)]
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
        let description = rows.map { row in
            ([row.main] + (row.side.map { [$0] } ?? [])).map { $0.lines.map(\.text).joined(separator: " ") }.joined(
                separator: " → ")
        }.joined(separator: " ↓ ")
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
        let mainIDs = ["identified", "screened", "sought", "assessed", "included"]
        let sideIDs = ["removed", "excluded", "notretrieved", "ftexcluded", ""]
        for (i, row) in rows.enumerated() {
            out += "    \(mainIDs[i])[\(label(row.main))]\n"
            if let side = row.side { out += "    \(sideIDs[i])[\(label(side))]\n" }
        }
        for (i, row) in rows.enumerated() {
            if row.side != nil { out += "    \(mainIDs[i]) --> \(sideIDs[i])\n" }
            if i + 1 < rows.count { out += "    \(mainIDs[i]) --> \(mainIDs[i + 1])\n" }
        }
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
