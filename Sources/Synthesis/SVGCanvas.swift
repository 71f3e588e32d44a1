import Bibliography
import Foundation

/// A small SVG writer: shapes with coordinates rounded to 0.1, text escaped, output stable.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    static let fontFamily = "Helvetica, Arial, sans-serif"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String = "#ffffff", stroke: String? = "#000000",
        strokeWidth: Double = 1, rx: Double = 0, dash: String? = nil
    ) {
        var s = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\""
        if rx > 0 { s += " rx=\"\(n(rx))\"" }
        s += " fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        body.append(s + "/>")
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#000000", strokeWidth: Double = 1.5
    ) {
        body.append(
            "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"/>"
        )
    }

    /// A line with a filled triangular head at its end (a polygon, not a marker, so every
    /// renderer and the view-box check see it).
    mutating func arrow(x1: Double, y1: Double, x2: Double, y2: Double) {
        let dx = x2 - x1
        let dy = y2 - y1
        let length = max((dx * dx + dy * dy).squareRoot(), 0.001)
        let ux = dx / length
        let uy = dy / length
        let head = 9.0
        let bx = x2 - ux * head
        let by = y2 - uy * head
        line(x1: x1, y1: y1, x2: bx, y2: by)
        polygon([(x2, y2), (bx - uy * 4.5, by + ux * 4.5), (bx + uy * 4.5, by - ux * 4.5)], fill: "#000000")
    }

    mutating func circle(
        cx: Double, cy: Double, r: Double, fill: String, stroke: String? = "#000000", strokeWidth: Double = 1,
        dash: String? = nil
    ) {
        var s = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        body.append(s + "/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String? = nil, strokeWidth: Double = 1) {
        var s =
            "<polygon points=\"" + points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        body.append(s + "/>")
    }

    enum Anchor: String {
        case start, middle, end
    }

    mutating func text(
        _ string: String, x: Double, y: Double, size: Double = 13, anchor: Anchor = .start, bold: Bool = false,
        italic: Bool = false, rotate: Double? = nil, fill: String = "#000000"
    ) {
        var s = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if bold { s += " font-weight=\"bold\"" }
        if italic { s += " font-style=\"italic\"" }
        if fill != "#000000" { s += " fill=\"\(fill)\"" }
        if let rotate { s += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        body.append(s + ">" + XMLText.escape(string) + "</text>")
    }

    mutating func raw(_ element: String) { body.append(element) }

    /// The document, with a title and description for screen readers.
    func render(title: String, description: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"\(SVGCanvas.fontFamily)\" role=\"img\" aria-labelledby=\"title desc\">\n"
        out += "<title id=\"title\">" + XMLText.escape(title) + "</title>\n"
        out += "<desc id=\"desc\">" + XMLText.escape(description) + "</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        for element in body { out += element + "\n" }
        return out + "</svg>\n"
    }

    /// A coordinate with at most one decimal.
    func n(_ x: Double) -> String { SVGCanvas.number(x) }

    static func number(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        if r == r.rounded() { return String(Int(r)) }
        return String(format: "%.1f", r)
    }

    /// An estimate of the width of `s` in a sans-serif font of `size` (no font metrics offline).
    static func textWidth(_ s: String, size: Double) -> Double {
        var units = 0.0
        for c in s {
            switch c {
            case "i", "l", "j", "I", "'", ".", ",", ":", ";", "|", "!", " ", "(", ")", "t", "f", "r": units += 0.32
            case "m", "w", "M", "W": units += 0.85
            case _ where c.isUppercase: units += 0.68
            case _ where c.isNumber: units += 0.56
            default: units += 0.55
            }
        }
        return units * size * 1.15  // wide enough for DejaVu Sans, the usual fallback
    }

    /// Greedy word wrap to `width`; a word longer than a line stands on its own line.
    static func wrap(_ s: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in s.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if textWidth(candidate, size: size) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }
}
