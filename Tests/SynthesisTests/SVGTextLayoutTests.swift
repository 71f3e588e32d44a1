import Foundation
import Protocol
import Testing

@testable import Synthesis

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// No two texts of a figure overlap, whatever the labels: text boxes measured with the layout's
/// own width estimate (Tests/Browser/test_pages.py measures them again in Chromium).
@Suite struct SVGTextLayoutTests {
    static let longLabels = [
        "Kosteneffectiviteit", "Doelmatigheid", "Effectiviteit en gezondheidsuitkomsten",
        "Arbeidsongeschiktheidsverzekering",
        "Kwaliteit van zorg", "Patiëntbeleving en tevredenheid", "Werkdruk van zorgverleners", "Inzet capaciteit",
        "Cost-effectiveness", "Job satisfaction of professionals", "Sustainability", "Use of capacity",
    ]

    static func map(columns count: Int, hasDirections: Bool = true) -> GapMap {
        let columns = (0..<count).map { i in
            GapMap.Axis(
                id: "c\(i)",
                label: LocalizedText(en: longLabels[(i + 8) % longLabels.count], nl: longLabels[i % longLabels.count]),
                group: nil)
        }
        let rows = (0..<4).map { i in
            GapMap.Axis(
                id: "r\(i)",
                label: LocalizedText(
                    en: "Integration of disease programmes number \(i)",
                    nl: "Integratie van zorgprogramma's nummer \(i)"),
                group: LocalizedText(en: "Group \(i / 2)", nl: "Groep \(i / 2)")
            )
        }
        let mark = GapMap.Mark(key: "pmid:1", number: 1, label: "Jansen 2020", direction: .favourable)
        let cells = rows.map { r in
            columns.enumerated().map { c, column in
                GapMap.Cell(
                    row: r.id, column: column.id, studies: c % 3 == 0 ? [] : [mark], ongoing: c % 4 == 0 ? [mark] : [])
            }
        }
        return GapMap(
            spec: MatrixSpec(rows: "rows", columns: "columns", cell: .count, groupRows: true), rows: rows,
            columns: columns, cells: cells, hasDirections: hasDirections)
    }

    @Test func gapMapHeadingsNeverOverlap() throws {
        for count in [2, 9, 30] {
            for language in ReportLanguage.allCases {
                let svg = Self.map(columns: count).svg(language: language, title: "Test")
                try checkSVG(svg)
                let found = try Self.overlaps(svg)
                #expect(found == [], "\(count) columns, \(language): \(found.prefix(6))")
            }
        }
    }

    @Test func shortHeadingsStayAcross() throws {
        let columns = ["Cost", "Time", "Quality"].enumerated().map {
            GapMap.Axis(id: "c\($0)", label: LocalizedText(en: $1, nl: $1), group: nil)
        }
        var map = Self.map(columns: 3)
        map.columns = columns
        #expect(!map.columnHeaders(language: .en, cellWidth: 96, size: 11, lineHeight: 13).rotated)
        #expect(Self.map(columns: 9).columnHeaders(language: .nl, cellWidth: 96, size: 11, lineHeight: 13).rotated)
    }

    @Test func prismaFlowTextsNeverOverlap() throws {
        for language in ReportLanguage.allCases {
            let svg = PrismaFlow.svg(PrismaCounts.make(from: Fixture.input), language: language)
            let found = try Self.overlaps(svg)
            #expect(found == [], "\(language): \(found.prefix(6))")
        }
    }

    /// Pairs of texts whose boxes intersect: width from ``SVGCanvas/textWidth(_:size:)`` (10%
    /// more for bold), height the font size (0.8 above the baseline, 0.2 below), turned for
    /// `rotate(-90 …)`.
    static func overlaps(_ svg: String) throws -> [String] {
        let document = try XMLDocument(xmlString: svg, options: [])
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap { $0 as? XMLElement }
        typealias Box = (text: String, minX: Double, minY: Double, maxX: Double, maxY: Double)
        var boxes: [Box] = []
        for element in texts {
            func attribute(_ name: String) -> String? {
                element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
            }
            let text = element.stringValue ?? ""
            let x = Double(attribute("x") ?? "") ?? 0
            let y = Double(attribute("y") ?? "") ?? 0
            let size = Double(attribute("font-size") ?? "") ?? 13
            let width = SVGCanvas.textWidth(text, size: size) * (attribute("font-weight") == "bold" ? 1.1 : 1)
            var start = x
            if attribute("text-anchor") == "middle" { start -= width / 2 }
            if attribute("text-anchor") == "end" { start -= width }
            if attribute("transform")?.hasPrefix("rotate(-90 ") == true {
                boxes.append((text, x - size * 0.8, y - (start - x) - width, x + size * 0.2, y - (start - x)))
            } else {
                boxes.append((text, start, y - size * 0.8, start + width, y + size * 0.2))
            }
        }
        var out: [String] = []
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY {
                out.append("'\(a.text)' and '\(b.text)'")
            }
        }
        return out
    }
}
